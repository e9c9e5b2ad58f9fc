/**
 * The command palette (Ctrl / ⌘ + K, or the search button at the top of the sidebar): type a few
 * letters of a customer, a session, a colleague or a screen and press Enter to go there, without
 * the mouse. Also the app's commands (new session, language, sign out…). A combobox over a
 * listbox in a modal `<dialog>` (the page behind is inert; focus comes back when it closes).
 * Enter pressed while a search is still under way waits for it, so the first hit it opens is the
 * one for the words typed, not an older one.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAbility, useAuth } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { PALETTE_GROUPS, foundItems, messageSearchItem, staticItems, type PaletteActions, type PaletteItem } from './paletteItems.ts';
import { MIN_LOOKUP, usePaletteLookups } from './usePaletteLookups.ts';

/** Props of CommandPalette. */
export interface CommandPaletteProps {
  open: boolean;
  onClose(): void;
  openShortcuts(): void;
  toggleSidebar(): void;
}

/** The palette. */
export function CommandPalette({ open, onClose, openShortcuts, toggleSidebar }: CommandPaletteProps) {
  const { t, locale } = useI18n();
  const ability = useAbility();
  const auth = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const waitingEnter = useRef(false);
  const baseId = useId();
  const found = usePaletteLookups(text, open);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setText('');
      setActiveId(null);
      waitingEnter.current = false;
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);

  const items = useMemo(() => {
    const act: PaletteActions = {
      navigate: (to) => navigate(to),
      setLocale: (l) => auth.setLocale(l).catch((err: unknown) => toast.error(errorText(err, t))),
      openShortcuts,
      toggleSidebar,
      signOut: () => void auth.logout(),
    };
    // Searching the words in the messages comes last: Enter takes it when nothing else matches.
    const messages = found.busy ? [] : messageSearchItem(text, ability, t, act);
    return [...foundItems(found, t, act), ...staticItems(text, ability, t, locale, act), ...messages];
  }, [found, text, ability, t, locale, navigate, auth, toast, openShortcuts, toggleSidebar]);

  const active = items.find((i) => i.id === activeId) ?? items[0];
  const optionId = (item: PaletteItem) => `${baseId}-${item.id.replace(/[^\w-]/g, '_')}`;

  const choose = (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };

  // Enter pressed during a search runs once it settles, on the first hit for the words typed.
  useEffect(() => {
    if (waitingEnter.current && !found.busy) {
      waitingEnter.current = false;
      choose(items[0]);
    }
    // runs when the search settles
  }, [found.busy]);

  useEffect(() => {
    if (active) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // follows the active option only
  }, [active?.id]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const at = active ? items.indexOf(active) : -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length === 0) return;
      const next = e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
      setActiveId(items[next]!.id);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (found.busy && activeId === null) waitingEnter.current = true;
      else choose(active);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      onClose();
    }
  };

  const typed = text.trim();
  const status = found.busy
    ? t('palette.searching')
    : found.error
      ? t('palette.searchFailed', { reason: errorText(found.error, t) })
      : items.length === 0
        ? t('palette.nothing', { text: typed })
        : typed.length > 0 && typed.length < MIN_LOOKUP
          ? t('palette.typeMore')
          : '';

  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label={t('palette.title')}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose(); // the backdrop
      }}
    >
      {open && (
        <div className="palette-box">
          <div className="palette-input">
            <Icon name="search" />
            <input
              autoFocus
              role="combobox"
              aria-expanded="true"
              aria-controls={`${baseId}-list`}
              aria-autocomplete="list"
              aria-activedescendant={active ? optionId(active) : undefined}
              aria-label={t('palette.title')}
              placeholder={t('palette.placeholder')}
              value={text}
              spellCheck={false}
              onChange={(e) => {
                setText(e.target.value);
                setActiveId(null);
              }}
              onKeyDown={onKeyDown}
            />
            <kbd>Esc</kbd>
          </div>
          <div id={`${baseId}-list`} role="listbox" aria-label={t('palette.results')} className="palette-list">
            {PALETTE_GROUPS.map((group) => {
              const inGroup = items.filter((i) => i.group === group);
              if (inGroup.length === 0) return null;
              return (
                <div key={group} role="group" aria-labelledby={`${baseId}-${group}`}>
                  <div className="palette-group" id={`${baseId}-${group}`}>
                    {t(`palette.group.${group}`)}
                  </div>
                  {inGroup.map((item) => (
                    <div
                      key={item.id}
                      id={optionId(item)}
                      role="option"
                      aria-selected={item === active}
                      className={`palette-option${item === active ? ' active' : ''}`}
                      onMouseMove={() => item !== active && setActiveId(item.id)}
                      onClick={() => choose(item)}
                    >
                      <Icon name={item.icon} />
                      <span className="palette-option-text">
                        <span className="palette-option-label">{item.label}</span>
                        {item.detail && <span className="palette-option-detail">{item.detail}</span>}
                      </span>
                      {item.shortcut && <kbd className="palette-option-keys">{item.shortcut}</kbd>}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
          <div className="palette-status" role="status">
            {status}
          </div>
          <footer className="palette-foot" aria-hidden="true">
            <span>
              <kbd>↑</kbd> <kbd>↓</kbd> {t('palette.move')}
            </span>
            <span>
              <kbd>Enter</kbd> {t('palette.open')}
            </span>
            <span>
              <kbd>Esc</kbd> {t('palette.close')}
            </span>
          </footer>
        </div>
      )}
    </dialog>
  );
}
