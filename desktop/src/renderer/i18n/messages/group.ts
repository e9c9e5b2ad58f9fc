import { defineMessages } from '../define.ts';

/** The inbox's *Datos del grupo*: description and members of a group chat. */
export const group = defineMessages(
  {
    'group.open': 'Datos del grupo',
    'group.loading': 'Preguntando a WhatsApp por el grupo…',
    'group.about': 'Descripción',
    'group.created': 'Creado el {date}.',
    'group.createdBy': 'Creado el {date} por {name}.',
    'group.members': 'Miembros',
    'group.membersCount': 'Miembros ({count})',
    'group.search': 'Buscar un miembro por nombre o número',
    'group.noMatch': 'Ningún miembro coincide.',
    'group.account': 'Esta cuenta ({session})',
    'group.admin': 'Admin del grupo',
    'group.openChat': 'Abrir su chat',
    'group.openChatOf': 'Abrir su chat ({name})',
    'code.not_in_group': 'Esta cuenta de WhatsApp ya no está en el grupo: WhatsApp no dice quién está en él.',
    'code.not_a_group': 'Esta conversación no es un grupo.',
  },
  {
    'group.open': 'Group details',
    'group.loading': 'Asking WhatsApp about the group…',
    'group.about': 'Description',
    'group.created': 'Created on {date}.',
    'group.createdBy': 'Created on {date} by {name}.',
    'group.members': 'Members',
    'group.membersCount': 'Members ({count})',
    'group.search': 'Find a member by name or number',
    'group.noMatch': 'No member matches.',
    'group.account': 'This account ({session})',
    'group.admin': 'Group admin',
    'group.openChat': 'Open their chat',
    'group.openChatOf': 'Open their chat ({name})',
    'code.not_in_group': 'This WhatsApp account is no longer in the group: WhatsApp does not say who is in it.',
    'code.not_a_group': 'This conversation is not a group.',
  },
);
