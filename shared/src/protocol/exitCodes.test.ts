import { describe, expect, it } from 'vitest';
import { classifyExit, EXIT_CODES, withKind } from './exitCodes.ts';

describe('classifyExit', () => {
  it('maps protocol exit codes to kinds and marks the terminal ones', () => {
    expect(classifyExit(EXIT_CODES.NORMAL, null)).toMatchObject({ kind: 'normal', terminal: false });
    expect(classifyExit(EXIT_CODES.CRASH, null)).toMatchObject({ kind: 'crash', terminal: false });
    expect(classifyExit(EXIT_CODES.LOGGED_OUT, null)).toMatchObject({ kind: 'logged_out', terminal: true });
    expect(classifyExit(EXIT_CODES.REPLACED, null)).toMatchObject({ kind: 'replaced', terminal: true });
    expect(classifyExit(EXIT_CODES.BAD_CONFIG, null)).toMatchObject({ kind: 'bad_config', terminal: true });
    expect(classifyExit(EXIT_CODES.FENCED, null)).toMatchObject({ kind: 'fenced', terminal: true, code: 14 });
    expect(classifyExit(EXIT_CODES.PERSISTENCE_FAILED, null)).toMatchObject({ kind: 'crash', terminal: false, code: 13 });
  });

  it('treats unknown codes as crashes and signals as kills', () => {
    expect(classifyExit(7, null)).toMatchObject({ kind: 'crash', terminal: false, code: 7 });
    expect(classifyExit(null, 'SIGKILL')).toMatchObject({ kind: 'killed', terminal: false, signal: 'SIGKILL' });
  });

  it('lets the supervisor relabel an exit it caused', () => {
    const info = withKind(classifyExit(null, 'SIGKILL'), 'hung');
    expect(info).toEqual({ kind: 'hung', code: null, signal: 'SIGKILL', terminal: false });
  });
});
