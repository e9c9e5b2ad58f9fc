/**
 * Remembers which messages were announced, so a message announced again — its file downloaded
 * late, a vote in a poll, a replay after a reconnect — is news only the first time. Keeps the
 * latest `max` ids.
 */
export class SeenOnce {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 2000) {}

  /** True the first time an id is given, false ever after (while it is remembered). */
  first(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}
