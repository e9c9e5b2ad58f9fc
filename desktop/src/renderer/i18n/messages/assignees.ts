import { defineMessages } from '../define.ts';

/** Who handles a chat, from the chat itself: take it, hand it over, and hearing it was given to you. */
export const assignees = defineMessages(
  {
    'transfer.open': 'Asignar o transferir',
    'thread.takeChat': 'Asignármela',
    'notify.assigned': 'Asignada a ti: {preview}',
    'notify.assignedEmpty': 'Se te ha asignado esta conversación.',
    'thread.tookChat': 'La conversación es tuya.',
    'transfer.title': '¿Quién atiende a {name}?',
    'transfer.current': 'Asignada ahora a',
    'transfer.remove': 'Quitar a {name}',
    'transfer.replace': 'Quitar a las personas asignadas ahora (transferir)',
    'transfer.submitReplace': 'Transferir',
    'transfer.submitAdd': 'Asignar',
    'transfer.done': 'Conversación asignada a {name}.',
  },
  {
    'transfer.open': 'Assign or transfer',
    'thread.takeChat': 'Assign to me',
    'notify.assigned': 'Assigned to you: {preview}',
    'notify.assignedEmpty': 'This conversation was assigned to you.',
    'thread.tookChat': 'The conversation is yours.',
    'transfer.title': 'Who handles {name}?',
    'transfer.current': 'Assigned now to',
    'transfer.remove': 'Remove {name}',
    'transfer.replace': 'Remove the people assigned now (transfer)',
    'transfer.submitReplace': 'Transfer',
    'transfer.submitAdd': 'Assign',
    'transfer.done': 'Conversation assigned to {name}.',
  },
);
