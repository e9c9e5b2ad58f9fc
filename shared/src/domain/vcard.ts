/**
 * Contact cards (vCard), as WhatsApp shares them: the stored text of a `contact` message is one
 * vCard or several, one after the other. `parseVCards` reads what the inbox and the exported
 * conversation show (name, numbers, e-mails); `buildVCard` writes the card Switchboard sends.
 * Reads vCard 2.1 (Android's export: quoted-printable values) to 4.0, folded lines included.
 */

/** A number on a card. */
export interface VCardPhone {
  /** As the card writes it (`+34 600 11 22 33`). */
  number: string;
  /** The WhatsApp account's digits: the card's `waid`, else the number's when it is international. */
  whatsapp?: string;
  /** What the card calls it (`Móvil`, `WORK`), when it says. */
  label?: string;
}

/** One person of a card. */
export interface VCardPerson {
  name: string;
  org?: string;
  phones: VCardPhone[];
  emails: string[];
}

/** The most people one message's cards are read for (WhatsApp shares at most a few hundred). */
const MAX_PEOPLE = 250;

interface Property {
  group: string;
  name: string;
  params: Array<[string, string]>;
  value: string;
}

/** Folded lines joined (a line starting with a space or tab continues the one before). */
function unfold(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

function unescape(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Quoted-printable (vCard 2.1) to text, as UTF-8. */
const utf8 = new TextEncoder();

function quotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(value.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...utf8.encode(value[i]!));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function parseLine(line: string): Property | null {
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  const [head = '', ...params] = line.slice(0, colon).split(';');
  const dot = head.lastIndexOf('.');
  const parsed: Array<[string, string]> = params.map((p) => {
    const eq = p.indexOf('=');
    // vCard 2.1 writes a bare type (`TEL;CELL:`).
    return eq < 0 ? ['TYPE', p] : [p.slice(0, eq).toUpperCase(), p.slice(eq + 1)];
  });
  let value = line.slice(colon + 1);
  if (parsed.some(([k, v]) => k === 'ENCODING' && v.toUpperCase() === 'QUOTED-PRINTABLE')) value = quotedPrintable(value);
  return { group: dot > 0 ? head.slice(0, dot).toLowerCase() : '', name: head.slice(dot + 1).toUpperCase(), params: parsed, value };
}

/** Lines of a card, with vCard 2.1's quoted-printable soft line breaks (`=` at the end) joined. */
function cardLines(text: string): string[] {
  const out: string[] = [];
  for (const line of unfold(text)) {
    const last = out.length - 1;
    if (last >= 0 && /ENCODING=QUOTED-PRINTABLE/i.test(out[last]!.split(':')[0]!) && out[last]!.endsWith('=')) out[last] = out[last]!.slice(0, -1) + line;
    else out.push(line);
  }
  return out;
}

function digitsOf(number: string): string | undefined {
  const trimmed = number.trim();
  if (!/^(\+|00)/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/^00/, '').replace(/[^\d]/g, '');
  return /^\d{6,15}$/.test(digits) ? digits : undefined;
}

function personOf(props: Property[]): VCardPerson {
  const get = (name: string) => props.find((p) => p.name === name);
  const labels = new Map(props.filter((p) => p.name === 'X-ABLABEL' && p.group).map((p) => [p.group, unescape(p.value)]));
  const structured = get('N')?.value.split(/(?<!\\);/).map(unescape) ?? [];
  const fromN = [structured[3], structured[1], structured[2], structured[0], structured[4]].filter((s) => s?.trim()).join(' ');
  const org = get('ORG')?.value.split(/(?<!\\);/).map(unescape).filter(Boolean).join(', ');
  const phones = props
    .filter((p) => p.name === 'TEL')
    .map((p): VCardPhone => {
      const number = unescape(p.value).replace(/^tel:/i, '').trim();
      const waid = p.params.find(([k]) => k === 'WAID')?.[1];
      const whatsapp = waid && /^\d{6,15}$/.test(waid) ? waid : digitsOf(number);
      const type = p.params.find(([k, v]) => k === 'TYPE' && !/^(voice|pref)$/i.test(v))?.[1];
      const label = labels.get(p.group) ?? type;
      return { number, ...(whatsapp ? { whatsapp } : {}), ...(label ? { label } : {}) };
    })
    .filter((p) => p.number || p.whatsapp);
  const emails = props.filter((p) => p.name === 'EMAIL').map((p) => unescape(p.value).trim()).filter(Boolean);
  const name = unescape(get('FN')?.value ?? '').trim() || fromN || org || phones[0]?.number || emails[0] || '';
  return { name, ...(org ? { org } : {}), phones, emails };
}

/** The people of one vCard text or several (empty when it holds no card). */
export function parseVCards(text: string | null | undefined): VCardPerson[] {
  if (!text) return [];
  const people: VCardPerson[] = [];
  let card: Property[] | null = null;
  for (const line of cardLines(text)) {
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') card = [];
    else if (upper === 'END:VCARD') {
      if (card) people.push(personOf(card));
      card = null;
      if (people.length >= MAX_PEOPLE) break;
    } else if (card) {
      const prop = parseLine(line);
      if (prop) card.push(prop);
    }
  }
  return people;
}

/** Each card of a text holding several, as its own text (a WhatsApp contact card carries one each). */
export function splitVCards(text: string): string[] {
  return [...text.matchAll(/^[ \t]*BEGIN:VCARD[ \t]*\r?$[\s\S]*?^[ \t]*END:VCARD[ \t]*\r?$/gim)].map((m) => m[0].trim());
}

/** Whether a text is a vCard (what a `contact` message must carry). */
export function isVCard(text: string | null | undefined): boolean {
  return !!text && /^\s*BEGIN:VCARD\s*$/im.test(text) && /^\s*END:VCARD\s*$/im.test(text);
}

const escapeValue = (s: string) => s.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/([,;])/g, '\\$1');

/**
 * The card Switchboard sends for a person: their name and one WhatsApp number (digits in
 * international format), written as WhatsApp's own apps write it, so the recipient's phone
 * offers *Enviar mensaje* and *Añadir contacto*.
 */
export function buildVCard(person: { name: string; phone: string }): string {
  const name = escapeValue(person.name.trim());
  const digits = person.phone.replace(/\D/g, '');
  return ['BEGIN:VCARD', 'VERSION:3.0', `N:;${name};;;`, `FN:${name}`, `TEL;type=CELL;type=VOICE;waid=${digits}:+${digits}`, 'END:VCARD'].join('\n');
}

/**
 * A `contact` message's stored fields: the vCard (`text`: written from the person an API client
 * names, else the vCard it gave) and the name the chat list shows (`caption`).
 */
export function contactCardFields(body: { contact?: { name: string; phone: string } | undefined; text?: string | undefined }): { text: string; caption: string } {
  const text = body.contact ? buildVCard(body.contact) : (body.text ?? '');
  const people = parseVCards(text);
  return { text, caption: people.map((p) => p.name).filter(Boolean).join(', ').slice(0, 256) };
}
