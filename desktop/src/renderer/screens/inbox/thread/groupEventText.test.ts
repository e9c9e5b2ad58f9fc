import type { GroupEvent } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { formatters, translate } from '../../../i18n/index.tsx';
import { groupEventText } from './groupEventText.ts';

const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => translate('es', key, vars);
const { list } = formatters('es');
const carla = { jid: '34611000001@s.whatsapp.net', name: 'Carla Vidal' };
const text = (e: GroupEvent) => groupEventText(e, t, list, 'Tienda Centro');

describe('group changes in words', () => {
  it('says who did what to whom, naming the account by the session and the nameless by number', () => {
    expect(text({ action: 'add', by: carla, who: [{ jid: '34611000002@s.whatsapp.net', name: null }, { jid: '34611000003@s.whatsapp.net', name: 'Eva' }] })).toBe('Carla Vidal añadió a +34611000002 y Eva');
    expect(text({ action: 'remove', by: { jid: '34600000009@s.whatsapp.net', name: 'Tienda', isAccount: true }, who: [carla] })).toBe('Tienda Centro eliminó a Carla Vidal');
    expect(text({ action: 'subject', by: carla, who: [], value: 'Reparto' })).toBe('Carla Vidal cambió el asunto a «Reparto»');
    expect(text({ action: 'promote', by: null, who: [carla] })).toBe('Alguien hizo admin del grupo a Carla Vidal');
  });

  it('says someone joined or left when nobody else did it', () => {
    expect(text({ action: 'add', by: carla, who: [carla] })).toBe('Carla Vidal se unió al grupo');
    expect(text({ action: 'leave', by: carla, who: [carla] })).toBe('Carla Vidal salió del grupo');
  });
});
