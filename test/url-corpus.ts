// Request targets a client may send that no route of ours can take: each must get a 4xx
// that says why, from every server (the stream tier and Next.js alone), never a 5xx.

const malformed = ["%E0%A4%A", "%ZZ", "%", "%C0%AF", "%ED%A0%80", "%FF", "abc%2"];
const families = [
  (x: string) => `/e/${x}`,
  (x: string) => `/e/${x}/p/${x}`,
  (x: string) => `/e/ok/p/${x}`,
  (x: string) => `/e/${x}/feed.xml`,
  (x: string) => `/embed/${x}`,
  (x: string) => `/api/events/${x}/updates`,
  (x: string) => `/api/events/${x}/stream`,
  (x: string) => `/api/events/${x}/posts`,
  (x: string) => `/api/v1/events/${x}/posts`,
  (x: string) => `/api/v1/events/ok/posts/${x}`,
  (x: string) => `/api/uploads/${x}`,
  (x: string) => `/dashboard/events/${x}`,
  (x: string) => `/invite/${x}`,
  (x: string) => `/${x}`,
];

export const badUrls: string[] = [
  ...families.flatMap((family) => malformed.map(family)),
  `/e/${"a".repeat(3_000)}`,
  `/api/events/${"a".repeat(3_000)}/stream`,
  "/e/UPPER_case!",
  "/e/%00",
  "/e/..%2f..%2fetc%2fpasswd",
  "/api/events/%2e%2e/stream",
  "/e/slug/p/%20",
  "/embed/%0d%0aSet-Cookie:%20x=1",
];
