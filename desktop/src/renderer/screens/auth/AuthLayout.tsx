/** The frame of the signed-out screens: brand, one card, and a language switch. */
import { useEffect, type ReactNode } from 'react';
import { LOCALES, useI18n } from '../../i18n/index.tsx';
import { Icon } from '../../ui/Icon.tsx';

/** A centred card with the screen's title. */
export function AuthLayout({ title, children, subtitle }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  useEffect(() => {
    document.title = `${title} · Switchboard`;
  }, [title]);
  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <div className="brand brand-auth">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="zap" size={20} />
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="auth-subtitle">{subtitle}</p>}
        {children}
      </main>
      <nav className="auth-lang" aria-label={t('user.language')}>
        {LOCALES.map((l) => (
          <button key={l} type="button" className="link-button" aria-pressed={locale === l} onClick={() => setLocale(l)} lang={l}>
            {t(`lang.${l}`)}
          </button>
        ))}
      </nav>
    </div>
  );
}
