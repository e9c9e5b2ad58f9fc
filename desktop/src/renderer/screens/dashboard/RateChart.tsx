/** Messages per minute for the last hour as a bar chart (SVG), with a text summary for screen readers. */
import type { RatePoint } from '@switchboard/shared';
import { useI18n } from '../../i18n/index.tsx';
import { summarize } from './rates.ts';

const W = 600;
const H = 140;

/** The chart. */
export function RateChart({ points }: { points: RatePoint[] }) {
  const { t, fmt } = useI18n();
  const sum = summarize(points);
  const max = Math.max(1, sum.peak);
  const bw = W / Math.max(1, points.length);
  const summary = t('dash.ratesSummary', { received: fmt.number(sum.received), sent: fmt.number(sum.sent), peak: fmt.number(sum.peak) });
  return (
    <figure className="rate-chart">
      <svg viewBox={`0 0 ${W} ${H + 18}`} role="img" aria-label={summary} preserveAspectRatio="none">
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <line key={f} x1={0} x2={W} y1={H - H * f} y2={H - H * f} className="rate-grid" />
        ))}
        {points.map((p, i) => {
          const rh = (p.received / max) * H;
          const sh = (p.sent / max) * H;
          return (
            <g key={p.minute}>
              <title>{`${fmt.time(p.minute).slice(0, 5)} · ${t('dash.received')}: ${p.received} · ${t('dash.sent')}: ${p.sent}`}</title>
              <rect x={i * bw + 1} y={H - rh - sh} width={Math.max(1, bw - 2)} height={sh} className="rate-sent" />
              <rect x={i * bw + 1} y={H - rh} width={Math.max(1, bw - 2)} height={rh} className="rate-received" />
            </g>
          );
        })}
        <text x={0} y={H + 14} className="rate-axis">
          {points[0] ? fmt.time(points[0].minute).slice(0, 5) : ''}
        </text>
        <text x={W} y={H + 14} textAnchor="end" className="rate-axis">
          {points.length ? fmt.time(points[points.length - 1]!.minute).slice(0, 5) : ''}
        </text>
      </svg>
      <ReceivedSentLegend summary={sum.peak === 0 ? t('dash.ratesEmpty') : summary} />
    </figure>
  );
}

/** The caption of a received / sent bar chart: the two swatches and a summary in words. */
export function ReceivedSentLegend({ summary }: { summary: string }) {
  const { t } = useI18n();
  return (
    <figcaption className="rate-legend">
      <span>
        <i className="swatch swatch-received" aria-hidden="true" /> {t('dash.received')}
      </span>
      <span>
        <i className="swatch swatch-sent" aria-hidden="true" /> {t('dash.sent')}
      </span>
      <span className="muted">{summary}</span>
    </figcaption>
  );
}
