import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './promText.ts';

const GOOD = [
  '# HELP up_total Things.',
  '# TYPE up_total counter',
  'up_total{a="x\\"y",b="2"} 3',
  '# TYPE d histogram',
  'd_bucket{le="0.1"} 1',
  'd_bucket{le="+Inf"} 2',
  'd_sum 0.3',
  'd_count 2',
  '',
].join('\n');

describe('parsePrometheusText', () => {
  it('reads families, escaped labels and histogram samples', () => {
    const f = parsePrometheusText(GOOD);
    expect(f.get('up_total')).toMatchObject({ type: 'counter', help: 'Things.' });
    expect(sampleValue(f, 'up_total', { a: 'x"y' })).toBe(3);
    expect(sampleValue(f, 'd', { le: '+Inf' }, 'd_bucket')).toBe(2);
    expect(sampleValue(f, 'd', {}, 'd_count')).toBe(2);
  });

  it('refuses samples without TYPE, repeated series, bad values and bad labels', () => {
    expect(() => parsePrometheusText('x 1\n')).toThrow(/no TYPE/);
    expect(() => parsePrometheusText('# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2\n')).toThrow(/repeated/);
    expect(() => parsePrometheusText('# TYPE x gauge\nx one\n')).toThrow(/bad value/);
    expect(() => parsePrometheusText('# TYPE x gauge\nx{a=1} 1\n')).toThrow(/bad labels/);
    expect(() => parsePrometheusText('# TYPE x gauge\n# TYPE x gauge\n')).toThrow(/repeated/);
  });
});
