/**
 * One group member's receipts for a message we sent to a group (WhatsApp's "Leído por" /
 * "Entregado a"): ms when their phone said delivered and read, null when it has not.
 */
export interface MemberReceiptView {
  /** The member's phone-number JID (their LID when WhatsApp never told the number). */
  member: string;
  /** Their name: the contact's chat name, else the push name of their latest group message; null when unknown. */
  name: string | null;
  deliveredAt: number | null;
  readAt: number | null;
}

/** Answer of `GET /api/sessions/:id/messages/:messageId/receipts`: read first (latest first), then delivered. */
export interface MemberReceiptList {
  receipts: MemberReceiptView[];
}
