import { describe, expect, it } from 'vitest';
import { mapContent } from './mapContent.ts';

describe('mapContent', () => {
  it('maps plain and extended text, with the quoted message id', () => {
    expect(mapContent({ conversation: 'hola' })).toEqual({ kind: 'text', text: 'hola' });
    expect(
      mapContent({ extendedTextMessage: { text: 'reply', contextInfo: { stanzaId: 'Q1', participant: 'a@s.whatsapp.net' } } }),
    ).toEqual({ kind: 'text', text: 'reply', quotedId: 'Q1' });
    expect(mapContent({ extendedTextMessage: { text: 'mira esto', contextInfo: { isForwarded: true, forwardingScore: 2 } } })).toEqual({ kind: 'text', text: 'mira esto', forwarded: true });
    expect(mapContent({ imageMessage: { mimetype: 'image/png', contextInfo: { isForwarded: true } } })).toMatchObject({ kind: 'image', forwarded: true });
    expect(mapContent({ extendedTextMessage: { text: 'x', contextInfo: { isForwarded: false } } })).toEqual({ kind: 'text', text: 'x' });
  });

  it('keeps whom a text or a caption mentions, once each', () => {
    const mentionedJid = ['34611000001@s.whatsapp.net', '1234567@lid', '34611000001@s.whatsapp.net'];
    expect(mapContent({ extendedTextMessage: { text: '@34611000001 y @1234567', contextInfo: { mentionedJid } } })).toEqual({
      kind: 'text',
      text: '@34611000001 y @1234567',
      mentionedJids: ['34611000001@s.whatsapp.net', '1234567@lid'],
    });
    expect(mapContent({ imageMessage: { mimetype: 'image/png', caption: '@1234567', contextInfo: { mentionedJid: ['1234567@lid'] } } })).toMatchObject({ mentionedJids: ['1234567@lid'] });
    expect(mapContent({ extendedTextMessage: { text: 'nadie', contextInfo: { mentionedJid: [] } } })).toEqual({ kind: 'text', text: 'nadie' });
  });

  it('maps every media kind with its metadata', () => {
    expect(
      mapContent({ imageMessage: { mimetype: 'image/png', caption: 'pic', fileLength: 1234, width: 10, height: 20, url: 'u' } }),
    ).toEqual({ kind: 'image', caption: 'pic', media: { kind: 'image', mimeType: 'image/png', size: 1234, width: 10, height: 20 } });
    expect(mapContent({ videoMessage: { mimetype: 'video/mp4', seconds: 3 } })?.media).toEqual({
      kind: 'video',
      mimeType: 'video/mp4',
      durationMs: 3000,
    });
    expect(mapContent({ audioMessage: { mimetype: 'audio/mpeg', seconds: 2 } })?.kind).toBe('audio');
    expect(mapContent({ audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true } })?.kind).toBe('voice');
    expect(mapContent({ stickerMessage: { mimetype: 'image/webp' } })?.kind).toBe('sticker');
    expect(mapContent({ documentMessage: { mimetype: 'application/pdf', fileName: 'a.pdf', caption: 'doc' } })).toEqual({
      kind: 'document',
      caption: 'doc',
      media: { kind: 'document', mimeType: 'application/pdf', fileName: 'a.pdf' },
    });
  });

  it('unwraps ephemeral, view-once and document-with-caption wrappers', () => {
    expect(mapContent({ ephemeralMessage: { message: { conversation: 'x' } } })).toEqual({ kind: 'text', text: 'x' });
    expect(mapContent({ viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/jpeg' } } } })?.kind).toBe('image');
    expect(
      mapContent({ documentWithCaptionMessage: { message: { documentMessage: { mimetype: 'text/plain', caption: 'c' } } } }),
    )?.toMatchObject({ kind: 'document', caption: 'c' });
  });

  it('maps location, reaction, contact and poll', () => {
    expect(mapContent({ locationMessage: { degreesLatitude: 40.4, degreesLongitude: -3.7, name: 'Sol' } })).toEqual({
      kind: 'location',
      location: { latitude: 40.4, longitude: -3.7, name: 'Sol' },
    });
    expect(mapContent({ reactionMessage: { text: '👍', key: { id: 'T1' } } })).toEqual({
      kind: 'reaction',
      reaction: { emoji: '👍', targetId: 'T1' },
    });
    const vcard = 'BEGIN:VCARD\nFN:Ana\nEND:VCARD';
    expect(mapContent({ contactMessage: { displayName: 'Ana', vcard } })).toMatchObject({
      kind: 'contact',
      text: vcard,
      caption: 'Ana',
    });
    const luis = 'BEGIN:VCARD\nFN:Luis\nEND:VCARD';
    expect(mapContent({ contactsArrayMessage: { displayName: '2 contactos', contacts: [{ displayName: 'Ana', vcard }, { displayName: 'Luis', vcard: luis }] } })).toMatchObject({
      kind: 'contact',
      text: `${vcard}\n${luis}`,
      caption: 'Ana, Luis',
    });
    expect(mapContent({ pollCreationMessageV3: { name: 'Q?', options: [{ optionName: 'a' }, { optionName: 'b' }] } })).toEqual({
      kind: 'poll',
      text: 'Q?\na\nb',
    });
  });

  it('ignores protocol messages and empty content, keeps unknown ones as unsupported', () => {
    expect(mapContent({ protocolMessage: { type: 0 } })).toBeNull();
    expect(mapContent(undefined)).toBeNull();
    expect(mapContent({ senderKeyDistributionMessage: { groupId: 'g' } })).toBeNull();
    // Changes to other messages and headers: nothing a person reads, never an unsupported line.
    for (const content of [
      { pollUpdateMessage: { pollCreationMessageKey: { id: 'P1' } } },
      { albumMessage: { expectedImageCount: 3 } },
      { pinInChatMessage: { key: { id: 'T1' }, type: 1 } },
      { keepInChatMessage: { key: { id: 'T1' }, keepType: 1 } },
      { encReactionMessage: { targetMessageKey: { id: 'T1' } } },
      { secretEncryptedMessage: { targetMessageKey: { id: 'T1' }, secretEncType: 2 } },
    ]) expect(mapContent(content), Object.keys(content)[0]).toBeNull();
    expect(mapContent({ buttonsResponseMessage: { selectedButtonId: '1' } })).toEqual({
      kind: 'unsupported',
      text: 'buttonsResponseMessage',
    });
  });

  it('keeps an event with its date, place or call link, and description', () => {
    const dinner = mapContent({
      eventMessage: {
        name: 'Cena de Navidad', description: ' Traed un regalo ', startTime: 1_797_000_000, endTime: 1_797_007_200,
        location: { degreesLatitude: 40.43, degreesLongitude: -3.7, name: 'Bar Pepe', address: 'Calle Mayor 3' },
        contextInfo: { stanzaId: 'Q1' },
      },
    });
    expect(dinner).toEqual({
      kind: 'event', text: 'Cena de Navidad', caption: 'Traed un regalo', quotedId: 'Q1',
      event: { startAt: new Date(1_797_000_000_000), endAt: new Date(1_797_007_200_000), place: { name: 'Bar Pepe', address: 'Calle Mayor 3', latitude: 40.43, longitude: -3.7 } },
    });
    // A place by name only comes at 0, 0: no coordinates kept. A call has its link; a cancelled one says so.
    expect(mapContent({ eventMessage: { name: 'Quedada', startTime: 1_797_000_000, location: { degreesLatitude: 0, degreesLongitude: 0, name: 'El parque' } } })).toEqual({
      kind: 'event', text: 'Quedada', event: { startAt: new Date(1_797_000_000_000), place: { name: 'El parque' } },
    });
    expect(mapContent({ eventMessage: { name: 'Llamada', startTime: 1_797_000_000, joinLink: 'https://call.whatsapp.com/video/abc', isCanceled: true } })).toEqual({
      kind: 'event', text: 'Llamada', event: { startAt: new Date(1_797_000_000_000), link: 'https://call.whatsapp.com/video/abc', canceled: true },
    });    // The key of its answers travels beside it, as a poll's.
    const secret = Buffer.alloc(32, 9);
    expect(mapContent({ eventMessage: { name: 'Cena', startTime: 1_797_000_000 }, messageContextInfo: { messageSecret: secret } })?.messageSecret).toEqual(secret);
  });

  it('keeps an invitation to a group with its code and expiry; one without a group or code is unsupported', () => {
    expect(mapContent({ groupInviteMessage: { groupJid: '120363@g.us', inviteCode: 'AbC123', inviteExpiration: 1_797_259_200, groupName: 'Vecinos', caption: 'Únete a mi grupo' } })).toEqual({
      kind: 'invite', text: 'Únete a mi grupo',
      invite: { groupId: '120363@g.us', groupName: 'Vecinos', code: 'AbC123', expiresAt: new Date(1_797_259_200_000) },
    });
    expect(mapContent({ groupInviteMessage: { groupJid: '120363@g.us', inviteCode: 'AbC123' } })).toEqual({
      kind: 'invite', text: '', invite: { groupId: '120363@g.us', groupName: '120363', code: 'AbC123' },
    });
    expect(mapContent({ groupInviteMessage: { groupName: 'Vecinos' } })).toEqual({ kind: 'unsupported', text: 'groupInviteMessage' });
  });

  it('keeps a tapped button or list row as its words, and a business\'s buttons, list or template as text with its choices', () => {
    expect(mapContent({ buttonsResponseMessage: { selectedButtonId: 'b1', selectedDisplayText: 'Sí, confirmo', contextInfo: { stanzaId: 'Q1' } } })).toEqual({ kind: 'text', text: 'Sí, confirmo', quotedId: 'Q1' });
    expect(mapContent({ templateButtonReplyMessage: { selectedId: 'x', selectedDisplayText: 'Ver pedido' } })).toEqual({ kind: 'text', text: 'Ver pedido' });
    expect(mapContent({ listResponseMessage: { title: 'Talla M', description: 'Quedan 3' } })).toEqual({ kind: 'text', text: 'Talla M\nQuedan 3' });
    expect(mapContent({ interactiveResponseMessage: { body: { text: 'Enviado' } } })).toEqual({ kind: 'text', text: 'Enviado' });
    expect(mapContent({ buttonsMessage: { contentText: '¿Confirmas la cita?', footerText: 'Clínica Sol', buttons: [{ buttonText: { displayText: 'Sí' } }, { buttonText: { displayText: 'No' } }] } })).toEqual({
      kind: 'text', text: '¿Confirmas la cita?\nClínica Sol\n• Sí\n• No',
    });
    expect(mapContent({ listMessage: { title: 'Tallas', description: 'Elige una', sections: [{ title: 'Camisetas', rows: [{ title: 'S' }, { title: 'M' }] }] } })).toEqual({ kind: 'text', text: 'Tallas\nElige una\n• S\n• M' });
    expect(mapContent({
      templateMessage: { hydratedTemplate: { hydratedContentText: 'Tu paquete sale hoy', hydratedButtons: [{ urlButton: { displayText: 'Seguir', url: 'https://ex.com/t/1' } }, { callButton: { displayText: 'Llamar', phoneNumber: '+34 900' } }, { quickReplyButton: { displayText: 'Gracias' } }] } },
    })).toEqual({ kind: 'text', text: 'Tu paquete sale hoy\n• Seguir: https://ex.com/t/1\n• Llamar: +34 900\n• Gracias' });
    expect(mapContent({
      interactiveMessage: { header: { title: 'Banco' }, body: { text: 'Código: 1234' }, nativeFlowMessage: { buttons: [{ name: 'cta_copy', buttonParamsJson: '{"display_text":"Copiar"}' }, { name: 'cta_url', buttonParamsJson: '{"display_text":"Abrir","url":"https://b.es"}' }, { name: 'x', buttonParamsJson: 'not json' }] } },
    })).toEqual({ kind: 'text', text: 'Banco\nCódigo: 1234\n• Copiar\n• Abrir: https://b.es' });
  });
});
