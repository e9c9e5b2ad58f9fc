/** Escapes text for HTML bodies and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Content of one email before it is wrapped in the layout. */
export interface EmailContent {
  lang: string;
  title: string;
  paragraphs: string[];
  button?: { label: string; url: string };
  /** Monospace block, e.g. a temporary password. */
  code?: string;
  footer: string;
}

/**
 * Wraps content in a responsive, table-based HTML layout with inline styles (what email
 * clients support): one 600px column that shrinks to the screen on phones.
 */
export function renderHtml(c: EmailContent): string {
  const p = c.paragraphs.map((t) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2933">${escapeHtml(t)}</p>`).join('');
  const code = c.code
    ? `<p style="margin:0 0 16px;padding:12px 16px;background:#f1f5f9;border-radius:6px;font-family:Menlo,Consolas,monospace;font-size:18px;letter-spacing:1px">${escapeHtml(c.code)}</p>`
    : '';
  const button = c.button
    ? `<table role="presentation" cellspacing="0" cellpadding="0" style="margin:8px 0 24px"><tr><td style="border-radius:6px;background:#128c7e"><a href="${escapeHtml(c.button.url)}" style="display:inline-block;padding:12px 24px;color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none">${escapeHtml(c.button.label)}</a></td></tr></table><p style="margin:0 0 16px;font-size:13px;line-height:20px;color:#52606d;word-break:break-all">${escapeHtml(c.button.url)}</p>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(c.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(c.title)}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#f5f7fa"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="padding:24px 24px 8px;font-size:20px;font-weight:bold;color:#128c7e">Switchboard</td></tr>
<tr><td style="padding:8px 24px 8px"><h1 style="margin:0 0 16px;font-size:22px;line-height:30px;color:#1f2933">${escapeHtml(c.title)}</h1>${p}${code}${button}</td></tr>
<tr><td style="padding:16px 24px 24px;font-size:12px;line-height:18px;color:#7b8794;border-top:1px solid #e4e7eb">${escapeHtml(c.footer)}</td></tr>
</table></td></tr></table></body></html>`;
}

/** Plain-text alternative of the same content. */
export function renderText(c: EmailContent): string {
  const parts = [c.title, '', ...c.paragraphs.flatMap((t) => [t, ''])];
  if (c.code) parts.push(c.code, '');
  if (c.button) parts.push(`${c.button.label}: ${c.button.url}`, '');
  parts.push('--', c.footer);
  return parts.join('\n');
}
