import { defineMessages } from '../define.ts';

/** Mentions in internal notes. */
export const mentions = defineMessages(
  {
    'notes.mention': 'Mencionar a alguien del equipo',
    'notes.mentionedYou': '{name} te mencionó en una nota: {text}',
    'notes.mentioned': 'Avisado: {names}',
    'code.mention_not_allowed': 'Esa persona no puede ver esta conversación: asígnasela antes de mencionarla.',
  },
  {
    'notes.mention': 'Mention someone on the team',
    'notes.mentionedYou': '{name} mentioned you in a note: {text}',
    'notes.mentioned': 'Told: {names}',
    'code.mention_not_allowed': 'That person cannot see this conversation: assign it to them before mentioning them.',
  },
);
