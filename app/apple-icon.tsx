import { brandMarkPng } from "@/lib/seo/brand-mark";

export const size = { width: 180, height: 180 };
export const contentType = "image/png";

/** The home-screen icon: Safari wants a PNG, not the SVG. */
export default function AppleIcon() {
  return brandMarkPng(size.width, { fullBleed: true });
}
