import { describe, expect, it } from 'vitest';
import { sessionRules } from './sessionRules.ts';

describe('sessionRules', () => {
  it('reads a session once per ttl, again after it or after forget, each session on its own', async () => {
    let clock = 0;
    const reads: string[] = [];
    const rules = sessionRules(async (id) => (reads.push(id), `${id}@${clock}`), 10_000, () => clock);
    expect(await rules.get('a')).toBe('a@0');
    clock = 9_999;
    expect(await rules.get('a')).toBe('a@0');
    expect(await rules.get('b')).toBe('b@9999');
    clock = 10_000;
    expect(await rules.get('a')).toBe('a@10000');
    rules.forget('a');
    expect(await rules.get('a')).toBe('a@10000');
    expect(reads).toEqual(['a', 'b', 'a', 'a']);
  });
});
