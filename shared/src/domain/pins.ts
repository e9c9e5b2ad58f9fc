/** How many conversations one person may pin to the top of their inbox (WhatsApp allows 3; a team inbox, a few more). */
export const MAX_PINNED_CHATS = 5;
