import type { TimelineKind, UserLocale } from '@switchboard/shared';
import type { EmailContent } from './layout.ts';

/** Data each template needs. */
export interface TemplateData {
  passwordReset: { name: string; url: string; expiresMinutes: number };
  passwordResetDone: { name: string };
  passwordChanged: { name: string };
  temporaryPassword: { name: string; password: string; loginUrl: string };
  accountLocked: { name: string; minutes: number; resetUrl: string };
  sessionAlert: SessionAlertData;
  sessionAlertDigest: { alerts: SessionAlertData[] };
}

/** One session that needs an operator: its problem, the classified cause (timeline kind) and technical detail. */
export interface SessionAlertData {
  sessionId: string;
  sessionName: string;
  problem: 'logged_out' | 'problematic' | 'replaced';
  /** What caused it, classified as in the session timeline (gateway/src/timeline/classify.ts). */
  cause?: TimelineKind;
  /** Technical detail: WhatsApp's disconnect cause and status code, or the last exit's reason. */
  detail?: string;
  /** Link to the session in the console. */
  url?: string;
}

/** Names of the templates. */
export type TemplateName = keyof TemplateData;

type Builder<K extends TemplateName> = (d: TemplateData[K]) => Omit<EmailContent, 'lang' | 'footer'> & { subject: string };

const FOOTER: Record<UserLocale, string> = {
  es: 'Este es un mensaje automático de Switchboard. Si no esperabas este correo, avisa a tu administrador.',
  en: 'This is an automatic message from Switchboard. If you did not expect this email, tell your administrator.',
};

const PROBLEM: Record<UserLocale, Record<TemplateData['sessionAlert']['problem'], string>> = {
  es: { logged_out: 'cerró sesión en WhatsApp y necesita un nuevo código QR', problematic: 'falla repetidamente y se dejó de reiniciar', replaced: 'fue abierta en otro lugar y quedó detenida' },
  en: { logged_out: 'was logged out of WhatsApp and needs a new QR code', problematic: 'keeps failing and is no longer restarted', replaced: 'was opened elsewhere and has been stopped' },
};

/** A classified cause in words. */
const CAUSE: Record<UserLocale, Record<TimelineKind, string>> = {
  es: {
    crash: 'el proceso de la sesión terminó inesperadamente',
    recycle: 'el supervisor reinició el proceso (memoria o falta de latidos)',
    network: 'problemas de red o WhatsApp no disponible',
    restart_required: 'WhatsApp pidió reiniciar la conexión',
    logged_out: 'se cerró la sesión desde el teléfono o WhatsApp la invalidó',
    replaced: 'la cuenta se abrió en otra sesión de WhatsApp Web (conflicto)',
    problematic: 'demasiados reinicios seguidos',
    connected: 'conectada',
    stopped: 'detenida por un operador',
    unlinked: 'detenida porque nadie la vinculó a tiempo',
    node_stopped: 'el servidor se detuvo (la sesión se reanuda al arrancar)',
    qr: 'esperando el escaneo del código QR',
    other: 'otra causa (ver el detalle)',
  },
  en: {
    crash: 'the session process ended unexpectedly',
    recycle: 'the supervisor recycled the process (memory or missed heartbeats)',
    network: 'network trouble or WhatsApp unavailable',
    restart_required: 'WhatsApp asked for the connection to restart',
    logged_out: 'logged out from the phone or by WhatsApp',
    replaced: 'the account was opened in another WhatsApp Web session (conflict)',
    problematic: 'too many restarts in a row',
    connected: 'connected',
    stopped: 'stopped by an operator',
    unlinked: 'stopped because nobody linked it in time',
    node_stopped: 'the server stopped (the session resumes when it starts)',
    qr: 'waiting for the QR code to be scanned',
    other: 'another cause (see the detail)',
  },
};

const ALERT_WORDS = {
  es: { session: 'La sesión', cause: 'Causa', detail: 'Detalle', open: 'Abrir la sesión' },
  en: { session: 'Session', cause: 'Cause', detail: 'Detail', open: 'Open the session' },
} as const;

/** The paragraphs describing one alert, in `locale`. */
function alertLines(locale: UserLocale, d: SessionAlertData): string[] {
  const w = ALERT_WORDS[locale];
  const name = locale === 'es' ? `«${d.sessionName}»` : `"${d.sessionName}"`;
  return [
    `${w.session} ${name} (${d.sessionId}) ${PROBLEM[locale][d.problem]}.`,
    ...(d.cause ? [`${w.cause}: ${CAUSE[locale][d.cause]}.`] : []),
    ...(d.detail ? [`${w.detail}: ${d.detail}`] : []),
  ];
}

