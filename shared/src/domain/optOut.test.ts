import { describe, expect, it } from 'vitest';
import { optOutRequest } from './optOut.ts';

describe('optOutRequest', () => {
  it('recognises the usual words, whatever the case, accents and end punctuation', () => {
    for (const text of ['BAJA', 'baja', ' Baja. ', 'STOP', 'Stop!', 'Darme de baja', 'darme de BAJA!!', 'No más mensajes', '¡No quiero recibir más mensajes!', 'unsubscribe', '«BAJA»']) {
      expect([text, optOutRequest(text)]).toEqual([text, text.trim()]);
    }
  });

  it('leaves questions and longer messages alone', () => {
    for (const text of ['¿Cómo me doy de baja del gimnasio?', 'baja el precio?', 'Stop, espera, ya lo tengo', 'la bajada', 'Hola', '', null, undefined, 'baja '.repeat(20)]) {
      expect([text, optOutRequest(text)]).toEqual([text, null]);
    }
  });
});
