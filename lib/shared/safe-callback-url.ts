const fallback = "/dashboard";

// A stand-in for the site's own origin: a relative reference that resolves to it stays on the
// site whatever the real host is, and only its path, query and fragment are returned.
const siteOrigin = "http://herald.invalid";

// C0 controls and DEL (browsers drop tab/newline/CR inside URLs, so "/<TAB>/evil" becomes
// "//evil"), and backslashes (read as "/" in http URLs), raw or percent-encoded.
const unsafe = /[\u0000-\u001f\u007f\\]|%(?:[01][0-9a-f]|7f|5c)/i;

/**
 * Only same-site paths: "/dashboard?x#y" yes; "//evil.example", "/\evil.example", "/<TAB>/evil.example",
 * "https://…" and "javascript:…" no. The result always starts with one "/" and never "//".
 */
export function safeCallbackUrl(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || unsafe.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, siteOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== siteOrigin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" resolves on the site to the path "//evil.example", which a browser reads as a host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
