/**
 * Messages received and sent as bars (SVG, received below sent) — per day of the report's period,
 * or per hour of the day — with the first, middle and last labels under them and a text summary
 * for screen readers. Bars never grow wider than `MAX_BAR` (one day is a bar, not a wall).
 */
import { useI18n } from '../../i18n/index.tsx';
import { ReceivedSentLegend } from '../dashboard/RateChart.tsx';

const W = 600;
const H = 120;
const MAX_BAR = 36;

/** One bar. */
export interface BarPoint {
  key: string;
  /** Shown under the chart and in the bar's tooltip. */
  label: string;
  received: number;
  sent: number;
}

/** The chart. */
export function MessageBars({ points, summary, id }: { points: readonly BarPoint[]; summary: string; id: string }) {
  const { t, fmt } = useI18n();
  const max = Math.max(1, ...points.map((p) => p.received + p.sent));
  const slot = W / Math.max(1, points.length);
  const bw = Math.min(MAX_BAR, Math.max(1, slot - (slot > 8 ? 3 : 1)));
  const ticks = points.length > 2 ? [points[0]!, points[Math.floor((points.length - 1) / 2)]!, points[points.length - 1]!] : points;
  return (
    <figure className="rate-chart message-bars" data-chart={id}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <line key={f} x1={0} x2={W} y1={H - H * f} y2={H - H * f} className="rate-grid" />
        ))}
        {points.map((p, i) => {
          const rh = (p.received / max) * H;
          const sh = (p.sent / max) * H;
          const x = i * slot + (slot - bw) / 2;
          return (
            <g key={p.key} data-bar={p.key}>
              <title>{`${p.label} · ${t('dash.received')}: ${fmt.number(p.received)} · ${t('dash.sent')}: ${fmt.number(p.sent)}`}</title>
              <rect x={x} y={H - rh - sh} width={bw} height={sh} className="rate-sent" />
              <rect x={x} y={H - rh} width={bw} height={rh} className="rate-received" />
            </g>
          );
        })}
      </svg>
      <div className="bars-axis" aria-hidden="true">
        {ticks.map((p) => (
          <span key={p.key}>{p.label}</span>
        ))}
      </div>
      <ReceivedSentLegend summary={summary} />
    </figure>
  );
}
