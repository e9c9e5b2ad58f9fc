import { defineMessages } from '../define.ts';

/** Blocking a contact on WhatsApp for the session's account (*Datos del contacto*, the reply box, the list). */
export const block = defineMessages(
  {
    'block.title': 'Bloquear',
    'block.hint': 'Al bloquear el contacto, esta cuenta de WhatsApp deja de recibir sus mensajes y llamadas, y nadie del equipo puede escribirle desde ella. WhatsApp no le avisa.',
    'block.blockedHint': 'Esta cuenta de WhatsApp tiene bloqueado a este contacto: sus mensajes no llegan y no se le puede escribir.',
    'block.button': 'Bloquear contacto',
    'block.unblock': 'Desbloquear',
    'block.confirmTitle': '¿Bloquear a {name}?',
    'block.confirmBody': '{name} no podrá escribir ni llamar a {session}, y nadie del equipo podrá escribirle desde esta cuenta hasta que se desbloquee. Lo que escriba mientras tanto no llegará nunca, tampoco después. WhatsApp no le avisa.',
    'block.confirm': 'Bloquear',
    'block.done': '{name}: contacto bloqueado en {session}.',
    'block.undone': '{name}: contacto desbloqueado. Sus mensajes vuelven a llegar.',
    'block.replyBlocked': 'Has bloqueado a este contacto en {session}: no recibes sus mensajes y no puedes escribirle. Puedes escribir una nota interna para el equipo.',
    'block.inList': 'Bloqueado',
    'msg.reason.blocked': 'el contacto está bloqueado en esta cuenta',
    'code.not_a_contact': 'Un grupo no se puede bloquear: sal del grupo si no quieres sus mensajes.',
    'code.cannot_block': 'WhatsApp no sabe a quién corresponde este chat, así que no se puede bloquear desde aquí. Bloquéalo desde el teléfono.',
  },
  {
    'block.title': 'Block',
    'block.hint': 'Once blocked, this WhatsApp account stops receiving their messages and calls, and nobody on the team can write to them from it. They are not told.',
    'block.blockedHint': 'This WhatsApp account has blocked this contact: their messages do not arrive and nobody can write to them.',
    'block.button': 'Block contact',
    'block.unblock': 'Unblock',
    'block.confirmTitle': 'Block {name}?',
    'block.confirmBody': '{name} will not be able to write to or call {session}, and nobody on the team can write to them from this account until it is unblocked. Messages they send meanwhile never arrive, not even later. WhatsApp does not tell them.',
    'block.confirm': 'Block',
    'block.done': '{name}: contact blocked on {session}.',
    'block.undone': '{name}: contact unblocked. Their messages arrive again.',
    'block.replyBlocked': 'You blocked this contact on {session}: their messages do not arrive and you cannot write to them. You can write an internal note for the team.',
    'block.inList': 'Blocked',
    'msg.reason.blocked': 'the contact is blocked on this account',
    'code.not_a_contact': 'A group cannot be blocked: leave the group if you do not want its messages.',
    'code.cannot_block': 'WhatsApp does not know who this chat belongs to, so it cannot be blocked from here. Block it on the phone.',
  },
);
