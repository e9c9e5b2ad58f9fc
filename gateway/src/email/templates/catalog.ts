import type { UserLocale } from '@switchboard/shared';
import type { EmailContent } from './layout.ts';

/** Data each template needs. */
export interface TemplateData {
  passwordReset: { name: string; url: string; expiresMinutes: number };
  passwordResetDone: { name: string };
  passwordChanged: { name: string };
  temporaryPassword: { name: string; password: string; loginUrl: string };
  sessionAlert: { sessionId: string; sessionName: string; problem: 'logged_out' | 'problematic' | 'replaced'; detail?: string };
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
    sessionAlert: (d) => ({ subject: `Alerta: la sesión ${d.sessionName} necesita atención`, title: 'Sesión de WhatsApp con problemas', paragraphs: [`La sesión «${d.sessionName}» (${d.sessionId}) ${PROBLEM.es[d.problem]}.`, ...(d.detail ? [`Detalle: ${d.detail}`] : [])] }),
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
    sessionAlert: (d) => ({ subject: `Alert: session ${d.sessionName} needs attention`, title: 'WhatsApp session in trouble', paragraphs: [`Session "${d.sessionName}" (${d.sessionId}) ${PROBLEM.en[d.problem]}.`, ...(d.detail ? [`Detail: ${d.detail}`] : [])] }),
  },
};

/** The footer of a locale. */
export function footerFor(locale: UserLocale): string {
  return FOOTER[locale];
}
