/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: every sample
 * must belong to a family declared by `# TYPE`, lines must be well-formed, label values
 * correctly escaped, and no series may appear twice. Throws on the first violation.
 */

/** One sample line. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One metric family (`# HELP` + `# TYPE` + its samples). */
export interface PromFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/;

/** A sample value as Prometheus reads it (Go's ParseFloat: NaN and Inf in any case, as prom-client writes `Nan`). */
function parseValue(raw: string, line: number): number {
  if (/^\+?inf$/i.test(raw)) return Infinity;
  if (/^-inf$/i.test(raw)) return -Infinity;
  if (/^nan$/i.test(raw)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) throw new Error(`line ${line}: bad value ${raw}`);
  return Number(raw);
}

function parseLabels(raw: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = raw;
  while (rest.length > 0) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`line ${line}: bad labels {${raw}}`);
    if (m[1]! in labels) throw new Error(`line ${line}: label ${m[1]} repeated`);
    labels[m[1]!] = m[2]!.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(m[0].length);
  }
  return labels;
}

/** The family a sample name belongs to (`x_bucket` → histogram `x`). */
function familyOf(name: string, families: Map<string, PromFamily>): PromFamily | undefined {
  const exact = families.get(name);
  if (exact) return exact;
  const m = /^(.*)_(bucket|sum|count)$/.exec(name);
  const base = m ? families.get(m[1]!) : undefined;
  if (!base || (base.type !== 'histogram' && base.type !== 'summary')) return undefined;
  if (m![2] === 'bucket' && base.type !== 'histogram') return undefined;
  return base;
}

/** Parses an exposition; families by name. */
export function parsePrometheusText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const helps = new Map<string, string>();
  const seen = new Set<string>();
  text.split('\n').forEach((content, i) => {
    const line = i + 1;
    if (content === '') return;
    if (content.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(content);
      if (!m) return; // a plain comment
      const [, kind, name, rest] = m as unknown as [string, 'HELP' | 'TYPE', string, string];
      if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
      if (kind === 'HELP') {
        if (helps.has(name)) throw new Error(`line ${line}: HELP of ${name} repeated`);
        helps.set(name, rest);
        return;
      }
      if (!TYPES.has(rest)) throw new Error(`line ${line}: bad type ${rest}`);
      if (families.has(name)) throw new Error(`line ${line}: TYPE of ${name} repeated`);
      families.set(name, { name, type: rest as PromFamily['type'], help: helps.get(name) ?? '', samples: [] });
      return;
    }
    const m = SAMPLE.exec(content);
    if (!m) throw new Error(`line ${line}: not a sample: ${content}`);
    const [, name, rawLabels, rawValue] = m as unknown as [string, string, string | undefined, string];
    const family = familyOf(name, families);
    if (!family) throw new Error(`line ${line}: sample ${name} has no TYPE`);
    const labels = rawLabels ? parseLabels(rawLabels, line) : {};
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) throw new Error(`line ${line}: series repeated: ${content}`);
    seen.add(key);
    family.samples.push({ name, labels, value: parseValue(rawValue, line) });
  });
  return families;
}

/** The value of the one sample of `family` (or of its sample `name`) whose labels include `labels`; throws unless exactly one matches. */
export function sampleValue(families: Map<string, PromFamily>, family: string, labels: Record<string, string>, name = family): number {
  const f = families.get(family);
  if (!f) throw new Error(`no family ${family}`);
  const hits = f.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (hits.length !== 1) throw new Error(`${hits.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return hits[0]!.value;
}
