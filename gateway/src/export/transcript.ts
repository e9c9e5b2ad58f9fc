/**
 * A conversation as plain text (*Exportar conversación*): a header (who, which account, when
 * exported), then one line per message and internal note in time order —
 * `[06/12/2026 10:32] Alicia Gómez: ¿Tenéis la talla 40?` — in the reader's language and time
 * zone. Files, locations and the like are named in brackets, a deleted message says so and keeps
 * nothing of its words, edits and forwards are marked, people mentioned are named, a change to a
 * group is a line of its own ("Carla añadió a Eva"), reactions are left out. Pure: the route feeds it rows
 * from cursors and streams what it returns (transcriptStream).
 */
import { callPreviewKind, groupEventWording, partyLabel, parseVCards, pollParts, textWithMentionNames, type GroupEvent, type GroupEventParty, type MessageCall, type MessageKind, type MessageMention, type UserLocale } from '@switchboard/shared';

/** The fields of a message the transcript reads. */
export interface TranscriptMessage {
  fromMe: boolean;
  timestamp: Date;
  kind: MessageKind;
  text?: string | null;
  caption?: string | null;
  pushName?: string | null;
  sender?: string | null;
  userId?: { toString(): string } | null;
  automated?: boolean;
  forwarded?: boolean;
  editedAt?: Date | null;
  revokedAt?: Date | null;
  location?: { name?: string | null; address?: string | null; latitude: number; longitude: number } | null;
  mentions?: MessageMention[];
  system?: GroupEvent | null;
  call?: MessageCall | null;
  event?: { startAt: Date; endAt?: Date | null; place?: { name?: string | null; address?: string | null } | null; link?: string | null; canceled?: boolean | null } | null;
  invite?: { groupName: string } | null;
}

/** An internal note as the transcript reads it. */
export interface TranscriptNote {
  createdAt: Date;
  authorName: string;
  text: string;
}

