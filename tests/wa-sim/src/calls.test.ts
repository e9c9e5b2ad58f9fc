import type { WACallEvent, WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endCall, simCall, startCall, startSimulator, type Simulator } from './index.ts';
import { linkByQr, nextEvent } from './testClient.ts';

let sim: Simulator;
let sock: WASocket;
const ACCOUNT = '15550008001';
const ALICE = '15550008002';

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  ({ sock } = await linkByQr(sim, ACCOUNT));
});

afterAll(async () => {
  sock?.end(undefined);
  await sim.stop();
});

const callEvent = (callId: string, status: WACallEvent['status']) => nextEvent(sock, 'call', (calls) => calls.some((c) => c.id === callId && c.status === status)).then((calls) => calls.find((c) => c.id === callId)!);

describe('calls from a contact', () => {
  it('rings the linked device (offer) and tells how it ended: unanswered, hung up, answered or declined on the phone', async () => {
    for (const [how, status] of [['timeout', 'timeout'], ['hangup', 'terminate'], ['accept', 'accept'], ['reject', 'reject']] as const) {
      let id = '';
      const offer = nextEvent(sock, 'call', (calls) => calls.some((c) => c.status === 'offer' && c.id === id));
      ({ callId: id } = startCall(sim, ALICE, ACCOUNT, { video: how === 'accept' }));
      expect(await offer.then((calls) => calls[0])).toMatchObject({ id, from: `${ALICE}@s.whatsapp.net`, chatId: `${ALICE}@s.whatsapp.net`, status: 'offer', isVideo: how === 'accept', isGroup: false });
      const ended = callEvent(id, status);
      expect(endCall(sim, id, how)).toMatchObject({ callId: id, state: how });
      // Baileys keeps the offer's facts for the end of the call.
      expect(await ended).toMatchObject({ id, status, isVideo: how === 'accept' });
    }
  });

  it('names a newer caller by LID with the phone number beside it', async () => {
    let id = '';
    const offer = nextEvent(sock, 'call', (calls) => calls.some((c) => c.id === id));
    ({ callId: id } = startCall(sim, ALICE, ACCOUNT, { lid: true }));
    const lid = `${(sim.contacts.get(ALICE) as { lid: string }).lid}@lid`;
    expect((await offer)[0]).toMatchObject({ from: lid, chatId: lid, callerPn: `${ALICE}@s.whatsapp.net` });
    endCall(sim, id, 'hangup');
  });

  it('lets the linked device decline a ringing call (rejectCall), once', async () => {
    let id = '';
    const offer = nextEvent(sock, 'call', (calls) => calls.some((c) => c.id === id));
    ({ callId: id } = startCall(sim, ALICE, ACCOUNT));
    const call = (await offer)[0]!;
    const rejected = new Promise((resolve) => sim.once('call-rejected', resolve));
    await sock.rejectCall(call.id, call.from);
    expect(await rejected).toMatchObject({ callId: id, phone: ACCOUNT, contact: ALICE });
    expect(simCall(sim, id).state).toBe('rejected');
    expect(() => endCall(sim, id, 'timeout')).toThrow(/already ended/);
  });

  it('starts and ends calls over the control API, with clear errors', async () => {
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${sim.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as { callId?: string; error?: { code: string } } };
    };
    const offer = nextEvent(sock, 'call', (calls) => calls.some((c) => c.status === 'offer' && c.isVideo === true));
    const started = await call(`/contacts/${ALICE}/calls`, { to: ACCOUNT, video: true });
    expect(started.status).toBe(200);
    expect((await offer)[0]?.id).toBe(started.json.callId);
    expect(await call(`/calls/${started.json.callId}/end`, { how: 'later' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_body' } } });
    expect(await call(`/calls/${started.json.callId}/end`, { how: 'timeout' })).toMatchObject({ status: 200, json: { state: 'timeout', video: true } });
    expect(await call(`/calls/${started.json.callId}/end`, { how: 'timeout' })).toMatchObject({ status: 409, json: { error: { code: 'call_ended' } } });
    expect(await call('/calls/ABC123/end', { how: 'timeout' })).toMatchObject({ status: 404, json: { error: { code: 'unknown_call' } } });
    expect(await call(`/contacts/${ALICE}/calls`, { to: '15550008999' })).toMatchObject({ status: 404, json: { error: { code: 'unknown_phone' } } });
  });
});
