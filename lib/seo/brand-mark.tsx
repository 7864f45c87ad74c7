import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ImageResponse } from "next/og";

// app/icon.svg is the one drawing of the mark (served as the SVG icon); the PNG sizes
// some clients want instead (Apple's home screen, /favicon.ico) are rendered from it.
let dataUrl: string | undefined;
function markDataUrl(): string {
  dataUrl ??= `data:image/svg+xml;base64,${readFileSync(path.join(process.cwd(), "app/icon.svg")).toString("base64")}`;
  return dataUrl;
}

/**
 * The mark as a square PNG of `size` pixels; `fullBleed` fills the rounded corners (home
 * screens round the icon themselves, and would show them black).
 */
export function brandMarkPng(
  size: number,
  options: { fullBleed?: boolean; headers?: Record<string, string> } = {},
): ImageResponse {
  return new ImageResponse(
    <div
      style={{ display: "flex", width: size, height: size, background: options.fullBleed ? "#cc2827" : "transparent" }}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- rendered to PNG by Satori, not in a page */}
      <img src={markDataUrl()} width={size} height={size} alt="" />
    </div>,
    { width: size, height: size, headers: options.headers },
  );
}
