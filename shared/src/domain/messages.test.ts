import { describe, expect, it } from 'vitest';
import { callPreviewKind, callWaits } from './messages.ts';

describe('calls', () => {
  it('says which calls wait for a reply: all but one answered on the phone', () => {
    expect([callWaits({ video: false, outcome: 'missed' }), callWaits({ video: false, outcome: 'declined' }), callWaits({ video: true, outcome: 'answered' }), callWaits(undefined)]).toEqual([true, true, false, true]);
  });

  it('names a call in a preview by its kind and how it ended', () => {
    expect([callPreviewKind({ video: false, outcome: 'missed' }), callPreviewKind({ video: true, outcome: 'rejected' })]).toEqual(['call_missed', 'videocall_rejected']);
  });
});
