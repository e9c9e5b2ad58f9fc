import { describe, expect, it } from 'vitest';
import { memberOutcome } from './groupChange.ts';

describe('memberOutcome', () => {
  it("reads WhatsApp's answer for a member added", () => {
    expect(['200', '409', '403', '408', '404', '500'].map((s) => memberOutcome('add', s))).toEqual(['done', 'already_member', 'invite_only', 'recently_left', 'not_on_whatsapp', 'failed']);
  });

  it('reads a member removed, promoted or demoted: 404 is someone not in the group, anything else unknown fails', () => {
    for (const action of ['remove', 'promote', 'demote'] as const) {
      expect(['200', '404', '409', '403'].map((s) => memberOutcome(action, s))).toEqual(['done', 'not_member', 'failed', 'failed']);
    }
  });
});
