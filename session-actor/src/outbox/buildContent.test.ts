import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildContent, type BuildDeps } from './buildContent.ts';

const JID = '15550001111@s.whatsapp.net';
const stream = Readable.from([Buffer.from('x')]);
const deps: BuildDeps = {
  findMessage: async (id) => (id === 'MINE' ? { fromMe: true, text: 'earlier' } : id === 'THEIRS' ? { fromMe: false, caption: 'pic' } : null),
  openMedia: async () => ({ stream, mimeType: 'application/pdf', fileName: 'a.pdf' }),
};

describe('buildContent', () => {
  it('keeps the stored id as the WhatsApp message id', async () => {
    const { content, options } = await buildContent({ messageId: 'ID1', kind: 'text', text: 'hi' }, JID, deps);
    expect(content).toEqual({ text: 'hi' });
    expect(options.messageId).toBe('ID1');
  });

  it('marks a forwarded copy as WhatsApp marks forwards, text and media alike', async () => {
    const text = await buildContent({ messageId: 'F1', kind: 'text', text: 'hi', forwarded: true }, JID, deps);
    expect(text.content).toEqual({ text: 'hi', contextInfo: { isForwarded: true, forwardingScore: 1 } });
    const doc = await buildContent({ messageId: 'F2', kind: 'document', mediaId: 'm1', forwarded: true }, JID, deps);
    expect(doc.content).toMatchObject({ document: { stream }, fileName: 'a.pdf', contextInfo: { isForwarded: true } });
    const plain = await buildContent({ messageId: 'F3', kind: 'text', text: 'hi', forwarded: false }, JID, deps);
    expect(plain.content).toEqual({ text: 'hi' });
  });

  it('quotes the stored message it replies to', async () => {
    const { options } = await buildContent({ messageId: 'ID2', kind: 'text', text: 're', quotedId: 'THEIRS' }, JID, deps);
    expect(options.quoted).toMatchObject({ key: { remoteJid: JID, id: 'THEIRS', fromMe: false }, message: { conversation: 'pic' } });
  });

  it('reacts to the right key (fromMe taken from the stored target)', async () => {
    const { content } = await buildContent({ messageId: 'ID3', kind: 'reaction', reaction: { emoji: '🔥', targetId: 'MINE' } }, JID, deps);
    expect(content).toEqual({ react: { text: '🔥', key: { remoteJid: JID, id: 'MINE', fromMe: true } } });
  });

  it("names a group member's message by its author when quoting or reacting to it", async () => {
    const GROUP = '120363000000000001@g.us';
    const inGroup: BuildDeps = { ...deps, findMessage: async (id) => (id === 'ALICE' ? { fromMe: false, sender: '15550002222@s.whatsapp.net', text: 'hola' } : { fromMe: true, text: 'mío' }) };
    const reply = await buildContent({ messageId: 'G1', kind: 'text', text: 're', quotedId: 'ALICE' }, GROUP, inGroup);
    expect(reply.options.quoted?.key).toEqual({ remoteJid: GROUP, id: 'ALICE', fromMe: false, participant: '15550002222@s.whatsapp.net' });
    const react = await buildContent({ messageId: 'G2', kind: 'reaction', reaction: { emoji: '👍', targetId: 'ALICE' } }, GROUP, inGroup);
    expect(react.content).toEqual({ react: { text: '👍', key: { remoteJid: GROUP, id: 'ALICE', fromMe: false, participant: '15550002222@s.whatsapp.net' } } });
    const own = await buildContent({ messageId: 'G3', kind: 'text', text: 're', quotedId: 'MINE' }, GROUP, inGroup);
    expect(own.options.quoted?.key).toEqual({ remoteJid: GROUP, id: 'MINE', fromMe: true });
    // One-to-one chats keep the key as it was.
    const direct = await buildContent({ messageId: 'G4', kind: 'text', text: 're', quotedId: 'ALICE' }, JID, inGroup);
    expect(direct.options.quoted?.key).toEqual({ remoteJid: JID, id: 'ALICE', fromMe: false });
  });

  it('quotes a group message from a member\'s own chat as WhatsApp\'s private reply: keyed in the group', async () => {
    const GROUP = '120363000000000001@g.us';
    const fromGroup: BuildDeps = { ...deps, findMessage: async () => ({ chatId: GROUP, fromMe: false, sender: '15550002222@s.whatsapp.net', text: '¿Abrís el sábado?' }) };
    const reply = await buildContent({ messageId: 'P1', kind: 'text', text: 'Sí, de 10 a 14', quotedId: 'ALICE' }, '15550002222@s.whatsapp.net', fromGroup);
    expect(reply.options.quoted).toEqual({ key: { remoteJid: GROUP, id: 'ALICE', fromMe: false, participant: '15550002222@s.whatsapp.net' }, message: { conversation: '¿Abrís el sábado?' } });
  });

  it('builds media from the stored file: document name and mime, voice as ptt', async () => {
    const doc = await buildContent({ messageId: 'ID4', kind: 'document', mediaId: 'm1', caption: 'c' }, JID, deps);
    expect(doc.content).toMatchObject({ document: { stream }, mimetype: 'application/pdf', fileName: 'a.pdf', caption: 'c' });
    const voice = await buildContent({ messageId: 'ID5', kind: 'voice', mediaId: 'm1' }, JID, deps);
    expect(voice.content).toMatchObject({ audio: { stream }, ptt: true });
  });

  it('sends the stored thumbnail of an image or video as its preview (base64), none for other kinds', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const withPreview: BuildDeps = { ...deps, openMedia: async () => ({ stream, mimeType: 'video/mp4', jpegThumbnail: jpeg }) };
    const video = await buildContent({ messageId: 'IDV', kind: 'video', mediaId: 'm2', caption: 'mira' }, JID, withPreview);
    expect(video.content).toMatchObject({ video: { stream }, mimetype: 'video/mp4', caption: 'mira', jpegThumbnail: jpeg.toString('base64') });
    const image = await buildContent({ messageId: 'IDI', kind: 'image', mediaId: 'm2' }, JID, withPreview);
    expect(image.content).toMatchObject({ jpegThumbnail: jpeg.toString('base64') });
    const doc = await buildContent({ messageId: 'IDD', kind: 'document', mediaId: 'm2' }, JID, withPreview);
    expect(doc.content).not.toHaveProperty('jpegThumbnail');
    const plain = await buildContent({ messageId: 'IDP', kind: 'video', mediaId: 'm1' }, JID, deps);
    expect(plain.content).not.toHaveProperty('jpegThumbnail');
  });

  it('builds locations and contacts', async () => {
    const loc = await buildContent({ messageId: 'ID6', kind: 'location', location: { latitude: 1, longitude: 2, name: 'X' } }, JID, deps);
    expect(loc.content).toEqual({ location: { degreesLatitude: 1, degreesLongitude: 2, name: 'X', address: null } });
    const vcard = 'BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ruiz\nEND:VCARD';
    const contact = await buildContent({ messageId: 'ID7', kind: 'contact', text: vcard }, JID, deps);
    expect(contact.content).toEqual({ contacts: { displayName: 'Ana Ruiz', contacts: [{ displayName: 'Ana Ruiz', vcard }] } });
    // Several cards (a forwarded contacts array) go as one card each.
    const other = 'BEGIN:VCARD\nVERSION:3.0\nFN:Luis Gil\nEND:VCARD';
    const two = await buildContent({ messageId: 'ID8', kind: 'contact', text: `${vcard}\n${other}`, caption: 'Ana Ruiz, Luis Gil' }, JID, deps);
    expect(two.content).toEqual({ contacts: { displayName: 'Ana Ruiz, Luis Gil', contacts: [{ displayName: 'Ana Ruiz', vcard }, { displayName: 'Luis Gil', vcard: other }] } });
  });

  it('builds an event: its name, description, whole-second times, a place named only at 0, 0, and guests allowed', async () => {
    const startAt = new Date(Date.parse('2026-12-21T10:30:00Z') + 456);
    const { content } = await buildContent(
      { messageId: 'EV1', kind: 'event', text: 'Prueba del vestido', caption: 'Trae los zapatos', event: { startAt, endAt: new Date(startAt.getTime() + 45 * 60_000), place: { name: 'Tienda Centro' } } },
      JID,
      deps,
    );
    expect(content).toEqual({
      event: {
        name: 'Prueba del vestido',
        description: 'Trae los zapatos',
        startDate: new Date('2026-12-21T10:30:00Z'),
        endDate: new Date('2026-12-21T11:15:00Z'),
        location: { degreesLatitude: 0, degreesLongitude: 0, name: 'Tienda Centro', address: null },
        extraGuestsAllowed: true,
      },
    });
    const bare = await buildContent({ messageId: 'EV2', kind: 'event', text: 'Llamada', event: { startAt } }, JID, deps);
    expect(bare.content).toEqual({ event: { name: 'Llamada', startDate: new Date('2026-12-21T10:30:00Z'), extraGuestsAllowed: true } });
    await expect(buildContent({ messageId: 'EV3', kind: 'event', text: 'Sin fecha' }, JID, deps)).rejects.toThrow();
  });

  it('builds polls: one answer each, or several', async () => {
    const one = await buildContent({ messageId: 'ID9', kind: 'poll', text: '¿Recogida o envío?\nRecogida\nEnvío' }, JID, deps);
    expect(one.content).toEqual({ poll: { name: '¿Recogida o envío?', values: ['Recogida', 'Envío'], selectableCount: 1 } });
    const several = await buildContent({ messageId: 'ID10', kind: 'poll', text: 'Q\na\nb\nc', pollMultiple: true }, JID, deps);
    expect(several.content).toEqual({ poll: { name: 'Q', values: ['a', 'b', 'c'], selectableCount: 0 } });
    await expect(buildContent({ messageId: 'ID11', kind: 'poll', text: 'Solo pregunta\nuna' }, JID, deps)).rejects.toMatchObject({ code: 'invalid_message' });
  });

  it('rejects incomplete messages with invalid_message', async () => {
    for (const rec of [
      { messageId: 'a', kind: 'text' as const },
      { messageId: 'b', kind: 'image' as const },
      { messageId: 'c', kind: 'reaction' as const },
      { messageId: 'd', kind: 'location' as const },
      { messageId: 'e', kind: 'poll' as const },
    ]) {
      await expect(buildContent(rec, JID, deps)).rejects.toMatchObject({ code: 'invalid_message' });
    }
  });
});
