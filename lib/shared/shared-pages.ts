// The public pages a shared cache (a CDN, nginx, the stream tier's own) may keep: the same
// HTML for every anonymous reader, fresh for seconds. A reader who loads a page a moment
// old loses nothing: its stream resumes from the page's change number (docs/architecture.md).

const sharedPage = /^\/(?:|e\/[^/]+|e\/[^/]+\/p\/[^/]+|embed\/[^/]+)$/;

/**
 * s-maxage: how long a shared cache serves the page as fresh; stale-while-revalidate: how
 * long it may keep serving it while it fetches a fresh one. Browsers (max-age=0) always ask.
 */
export const sharedPageCacheControl = "public, max-age=0, s-maxage=2, stale-while-revalidate=30";

/** An event's reaction counts and poll results for readers who poll (app/api/events/[slug]/tallies). */
const tallies = /^\/api\/events\/[^/]+\/tallies$/;

/** Counts a few seconds old are what a polling reader expects; browsers keep them for 2 s too. */
export const talliesCacheControl = "public, max-age=2, s-maxage=2, stale-while-revalidate=8";

/** The Cache-Control of a response rendered for a shared cache, or null for a path it does not keep. */
export function sharedCacheControl(pathname: string): string | null {
  if (sharedPage.test(pathname)) return sharedPageCacheControl;
  return tallies.test(pathname) ? talliesCacheControl : null;
}
