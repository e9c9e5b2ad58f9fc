/**
 * The application menu, labelled in the OS language. Edit items keep the standard roles (so
 * copy and paste shortcuts work, on macOS too); Quit goes through the quit confirmation
 * rather than quitting outright.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuRole, Messages } from './messages.ts';

/** Actions of the menu. */
export interface AppMenuActions {
  quit(): void;
  about(): void;
  /** *Buscar actualizaciones…* (updates.ts). */
  checkUpdates(): void;
}

/** The menu template for `platform`; the developer tools item only when `devTools`. */
export function appMenuTemplate(m: Messages, platform: NodeJS.Platform, actions: AppMenuActions, devTools: boolean, checkUpdatesLabel: string): MenuItemConstructorOptions[] {
  const role = (r: MenuRole): MenuItemConstructorOptions => ({ role: r, label: m.roles[r] });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const quit: MenuItemConstructorOptions = { id: 'quit', label: m.quit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const about: MenuItemConstructorOptions = { id: 'about', label: m.about, click: () => actions.about() };
  const updates: MenuItemConstructorOptions = { id: 'check-updates', label: checkUpdatesLabel, click: () => actions.checkUpdates() };
  const edit: MenuItemConstructorOptions = {
    label: m.menuEdit,
    submenu: [role('undo'), role('redo'), separator, role('cut'), role('copy'), role('paste'), role('selectAll')],
  };
  const view: MenuItemConstructorOptions = {
    label: m.menuView,
    submenu: [
      role('reload'),
      ...(devTools ? [role('toggleDevTools')] : []),
      separator,
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      separator,
      role('togglefullscreen'),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = { label: m.menuWindow, submenu: [role('minimize'), role('close')] };
  if (platform === 'darwin') {
    const appMenu = [about, updates, separator, role('hide'), role('hideOthers'), role('unhide'), separator, quit];
    return [{ label: 'Switchboard', submenu: appMenu }, edit, view, windowMenu];
  }
  return [{ label: m.menuFile, submenu: [quit] }, edit, view, windowMenu, { label: m.menuHelp, submenu: [updates, separator, about] }];
}
