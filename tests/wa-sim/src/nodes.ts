import type { BinaryNode } from '@whiskeysockets/baileys';

/** The `from` every server stanza must carry (wa-sim.md §0.3). */
export const SERVER_JID = '@s.whatsapp.net';

/** Builds a binary node; attribute values are always strings (wa-sim.md §0.4). */
export function node(tag: string, attrs: Record<string, string | number | undefined> = {}, content?: BinaryNode['content']): BinaryNode {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) clean[key] = String(value);
  }
  return content === undefined ? { tag, attrs: clean } : { tag, attrs: clean, content };
}

/** The children of a node (empty when the content is not a list). */
export function children(parent: BinaryNode | undefined, tag?: string): BinaryNode[] {
  if (!parent || !Array.isArray(parent.content)) return [];
  return tag ? parent.content.filter((c) => c.tag === tag) : parent.content;
}

/** The first child with this tag. */
export function child(parent: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return children(parent, tag)[0];
}

/** A node's content as bytes (strings are read as UTF-8, as the decoder may return either). */
export function contentBytes(n: BinaryNode | undefined): Buffer | undefined {
  if (!n || n.content === undefined || Array.isArray(n.content)) return undefined;
  if (typeof n.content === 'string') return Buffer.from(n.content, 'utf8');
  return Buffer.from(n.content as Uint8Array);
}

/** A node's content as a string. */
export function contentString(n: BinaryNode | undefined): string | undefined {
  const bytes = contentBytes(n);
  return bytes?.toString('utf8');
}

/** Big-endian bytes of an unsigned integer. */
export function beBytes(value: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = length - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

/** Reads a big-endian unsigned integer. */
export function readBe(bytes: Uint8Array | undefined): number {
  if (!bytes) return 0;
  let v = 0;
  for (const b of bytes) v = v * 256 + b;
  return v;
}

/** An empty IQ result answering `id`. */
export function iqResult(id: string, content?: BinaryNode[]): BinaryNode {
  return node('iq', { type: 'result', id, from: SERVER_JID }, content);
}

/** An IQ error answer; Baileys turns it into a Boom with `data = code`. */
export function iqError(id: string, code: number, text: string): BinaryNode {
  return node('iq', { type: 'error', id, from: SERVER_JID }, [node('error', { code, text })]);
}

/** Current unix time in seconds, as a string attribute. */
export function unixNow(): string {
  return String(Math.floor(Date.now() / 1000));
}

/** Splits `user[:device]@server` into parts (undefined for non-JIDs). */
export function parseJid(jid: string | undefined): { user: string; device: number; server: string } | undefined {
  if (!jid) return undefined;
  const at = jid.indexOf('@');
  if (at < 0) return undefined;
  const userPart = jid.slice(0, at);
  const server = jid.slice(at + 1);
  const [userAgent = '', device] = userPart.split(':');
  const user = userAgent.split('_')[0] ?? '';
  return { user, device: device ? Number(device) : 0, server };
}