const WORDS = {
  es: {
    title: 'Conversación con {name}',
    account: 'Cuenta de WhatsApp: {name}',
    exported: 'Exportada el {when} ({tz})',
    phone: 'Teléfono de la empresa',
    automated: 'Respuesta automática',
    team: 'Equipo',
    note: 'Nota interna de {name}',
    deleted: 'Se eliminó este mensaje',
    edited: '(editado)',
    forwarded: '(reenviado)',
    kinds: { image: 'Imagen', video: 'Vídeo', audio: 'Audio', voice: 'Nota de voz', document: 'Documento', sticker: 'Sticker', location: 'Ubicación', contact: 'Contacto', poll: 'Encuesta', event: 'Evento', invite: 'Invitación al grupo', unsupported: 'Mensaje no compatible' },
    canceled: '(cancelado)',
    calls: {
      call_missed: 'Llamada de voz perdida', videocall_missed: 'Videollamada perdida',
      call_answered: 'Llamada de voz atendida en el teléfono', videocall_answered: 'Videollamada atendida en el teléfono',
      call_declined: 'Llamada de voz rechazada en el teléfono', videocall_declined: 'Videollamada rechazada en el teléfono',
      call_rejected: 'Llamada de voz rechazada automáticamente', videocall_rejected: 'Videollamada rechazada automáticamente',
    } as Record<string, string>,
    someone: 'Alguien',
    group: {
      create: '{by} creó el grupo «{value}»',
      add: '{by} añadió a {who}',
      join: '{who} se unió al grupo',
      remove: '{by} eliminó a {who}',
      leave: '{who} salió del grupo',
      promote: '{by} hizo admin del grupo a {who}',
      demote: '{by} quitó como admin del grupo a {who}',
      subject: '{by} cambió el asunto a «{value}»',
      description: '{by} cambió la descripción del grupo',
      send_admins_only: '{by} cambió los ajustes del grupo: solo los admins pueden enviar mensajes',
      send_admins_only_off: '{by} cambió los ajustes del grupo: todos pueden enviar mensajes',
      info_admins_only: '{by} cambió los ajustes del grupo: solo los admins pueden editar la info del grupo',
      info_admins_only_off: '{by} cambió los ajustes del grupo: todos pueden editar la info del grupo',
      add_admins_only: '{by} cambió los ajustes del grupo: solo los admins pueden añadir miembros',
      add_admins_only_off: '{by} cambió los ajustes del grupo: todos pueden añadir miembros',
      approve_new_members: '{by} activó la aprobación de nuevos miembros',
      approve_new_members_off: '{by} desactivó la aprobación de nuevos miembros',
      join_request: '{who} pidió unirse al grupo',
      join_request_revoked: '{who} retiró su solicitud para unirse',
      join_request_rejected: '{by} rechazó la solicitud de {who} para unirse',
    },
  },
  en: {
    title: 'Conversation with {name}',
    account: 'WhatsApp account: {name}',
    exported: 'Exported on {when} ({tz})',
    phone: "Business's phone",
    automated: 'Automatic reply',
    team: 'Team',
    note: 'Internal note by {name}',
    deleted: 'This message was deleted',
    edited: '(edited)',
    forwarded: '(forwarded)',
    kinds: { image: 'Image', video: 'Video', audio: 'Audio', voice: 'Voice note', document: 'Document', sticker: 'Sticker', location: 'Location', contact: 'Contact', poll: 'Poll', event: 'Event', invite: 'Invitation to the group', unsupported: 'Unsupported message' },
    canceled: '(cancelled)',
    calls: {
      call_missed: 'Missed voice call', videocall_missed: 'Missed video call',
      call_answered: 'Voice call answered on the phone', videocall_answered: 'Video call answered on the phone',
      call_declined: 'Voice call declined on the phone', videocall_declined: 'Video call declined on the phone',
      call_rejected: 'Voice call rejected automatically', videocall_rejected: 'Video call rejected automatically',
    } as Record<string, string>,
    someone: 'Someone',
    group: {
      create: '{by} created the group “{value}”',
      add: '{by} added {who}',
      join: '{who} joined the group',
      remove: '{by} removed {who}',
      leave: '{who} left the group',
      promote: '{by} made {who} a group admin',
      demote: '{by} dismissed {who} as a group admin',
      subject: '{by} changed the subject to “{value}”',
      description: '{by} changed the group description',
      send_admins_only: '{by} changed the group settings: only admins can send messages',
      send_admins_only_off: '{by} changed the group settings: all members can send messages',
      info_admins_only: '{by} changed the group settings: only admins can edit the group info',
      info_admins_only_off: '{by} changed the group settings: all members can edit the group info',
      add_admins_only: '{by} changed the group settings: only admins can add members',
      add_admins_only_off: '{by} changed the group settings: all members can add members',
      approve_new_members: '{by} turned on admin approval for new members',
      approve_new_members_off: '{by} turned off admin approval for new members',
      join_request: '{who} asked to join the group',
      join_request_revoked: '{who} withdrew their request to join',
      join_request_rejected: "{by} declined {who}'s request to join",
    },
  },
} as const;

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
/** One line per line: a message's own line breaks are indented under it. */
const indent = (s: string) => s.replace(/\r?\n/g, '\n    ');

/** A contact card as its people and their numbers (`Ana Ruiz +34 611 222 333`), not its vCard. */
const cardWords = (vcard: string | null | undefined) => parseVCards(vcard).map((p) => [p.name, ...p.phones.map((n) => n.number)].join(' ')).join('; ');
/** A poll's question, then each option on a line of its own. */
const pollWords = (text: string | null | undefined) => {
  const { question, options } = pollParts(text);
  return [question, ...options.map((o) => `○ ${o}`)].join('\n');
};

/** What the transcript needs to know besides the rows. */
export interface TranscriptContext {
  locale: UserLocale;
  timeZone: string;
  contactName: string;
  sessionName: string;
  /** Names of the team members who sent messages (by user id). */
  teamNames: ReadonlyMap<string, string>;
}

