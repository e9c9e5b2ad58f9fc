import { Writable } from 'node:stream';
import Koa from 'koa';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { onerror } from './onerror.ts';
import { requestLog } from './requestLog.ts';

/** Runs requests through onerror + requestLog at debug level and returns every log line written. */
async function logsOf(paths: string[], status: number): Promise<string> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = new Koa();
  const logger = pino({ level: 'debug' }, sink);
  app.use(onerror(logger));
  app.use(requestLog(logger));
  app.use((ctx) => {
    if (status >= 500) throw new Error('boom');
    ctx.status = status;
    ctx.body = 'ok';
  });
  const server = app.listen(0);
  try {
    const { port } = server.address() as { port: number };
    for (const p of paths) await (await fetch(`http://127.0.0.1:${port}${p}`)).text();
  } finally {
    server.close();
  }
  return lines.join('');
}

describe('requestLog', () => {
  const signed = '/api/media/665f1c2b9d3e4a0012345678?sig=SECRET-SIGNATURE-VALUE&exp=1900000000&u=665f1c2b9d3e4a00123456aa';

  it('logs the route path of a signed media URL, never its query (the signature)', async () => {
    const out = await logsOf([signed, signed.replace('/api/media/665f1c2b9d3e4a0012345678', '/api/media/665f1c2b9d3e4a0012345678/download')], 206);
    expect(out).toContain('/api/media/665f1c2b9d3e4a0012345678');
    expect(out).not.toContain('SECRET-SIGNATURE-VALUE');
    expect(out).not.toContain('sig=');
  });

  it('keeps the signature out of error lines too', async () => {
    const out = await logsOf([signed], 500);
    expect(out).toContain('unhandled request error');
    expect(out).not.toContain('SECRET-SIGNATURE-VALUE');
  });
});
