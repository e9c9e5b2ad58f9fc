import { defineMessages } from '../define.ts';

/** The inbox's *Datos del contacto*. */
export const contact = defineMessages(
  {
    'contact.open': 'Datos del contacto',
    'contact.title': 'Datos de {name}',
    'contact.phone': 'Número',
    'contact.copy': 'Copiar',
    'contact.copied': 'Número copiado.',
    'contact.copyFailed': 'No se pudo copiar el número.',
    'contact.session': 'Sesión',
    'contact.since': 'En contacto desde',
    'contact.messages': 'Mensajes',
    'contact.elsewhere': 'También escribe a',
    'contact.files': 'Últimos archivos',
    'contact.noFiles': 'Todavía no hay archivos en esta conversación.',
    'shortcuts.contact': 'Datos del contacto',
  },
  {
    'contact.open': 'Contact details',
    'contact.title': "{name}'s details",
    'contact.phone': 'Number',
    'contact.copy': 'Copy',
    'contact.copied': 'Number copied.',
    'contact.copyFailed': 'The number could not be copied.',
    'contact.session': 'Session',
    'contact.since': 'In touch since',
    'contact.messages': 'Messages',
    'contact.elsewhere': 'Also writes to',
    'contact.files': 'Latest files',
    'contact.noFiles': 'No files in this conversation yet.',
    'shortcuts.contact': 'Contact details',
  },
);
