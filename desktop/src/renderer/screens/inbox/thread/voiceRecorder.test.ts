import { describe, expect, it } from 'vitest';
import { clockOf, voiceFileName } from './VoiceRecorder.tsx';

describe('voice notes', () => {
  it('shows the time recorded as minutes and seconds', () => {
    expect([clockOf(0), clockOf(7_900), clockOf(65_000), clockOf(15 * 60_000)]).toEqual(['0:00', '0:07', '1:05', '15:00']);
  });
  it('names the file after when it was recorded, with the extension of what was recorded', () => {
    const at = new Date(2026, 11, 6, 9, 5, 3);
    expect(voiceFileName('audio/webm;codecs=opus', at)).toBe('nota-de-voz-20261206-090503.webm');
    expect(voiceFileName('audio/ogg;codecs=opus', at)).toBe('nota-de-voz-20261206-090503.ogg');
    expect(voiceFileName('audio/mp4', at)).toBe('nota-de-voz-20261206-090503.m4a');
  });
});
