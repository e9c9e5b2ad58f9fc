/**
 * A document's type as people name it ("PDF", "Word", "Excel", "ZIP"), from its MIME type or,
 * failing that, its file name's extension; null when neither says anything useful. The MIME
 * type itself ("application/vnd.openxmlformats-officedocument…") means nothing to an agent.
 */
const BY_MIME: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.oasis.opendocument.text': 'OpenDocument',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/zip': 'ZIP',
  'application/x-zip-compressed': 'ZIP',
  'application/x-rar-compressed': 'RAR',
  'application/vnd.rar': 'RAR',
  'application/x-7z-compressed': '7z',
  'text/plain': 'TXT',
  'text/csv': 'CSV',
  'text/calendar': 'iCalendar',
  'text/vcard': 'vCard',
  'application/json': 'JSON',
  'application/xml': 'XML',
  'text/xml': 'XML',
};

const BY_EXTENSION: Record<string, string> = {
  pdf: 'PDF', doc: 'Word', docx: 'Word', odt: 'OpenDocument', xls: 'Excel', xlsx: 'Excel', ods: 'OpenDocument', csv: 'CSV',
  ppt: 'PowerPoint', pptx: 'PowerPoint', zip: 'ZIP', rar: 'RAR', '7z': '7z', txt: 'TXT', ics: 'iCalendar', vcf: 'vCard', json: 'JSON', xml: 'XML',
};

/** The type's everyday name ("PDF"), else the extension in capitals ("DWG"), else null. */
export function fileTypeLabel(mimeType: string | null | undefined, fileName: string | null | undefined): string | null {
  const mime = mimeType?.split(';')[0]?.trim().toLowerCase();
  if (mime && BY_MIME[mime]) return BY_MIME[mime];
  const ext = /\.([a-z0-9]{1,8})$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext) return BY_EXTENSION[ext] ?? ext.toUpperCase();
  if (mime?.startsWith('image/')) return mime.slice(6).toUpperCase();
  return null;
}
