/**
 * What the actor knows of its groups' members. Each group's metadata is asked of WhatsApp once
 * for everything that needs it at the same moment — member receipts (how many must answer before
 * a message is delivered or read) and sends (Baileys asks for it through `cachedGroupMetadata`
 * before every group message: one question instead of one per send) — trusted for a few minutes,
 * and forgotten as soon as the group's members or settings change, or the connection is new.
 * For our recent group messages it also keeps how many members each went to: WhatsApp's ticks
 * count the recipients at send time, not whoever is in the group when the receipts come.
 */
import type { GroupMetadata, WASocket } from '@whiskeysockets/baileys';
import { isOwnAccount } from './jid.ts';

/** How long a group's metadata is trusted before it is asked again (a change forgets it at once). */
const METADATA_TTL_MS = 5 * 60_000;
/** Groups whose metadata is remembered (the least recently asked are forgotten first). */
const REMEMBERED_GROUPS = 500;
/** Our latest group messages whose recipients are remembered (older ones are read from the database). */
const REMEMBERED_SENDS = 2000;

export class GroupDirectory {
  private readonly known = new Map<string, { meta: GroupMetadata; at: number }>();
  private readonly asking = new Map<string, Promise<GroupMetadata | null>>();
  private readonly recipients = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The group's metadata (null when it cannot be known now). */
  metadata(sock: WASocket | null, jid: string): Promise<GroupMetadata | null> {
    const known = this.known.get(jid);
    if (known && this.now() - known.at < METADATA_TTL_MS) return Promise.resolve(known.meta);
    if (!sock) return Promise.resolve(null);
    const pending = this.asking.get(jid) ?? this.ask(sock, jid).finally(() => this.asking.delete(jid));
    this.asking.set(jid, pending);
    return pending;
  }

  /** How many members our messages to the group go to: its participants but us (null when unknown). */
  async size(sock: WASocket | null, jid: string): Promise<number | null> {
    const meta = await this.metadata(sock, jid);
    if (!meta) return null;
    return meta.participants.filter((p) => !isOwnAccount(sock, p.id, p.phoneNumber)).length;
  }

  /**
   * Whether the group lets only admins send and the account is not one (WhatsApp's "Only admins
   * can send messages"): a send would be refused, so none is tried. False when unknown.
   */
  async onlyAdminsSend(sock: WASocket | null, jid: string): Promise<boolean> {
    const meta = await this.metadata(sock, jid);
    if (!meta?.announce) return false;
    const account = meta.participants.find((p) => isOwnAccount(sock, p.id, p.phoneNumber, p.lid));
    return !!account && !account.admin;
  }

  /** Its members or settings changed: asked again next time. */
  forget(jid: string): void {
    this.known.delete(jid);
  }

  /** A new connection: changes may have been missed meanwhile. */
  forgetAll(): void {
    this.known.clear();
  }

  /** Remembers how many members one of our group messages went to. */
  sentTo(messageId: string, members: number): void {
    this.recipients.delete(messageId);
    this.recipients.set(messageId, members);
    if (this.recipients.size > REMEMBERED_SENDS) this.recipients.delete(this.recipients.keys().next().value!);
  }

  /** How many members one of our recent group messages went to, when remembered. */
  recipientsOf(messageId: string): number | undefined {
    return this.recipients.get(messageId);
  }

  private async ask(sock: WASocket, jid: string): Promise<GroupMetadata | null> {
    try {
      const meta = await sock.groupMetadata(jid);
      this.known.delete(jid);
      this.known.set(jid, { meta, at: this.now() });
      if (this.known.size > REMEMBERED_GROUPS) this.known.delete(this.known.keys().next().value!);
      return meta;
    } catch {
      return null;
    }
  }
}
