import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { Media, Session, connectDatabase, disconnectDatabase, readMedia, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { linkActor, runActor, simConfig, type ActorRun } from './harness.ts';

let sim: Simulator;
let run: ActorRun;

beforeAll(async () => {
  const uri = testDbUri('actor_https');
  await connectDatabase(uri, silentLogger());
  // Media served over HTTPS with a private CA: the actor must trust WA_CA_CERT for downloads.
  sim = await startSimulator({ mediaOverHttps: true });
  sim.createPhone({ phone: '15550006001', name: 'Tls' });
  sim.createContact({ phone: '15550006002', name: 'Dan' });
  await Session.create({ sessionId: 'https', name: 'https' });
  run = await runActor(simConfig(sim, 'https', uri));
  await linkActor(sim, run, '15550006001');
});

afterAll(async () => {
  await run?.stop();
  await sim?.stop();
  await disconnectDatabase();
});

describe('media over HTTPS with a private CA (WA_CA_CERT)', () => {
  it('downloads an incoming video into GridFS through the CA-trusting dispatcher', async () => {
    const video = randomBytes(70_000);
    const { id } = await sim.contactSend('15550006002', { to: '15550006001', video, mimetype: 'video/mp4', caption: 'clip' });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message.kind).toBe('video');
    const media = await Media.findById(event.message.mediaId).lean();
    expect(media?.size).toBe(video.length);
    expect((await readMedia(media!.gridFsId)).equals(video)).toBe(true);
  });

  it('asks the phone to upload media again when its URL has expired, and stores it', async () => {
    const image = randomBytes(30_000);
    sim.injectFault({ phone: '15550006001', kind: 'media-expired' });
    const retried = new Promise<{ id: string; result: string }>((resolve) => sim.once('media-retry', resolve));
    const { id } = await sim.contactSend('15550006002', { to: '15550006001', image, mimetype: 'image/jpeg' });
    expect(await retried).toMatchObject({ id, result: 'SUCCESS' });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message.mediaStatus).toBeUndefined(); // stored on arrival, not left pending
    const media = await Media.findById(event.message.mediaId).lean();
    expect((await readMedia(media!.gridFsId)).equals(image)).toBe(true);
  });
});
