/**
 * A menu button (WAI-ARIA menu pattern): Enter/Space/↓ open it with focus on the first item,
 * ↑/↓/Home/End move, Escape or Tab closes and returns focus to the button, a click outside closes.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Icon, type IconName } from './Icon.tsx';

/** One entry of a menu. */
export interface MenuItem {
  label: string;
  icon?: IconName;
  danger?: boolean;
  disabled?: boolean;
  onSelect(): void;
}

/** Props of MenuButton. */
export interface MenuButtonProps {
  /** Accessible name of the button (and tooltip). */
  label: string;
  items: (MenuItem | null | false)[];
  /** Content of the button; an ellipsis icon by default. */
  children?: ReactNode;
  className?: string;
  align?: 'left' | 'right';
  /** Icon of a button without `children` (an ellipsis-like menu icon by default). */
  icon?: IconName;
  /** Opens above the button (for buttons at the bottom of the screen). */
  up?: boolean;
  /** An icon-only button's size: small (lists, headers; the default) or as the reply box's tools. */
  size?: 'sm' | 'md';
}

/** A button that opens a menu of actions. */
export function MenuButton({ label, items, children, className, align = 'right', icon = 'menu', up = false, size = 'sm' }: MenuButtonProps) {
  const entries = items.filter((i): i is MenuItem => !!i);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    // Inside a scrolling list (a group's members), the list scrolls to show the whole menu.
    list.current?.scrollIntoView?.({ block: 'nearest' });
    const first = list.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])');
    first?.focus({ preventScroll: true });
    const onDown = (e: MouseEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') return close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  if (entries.length === 0) return null;
  return (
    <div className={`menu-wrap${className ? ` ${className}` : ''}`}>
      <button
        ref={button}
        type="button"
        className={children ? 'btn btn-secondary btn-sm' : `btn btn-ghost btn-icon${size === 'sm' ? ' btn-sm' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={children ? undefined : label}
        title={label}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children ?? <Icon name={icon} size={size === 'sm' ? 16 : 18} />}
      </button>
      {open && (
        <div ref={list} id={id} className={`menu menu-pop menu-${align}${up ? ' menu-up' : ''}`} role="menu" aria-label={label} onKeyDown={onMenuKey}>
          {entries.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className={item.danger ? 'menu-danger' : undefined}
              disabled={item.disabled}
              onClick={() => {
                close();
                item.onSelect();
              }}
            >
              {item.icon && <Icon name={item.icon} size={16} />}
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
