/**
 * The tray icon: Show / Hide / Quit in its menu (Linux indicators ignore clicks, so the menu
 * is the way back to a hidden window), the unread count in its tooltip, and a click toggling
 * the window where the OS reports clicks.
 */
import { Menu, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { Messages } from './messages.ts';

/** What the tray's items do. */
export interface TrayActions {
  show(): void;
  hide(): void;
  quit(): void;
  /** A click on the icon itself (Windows, macOS). */
  toggle(): void;
}

/** The tray menu, in the OS language. */
export function trayMenuTemplate(messages: Messages, actions: Pick<TrayActions, 'show' | 'hide' | 'quit'>): MenuItemConstructorOptions[] {
  return [
    { id: 'show', label: messages.show, click: () => actions.show() },
    { id: 'hide', label: messages.hide, click: () => actions.hide() },
    { type: 'separator' },
    { id: 'quit', label: messages.quit, click: () => actions.quit() },
  ];
}

/** The live tray. */
export interface AppTray {
  setUnread(count: number): void;
  destroy(): void;
}

/** Creates the tray icon with its menu and tooltip. */
export function createAppTray(icon: NativeImage, messages: Messages, actions: TrayActions): AppTray {
  const tray = new Tray(icon);
  tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(messages, actions)));
  tray.setToolTip(messages.trayTooltip(0));
  tray.on('click', () => actions.toggle());
  return {
    setUnread: (count) => tray.setToolTip(messages.trayTooltip(count)),
    destroy: () => tray.destroy(),
  };
}
