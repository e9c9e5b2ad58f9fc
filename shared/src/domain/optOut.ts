/**
 * A customer asking not to get the messages a business sends to many chats at once: a whole
 * message that is one of the usual words for it ("BAJA", "Stop", "Darme de baja"…), in any case,
 * with or without accents and end punctuation. Only the whole message counts: "¿Cómo me doy de
 * baja del gimnasio?" is a question, not a request.
 */

/** The requests, normalised (lower case, no accents, single spaces). */
const STOP_WORDS = new Set([
  'baja',
  'stop',
  'darme de baja',
  'dame de baja',
  'dadme de baja',
  'quiero darme de baja',
  'no mas mensajes',
  'no quiero mas mensajes',
  'no quiero recibir mas mensajes',
  'no enviar mas',
  'no enviar mas mensajes',
  'unsubscribe',
  'stop all',
]);

/** The longest text looked at (the longest request is far shorter). */
const MAX_LENGTH = 60;

/** `text` normalised for the comparison. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s.,;:!¡?¿"'«»()*_~-]+/g, ' ')
    .trim();
}

/** The request `text` makes (its words as written, trimmed), or null when it is not one. */
export function optOutRequest(text: string | null | undefined): string | null {
  if (!text || text.length > MAX_LENGTH) return null;
  return STOP_WORDS.has(normalise(text)) ? text.trim() : null;
}
