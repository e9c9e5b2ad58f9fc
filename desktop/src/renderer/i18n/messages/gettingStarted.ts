import { defineMessages } from '../define.ts';

/** The dashboard's *Primeros pasos* on a new installation. */
export const gettingStarted = defineMessages(
  {
    'start.title': 'Primeros pasos',
    'start.hint': 'Tres pasos para que tu equipo atienda WhatsApp desde aquí.',
    'start.hide': 'Ocultar',
    'start.done': 'hecho',
    'start.session.title': 'Vincula una cuenta de WhatsApp',
    'start.session.body': 'Crea una sesión y escanea su código QR con el teléfono de la empresa (WhatsApp → Dispositivos vinculados).',
    'start.session.action': 'Ir a Sesiones',
    'start.team.title': 'Invita a tu equipo',
    'start.team.body': 'Crea una cuenta para cada persona; reciben una contraseña temporal por correo.',
    'start.team.action': 'Crear usuario',
    'start.assign.title': 'Asigna conversaciones',
    'start.assign.body': 'Cada empleado ve solo las conversaciones asignadas a él; el reparto automático puede hacerlo por ti.',
    'start.assign.action': 'Ir a Asignaciones',
  },
  {
    'start.title': 'Getting started',
    'start.hint': 'Three steps for your team to answer WhatsApp from here.',
    'start.hide': 'Hide',
    'start.done': 'done',
    'start.session.title': 'Link a WhatsApp account',
    'start.session.body': "Create a session and scan its QR code with the company's phone (WhatsApp → Linked devices).",
    'start.session.action': 'Go to Sessions',
    'start.team.title': 'Invite your team',
    'start.team.body': 'Create an account for each person; they get a temporary password by email.',
    'start.team.action': 'Create user',
    'start.assign.title': 'Assign conversations',
    'start.assign.body': 'Each employee sees only the conversations assigned to them; automatic distribution can do it for you.',
    'start.assign.action': 'Go to Assignments',
  },
);
