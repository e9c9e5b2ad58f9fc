/**
 * Every text main shows (tray, menus, dialogs, errors returned to the renderer) in Spanish
 * and English, chosen once from the OS locale (`app.getLocale()`): Spanish for any `es-*`,
 * English otherwise.
 */

/** The languages of the desktop shell. */
export type Locale = 'es' | 'en';

/** The message table of one language. */
export interface Messages {
  show: string;
  hide: string;
  quit: string;
  cancel: string;
  trayTooltip: (unread: number) => string;
  unreadOverlay: (unread: number) => string;
  quitConfirmTitle: string;
  quitConfirmMessage: (unread: number) => string;
  quitConfirmDetail: string;
  menuFile: string;
  menuEdit: string;
  menuView: string;
  menuWindow: string;
  menuHelp: string;
  about: string;
  invalidUrl: string;
  unreachable: (url: string) => string;
  insecureStorage: string;
  storageFailed: string;
  /** Placeholder of a notification's inline reply field (macOS). */
  replyPlaceholder: string;
  /** Labels of the standard menu roles. */
  roles: Record<MenuRole, string>;
}

/** Standard menu roles the app menu uses (labelled here, since Electron's defaults are English). */
export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'close'
  | 'hide'
  | 'hideOthers'
  | 'unhide';

const es: Messages = {
  show: 'Mostrar Switchboard',
  hide: 'Ocultar',
  quit: 'Salir',
  cancel: 'Cancelar',
  trayTooltip: (n) => (n > 0 ? `Switchboard: ${n} ${n === 1 ? 'conversación sin leer' : 'conversaciones sin leer'}` : 'Switchboard'),
  unreadOverlay: (n) => `${n} sin leer`,
  quitConfirmTitle: 'Salir de Switchboard',
  quitConfirmMessage: (n) => `Tienes ${n} ${n === 1 ? 'conversación sin leer' : 'conversaciones sin leer'}. ¿Salir de todos modos?`,
  quitConfirmDetail: 'Al salir dejarás de recibir avisos de mensajes nuevos. Si cierras la ventana, Switchboard sigue en la bandeja.',
  menuFile: 'Archivo',
  menuEdit: 'Edición',
  menuView: 'Ver',
  menuWindow: 'Ventana',
  menuHelp: 'Ayuda',
  about: 'Acerca de Switchboard',
  invalidUrl: 'La dirección no es válida: escribe la del servidor, por ejemplo https://switchboard.example.com (sin ruta, usuario ni contraseña).',
  unreachable: (url) => `No se pudo conectar con ${url}. Comprueba la dirección y que el servidor esté en marcha.`,
  insecureStorage:
    'Este equipo no tiene un almacén de claves seguro (libsecret o KWallet), así que la sesión no se puede guardar cifrada. Instala gnome-keyring o KWallet, o inicia Switchboard con SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE=1 para guardarla sin protección real.',
  storageFailed: 'No se pudo guardar la sesión en este equipo.',
  replyPlaceholder: 'Responder…',
  roles: {
    undo: 'Deshacer',
    redo: 'Rehacer',
    cut: 'Cortar',
    copy: 'Copiar',
    paste: 'Pegar',
    selectAll: 'Seleccionar todo',
    reload: 'Recargar',
    toggleDevTools: 'Herramientas de desarrollo',
    resetZoom: 'Tamaño real',
    zoomIn: 'Ampliar',
    zoomOut: 'Reducir',
    togglefullscreen: 'Pantalla completa',
    minimize: 'Minimizar',
    close: 'Cerrar ventana',
    hide: 'Ocultar Switchboard',
    hideOthers: 'Ocultar otras',
    unhide: 'Mostrar todas',
  },
};

const en: Messages = {
  show: 'Show Switchboard',
  hide: 'Hide',
  quit: 'Quit',
  cancel: 'Cancel',
  trayTooltip: (n) => (n > 0 ? `Switchboard: ${n} unread ${n === 1 ? 'conversation' : 'conversations'}` : 'Switchboard'),
  unreadOverlay: (n) => `${n} unread`,
  quitConfirmTitle: 'Quit Switchboard',
  quitConfirmMessage: (n) => `You have ${n} unread ${n === 1 ? 'conversation' : 'conversations'}. Quit anyway?`,
  quitConfirmDetail: 'After quitting you will not be notified of new messages. Closing the window keeps Switchboard in the tray.',
  menuFile: 'File',
  menuEdit: 'Edit',
  menuView: 'View',
  menuWindow: 'Window',
  menuHelp: 'Help',
  about: 'About Switchboard',
  invalidUrl: 'That address is not valid: enter the server address, e.g. https://switchboard.example.com (no path, user name or password).',
  unreachable: (url) => `Could not connect to ${url}. Check the address and that the server is running.`,
  insecureStorage:
    'This computer has no secure key store (libsecret or KWallet), so the session cannot be stored encrypted. Install gnome-keyring or KWallet, or start Switchboard with SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE=1 to store it without real protection.',
  storageFailed: 'Could not store the session on this computer.',
  replyPlaceholder: 'Reply…',
  roles: {
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    reload: 'Reload',
    toggleDevTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    togglefullscreen: 'Full Screen',
    minimize: 'Minimize',
    close: 'Close Window',
    hide: 'Hide Switchboard',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
  },
};

/** The message tables, by language. */
export const MESSAGES: Readonly<Record<Locale, Messages>> = { es, en };

/** The language for an OS locale such as `es-ES`, `es-419` or `en-US`. */
export function pickLocale(osLocale: string | undefined): Locale {
  return /^es(\b|[-_])/i.test(osLocale ?? '') ? 'es' : 'en';
}

/** The message table for an OS locale. */
export function messagesFor(osLocale: string | undefined): Messages {
  return MESSAGES[pickLocale(osLocale)];
}
