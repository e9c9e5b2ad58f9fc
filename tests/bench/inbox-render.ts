/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the browser)
/**
 * Benchmark (not a test) of the inbox in Chromium: a list of 2,000 chats and a thread of 5,000
 * messages, rendered and scrolled. Seeds a throwaway embedded database, starts the gateway with
 * the built console (no WhatsApp actors are needed to read), opens the inbox in headless Chromium
 * and prints time to first paint, time until the list and the thread show, and frames dropped
 * while scrolling each (a frame is "dropped" for every 16.7 ms a frame took beyond the first).
 *
 *   pnpm bench:inbox [--chats 2000] [--messages 5000]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startGateway } from '@switchboard/gateway';
import { Chat, connectDatabase, disconnectDatabase, gatewayConfigSchema, Message, Session, seedDatabase, silentLogger, startEmbeddedDb } from '@switchboard/shared/node';
import { Supervisor, withDefaults } from '@switchboard/supervisor';
import { chromium, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../desktop/build/consoleBuild.ts';

const { values } = parseArgs({ options: { chats: { type: 'string', default: '2000' }, messages: { type: 'string', default: '5000' } } });
const CHATS = Number(values.chats);
const MESSAGES = Number(values.messages);
const SESSION = 'bench';
const jid = (i: number) => `34${String(600_000_000 + i)}@s.whatsapp.net`;

/** Inserts the session, the chats and one long thread. */
async function seed(): Promise<void> {
  await Session.create({ sessionId: SESSION, name: 'Benchmark', active: false, status: 'stopped' });
  const now = Date.now();
  for (let start = 0; start < CHATS; start += 500) {
    const batch = Array.from({ length: Math.min(500, CHATS - start) }, (_, k) => {
      const i = start + k;
      const at = new Date(now - i * 60_000);
      return { sessionId: SESSION, jid: jid(i), name: `Cliente ${i}`, lastMessageAt: at, lastInboundAt: at, lastMessagePreview: `Mensaje ${i}: ¿tienen envío a domicilio?`, unreadCount: i % 7, needsReply: i % 3 === 0 };
    });
    await Chat.insertMany(batch);
  }
  for (let start = 0; start < MESSAGES; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, MESSAGES - start) }, (_, k) => {
      const i = start + k;
      const fromMe = i % 3 === 2;
      return {
        sessionId: SESSION,
        chatId: jid(0),
        messageId: `BENCH${String(i).padStart(6, '0')}`,
        fromMe,
        kind: 'text' as const,
        text: i % 10 === 0 ? `Mensaje largo ${i}: `.padEnd(400, 'lorem ipsum dolor sit amet ') : `Mensaje ${i}`,
        status: fromMe ? ('read' as const) : ('delivered' as const),
        timestamp: new Date(now - (MESSAGES - i) * 20_000),
      };
    });
    await Message.insertMany(batch);
  }
}

