/**
 * How the command palette matches what the user types: case and accents ignored ("sesion" finds
 * "Sesiones", "auditoria" finds "Auditoría"), every typed word must appear, and a label that
 * starts with the text ranks above one that merely contains it.
 */

/** Lower case without accents (NFD, combining marks dropped). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * How well `query` matches an item's label and keywords: 0 when some typed word is missing,
 * higher is better (label starts with the query 4, a word of the label does 3, the label contains
 * it 2, only the keywords do 1). An empty query matches everything with 1.
 */
export function matchScore(query: string, label: string, keywords: readonly string[] = []): number {
  const q = fold(query).trim();
  if (!q) return 1;
  const l = fold(label);
  const all = [l, ...keywords.map(fold)].join(' ');
  if (!q.split(/\s+/).every((word) => all.includes(word))) return 0;
  if (l.startsWith(q)) return 4;
  if (l.split(/[\s·,.\-_/()]+/).some((w) => w.startsWith(q))) return 3;
  if (l.includes(q)) return 2;
  return 1;
}

/** The items that match, best first, keeping the given order among equals. */
export function rankByMatch<T>(items: readonly T[], query: string, text: (item: T) => { label: string; keywords?: readonly string[] }): T[] {
  return items
    .map((item, i) => {
      const { label, keywords } = text(item);
      return { item, i, score: matchScore(query, label, keywords) };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.item);
}