/** Formats the rows of one conversation. */
export function transcriptWriter(ctx: TranscriptContext) {
  const w = WORDS[ctx.locale] ?? WORDS.es;
  const tag = ctx.locale === 'en' ? 'en-GB' : 'es-ES';
  const list = new Intl.ListFormat(tag, { type: 'conjunction' });
  const when = new Intl.DateTimeFormat(tag, { timeZone: ctx.timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateText = (d: Date) => when.format(d).replace(',', '');
  const stamp = (d: Date) => `[${dateText(d)}]`;
  const author = (m: TranscriptMessage) => {
    if (m.automated) return w.automated;
    if (m.fromMe) return m.userId ? (ctx.teamNames.get(m.userId.toString()) ?? w.team) : w.phone;
    return m.pushName ?? (m.sender ? `+${m.sender.split(/[@:]/)[0]}` : ctx.contactName);
  };
  const party = (p: GroupEventParty) => partyLabel(p, ctx.sessionName) ?? w.someone;
  const groupChange = (e: GroupEvent) => {
    return fill(w.group[groupEventWording(e)], { by: e.by ? party(e.by) : w.someone, who: list.format(e.who.map(party)), value: e.value ?? '' });
  };
  /** An event's name, (cancelled), its date, where it is (or its call link), then its description. */
  const eventWords = (m: TranscriptMessage) => {
    const e = m.event;
    const dates = e ? [dateText(e.startAt), e.endAt ? dateText(e.endAt) : ''].filter(Boolean).join(' – ') : '';
    const where = e?.place ? [e.place.name, e.place.address].filter(Boolean).join(', ') : (e?.link ?? '');
    return [[m.text, e?.canceled ? w.canceled : ''].filter(Boolean).join(' '), dates, where, m.caption ?? ''].filter(Boolean).join('\n');
  };
  const body = (m: TranscriptMessage) => {
    if (m.revokedAt) return w.deleted;
    const words =
      m.kind === 'contact' ? cardWords(m.text)
      : m.kind === 'poll' ? pollWords(m.text)
      : m.kind === 'event' ? eventWords(m)
      : textWithMentionNames(m.text ?? m.caption ?? '', m.mentions, ctx.sessionName);
    const kind = m.kind === 'text' ? '' : `[${m.kind === 'call' && m.call ? w.calls[callPreviewKind(m.call)] : (w.kinds[m.kind as keyof typeof w.kinds] ?? m.kind)}]`;
    const place =
      m.kind === 'location' && m.location ? ` ${m.location.name ?? m.location.address ?? `${m.location.latitude}, ${m.location.longitude}`}`
      : m.kind === 'invite' && m.invite ? ` «${m.invite.groupName}»`
      : '';
    const text = [m.forwarded ? w.forwarded : '', kind + place, words].filter(Boolean).join(' ');
    return `${indent(text)}${m.editedAt ? ` ${w.edited}` : ''}`;
  };
  return {
    header(exportedAt: Date): string {
      return [fill(w.title, { name: ctx.contactName }), fill(w.account, { name: ctx.sessionName }), fill(w.exported, { when: dateText(exportedAt), tz: ctx.timeZone }), '', ''].join('\n');
    },
    /** A message's line, or null for one the transcript leaves out (a reaction). A change to a group is a line of its own, without an author. */
    message(m: TranscriptMessage): string | null {
      if (m.kind === 'reaction') return null;
      if (m.kind === 'system') return m.system ? `${stamp(m.timestamp)} ${groupChange(m.system)}\n` : null;
      return `${stamp(m.timestamp)} ${author(m)}: ${body(m)}\n`;
    },
    note(n: TranscriptNote): string {
      return `${stamp(n.createdAt)} ${fill(w.note, { name: n.authorName })}: ${indent(n.text)}\n`;
    },
  };
}
