import type { ReportView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { reportCsv, type CsvLabels } from './reportCsv.ts';

const LABELS: CsvLabels = {
  person: 'Persona', session: 'Cuenta', replies: 'Respuestas', chats: 'Conversaciones', answered: 'Respondidas', received: 'Recibidos',
  sent: 'Enviados', unanswered: 'Sin responder', median: 'Mediana (min)', p90: '90 % (min)', nobody: 'Teléfono o integración', unknown: 'Otra persona',
};

const REPORT: ReportView = {
  from: 0,
  to: 1,
  timeZone: 'Europe/Madrid',
  totals: { received: 9, sent: 4, chats: 3, waits: 4, answered: 3, handled: 0, unanswered: 1, responseTime: { median: 300_000, p90: 1_200_000 }, waitingNow: 1 },
  days: [],
  hours: [],
  people: [
    { userId: 'u1', name: 'Elena "la jefa"; Ruiz', replies: 3, chats: 2, answered: 2, responseTime: { median: 330_000, p90: 1_200_000 } },
    { userId: 'u2', name: null, replies: 1, chats: 1, answered: 0, responseTime: null },
    { userId: null, name: null, replies: 1, chats: 1, answered: 1, responseTime: { median: 180_000, p90: 180_000 } },
  ],
  sessions: [{ sessionId: 'ventas', name: 'Ventas, Madrid', received: 9, sent: 4, chats: 3, waits: 4, answered: 3, handled: 0, unanswered: 1, responseTime: { median: 300_000, p90: 1_200_000 } }],
};

describe('reportCsv', () => {
  it('writes both tables for a Spanish spreadsheet: BOM, semicolons, decimal commas, quoted fields', () => {
    const lines = reportCsv(REPORT, LABELS, 'es').split('\r\n');
    expect(lines).toEqual([
      '\uFEFFPersona;Respuestas;Conversaciones;Respondidas;Mediana (min);90 % (min)',
      '"Elena ""la jefa""; Ruiz";3;2;2;5,5;20',
      'Otra persona;1;1;0;;',
      'Teléfono o integración;1;1;1;3;3',
      '',
      'Cuenta;Recibidos;Enviados;Conversaciones;Respondidas;Sin responder;Mediana (min);90 % (min)',
      'Ventas, Madrid;9;4;3;3;1;5;20',
      '',
    ]);
  });

  it('uses commas and decimal points in English', () => {
    const lines = reportCsv(REPORT, LABELS, 'en').split('\r\n');
    expect(lines[1]).toBe('"Elena ""la jefa""; Ruiz",3,2,2,5.5,20');
    expect(lines[6]).toBe('"Ventas, Madrid",9,4,3,3,1,5,20');
  });

  it('keeps a name that looks like a formula as text', () => {
    const hostile: ReportView = { ...REPORT, people: [{ ...REPORT.people[0]!, name: '=HYPERLINK("http://x")' }] };
    expect(reportCsv(hostile, LABELS, 'es').split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"")";3;2;2;5,5;20`);
  });
});
