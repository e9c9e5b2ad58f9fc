import { describe, expect, it } from 'vitest';
import { refusalText } from './MessageBubble.tsx';

const t = ((key: string) => `«${key}»`) as Parameters<typeof refusalText>[1];

describe('refusalText', () => {
  it("words a refused reply in the reader's language: a known code's words, a malformed one's, else the server's", () => {
    expect(refusalText({ code: 'invite_expired', message: 'The invitation has expired' }, t)).toBe('«code.invite_expired»');
    expect(refusalText({ code: 'validation_failed', message: 'Invalid request' }, t)).toBe('«msg.refused»');
    expect(refusalText({ code: 'something_new', message: 'Something new went wrong' }, t)).toBe('Something new went wrong');
    expect(refusalText(undefined, t)).toBe('');
  });
});
