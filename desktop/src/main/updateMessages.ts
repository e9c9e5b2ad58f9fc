/** What the update dialogs say (updates.ts), in Spanish and English, chosen like messages.ts. */
import { pickLocale, type Locale } from './messages.ts';

/** The texts of one language. */
export interface UpdateMessages {
  checkMenu: string;
  title: string;
  available: (version: string) => string;
  availableDetail: (current: string) => string;
  download: string;
  notNow: string;
  ready: (version: string) => string;
  readyDetail: string;
  restart: string;
  onQuit: string;
  upToDate: (current: string) => string;
  failed: string;
  failedDetail: (reason: string) => string;
  insecure: (origin: string) => string;
  noServer: string;
  notPackaged: string;
  ok: string;
}

const es: UpdateMessages = {
  checkMenu: 'Buscar actualizaciones…',
  title: 'Actualizar Switchboard',
  available: (v) => `Hay una versión nueva de Switchboard: ${v}.`,
  availableDetail: (c) => `Tienes la ${c}. Se descarga ahora y no se instala hasta que digas.`,
  download: 'Descargar',
  notNow: 'Ahora no',
  ready: (v) => `Switchboard ${v} está listo para instalarse.`,
  readyDetail: 'Reinicia para instalarlo ahora (los mensajes por enviar se conservan), o se instalará cuando salgas de Switchboard.',
  restart: 'Reiniciar ahora',
  onQuit: 'Al salir',
  upToDate: (c) => `Tienes la última versión de Switchboard (${c}).`,
  failed: 'No se pudo buscar actualizaciones.',
  failedDetail: (r) => `${r}\nSe volverá a intentar más tarde.`,
  insecure: (o) => `Las actualizaciones solo se descargan por https, y el servidor es ${o}. Pide a quien lo administra una dirección https.`,
  noServer: 'Conéctate primero a un servidor de Switchboard: las actualizaciones llegan desde él.',
  notPackaged: 'Las actualizaciones solo se instalan en la aplicación instalada, no en una copia de desarrollo.',
  ok: 'Aceptar',
};

const en: UpdateMessages = {
  checkMenu: 'Check for Updates…',
  title: 'Update Switchboard',
  available: (v) => `A new version of Switchboard is available: ${v}.`,
  availableDetail: (c) => `You have ${c}. It downloads now and is not installed until you say so.`,
  download: 'Download',
  notNow: 'Not Now',
  ready: (v) => `Switchboard ${v} is ready to install.`,
  readyDetail: 'Restart to install it now (messages waiting to be sent are kept), or it installs when you quit Switchboard.',
  restart: 'Restart Now',
  onQuit: 'When I Quit',
  upToDate: (c) => `You have the latest version of Switchboard (${c}).`,
  failed: 'Could not check for updates.',
  failedDetail: (r) => `${r}\nIt will be tried again later.`,
  insecure: (o) => `Updates are only downloaded over https, and the server is ${o}. Ask whoever runs it for an https address.`,
  noServer: 'Connect to a Switchboard server first: updates come from it.',
  notPackaged: 'Updates are only installed in the installed app, not in a development copy.',
  ok: 'OK',
};

const TABLES: Readonly<Record<Locale, UpdateMessages>> = { es, en };

/** The update texts for an OS locale. */
export function updateMessagesFor(osLocale: string | undefined): UpdateMessages {
  return TABLES[pickLocale(osLocale)];
}
