/**
 * The frame of the signed-in app: a skip link, the command palette's button, the navigation (only
 * what the user may use), the live-connection marker, the user menu (language, password, shortcuts, sign out) and the
 * screen itself in `<main>`.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { useAbility, useAuth, useMe } from '../auth/AuthProvider.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ConnectionMarker } from '../realtime/ConnectionMarker.tsx';
import { Icon } from '../ui/Icon.tsx';
import { useToast } from '../ui/Toasts.tsx';
import { errorText } from '../ui/errors.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useOptionalInbox } from '../screens/inbox/InboxProvider.tsx';
import { roleLabel } from '../ui/roleLabel.ts';
import { NAV } from './nav.ts';
import { useGlobalShortcuts } from './useGlobalShortcuts.ts';
import { CommandPalette } from './palette/CommandPalette.tsx';
import { initials } from '../ui/initials.ts';
import { useSidebarMode } from './useSidebarMode.ts';
import { THEME_CHOICES } from './theme.ts';
import { useTheme } from './useTheme.ts';

/** macOS says ⌘ where the others say Ctrl (both open the palette everywhere). */
const IS_MAC = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');

/** The signed-in frame. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, tn } = useI18n();
  const ability = useAbility();
  const items = NAV.filter((n) => n.visible(ability));
  const [helpOpen, setHelpOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const openPalette = useCallback(() => setPaletteOpen(true), []);
  const inbox = useOptionalInbox();
  const sidebar = useSidebarMode();
  const rail = sidebar.mode === 'rail';
  useGlobalShortcuts(items, openHelp, openPalette);
  return (
    <div className={`shell${rail ? ' rail' : ''}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="zap" size={18} />
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <button type="button" className="palette-trigger" title={t('palette.title')} aria-keyshortcuts="Control+K Meta+K" onClick={openPalette}>
          <Icon name="search" size={15} />
          <span className="palette-trigger-text">{t('palette.trigger')}</span>
          <kbd aria-hidden="true">{IS_MAC ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <nav aria-label={t('nav.main')}>
          <ul className="nav-list">
            {items.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} title={t(n.label)} className={({ isActive }) => `nav-item${isActive ? ' active' : ''}`}>
                  <Icon name={n.icon} />
                  <span className="nav-label">{t(n.label)}</span>
                  {n.to === '/inbox' && inbox && inbox.needsReplyCount > 0 && (
                    <span className="nav-badge" aria-label={tn('inbox.needsReplyBadge', inbox.needsReplyCount)}>
                      {inbox.needsReplyCount > 99 ? '99+' : inbox.needsReplyCount}
                    </span>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          <button type="button" className="sidebar-toggle" title={t(rail ? 'nav.expand' : 'nav.collapse')} onClick={sidebar.toggle}>
            <Icon name={rail ? 'chevronsRight' : 'chevronsLeft'} size={16} />
            <span className="sidebar-toggle-text">{t(rail ? 'nav.expand' : 'nav.collapse')}</span>
          </button>
          <ConnectionMarker />
          <UserMenu onShortcuts={openHelp} />
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} openShortcuts={openHelp} toggleSidebar={sidebar.toggle} />
    </div>
  );
}

/** The user's name with a menu: language, light or dark, change password, shortcuts, sign out. */
function UserMenu({ onShortcuts }: { onShortcuts(): void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const auth = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const theme = useTheme();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const switchTo = (l: 'es' | 'en') => {
    setOpen(false);
    auth.setLocale(l).catch((err: unknown) => toast.error(errorText(err, t)));
  };
  return (
    <div className="user-menu" ref={ref}>
      <button type="button" className="user-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className="avatar" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span className="user-text">
          <span className="user-name">{me.name}</span>
          <span className="user-role">{roleLabel(t, me.role.name)}</span>
        </span>
        <Icon name="chevronDown" size={14} />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label={t('user.menu')}>
          <div className="menu-label" id="lang-label">
            {t('user.language')}
          </div>
          <button type="button" role="menuitemradio" aria-checked={locale === 'es'} onClick={() => switchTo('es')}>
            {t('lang.es')}
          </button>
          <button type="button" role="menuitemradio" aria-checked={locale === 'en'} onClick={() => switchTo('en')}>
            {t('lang.en')}
          </button>
          <hr />
          <div className="menu-label">{t('user.theme')}</div>
          {THEME_CHOICES.map((c) => (
            <button key={c} type="button" role="menuitemradio" aria-checked={theme.choice === c} onClick={() => (setOpen(false), theme.choose(c))}>
              {t(`theme.${c}`)}
            </button>
          ))}
          <hr />
          <button type="button" role="menuitem" onClick={() => (setOpen(false), navigate('/change-password'))}>
            <Icon name="key" /> {t('user.changePassword')}
          </button>
          <button type="button" role="menuitem" onClick={() => (setOpen(false), onShortcuts())}>
            <Icon name="keyboard" /> {t('user.shortcuts')}
          </button>
          <hr />
          <button type="button" role="menuitem" onClick={() => void auth.logout()}>
            <Icon name="logout" /> {t('user.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
