import { defineMessages } from '../define.ts';

/** Pinned conversations ("Fijar arriba"): each person's own, on top of their list. */
export const pins = defineMessages(
  {
    'pin.add': 'Fijar arriba',
    'pin.remove': 'Desfijar',
    'pin.added': 'Conversación fijada arriba de tu lista.',
    'pin.removed': 'Conversación desfijada.',
    'pin.inList': 'Fijada',
    'code.too_many_pins': 'Ya tienes 5 conversaciones fijadas: desfija una para fijar esta.',
  },
  {
    'pin.add': 'Pin to top',
    'pin.remove': 'Unpin',
    'pin.added': 'Conversation pinned to the top of your list.',
    'pin.removed': 'Conversation unpinned.',
    'pin.inList': 'Pinned',
    'code.too_many_pins': 'You already have 5 pinned conversations: unpin one to pin this one.',
  },
);
