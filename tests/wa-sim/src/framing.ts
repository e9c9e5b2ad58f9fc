/** `57 41 06 03`: the WA intro header and Noise prologue (wa-sim.md §1.2). */
export const WA_HEADER = Buffer.from([0x57, 0x41, 0x06, 0x03]);

/** Prefixes a payload with its 3-byte big-endian length. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(payload.length + 3);
  out[0] = (payload.length >>> 16) & 0xff;
  out[1] = (payload.length >>> 8) & 0xff;
  out[2] = payload.length & 0xff;
  out.set(payload, 3);
  return out;
}

/** Reassembles client frames from WS messages, stripping the intro (plain or "ED" routing) header. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private introDone = false;
  /** Routing bytes the client echoed in an "ED" intro, if any. */
  routingInfo?: Buffer;

  /** Appends bytes and returns every complete frame payload. Throws on a bad intro. */
  push(data: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    if (!this.introDone && !this.readIntro()) return [];
    const frames: Buffer[] = [];
    while (this.buffer.length >= 3) {
      const size = (this.buffer[0]! << 16) | (this.buffer[1]! << 8) | this.buffer[2]!;
      if (this.buffer.length < size + 3) break;
      frames.push(this.buffer.subarray(3, size + 3));
      this.buffer = this.buffer.subarray(size + 3);
    }
    return frames;
  }

  private readIntro(): boolean {
    const b = this.buffer;
    if (b.length < 4) return false;
    if (b[0] === 0x45 && b[1] === 0x44) {
      if (b.length < 7) return false;
      const len = (b[4]! << 16) | (b[5]! << 8) | b[6]!;
      if (b.length < 7 + len + 4) return false;
      this.routingInfo = Buffer.from(b.subarray(7, 7 + len));
      this.buffer = b.subarray(7 + len);
    }
    if (!this.buffer.subarray(0, 4).equals(WA_HEADER)) throw new Error('bad intro header');
    this.buffer = this.buffer.subarray(4);
    this.introDone = true;
    return true;
  }
}
