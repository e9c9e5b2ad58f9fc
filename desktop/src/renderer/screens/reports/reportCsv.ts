/**
 * *Informes* as a CSV file a spreadsheet opens as it is: a UTF-8 byte-order mark, `;` between
 * fields in Spanish (Excel's list separator where the decimal comma is used), `,` in English;
 * fields quoted when they need it, and names a spreadsheet would run as formulas kept as text; response times in minutes with one decimal. Two tables, by
 * person and by session, separated by an empty line.
 */
import type { ReportView, ResponseTimeView } from '@switchboard/shared';

/** The words of the file (translated by the caller). */
export interface CsvLabels {
  person: string;
  session: string;
  replies: string;
  chats: string;
  answered: string;
  received: string;
  sent: string;
  unanswered: string;
  median: string;
  p90: string;
  /** Name of the replies nobody in the team wrote (the phone, an integration). */
  nobody: string;
  /** Name of someone the viewer may not see. */
  unknown: string;
}

/** The file's text. */
export function reportCsv(report: ReportView, labels: CsvLabels, locale: 'es' | 'en'): string {
  const sep = locale === 'es' ? ';' : ',';
  const minutes = new Intl.NumberFormat(locale === 'es' ? 'es-ES' : 'en-GB', { maximumFractionDigits: 1, useGrouping: false });
  const cell = (v: string | number) => {
    // A name a spreadsheet would run as a formula (=, +, -, @) is written as text.
    const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const time = (t: ResponseTimeView, k: 'median' | 'p90') => (t ? minutes.format(t[k] / 60_000) : '');
  const line = (fields: (string | number)[]) => fields.map(cell).join(sep);
  const people = report.people.map((p) =>
    line([p.userId === null ? labels.nobody : (p.name ?? labels.unknown), p.replies, p.chats, p.answered, time(p.responseTime, 'median'), time(p.responseTime, 'p90')]),
  );
  const sessions = report.sessions.map((s) => line([s.name, s.received, s.sent, s.chats, s.answered, s.unanswered, time(s.responseTime, 'median'), time(s.responseTime, 'p90')]));
  return [
    '\uFEFF' + line([labels.person, labels.replies, labels.chats, labels.answered, labels.median, labels.p90]),
    ...people,
    '',
    line([labels.session, labels.received, labels.sent, labels.chats, labels.answered, labels.unanswered, labels.median, labels.p90]),
    ...sessions,
    '',
  ].join('\r\n');
}
