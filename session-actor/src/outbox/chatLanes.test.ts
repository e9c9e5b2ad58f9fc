import { describe, expect, it } from 'vitest';
import { ChatLanes } from './chatLanes.ts';

/** A task that records when it starts and ends only when released. */
function gated(log: string[], name: string): { task: () => Promise<void>; release: () => void; started: Promise<void> } {
  let release: () => void = () => undefined;
  let began: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (began = resolve));
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      began();
      await done;
      log.push(`end ${name}`);
    },
    release,
    started,
  };
}

describe('ChatLanes', () => {
  it('runs one chat in order and other chats beside it', async () => {
    const lanes = new ChatLanes(4);
    const log: string[] = [];
    const a1 = gated(log, 'a1');
    const a2 = gated(log, 'a2');
    const b1 = gated(log, 'b1');
    lanes.run('a', 'a1', a1.task);
    lanes.run('a', 'a2', a2.task);
    lanes.run('b', 'b1', b1.task);
    await Promise.all([a1.started, b1.started]);
    expect(log).toEqual(['start a1', 'start b1']);
    expect([...lanes.pending]).toEqual(['a1', 'a2', 'b1']);

    b1.release();
    await lanes.below(3);
    expect(log).toEqual(['start a1', 'start b1', 'end b1']);

    a1.release();
    await a2.started;
    a2.release();
    await lanes.idle();
    expect(log).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2', 'end a2']);
    expect(lanes.pending.size).toBe(0);
  });

  it('runs at most `parallel` tasks at once, the waiting ones first come first served', async () => {
    const lanes = new ChatLanes(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((chat) => ({ chat, ...gated(log, chat) }));
    for (const t of tasks) lanes.run(t.chat, t.chat, t.task);
    await Promise.all([tasks[0]!.started, tasks[1]!.started]);
    expect(log).toEqual(['start a', 'start b']);
    tasks[1]!.release();
    await tasks[2]!.started;
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    tasks[0]!.release();
    await tasks[3]!.started;
    tasks[2]!.release();
    tasks[3]!.release();
    await lanes.idle();
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
  });

  it('goes on after a task that rejects', async () => {
    const lanes = new ChatLanes(1);
    const ran: string[] = [];
    lanes.run('a', 'x', () => Promise.reject(new Error('boom')));
    lanes.run('a', 'y', async () => {
      ran.push('y');
    });
    await lanes.idle();
    expect(ran).toEqual(['y']);
  });

  it('refuses a parallelism below one', () => {
    expect(() => new ChatLanes(0)).toThrow(RangeError);
  });
});
