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

/** The mark as a square PNG of `size` pixels. */
export function brandMarkPng(size: number, options: { headers?: Record<string, string> } = {}): ImageResponse {
  return new ImageResponse(
    // eslint-disable-next-line @next/next/no-img-element -- rendered to PNG by Satori, not in a page
    <img src={markDataUrl()} width={size} height={size} alt="" />,
    { width: size, height: size, headers: options.headers },
  );
}
