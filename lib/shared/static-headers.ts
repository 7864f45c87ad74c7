// On every response, whoever answers it: Next.js (next.config.ts) or the stream tier
// itself (runtime/front-door/server.ts). The Content-Security-Policy and HSTS depend on
// the request: proxy.ts sets them, and the stream tier for its own answers.
export const staticHeaders: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];
