import { formatClock } from "@/lib/shared/format-time";
import { readerChannels, type ReaderChannel } from "@/lib/shared/reader-channels";
import type { ReaderPoint } from "@/lib/shared/reader-series";

// The desk's reader chart: a server-rendered SVG, no client JavaScript and no dependency
// (docs/analytics.md). Channels are stacked bands, told apart by their edge's dash pattern
// and the legend's words as well as by colour; ink is currentColor or has a dark: variant.

export type ChartMarker = { id: string; at: string; title: string };

type Props = {
  points: readonly ReaderPoint[];
  bucketMs: number;
  markers: readonly ChartMarker[];
  timeZone: string;
  labels: {
    title: string;
    description: string;
    readers: string;
    time: string;
    legend: string;
    post: string;
    channels: Record<ReaderChannel, string>;
  };
};

const width = 720;
const height = 280;
const margin = { top: 20, right: 16, bottom: 44, left: 52 };
const plotW = width - margin.left - margin.right;
const plotH = height - margin.top - margin.bottom;

/** Band fill, edge colour and edge dash per channel (the dash tells them apart without colour). */
export const channelStyle: Record<ReaderChannel, { fill: string; stroke: string; dash: string | undefined }> = {
  page: { fill: "fill-sky-500/35 dark:fill-sky-400/35", stroke: "stroke-sky-800 dark:stroke-sky-200", dash: undefined },
  embed: {
    fill: "fill-amber-500/35 dark:fill-amber-400/35",
    stroke: "stroke-amber-800 dark:stroke-amber-200",
    dash: "8 4",
  },
  polling: {
    fill: "fill-violet-500/35 dark:fill-violet-400/35",
    stroke: "stroke-violet-800 dark:stroke-violet-200",
    dash: "2 3",
  },
};

/** A round top for the readers axis: 1, 2 or 5 times a power of ten, in four steps. */
export function niceMax(max: number): { top: number; step: number } {
  if (max <= 4) return { top: 4, step: 1 };
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return { top: step * Math.ceil(max / step), step };
}

const tickMinutes = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

export function ReadersChart({ points, bucketMs, markers, timeZone, labels }: Props) {
  const start = Date.parse(points[0]!.at);
  const end = Math.max(Date.parse(points.at(-1)!.at) + bucketMs, ...markers.map((m) => Date.parse(m.at)));
  const from = Math.min(start, ...markers.map((m) => Date.parse(m.at)));
  const span = Math.max(end - from, bucketMs);
  const x = (t: number) => margin.left + ((t - from) / span) * plotW;
  const { top, step } = niceMax(Math.max(...points.map((p) => p.total)));
  const y = (v: number) => margin.top + plotH - (v / top) * plotH;

  // Each band runs from the channels under it to itself added: page, then embed, then polling.
  const bands = readerChannels.map((channel, i) => {
    const below = (p: ReaderPoint) => readerChannels.slice(0, i).reduce((sum, c) => sum + p[c], 0);
    // Steps, not slopes: each bucket's count holds for the whole bucket (one bucket shows too).
    const step = (p: ReaderPoint, v: number) => [
      [x(Date.parse(p.at)), y(v)] as const,
      [x(Date.parse(p.at) + bucketMs), y(v)] as const,
    ];
    const upper = points.flatMap((p) => step(p, below(p) + p[channel]));
    const lower = points.flatMap((p) => step(p, below(p))).reverse();
    const line = (pts: readonly (readonly [number, number])[]) => pts.map(([px, py]) => `${r(px)},${r(py)}`).join(" ");
    return { channel, area: `${line(upper)} ${line(lower)}`, edge: line(upper) };
  });

  const minutes = tickMinutes.find((m) => span / (m * 60_000) <= 6) ?? tickMinutes.at(-1)!;
  const xTicks: number[] = [];
  for (let t = Math.ceil(from / (minutes * 60_000)) * minutes * 60_000; t <= end; t += minutes * 60_000) xTicks.push(t);
  const yTicks: number[] = [];
  for (let v = 0; v <= top; v += step) yTicks.push(v);

  return (
    <div className="space-y-2">
      <svg
        role="img"
        aria-labelledby="readers-chart-title"
        aria-describedby="readers-chart-desc"
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full text-stone-700 dark:text-stone-200"
        data-testid="readers-chart"
      >
        <title id="readers-chart-title">{labels.title}</title>
        <desc id="readers-chart-desc">{labels.description}</desc>
        <g className="stroke-stone-200 dark:stroke-stone-700" aria-hidden="true">
          {yTicks.map((v) => (
            <line key={v} x1={margin.left} x2={width - margin.right} y1={y(v)} y2={y(v)} />
          ))}
        </g>
        {bands.map((band) => (
          <g key={band.channel} aria-hidden="true">
            <polygon points={band.area} className={channelStyle[band.channel].fill} />
            <polyline
              points={band.edge}
              fill="none"
              strokeWidth={2}
              strokeDasharray={channelStyle[band.channel].dash}
              className={channelStyle[band.channel].stroke}
            />
          </g>
        ))}
        <g fill="currentColor" fontSize={12} aria-hidden="true">
          {yTicks.map((v) => (
            <text key={v} x={margin.left - 8} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          ))}
          {xTicks.map((t) => (
            <text key={t} x={x(t)} y={height - margin.bottom + 18} textAnchor="middle">
              {formatClock(new Date(t).toISOString(), timeZone)}
            </text>
          ))}
          <text x={margin.left + plotW / 2} y={height - 6} textAnchor="middle">
            {labels.time}
          </text>
          <text transform={`translate(14 ${margin.top + plotH / 2}) rotate(-90)`} textAnchor="middle">
            {labels.readers}
          </text>
        </g>
        <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} stroke="currentColor" aria-hidden="true" />
        {markers.map((marker) => (
          // A post published: a line across the plot, its words in the marker's title.
          <g key={marker.id} data-testid="post-marker" className="text-red-700 dark:text-red-300">
            <title>{marker.title}</title>
            <line
              x1={x(Date.parse(marker.at))}
              x2={x(Date.parse(marker.at))}
              y1={margin.top}
              y2={y(0)}
              stroke="currentColor"
              strokeDasharray="3 3"
            />
            <polygon
              points={`${r(x(Date.parse(marker.at)) - 5)},${margin.top - 10} ${r(x(Date.parse(marker.at)) + 5)},${margin.top - 10} ${r(x(Date.parse(marker.at)))},${margin.top - 1}`}
              fill="currentColor"
            />
          </g>
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label={labels.legend}>
        {readerChannels.map((channel) => (
          <li key={channel} className="flex items-center gap-2">
            <svg width="28" height="12" aria-hidden="true">
              <rect x="0" y="0" width="28" height="12" className={channelStyle[channel].fill} />
              <line
                x1="0"
                x2="28"
                y1="1"
                y2="1"
                strokeWidth={2}
                strokeDasharray={channelStyle[channel].dash}
                className={channelStyle[channel].stroke}
              />
            </svg>
            {labels.channels[channel]}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <svg width="12" height="12" aria-hidden="true" className="text-red-700 dark:text-red-300">
            <polygon points="1,1 11,1 6,11" fill="currentColor" />
          </svg>
          {labels.post}
        </li>
      </ul>
    </div>
  );
}

const r = (n: number) => Math.round(n * 10) / 10;
