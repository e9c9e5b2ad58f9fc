import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, WA_HEADER } from './framing.ts';

describe('FrameReader', () => {
  it('strips the intro header and reassembles frames split across messages', () => {
    const reader = new FrameReader();
    const bytes = Buffer.concat([WA_HEADER, encodeFrame(Buffer.from('hello')), encodeFrame(Buffer.from('world'))]);
    expect(reader.push(bytes.subarray(0, 6))).toEqual([]);
    const frames = reader.push(bytes.subarray(6));
    expect(frames.map((f) => f.toString())).toEqual(['hello', 'world']);
  });

  it('accepts the ED routing intro and keeps the routing bytes', () => {
    const reader = new FrameReader();
    const routing = Buffer.from([8, 1, 8, 10]);
    const intro = Buffer.concat([Buffer.from([0x45, 0x44, 0, 1, 0, 0, routing.length]), routing, WA_HEADER]);
    const frames = reader.push(Buffer.concat([intro, encodeFrame(Buffer.from('x'))]));
    expect(frames.map((f) => f.toString())).toEqual(['x']);
    expect(reader.routingInfo).toEqual(routing);
  });

  it('rejects a connection that does not start with the WA header', () => {
    expect(() => new FrameReader().push(Buffer.from('GET / HTTP/1.1'))).toThrow(/intro/);
  });
});
