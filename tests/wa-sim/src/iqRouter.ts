import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { applyKeyUpload, digestNode, storeBundle } from './keys.ts';
import { child, children, iqError, iqResult, node, parseJid } from './nodes.ts';
import { companionBundle } from './ownDevices.ts';
import { answerUsync, type Directory } from './usync.ts';

/** What the IQ router needs from the simulator. */
export interface IqContext {
  directory: Directory;
  /** `<media_conn>` answer for uploads and downloads. */
  mediaConn(): BinaryNode;
  /** Profile-picture URL for a user, if they have one. */
  pictureUrl(user: string, type: string): string | undefined;
  /** An injected IQ error for this connection and namespace, if any. */
  iqFault(conn: SimConnection, xmlns: string): { code: number; text: string } | undefined;
  /** A companion uploaded or rotated keys. */
  keysUploaded(conn: SimConnection): void;
  /** A companion issued privacy tokens to these JIDs. */
  privacyTokensIssued(conn: SimConnection, jids: string[]): void;
  /** `w:g2`: group metadata, create, participants (groupIq.ts); the whole answer, errors included. */
  groupIq(conn: SimConnection, iq: BinaryNode): BinaryNode;
  /** `blocklist` get and set (blocklist.ts). */
  blocklistIq(conn: SimConnection, iq: BinaryNode): BinaryNode;
  /** `md` set: remove-companion-device (logout) and link_code_companion_reg stages. */
  onMd(conn: SimConnection, iq: BinaryNode): Promise<BinaryNode[] | undefined> | BinaryNode[] | undefined;
}

const PRIVACY = ['last', 'online', 'profile', 'status', 'groupadd', 'calladd', 'messages'].map((name) =>
  node('category', { name, value: 'all' }),
);

function answerEncrypt(ctx: IqContext, conn: SimConnection, iq: BinaryNode): BinaryNode[] | undefined {
  const device = conn.device;
  const first = Array.isArray(iq.content) ? iq.content[0] : undefined;
  if (iq.attrs.type === 'set') {
    if (device) {
      applyKeyUpload(device, iq);
      ctx.keysUploaded(conn);
    }
    return undefined;
  }
  if (first?.tag === 'count') return [node('count', { value: device?.preKeys.size ?? 0 })];
  if (first?.tag === 'digest') return device ? [digestNode(device)] : [node('digest', {})];
  if (first?.tag === 'key') {
    const users: BinaryNode[] = [];
    for (const user of children(first, 'user')) {
      const parsed = parseJid(user.attrs.jid);
      const found = parsed ? ctx.directory.lookup(parsed.user) : {};
      // The account's own phone and its other companions have bundles too: the app encrypts
      // its self-sync copies for them (wa-sim.md §4.5).
      const own = found.phone && found.phone.phone === device?.phone ? found.phone : undefined;
      const store = found.contact?.store ?? own?.store;
      const companion = own && parsed && parsed.device !== device?.deviceId ? own.devices.get(parsed.device) : undefined;
      if (store && user.attrs.jid && parsed?.device === 0) users.push(storeBundle(user.attrs.jid, store));
      else if (companion && user.attrs.jid) users.push(companionBundle(user.attrs.jid, companion));
    }
    return [node('list', {}, users)];
  }
  return undefined;
}

function answerAppState(iq: BinaryNode): BinaryNode[] {
  const sync = child(iq, 'sync');
  const collections = children(sync, 'collection').map((c) =>
    node('collection', { name: c.attrs.name, version: c.attrs.version ?? '0' }),
  );
  return [node('sync', {}, collections)];
}

/** Answers one client IQ of type get/set (wa-sim.md §3.1, §3.2). Unknown IQs get an empty result. */
export async function answerIq(ctx: IqContext, conn: SimConnection, iq: BinaryNode): Promise<BinaryNode> {
  const id = iq.attrs.id ?? '';
  const xmlns = iq.attrs.xmlns ?? '';
  const fault = ctx.iqFault(conn, xmlns);
  if (fault) return iqError(id, fault.code, fault.text);
  switch (xmlns) {
    case 'encrypt':
      return iqResult(id, answerEncrypt(ctx, conn, iq));
    case 'usync':
      return iqResult(id, [answerUsync(ctx.directory, iq, conn.device?.phone)]);
    case 'abt':
      return iqResult(id, [node('props', { protocol: '1', hash: 'sim' }, [])]);
    case 'blocklist':
      return ctx.blocklistIq(conn, iq);
    case 'privacy':
      if (iq.attrs.type === 'set') {
        const jids = children(child(iq, 'tokens'), 'token').map((t) => t.attrs.jid ?? '');
        if (jids.length > 0) ctx.privacyTokensIssued(conn, jids);
      }
      return iqResult(id, iq.attrs.type === 'get' ? [node('privacy', {}, [node('category', { name: 'readreceipts', value: 'all' }), ...PRIVACY])] : undefined);
    case 'w:m':
      return iqResult(id, [ctx.mediaConn()]);
    case 'w:profile:picture': {
      const target = parseJid(iq.attrs.target ?? iq.attrs.to);
      const type = child(iq, 'picture')?.attrs.type ?? 'preview';
      const url = target ? ctx.pictureUrl(target.user, type) : undefined;
      if (!url) return iqError(id, 404, 'item-not-found');
      return iqResult(id, [node('picture', { id: '1', type, url, direct_path: new URL(url).pathname })]);
    }
    case 'w:sync:app:state':
      return iqResult(id, answerAppState(iq));
    case 'w:g2':
      return ctx.groupIq(conn, iq);
    case 'md':
      return iqResult(id, await ctx.onMd(conn, iq));
    default:
      // passive/active, w:p ping, dirty, status, tokens...: an empty result is what they need.
      return iqResult(id);
  }
}
