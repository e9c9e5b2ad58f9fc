import { describe, expect, it } from 'vitest';
import { initConfigProblems } from './initConfig.ts';

const valid = {
  sessionId: 'shop-1',
  mongoUri: 'mongodb://127.0.0.1:27017/x',
  authStorage: 'mongo',
  dataDir: './data',
  logLevel: 'info',
  wa: { websocketUrl: 'ws://127.0.0.1:1/ws', trustRootHex: 'ab'.repeat(32) },
  preloadChats: { type: 'individual', limit: 30 },
  heartbeatMs: 5000,
};

describe('initConfigProblems', () => {
  it('accepts a complete config', () => {
    expect(initConfigProblems(valid)).toEqual([]);
    expect(initConfigProblems({ ...valid, wa: {} })).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = initConfigProblems({ ...valid, sessionId: '../etc', authStorage: 'disk', heartbeatMs: 0, wa: { websocketUrl: 'http://x' } });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/sessionId/);
    expect(problems.join('\n')).toMatch(/authStorage/);
    expect(problems.join('\n')).toMatch(/heartbeatMs/);
    expect(problems.join('\n')).toMatch(/websocketUrl/);
  });

  it('accepts test hooks only in their documented shape', () => {
    expect(initConfigProblems({ ...valid, testHooks: { killBeforeStore: ['3EB0AA'] } })).toEqual([]);
    expect(initConfigProblems({ ...valid, testHooks: { killBeforeStore: 'all' } })).toEqual(['testHooks must be {killBeforeStore?: string[]}']);
  });

  it('accepts a fencing token only as a positive integer', () => {
    expect(initConfigProblems({ ...valid, fence: 3 })).toEqual([]);
    expect(initConfigProblems({ ...valid, fence: 0 })).toEqual(['fence must be a positive integer']);
    expect(initConfigProblems({ ...valid, fence: '3' })).toEqual(['fence must be a positive integer']);
  });

  it('rejects non-objects', () => {
    expect(initConfigProblems(null)).toEqual(['config is not an object']);
  });
});
