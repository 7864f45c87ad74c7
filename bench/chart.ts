// The results as a picture: fan-out p99 and memory per reader against the reader count,
// drawn as SVG in a page and screenshotted with Debian's Chromium through Playwright (no
// charting dependency).
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../playwright.config";
import type { Figures } from "./measure";
import type { Results } from "./report";

const series = [
  { key: "herald", label: "Herald", color: "#c2410c" },
  { key: "baseline", label: "node:http baseline", color: "#2563eb" },
  { key: "nchan", label: "nginx + nchan", color: "#16a34a" },
] as const;

type Panel = { title: string; unit: string; pick: (f: Figures) => number | null };
const panels: Panel[] = [
  { title: "Fan-out p99", unit: "ms", pick: (f) => f.fanoutP99Ms },
  {
    title: "Memory per reader (PSS after GC)",
    unit: "KiB",
    pick: (f) => (f.bytesPerReader === null ? null : f.bytesPerReader / 1024),
  },
];

const width = 460;
const height = 300;
const margin = { left: 56, right: 16, top: 36, bottom: 44 };

function panelSvg(results: Results, panel: Panel): string {
  const xs = results.runs.map((r) => r.readers);
  const points = series.map(({ key, color, label }) => ({
    color,
    label,
    values: results.runs.flatMap((run) => {
      const outcome = run[key];
      const value = outcome && !("unavailable" in outcome) ? panel.pick(outcome) : null;
      return value === null ? [] : [[run.readers, value] as const];
    }),
  }));
  const maxY = Math.max(1, ...points.flatMap((p) => p.values.map(([, y]) => y))) * 1.1;
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const x = (v: number) =>
    margin.left + (maxX === minX ? 0.5 : (v - minX) / (maxX - minX)) * (width - margin.left - margin.right);
  const y = (v: number) => height - margin.bottom - (v / maxY) * (height - margin.top - margin.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * maxY);
  const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(1));
  return `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
  <text x="${margin.left}" y="20" font-weight="600">${panel.title} (${panel.unit})</text>
  ${ticks.map((t) => `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/><text x="${margin.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`).join("\n  ")}
  ${xs.map((v) => `<text x="${x(v)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="11">${v.toLocaleString("en-US")}</text>`).join("\n  ")}
  <text x="${(width + margin.left) / 2}" y="${height - 8}" text-anchor="middle" font-size="12">readers</text>
  ${points
    .map(
      (p) =>
        `<polyline fill="none" stroke="${p.color}" stroke-width="2" points="${p.values.map(([a, b]) => `${x(a)},${y(b)}`).join(" ")}"/>` +
        p.values.map(([a, b]) => `<circle cx="${x(a)}" cy="${y(b)}" r="3.5" fill="${p.color}"/>`).join(""),
    )
    .join("\n  ")}
</svg>`;
}

export function chartHtml(results: Results): string {
  const legend = series
    .map(
      (s) =>
        `<span style="margin-right:18px"><span style="display:inline-block;width:12px;height:12px;background:${s.color};margin-right:6px"></span>${s.label}</span>`,
    )
    .join("");
  return `<!doctype html><html><body style="margin:0;padding:16px;font-family:sans-serif;background:#fff;width:${width * 2 + 48}px">
<div style="font-size:16px;font-weight:600;margin-bottom:8px">Herald benchmark, ${results.date}</div>
<div style="font-size:13px;margin-bottom:8px">${legend}</div>
<div style="display:flex;gap:16px">${panels.map((p) => panelSvg(results, p)).join("")}</div>
</body></html>`;
}

export async function writeChart(results: Results, pngPath: string): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: width * 2 + 48, height: height + 100 } });
    await page.setContent(chartHtml(results));
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}
