import type { proto } from '@whiskeysockets/baileys';

/**
 * The words of WhatsApp's interactive messages, which Switchboard stores as text: a business's
 * message with buttons, a list, a template or a "native flow" (a bank's or a courier's
 * notification) — its header, body and footer, then each choice it offers on a line of its own
 * (`• Seguir el envío`) — and the answer someone gave by tapping one (the choice's words). Null
 * when the content is none of these.
 */
export function interactiveText(content: proto.IMessage): string | null {
  const answer = answerText(content);
  if (answer !== null) return answer;
  const offer = offerParts(content);
  if (!offer) return null;
  const choices = offer.choices.map((c) => c?.trim()).filter((c): c is string => !!c).map((c) => `• ${c}`);
  return [...offer.lines.map((l) => l?.trim()).filter((l): l is string => !!l), ...choices].join('\n');
}

/** The words of a tapped button or list row. */
function answerText(c: proto.IMessage): string | null {
  if (c.buttonsResponseMessage) return c.buttonsResponseMessage.selectedDisplayText ?? '';
  if (c.templateButtonReplyMessage) return c.templateButtonReplyMessage.selectedDisplayText ?? '';
  if (c.listResponseMessage) {
    const l = c.listResponseMessage;
    return [l.title, l.description].filter(Boolean).join('\n');
  }
  if (c.interactiveResponseMessage) return c.interactiveResponseMessage.body?.text ?? '';
  return null;
}

type Words = string | null | undefined;

/** What a business's interactive message says, and the choices it offers. */
function offerParts(c: proto.IMessage): { lines: Words[]; choices: Words[] } | null {
  if (c.buttonsMessage) {
    const b = c.buttonsMessage;
    return { lines: [b.text, b.contentText, b.footerText], choices: (b.buttons ?? []).map((x) => x.buttonText?.displayText) };
  }
  if (c.listMessage) {
    const l = c.listMessage;
    const rows = (l.sections ?? []).flatMap((s) => s.rows ?? []);
    return { lines: [l.title, l.description, l.footerText], choices: rows.map((r) => r.title) };
  }
  const template = c.templateMessage?.hydratedTemplate ?? c.templateMessage?.hydratedFourRowTemplate;
  if (template) {
    return {
      lines: [template.hydratedTitleText, template.hydratedContentText, template.hydratedFooterText],
      choices: (template.hydratedButtons ?? []).map((x) => {
        if (x.urlButton) return [x.urlButton.displayText, x.urlButton.url].filter(Boolean).join(': ');
        if (x.callButton) return [x.callButton.displayText, x.callButton.phoneNumber].filter(Boolean).join(': ');
        return x.quickReplyButton?.displayText;
      }),
    };
  }
  const i = c.interactiveMessage ?? c.templateMessage?.interactiveMessageTemplate;
  if (i) {
    return {
      lines: [i.header?.title, i.header?.subtitle, i.body?.text, i.footer?.text],
      choices: (i.nativeFlowMessage?.buttons ?? []).map((x) => flowButtonText(x.buttonParamsJson)),
    };
  }
  return null;
}

/** A native-flow button's label: `display_text` in its parameters (JSON), with its link when it opens one. */
function flowButtonText(json: Words): string | undefined {
  try {
    const p = JSON.parse(json ?? '') as { display_text?: unknown; url?: unknown };
    const label = typeof p.display_text === 'string' ? p.display_text : undefined;
    return label && typeof p.url === 'string' ? `${label}: ${p.url}` : label;
  } catch {
    return undefined;
  }
}
