import { Curve, generateSignalPubKey, WA_CERT_DETAILS } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKeyPair } from './certs.ts';
import { startSimulator, type Simulator } from './index.ts';
import { signalCurve } from './signalLib.ts';
import { connectClient, memoryAuth, nextEvent, waitClose } from './testClient.ts';

let sim: Simulator;
const laxVerify = Curve.verify;
const originalRoot = WA_CERT_DETAILS.PUBLIC_KEY;

beforeAll(async () => {
  sim = await startSimulator();
  // Baileys 7.0.0-rc14 accepts any signature (wa-sim.md §0.2); check the chain for real here.
  Curve.verify = (pub, message, signature) => signalCurve.verifySignature(generateSignalPubKey(pub), message, signature) === true;
});

afterAll(async () => {
  Curve.verify = laxVerify;
  WA_CERT_DETAILS.PUBLIC_KEY = originalRoot;
  await sim.stop();
});

describe('the Noise certificate chain under a strict signature check', () => {
  it('is accepted when the app trusts the simulator root', async () => {
    const sock = connectClient(sim, memoryAuth());
    expect(WA_CERT_DETAILS.PUBLIC_KEY.toString('hex')).toBe(sim.trustRootHex);
    await nextEvent(sock, 'connection.update', (u) => !!u.qr);
    sock.end(undefined);
  });

  it('is rejected with 400 when the app trusts another root', async () => {
    const sock = connectClient(sim, memoryAuth());
    WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(newKeyPair().public) as typeof WA_CERT_DETAILS.PUBLIC_KEY;
    expect(await waitClose(sock)).toBe(400);
  });
});
