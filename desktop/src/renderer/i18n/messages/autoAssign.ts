import { defineMessages } from '../define.ts';

/** *Reparto automático* of new conversations (the assignments screen). */
export const autoAssign = defineMessages(
  {
    'autoAssign.open': 'Reparto automático',
    'autoAssign.on.one': 'Reparto automático: {count} persona',
    'autoAssign.on.other': 'Reparto automático: {count} personas',
    'autoAssign.off': 'Reparto automático: desactivado',
    'autoAssign.title': 'Reparto automático en {session}',
    'autoAssign.hint': 'Cada conversación nueva que nadie tiene se asigna sola a la persona con menos clientes esperando respuesta; si empatan, a quien lleve más tiempo sin recibir una.',
    'autoAssign.enabled': 'Asignar automáticamente las conversaciones nuevas',
    'autoAssign.people': 'Quién las recibe',
    'autoAssign.onlineOnly': 'Solo a quien tenga Switchboard abierto',
    'autoAssign.onlineOnlyHint': 'Si ninguna de estas personas está conectada, la conversación espera sin asignar y se reparte con el siguiente mensaje del cliente.',
    'autoAssign.savedOn': 'Reparto automático activado.',
    'autoAssign.savedOff': 'Reparto automático desactivado.',
    'code.no_people': 'Elige al menos una persona que reciba las conversaciones nuevas.',
  },
  {
    'autoAssign.open': 'Automatic distribution',
    'autoAssign.on.one': 'Automatic distribution: {count} person',
    'autoAssign.on.other': 'Automatic distribution: {count} people',
    'autoAssign.off': 'Automatic distribution: off',
    'autoAssign.title': 'Automatic distribution in {session}',
    'autoAssign.hint': 'Each new conversation nobody has is assigned by itself to the person with the fewest customers waiting for a reply; on a tie, to whoever has gone longest without one.',
    'autoAssign.enabled': 'Assign new conversations automatically',
    'autoAssign.people': 'Who gets them',
    'autoAssign.onlineOnly': 'Only to those with Switchboard open',
    'autoAssign.onlineOnlyHint': "If none of these people is connected, the conversation waits unassigned and is handed out with the customer's next message.",
    'autoAssign.savedOn': 'Automatic distribution on.',
    'autoAssign.savedOff': 'Automatic distribution off.',
    'code.no_people': 'Choose at least one person to receive new conversations.',
  },
);