/** Every template in Spanish and English. */
export const CATALOG: { [L in UserLocale]: { [K in TemplateName]: Builder<K> } } = {
  es: {
    passwordReset: (d) => ({
      subject: 'Restablece tu contraseña',
      title: 'Restablece tu contraseña',
      paragraphs: [`Hola ${d.name}:`, `Recibimos una solicitud para restablecer tu contraseña. El enlace vale ${d.expiresMinutes} minutos y solo se puede usar una vez.`, 'Si no la pediste, ignora este correo: tu contraseña no cambiará.'],
      button: { label: 'Restablecer contraseña', url: d.url },
    }),
    passwordResetDone: (d) => ({ subject: 'Tu contraseña fue restablecida', title: 'Contraseña restablecida', paragraphs: [`Hola ${d.name}:`, 'Tu contraseña se restableció y cerramos todas tus sesiones abiertas.', 'Si no fuiste tú, contacta a tu administrador de inmediato.'] }),
    passwordChanged: (d) => ({ subject: 'Tu contraseña fue cambiada', title: 'Contraseña cambiada', paragraphs: [`Hola ${d.name}:`, 'Tu contraseña se cambió correctamente y cerramos tus otras sesiones.', 'Si no fuiste tú, contacta a tu administrador de inmediato.'] }),
    temporaryPassword: (d) => ({
      subject: 'Tu contraseña temporal',
      title: 'Contraseña temporal',
      paragraphs: [`Hola ${d.name}:`, 'Un administrador restableció tu contraseña. Usa esta contraseña temporal para entrar; se te pedirá cambiarla al iniciar sesión.'],
      code: d.password,
      button: { label: 'Iniciar sesión', url: d.loginUrl },
    }),
    accountLocked: (d) => ({
      subject: 'Bloqueamos el acceso a tu cuenta por unos minutos',
      title: 'Cuenta bloqueada temporalmente',
      paragraphs: [
        `Hola ${d.name}:`,
        `Hubo demasiados intentos fallidos de entrar con tu correo, así que bloqueamos el acceso durante ${d.minutes} minutos. Después podrás entrar con normalidad.`,
        'Si no fuiste tú, alguien podría estar intentando adivinar tu contraseña: cámbiala y avisa a tu administrador. Restablecerla también desbloquea la cuenta.',
      ],
      button: { label: 'Restablecer contraseña', url: d.resetUrl },
    }),
    sessionAlert: (d) => ({
      subject: `Alerta: la sesión ${d.sessionName} necesita atención`,
      title: 'Sesión de WhatsApp con problemas',
      paragraphs: alertLines('es', d),
      ...(d.url ? { button: { label: ALERT_WORDS.es.open, url: d.url } } : {}),
    }),
    sessionAlertDigest: (d) => ({
      subject: `Alerta: sesiones que necesitan atención (${d.alerts.length})`,
      title: 'Sesiones de WhatsApp con problemas',
      paragraphs: ['Para no llenar tu bandeja, estas alertas se agruparon en un solo correo:', ...d.alerts.flatMap((a) => alertLines('es', a))],
    }),
  },
  en: {
    passwordReset: (d) => ({
      subject: 'Reset your password',
      title: 'Reset your password',
      paragraphs: [`Hi ${d.name},`, `We received a request to reset your password. The link is valid for ${d.expiresMinutes} minutes and works only once.`, 'If you did not ask for it, ignore this email: your password will not change.'],
      button: { label: 'Reset password', url: d.url },
    }),
    passwordResetDone: (d) => ({ subject: 'Your password was reset', title: 'Password reset', paragraphs: [`Hi ${d.name},`, 'Your password was reset and every open session was signed out.', 'If this was not you, contact your administrator right away.'] }),
    passwordChanged: (d) => ({ subject: 'Your password was changed', title: 'Password changed', paragraphs: [`Hi ${d.name},`, 'Your password was changed and your other sessions were signed out.', 'If this was not you, contact your administrator right away.'] }),
    temporaryPassword: (d) => ({
      subject: 'Your temporary password',
      title: 'Temporary password',
      paragraphs: [`Hi ${d.name},`, 'An administrator reset your password. Use this temporary password to sign in; you will be asked to change it when you do.'],
      code: d.password,
      button: { label: 'Sign in', url: d.loginUrl },
    }),
    accountLocked: (d) => ({
      subject: 'We locked sign-in to your account for a few minutes',
      title: 'Account temporarily locked',
      paragraphs: [
        `Hi ${d.name},`,
        `There were too many failed attempts to sign in with your email, so we locked sign-in for ${d.minutes} minutes. After that you can sign in as usual.`,
        'If this was not you, someone may be trying to guess your password: change it and tell your administrator. Resetting it also unlocks the account.',
      ],
      button: { label: 'Reset password', url: d.resetUrl },
    }),
    sessionAlert: (d) => ({
      subject: `Alert: session ${d.sessionName} needs attention`,
      title: 'WhatsApp session in trouble',
      paragraphs: alertLines('en', d),
      ...(d.url ? { button: { label: ALERT_WORDS.en.open, url: d.url } } : {}),
    }),
    sessionAlertDigest: (d) => ({
      subject: `Alert: sessions needing attention (${d.alerts.length})`,
      title: 'WhatsApp sessions in trouble',
      paragraphs: ['So as not to flood your inbox, these alerts were grouped into one email:', ...d.alerts.flatMap((a) => alertLines('en', a))],
    }),
  },
};

/** The footer of a locale. */
export function footerFor(locale: UserLocale): string {
  return FOOTER[locale];
}
