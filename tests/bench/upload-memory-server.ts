/**
 * Child process of the upload-memory benchmark: the real gateway (startGateway, media pool,
 * MEDIA_MAX_BYTES = 100 MiB) on the database given in argv[2], alone in its process so its RSS
 * is the gateway's. Tells the parent its URL and credentials over IPC, samples its own RSS every
 * 20 ms, and answers `{ type: 'rss' }` with the baseline and the peak since the last `mark`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '@switchboard/gateway';
import { connectDatabase, gatewayConfigSchema, seedDatabase, Session, silentLogger } from '@switchboard/shared/node';
import { Supervisor, withDefaults } from '@switchboard/supervisor';

const uri = process.argv[2]!;
const dir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
await connectDatabase(uri, silentLogger());
const password = `Bench-${randomBytes(6).toString('hex')}`;
await seedDatabase({ name: 'Bench', email: 'bench@example.com', password }, silentLogger());
await Session.create({ sessionId: 'bench', name: 'Bench' });
const supervisor = new Supervisor(withDefaults({ logger: silentLogger(), dataDir: dir, actor: { mongoUri: uri, authStorage: 'mongo', logLevel: 'silent', wa: {}, preloadChats: { type: 'individual', limit: 0 } } }));
const config = gatewayConfigSchema.parse({
  NODE_ENV: 'test',
  DATA_DIR: dir,
  JWT_SECRET: randomBytes(32).toString('hex'),
  MEDIA_MAX_BYTES: String(100 * 1024 * 1024),
  RATE_LIMIT_UPLOAD_PER_MINUTE: '1000',
});
const gateway = await startGateway({ config, logger: silentLogger(), hub: supervisor.hub, port: 0, host: '127.0.0.1' });

let baseline = process.memoryUsage().rss;
let peak = baseline;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20).unref();

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'mark') {
    globalThis.gc?.();
    baseline = process.memoryUsage().rss;
    peak = baseline;
    process.send!({ type: 'marked', baseline });
  } else if (msg.type === 'rss') {
    process.send!({ type: 'rss', baseline, peak, now: process.memoryUsage().rss });
  } else if (msg.type === 'stop') {
    void gateway.close().then(() => process.exit(0));
  }
});
process.send!({ type: 'ready', url: gateway.url, email: 'bench@example.com', password });
