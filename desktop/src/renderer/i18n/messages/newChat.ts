import { defineMessages } from '../define.ts';

/** Starting a conversation with a customer who has not written yet. */
export const newChat = defineMessages(
  {
    'newChat.open': 'Nueva conversación',
    'newChat.title': 'Nueva conversación',
    'newChat.hint': 'Escribe a un cliente que todavía no te ha escrito. Antes de enviar comprobamos que el número tiene WhatsApp.',
    'newChat.line': 'Desde la sesión',
    'newChat.lineStatus': '{name} ({status})',
    'newChat.phone': 'Número de teléfono',
    'newChat.phoneHint': 'Con el código del país, por ejemplo +34 612 345 678.',
    'newChat.phoneInvalid': 'Escribe el número con el código del país: entre 6 y 15 cifras.',
    'newChat.notOnWhatsApp': 'Este número no tiene WhatsApp.',
    'newChat.message': 'Mensaje',
    'newChat.send': 'Comprobar y enviar',
    'newChat.sent': 'Conversación iniciada con {phone}.',
    'shortcuts.newChat': 'Nueva conversación con un número',
    'code.not_connected': 'La sesión no está conectada a WhatsApp ahora mismo. Inténtalo cuando vuelva a estar conectada.',
    'code.actor_not_running': 'La sesión está detenida: no puede hablar con WhatsApp hasta que se inicie.',
  },
  {
    'newChat.open': 'New conversation',
    'newChat.title': 'New conversation',
    'newChat.hint': 'Write to a customer who has not written to you yet. Before sending we check that the number has WhatsApp.',
    'newChat.line': 'From session',
    'newChat.lineStatus': '{name} ({status})',
    'newChat.phone': 'Phone number',
    'newChat.phoneHint': 'With the country code, for example +34 612 345 678.',
    'newChat.phoneInvalid': 'Type the number with its country code: 6 to 15 digits.',
    'newChat.notOnWhatsApp': 'This number does not have WhatsApp.',
    'newChat.message': 'Message',
    'newChat.send': 'Check and send',
    'newChat.sent': 'Conversation started with {phone}.',
    'shortcuts.newChat': 'New conversation with a number',
    'code.not_connected': 'The session is not connected to WhatsApp right now. Try again once it is connected.',
    'code.actor_not_running': 'The session is stopped: it cannot talk to WhatsApp until it is started.',
  },
);