/** Scrolls an element through its whole height in steps, one per frame; returns frame stats. */
async function scrollFrames(page: Page, selector: string, direction: 'down' | 'up'): Promise<{ frames: number; dropped: number; worstMs: number }> {
  return page.evaluate(
    async ({ selector, direction }) => {
      const el = document.querySelector<HTMLElement>(selector)!;
      const step = el.clientHeight * 0.8;
      const deltas: number[] = [];
      let last = performance.now();
      const steps = 150;
      for (let i = 0; i < steps; i++) {
        el.scrollTop += direction === 'down' ? step : -step;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      const budget = 1000 / 60;
      const dropped = deltas.reduce((n, d) => n + Math.max(0, Math.round(d / budget) - 1), 0);
      return { frames: deltas.length, dropped, worstMs: Math.round(Math.max(...deltas)) };
    },
    { selector, direction },
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-inbox-'));
  const db = await startEmbeddedDb({ dataDir: join(dir, 'db') });
  const uri = `${db.uri.replace(/\/?$/, '/')}bench_inbox`;
  await connectDatabase(uri, silentLogger());
  const password = `Bench-${randomBytes(6).toString('hex')}`;
  await seedDatabase({ name: 'Bench', email: 'bench@example.com', password }, silentLogger());
  process.stdout.write(`seeding ${CHATS} chats and a thread of ${MESSAGES} messages…\n`);
  await seed();
  const { dir: consoleDir } = await ensureConsoleBuilt();
  const supervisor = new Supervisor(withDefaults({ logger: silentLogger(), dataDir: dir, actor: { mongoUri: uri, authStorage: 'mongo', logLevel: 'silent', wa: {}, preloadChats: { type: 'individual', limit: 0 } } }));
  const config = gatewayConfigSchema.parse({ NODE_ENV: 'test', DATA_DIR: dir, JWT_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
  const gateway = await startGateway({ config, logger: silentLogger(), hub: supervisor.hub, consoleDir, port: 0, host: '127.0.0.1', media: false });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const login = (await (await fetch(`${gateway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password }) })).json()) as { token: string };
    const timeApi = async (path: string): Promise<number> => {
      const start = Date.now();
      const res = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${login.token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      return Date.now() - start;
    };
    const apiChatsMs = await timeApi('/api/chats?view=all&page=1&limit=100');
    const apiMessagesMs = await timeApi(`/api/sessions/${SESSION}/messages?chatId=${encodeURIComponent(jid(0))}&limit=50`);
    // Message search: a word in one message in ten (a page fills early), and one in none (every message read).
    const apiSearchHitMs = await timeApi('/api/messages/search?q=ipsum&limit=20');
    const apiSearchMissMs = await timeApi('/api/messages/search?q=inexistente&limit=20');
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'es-ES' });
    await ctx.addInitScript((token) => localStorage.setItem('switchboard.token', token), login.token);
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(`${gateway.url}/inbox/${SESSION}/${encodeURIComponent(jid(0))}`);
    await page.locator('.chat-item').first().waitFor({ timeout: 120_000 });
    const listMs = Date.now() - t0;
    await page.locator('.thread-scroll .msg').first().waitFor({ timeout: 120_000 });
    const threadMs = Date.now() - t0;
    const paint = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)])));
    // First passes load every page from the server (its CPU competes with the browser's on
    // this machine); second passes measure rendering alone.
    const listLoading = await scrollFrames(page, '.chat-list', 'down');
    const threadLoading = await scrollFrames(page, '.thread-scroll', 'up');
    await page.evaluate(() => {
      for (const sel of ['.chat-list', '.thread-scroll']) document.querySelector(sel)!.scrollTop = sel === '.chat-list' ? 0 : 1e9;
    });
    const list = await scrollFrames(page, '.chat-list', 'down');
    const thread = await scrollFrames(page, '.thread-scroll', 'up');
    const rows = await page.locator('.chat-item').count();
    const result = {
      bench: 'inbox-render',
      chats: CHATS,
      messages: MESSAGES,
      firstPaintMs: paint['first-paint'] ?? null,
      firstContentfulPaintMs: paint['first-contentful-paint'] ?? null,
      listVisibleMs: listMs,
      threadVisibleMs: threadMs,
      listScrollWhileLoading: listLoading,
      threadScrollWhileLoading: threadLoading,
      listScroll: list,
      threadScroll: thread,
      domChatRows: rows,
      apiChatsPageMs: apiChatsMs,
      apiMessagesPageMs: apiMessagesMs,
      apiSearchHitMs,
      apiSearchMissMs,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    console.table([
      { what: 'first contentful paint (ms)', value: result.firstContentfulPaintMs },
      { what: `chat list of ${CHATS} visible (ms from navigation)`, value: listMs },
      { what: `thread of ${MESSAGES} visible (ms from navigation)`, value: threadMs },
      { what: 'list scroll, loading pages: frames / dropped / worst ms', value: `${listLoading.frames} / ${listLoading.dropped} / ${listLoading.worstMs}` },
      { what: 'thread scroll up, loading older pages: frames / dropped / worst ms', value: `${threadLoading.frames} / ${threadLoading.dropped} / ${threadLoading.worstMs}` },
      { what: 'list scroll, loaded: frames / dropped / worst ms', value: `${list.frames} / ${list.dropped} / ${list.worstMs}` },
      { what: 'thread scroll, loaded: frames / dropped / worst ms', value: `${thread.frames} / ${thread.dropped} / ${thread.worstMs}` },
      { what: 'chat rows in the DOM (virtualised)', value: rows },
      { what: 'GET /api/chats, 100 of them (ms)', value: apiChatsMs },
      { what: 'GET …/messages, 50 of the thread (ms)', value: apiMessagesMs },
      { what: `GET /api/messages/search, 20 hits of a word in 1 message in 10 (ms)`, value: apiSearchHitMs },
      { what: `GET /api/messages/search, a word in none of the ${MESSAGES} (ms)`, value: apiSearchMissMs },
    ]);
  } finally {
    await browser.close();
    await gateway.close();
    await supervisor.shutdown();
    await disconnectDatabase();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
