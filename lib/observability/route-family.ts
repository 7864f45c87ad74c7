import "server-only";

// HTTP metrics are counted by route family, never by raw URL: slugs, ids and query
// strings would make a time series per event and per post (and let anyone mint series).
const families: [RegExp, string][] = [
  [/^\/api\/events\/[^/]+\/stream$/, "stream"],
  [/^\/api\/events\/[^/]+\/updates$/, "updates"],
  [/^\/api\/events\/[^/]+\/presence$/, "presence"],
  [/^\/api\/events\/[^/]+\/uploads$/, "upload"],
  [/^\/api\/uploads\//, "uploads"],
  [/^\/api\/v1\//, "api"],
  [/^\/api\/auth\//, "auth"],
  [/^\/api\/health$/, "health"],
  [/^\/api\/metrics$/, "metrics"],
  [/^\/api\//, "api_other"],
  [/^\/_next\/static\//, "static"],
  [/^\/_next\/image$/, "image"],
  [/^\/_next\//, "next"],
  [/^\/e\/[^/]+\/?$/, "event_page"],
  [/^\/dashboard(\/|$)/, "dashboard"],
  [/^\/(sign-in|sign-up|invite)(\/|$)/, "sign_in"],
  [/^\/$/, "home"],
];

/**
 * The route family of a request (`/e/election-night?x=1` → "event_page"). A POST carrying
 * Next's `Next-Action` header is a server action, whatever page it was posted to.
 */
export function routeFamily(method: string, url: string, serverAction = false): string {
  if (method === "POST" && serverAction) return "server_action";
  const path = url.split("?", 1)[0] ?? "";
  for (const [pattern, family] of families) if (pattern.test(path)) return family;
  return "other";
}
