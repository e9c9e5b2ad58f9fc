import { describe, expect, it } from 'vitest';
import { renderEmail } from './render.ts';

const alert = { sessionId: 'ventas', sessionName: 'Ventas', problem: 'replaced', cause: 'replaced', detail: 'replaced (440)', url: 'http://console.test/sessions/ventas' } as const;

describe('operator alert emails', () => {
  it('say the problem, the classified cause and the detail in the recipient language, with a link to the session', () => {
    const es = renderEmail('sessionAlert', 'es', alert);
    expect(es.text).toContain('La sesión «Ventas» (ventas) fue abierta en otro lugar y quedó detenida.');
    expect(es.text).toContain('Causa: la cuenta se abrió en otra sesión de WhatsApp Web (conflicto).');
    expect(es.text).toContain('Detalle: replaced (440)');
    expect(es.html).toContain('href="http://console.test/sessions/ventas"');
    const en = renderEmail('sessionAlert', 'en', { ...alert, problem: 'problematic', cause: 'crash', detail: 'exit code 1' });
    expect(en.text).toContain('Session "Ventas" (ventas) keeps failing and is no longer restarted.');
    expect(en.text).toContain('Cause: the session process ended unexpectedly.');
  });

  it('list every session of a digest', () => {
    const d = renderEmail('sessionAlertDigest', 'en', { alerts: [alert, { sessionId: 'soporte', sessionName: 'Soporte', problem: 'logged_out', cause: 'logged_out' }] });
    expect(d.subject).toBe('Alert: sessions needing attention (2)');
    expect(d.text).toContain('(ventas)');
    expect(d.text).toContain('Session "Soporte" (soporte) was logged out of WhatsApp');
    expect(renderEmail('sessionAlertDigest', 'es', { alerts: [alert] }).subject).toBe('Alerta: sesiones que necesitan atención (1)');
  });
});
