/**
 * Maps a request path of the app scheme to a file of the built renderer, confined to its
 * folder: every segment is percent-decoded once and rejected when it is `.`/`..`, holds a
 * slash, backslash, colon or NUL (encoded traversal, Windows drives and UNC paths), so no
 * request can name a file outside `distDir`. Paths that do not end in a known static-file
 * extension are client-side routes and get index.html (the SPA fallback) — a chat route ends
 * in a JID such as `…@s.whatsapp.net`, whose `.net` is no file extension. Pure: no file
 * system access.
 */
import { extname, join, resolve, sep } from 'node:path';

/** What a request path resolves to. */
export type StaticTarget =
  | { kind: 'file'; path: string }
  | { kind: 'index'; path: string }
  | { kind: 'rejected' };

const MAX_PATH_LENGTH = 2048;
const FORBIDDEN_IN_SEGMENT = /[/\\:\0]/;

/** Content types of the files a renderer build holds; other extensions are not files (see above). */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.wav': 'audio/wav',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

/** Decoded, checked segments of `pathname`, or null when one of them is hostile or malformed. */
function safeSegments(pathname: string): string[] | null {
  if (!pathname.startsWith('/') || pathname.length > MAX_PATH_LENGTH) return null;
  const out: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || FORBIDDEN_IN_SEGMENT.test(segment)) return null;
    out.push(segment);
  }
  return out;
}

/**
 * Resolves the URL path `pathname` (as in `new URL(request.url).pathname`, still encoded)
 * against `distDir`. `/` and extension-less paths map to index.html; anything that would
 * leave `distDir` is `rejected`.
 */
export function resolveStaticPath(distDir: string, pathname: string): StaticTarget {
  const root = resolve(distDir);
  const index = join(root, 'index.html');
  const segments = safeSegments(pathname);
  if (!segments) return { kind: 'rejected' };
  const last = segments.at(-1);
  if (last === undefined || !Object.hasOwn(MIME_TYPES, extname(last).toLowerCase())) return { kind: 'index', path: index };
  const path = resolve(root, ...segments);
  // Belt and braces: the checks above already exclude every way out of root.
  if (!path.startsWith(root + sep)) return { kind: 'rejected' };
  return { kind: 'file', path };
}

/** The Content-Type of a served file, by extension (unknown types are opaque bytes). */
export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
