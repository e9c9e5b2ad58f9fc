import { defineMessages } from '../define.ts';

/** "Información del mensaje": who sent one of ours and when it was delivered and read. */
export const messageInfo = defineMessages(
  {
    'info.action': 'Información del mensaje',
    'info.title': 'Información del mensaje',
    'info.by': 'Enviado por',
    'info.phone': 'Desde el teléfono',
    'info.written': 'Escrito',
    'info.sent': 'Enviado',
    'info.delivered': 'Entregado',
    'info.read': 'Leído',
    'info.played': 'Escuchado',
    'info.notYet': 'Todavía no',
    'info.readOff': 'Si el cliente tiene desactivadas las confirmaciones de lectura, no sabremos cuándo lo lee.',
    'info.group': 'En un grupo, cada paso es el de la primera persona que lo recibió, lo leyó o lo escuchó.',
  },
  {
    'info.action': 'Message info',
    'info.title': 'Message info',
    'info.by': 'Sent by',
    'info.phone': 'From the phone',
    'info.written': 'Written',
    'info.sent': 'Sent',
    'info.delivered': 'Delivered',
    'info.read': 'Read',
    'info.played': 'Played',
    'info.notYet': 'Not yet',
    'info.readOff': 'If the customer has turned read receipts off, we will not know when they read it.',
    'info.group': 'In a group, each step is the first member’s to receive, read or play it.',
  },
);
