// The reader token an embed keeps in localStorage (its frame's cookies may be withheld),
// shared by reactions and polls: one reader per event, whatever they do.

const tokenKey = (slug: string) => `herald:reader:${slug}`;

export function keptReaderToken(slug: string): string | undefined {
  try {
    return localStorage.getItem(tokenKey(slug)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function keepReaderToken(slug: string, token: string): void {
  try {
    localStorage.setItem(tokenKey(slug), token);
  } catch {
    // The cookie (where the browser keeps it) still identifies the reader.
  }
}
