import type { UserLocale } from '@switchboard/shared';
import { CATALOG, footerFor, type TemplateData, type TemplateName } from './catalog.ts';
import { renderHtml, renderText, type EmailContent } from './layout.ts';

/** A rendered email: subject, responsive HTML and a plain-text alternative. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders a template in the user's locale. */
export function renderEmail<K extends TemplateName>(template: K, locale: UserLocale, data: TemplateData[K]): RenderedEmail {
  type Built = Omit<EmailContent, 'lang' | 'footer'> & { subject: string };
  const build = CATALOG[locale][template] as unknown as (d: TemplateData[K]) => Built;
  const { subject, ...content } = build(data);
  const full = { ...content, lang: locale, footer: footerFor(locale) };
  return { subject, html: renderHtml(full), text: renderText(full) };
}
