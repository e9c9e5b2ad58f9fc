import { describe, expect, it } from 'vitest';
import { pickAssignee } from './pickAssignee.ts';

describe('pickAssignee', () => {
  it('gives the chat to whoever has the fewest customers waiting', () => {
    expect(pickAssignee([{ userId: 'ana', waiting: 3, lastAssignedAt: 1 }, { userId: 'bea', waiting: 1, lastAssignedAt: 50 }, { userId: 'eva', waiting: 2, lastAssignedAt: null }])).toBe('bea');
  });

  it('breaks ties by who got one longest ago (never first), then by the listed order', () => {
    expect(pickAssignee([{ userId: 'ana', waiting: 0, lastAssignedAt: 20 }, { userId: 'bea', waiting: 0, lastAssignedAt: 10 }])).toBe('bea');
    expect(pickAssignee([{ userId: 'ana', waiting: 0, lastAssignedAt: 20 }, { userId: 'bea', waiting: 0, lastAssignedAt: null }])).toBe('bea');
    expect(pickAssignee([{ userId: 'ana', waiting: 0, lastAssignedAt: null }, { userId: 'bea', waiting: 0, lastAssignedAt: null }])).toBe('ana');
  });

  it('has nobody to choose from an empty list', () => {
    expect(pickAssignee([])).toBeNull();
  });
});
