import { FAULT_KINDS, type FaultSpec } from './faults.ts';
import { SimError } from './phone.ts';
import type { ContactSendInput, ReceivedMessage } from './types.ts';

type Json = Record<string, unknown>;

/** Reads a required string field. */
export function str(body: Json, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v.length === 0) throw new SimError('invalid_body', `"${key}" must be a non-empty string`);
  return v;
}

function optStr(body: Json, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SimError('invalid_body', `"${key}" must be a string`);
  return v;
}

function b64(body: Json, key: string): Buffer | undefined {
  const v = optStr(body, key);
  if (v === undefined) return undefined;
  if (!/^[A-Za-z0-9+/=_-]*$/.test(v)) throw new SimError('invalid_body', `"${key}" must be base64`);
  return Buffer.from(v, 'base64');
}

/** Validates a `POST /contacts/:phone/send` body (media as base64). */
export function parseSendBody(body: Json): ContactSendInput {
  const input: ContactSendInput = {
    to: str(body, 'to').replace(/\D/g, ''),
    text: optStr(body, 'text'),
    quotedId: optStr(body, 'quotedId'),
    caption: optStr(body, 'caption'),
    mimetype: optStr(body, 'mimetype'),
    fileName: optStr(body, 'fileName'),
    image: b64(body, 'image'),
    video: b64(body, 'video'),
    audio: b64(body, 'audio'),
    document: b64(body, 'document'),
    sticker: b64(body, 'sticker'),
    ptt: body.ptt === true,
    ...(body.forwarded === true ? { forwarded: true } : {}),
  };
  const loc = body.location as Json | undefined;
  if (loc !== undefined) {
    if (typeof loc !== 'object' || loc === null || typeof loc.latitude !== 'number' || typeof loc.longitude !== 'number') {
      throw new SimError('invalid_body', '"location" needs numeric latitude and longitude');
    }
    input.location = { latitude: loc.latitude, longitude: loc.longitude, name: typeof loc.name === 'string' ? loc.name : undefined };
  }
  const contacts = body.contacts as unknown;
  if (contacts !== undefined) {
    if (!Array.isArray(contacts) || contacts.length === 0 || contacts.some((c) => typeof c !== 'object' || c === null)) throw new SimError('invalid_body', '"contacts" must be a non-empty array of {displayName, vcard}');
    input.contacts = (contacts as Json[]).map((c) => ({ displayName: optStr(c, 'displayName') ?? '', vcard: str(c, 'vcard') }));
  }
  const poll = body.poll as Json | undefined;
  if (poll !== undefined) {
    if (typeof poll !== 'object' || poll === null || !Array.isArray(poll.options) || poll.options.length < 2 || poll.options.some((o) => typeof o !== 'string' || !o)) {
      throw new SimError('invalid_body', '"poll" needs a name and at least two options (strings)');
    }
    input.poll = { name: str(poll, 'name'), options: poll.options as string[], ...(typeof poll.selectableCount === 'number' ? { selectableCount: poll.selectableCount } : {}) };
  }
  const vote = body.pollVote as Json | undefined;
  if (vote !== undefined) {
    if (typeof vote !== 'object' || vote === null || !Array.isArray(vote.options) || vote.options.some((o) => typeof o !== 'string')) throw new SimError('invalid_body', '"pollVote" needs pollId, creator and options (strings)');
    input.pollVote = { pollId: str(vote, 'pollId'), creator: str(vote, 'creator').replace(/\D/g, ''), options: vote.options as string[] };
  }
  const reaction = body.reaction as Json | undefined;
  if (reaction !== undefined) {
    if (typeof reaction !== 'object' || reaction === null) throw new SimError('invalid_body', '"reaction" must be an object');
    input.reaction = { emoji: str(reaction, 'emoji'), targetId: str(reaction, 'targetId') };
  }
  const edit = body.edit as Json | undefined;
  if (edit !== undefined) {
    if (typeof edit !== 'object' || edit === null) throw new SimError('invalid_body', '"edit" must be an object');
    input.edit = { targetId: str(edit, 'targetId'), text: str(edit, 'text') };
  }
  const revoke = body.revoke as Json | undefined;
  if (revoke !== undefined) {
    if (typeof revoke !== 'object' || revoke === null) throw new SimError('invalid_body', '"revoke" must be an object');
    input.revoke = { targetId: str(revoke, 'targetId') };
  }
  return input;
}

/** Validates a `POST /faults` body. */
export function parseFaultBody(body: Json): FaultSpec {
  const kind = str(body, 'kind');
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new SimError('invalid_fault', `"kind" must be one of ${FAULT_KINDS.join(', ')}`);
  }
  for (const key of ['code', 'reason', 'times', 'ms', 'deviceId']) {
    if (body[key] !== undefined && (typeof body[key] !== 'number' || !Number.isFinite(body[key]))) {
      throw new SimError('invalid_fault', `"${key}" must be a number`);
    }
  }
  if (body.hold !== undefined && typeof body.hold !== 'boolean') throw new SimError('invalid_fault', '"hold" must be a boolean');
  if (kind === 'stream-error' && typeof body.code !== 'number') throw new SimError('invalid_fault', 'stream-error needs "code"');
  if (kind === 'ack-delay' && typeof body.ms !== 'number') throw new SimError('invalid_fault', 'ack-delay needs "ms"');
  return { ...body, phone: str(body, 'phone'), kind } as FaultSpec;
}

/** A received message as JSON (media base64). */
export function presentReceived(m: ReceivedMessage): Json {
  return { ...m, media: m.media?.toString('base64'), mediaKey: m.mediaKey?.toString('base64') };
}
