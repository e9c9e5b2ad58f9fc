import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { baileysLogger } from './baileysLogger.ts';

function capture() {
  const lines: Array<{ level: number; msg: string; module?: string }> = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { lines, root: pino({ level: 'info' }, out) };
}

describe("Baileys' logger", () => {
  it('logs the 515 restart after pairing at info (dropped at warn), and real stream errors as errors', () => {
    const { lines, root } = capture();
    const log = baileysLogger(root);
    log.error({ fullErrorNode: { tag: 'stream:error', attrs: { code: '515' } } }, 'stream errored out');
    log.child({ class: 'socket' }).error({ fullErrorNode: { tag: 'stream:error', attrs: { code: '515' } } }, 'stream errored out');
    log.error({ fullErrorNode: { tag: 'stream:error', attrs: { code: '503' } } }, 'stream errored out');
    log.child({ class: 'socket' }).error({ err: 'x' }, 'failed to decrypt');
    expect(lines.map((l) => [l.level, l.msg, l.module])).toEqual([
      [50, 'stream errored out', 'baileys'],
      [50, 'failed to decrypt', 'baileys'],
    ]);
  });

  it("logs Baileys' own failed tries at an event's answers at debug (the actor opens them), and other warnings as warnings", () => {
    const { lines, root } = capture();
    const log = baileysLogger(root);
    log.warn({ creationMsgKey: { id: 'E1' } }, 'event creation message not found, cannot decrypt response');
    log.child({ class: 'socket' }).warn({ err: 'x' }, 'failed to decrypt event response');
    log.warn({ creationMsgKey: { id: 'E1' } }, 'event response: missing messageSecret for decryption');
    log.warn({ jid: 'x' }, 'unknown stanza');
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[40, 'unknown stanza']]);
  });

  it('keeps the root level when it is quieter than warn', () => {
    const { root } = capture();
    root.level = 'error';
    expect(baileysLogger(root).level).toBe('error');
    root.level = 'debug';
    expect(baileysLogger(root).level).toBe('warn');
  });

  it('hands out the same bound method on every read, and the new one after a level change', () => {
    const { lines, root } = capture();
    root.level = 'debug';
    const log = baileysLogger(root); // warn: quieter than the root
    expect(log.warn).toBe(log.warn);
    const silentDebug = log.debug;
    silentDebug('dropped at warn');
    log.level = 'debug'; // pino swaps its methods on a level change
    expect(log.debug).not.toBe(silentDebug);
    log.debug('written at debug');
    expect(lines.map((l) => l.msg)).toEqual(['written at debug']);
  });
});
