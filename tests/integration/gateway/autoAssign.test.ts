/**
 * "Reparto automático" over real HTTP against the real Supervisor, a forked session actor
 * (Baileys) linked to the WhatsApp simulator, and the database: a supervisor turns it on for two
 * people; each new customer's chat goes to whoever has the fewest customers waiting (then
 * whoever got one longest ago), the assignee's inbox lists it, a chat that has someone is left
 * alone, and nothing is assigned while it is off.
 */
import { Assignment, AuditLog, silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchAutoAssign, type AutoAssignDecision, type AutoAssigner } from '../../../gateway/src/assignments/autoAssign.ts';
import { notifyUserChanged } from '../../../gateway/src/realtimeNotify.ts';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'auto-1';
const PHONE = '34600000551';
const CUSTOMERS = ['34611200551', '34611200552', '34611200553', '34611200554', '34611200555', '34611200556'] as const;
const jid = (phone: string) => `${phone}@s.whatsapp.net`;

let w: GatewayWorld;
let watcher: AutoAssigner;
const tok: Record<'supervisor' | 'employee' | 'outsider', string> = { supervisor: '', employee: '', outsider: '' };
const decisions: AutoAssignDecision[] = [];
/** Who has the console open (the realtime layer's answer, set by each test). */
let online: string[] = [];
const waiters: { chatId: string; resolve(d: AutoAssignDecision): void }[] = [];

/** The watcher's decision about a chat (past or future). */
function decisionFor(chatId: string): Promise<AutoAssignDecision> {
  const done = decisions.find((d) => d.chatId === chatId);
  return done ? Promise.resolve(done) : new Promise((resolve) => waiters.push({ chatId, resolve }));
}

/** A customer writes; resolves with the watcher's decision about their chat. */
async function customerWrites(phone: string, text: string): Promise<AutoAssignDecision> {
  decisions.splice(0, decisions.length, ...decisions.filter((d) => d.chatId !== jid(phone)));
  const decided = decisionFor(jid(phone));
  await w.sim!.contactSend(phone, { to: PHONE, text });
  return decided;
}

const rule = (who: keyof typeof tok, body: unknown) => w.api('PUT', `/api/sessions/${SESSION}/auto-assign`, { token: tok[who], body });

beforeAll(async () => {
  w = await openGateway('gw-autoassign', { simulator: true });
  const admin = await w.login('admin');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await linkSession(w, admin, { sessionId: SESSION, name: 'Ventas', phone: PHONE });
  for (const phone of CUSTOMERS) w.sim!.createContact({ phone });
  watcher = watchAutoAssign({
    hub: w.hub,
    logger: silentLogger(),
    online: async () => online,
    onAssigned: (userId) => notifyUserChanged(w.app.deps, userId),
    onDecision: (d) => {
      decisions.push(d);
      for (const waiter of waiters.filter((x) => x.chatId === d.chatId)) waiter.resolve(d);
      waiters.splice(0, waiters.length, ...waiters.filter((x) => x.chatId !== d.chatId));
    },
  });
  w.app.deps.autoAssign = watcher;
}, 120_000);

afterAll(async () => {
  watcher?.stop();
  await w?.close();
});

describe('automatic distribution of new conversations', () => {
  it('is set by whoever may assign chats, for active people only', async () => {
    expect((await w.api('GET', `/api/sessions/${SESSION}/auto-assign`, { token: tok.supervisor })).body).toEqual({ sessionId: SESSION, enabled: false, userIds: [], onlineOnly: true });
    expect((await rule('employee', { enabled: true, userIds: [w.users.employee.id] })).status).toBe(403);
    const none = await rule('supervisor', { enabled: true, userIds: [] });
    expect([none.status, none.body.error.code]).toEqual([400, 'no_people']);
    const unknown = await rule('supervisor', { enabled: true, userIds: ['665f1c2b9d3e4a0012345678'] });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_user']);
    const on = await rule('supervisor', { enabled: true, userIds: [w.users.employee.id, w.users.outsider.id] });
    expect([on.status, on.body]).toEqual([200, { sessionId: SESSION, enabled: true, userIds: [w.users.employee.id, w.users.outsider.id], onlineOnly: true }]);
  });

  it('gives each new chat to whoever has the fewest customers waiting, then to whoever got one longest ago', async () => {
    online = [w.users.employee.id, w.users.outsider.id];
    const [c1, c2, c3] = CUSTOMERS;
    expect(await customerWrites(c1, 'Hola, primera consulta')).toMatchObject({ userId: w.users.employee.id, reason: 'assigned' });
    // The employee has a customer waiting now: the next chat goes to the other person.
    expect(await customerWrites(c2, 'Hola, segunda consulta')).toMatchObject({ userId: w.users.outsider.id, reason: 'assigned' });
    // One waiting each: the one who got a chat longest ago.
    expect(await customerWrites(c3, 'Hola, tercera consulta')).toMatchObject({ userId: w.users.employee.id, reason: 'assigned' });
    expect(await Assignment.countDocuments({ sessionId: SESSION, chatId: jid(c1) })).toBe(1);
    // The assignee sees it in their inbox; the audit log says it was automatic.
    const mine = await w.api('GET', `/api/chats?sessionId=${SESSION}`, { token: tok.employee });
    expect((mine.body.data as { id: string }[]).map((c) => c.id).sort()).toEqual([jid(c1), jid(c3)].sort());
    expect(await AuditLog.exists({ action: 'assignment.auto', userId: null, 'details.chatId': jid(c2), 'details.userId': w.users.outsider.id })).toBeTruthy();
  });

  it('gives chats only to people with the console open: none there, the chat waits until the next message', async () => {
    const c6 = CUSTOMERS[5];
    online = [];
    expect(await customerWrites(c6, 'Hola, ¿hay alguien?')).toMatchObject({ userId: null, reason: 'nobody_available' });
    expect(await Assignment.exists({ sessionId: SESSION, chatId: jid(c6) })).toBeNull();
    // The outsider has more customers waiting than the employee, but is the only one there.
    online = [w.users.outsider.id];
    expect(await customerWrites(c6, '¿Hola?')).toMatchObject({ userId: w.users.outsider.id, reason: 'assigned' });
  });

  it('leaves alone a chat someone already has, and assigns nothing while it is off', async () => {
    const [, , , c4, c5] = CUSTOMERS;
    await Assignment.create({ sessionId: SESSION, chatId: jid(c4), userId: w.users.supervisor.id });
    expect(await customerWrites(c4, 'Soy cliente de Sofía')).toMatchObject({ userId: null, reason: 'already_assigned' });
    expect(await Assignment.countDocuments({ sessionId: SESSION, chatId: jid(c4) })).toBe(1);
    expect((await rule('supervisor', { enabled: false, userIds: [w.users.employee.id] })).body.enabled).toBe(false);
    expect(await customerWrites(c5, 'Hola, ¿hay alguien?')).toMatchObject({ userId: null, reason: 'off' });
    expect(await Assignment.exists({ sessionId: SESSION, chatId: jid(c5) })).toBeNull();
  });
});
