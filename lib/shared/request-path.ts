// What makes a request's path the client's mistake, checked before anything routes it
// (proxy.ts, and the stream tier in runtime/front-door/).

/** Longer paths are refused: no route of ours comes near, and they only cost memory. */
export const maxPathLength = 2_048;

/** Why `pathname` (still percent-encoded) is not a path we can route, or null when it is. */
export function badPathMessage(pathname: string): string | null {
  if (pathname.length > maxPathLength) return `The address is too long (at most ${maxPathLength} characters).`;
  try {
    decodeURIComponent(pathname);
  } catch {
    return "The address has a malformed percent-escape.";
  }
  return null;
}
