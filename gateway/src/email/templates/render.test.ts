import { describe, expect, it } from 'vitest';
import { renderEmail } from './render.ts';

describe('email templates', () => {
  it('renders the reset email in Spanish and English with the link in HTML and text', () => {
    const data = { name: 'Ana', url: 'https://console.example/reset-password?token=abc', expiresMinutes: 60 };
    const es = renderEmail('passwordReset', 'es', data);
    const en = renderEmail('passwordReset', 'en', data);
    expect(es.subject).toBe('Restablece tu contraseña');
    expect(en.subject).toBe('Reset your password');
    for (const m of [es, en]) {
      expect(m.html).toContain('href="https://console.example/reset-password?token=abc"');
      expect(m.text).toContain('https://console.example/reset-password?token=abc');
      expect(m.html).toContain('name="viewport"');
    }
    expect(es.html).toContain('<html lang="es">');
  });

  it('escapes user-controlled text in HTML', () => {
    const m = renderEmail('passwordChanged', 'en', { name: '<script>alert(1)</script>' });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
  });

  it('renders every template in both languages', () => {
    const all = [
      renderEmail('passwordResetDone', 'es', { name: 'A' }),
      renderEmail('temporaryPassword', 'en', { name: 'A', password: 'Tmp-123', loginUrl: 'http://x/login' }),
      renderEmail('sessionAlert', 'es', { sessionId: 's1', sessionName: 'Ventas', problem: 'logged_out' }),
      renderEmail('sessionAlert', 'en', { sessionId: 's1', sessionName: 'Sales', problem: 'problematic', detail: 'restart intensity' }),
      renderEmail('accountLocked', 'es', { name: 'A', minutes: 15, resetUrl: 'http://x/forgot-password' }),
      renderEmail('accountLocked', 'en', { name: 'A', minutes: 15, resetUrl: 'http://x/forgot-password' }),
    ];
    for (const m of all) {
      expect(m.subject.length).toBeGreaterThan(0);
      expect(m.text.length).toBeGreaterThan(0);
    }
    expect(all[1]!.text).toContain('Tmp-123');
    expect(all[4]!.text).toContain('15 minutos');
    expect(all[5]!.text).toContain('15 minutes');
  });
});
