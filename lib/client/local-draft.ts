/**
 * What the composer keeps in the browser while a post is being written. `fields` holds the
 * form's other choices by name (the kind, who is quoted): strings only, restored as typed.
 */
export type LocalDraft = { headline: string; body: string; idempotencyKey: string; fields?: Record<string, string> };

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** One new post's draft per event: two tabs on two events never mix. */
export function localDraftKey(slug: string): string {
  return `herald:draft:${slug}`;
}

/** An edit's draft belongs to the version it edits: once the post changes, it is not restored. */
export function editDraftKey(postId: string, version: number): string {
  return `herald:edit:${postId}@${version}`;
}

/** The saved draft, or null if there is none or it is not one of ours (never throws). */
export function loadLocalDraft(storage: DraftStorage, key: string): LocalDraft | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? "null");
    if (typeof value !== "object" || value === null) return null;
    const { headline, body, idempotencyKey, fields } = value as Record<string, unknown>;
    if (typeof headline !== "string" || typeof body !== "string" || typeof idempotencyKey !== "string") return null;
    const kept =
      typeof fields === "object" && fields !== null
        ? Object.fromEntries(
            Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
          )
        : {};
    return Object.keys(kept).length > 0
      ? { headline, body, idempotencyKey, fields: kept }
      : { headline, body, idempotencyKey };
  } catch {
    return null;
  }
}

/** Saves the draft; an empty one is removed. A full or disabled storage loses only the copy. */
export function saveLocalDraft(storage: DraftStorage, key: string, draft: LocalDraft): void {
  try {
    if (!draft.headline && !draft.body) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Private mode or quota: the text is still in the form.
  }
}

export function clearLocalDraft(storage: DraftStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // As above.
  }
}
