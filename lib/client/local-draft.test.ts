import { describe, expect, it } from "vitest";
import { clearLocalDraft, editDraftKey, loadLocalDraft, localDraftKey, saveLocalDraft } from "./local-draft";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const draft = { headline: "Count", body: "4,120 to 3,980", idempotencyKey: "ab".repeat(16) };

describe("local drafts", () => {
  it("keys drafts per event, and edits per post and version", () => {
    expect(localDraftKey("vote")).not.toBe(localDraftKey("vote-2"));
    expect(editDraftKey("p1", 1)).not.toBe(editDraftKey("p2", 1));
    expect(editDraftKey("p1", 1)).not.toBe(editDraftKey("p1", 2));
  });

  it("saves, loads and clears a draft", () => {
    const storage = memoryStorage();
    saveLocalDraft(storage, "k", draft);
    expect(loadLocalDraft(storage, "k")).toEqual(draft);
    clearLocalDraft(storage, "k");
    expect(loadLocalDraft(storage, "k")).toBeNull();
  });

  it("keeps the form's other choices with the text, strings only", () => {
    const storage = memoryStorage();
    const quote = { ...draft, fields: { kind: "quote", quoteBy: "The returning officer" } };
    saveLocalDraft(storage, "k", quote);
    expect(loadLocalDraft(storage, "k")).toEqual(quote);
    storage.items.set("k", JSON.stringify({ ...draft, fields: { kind: "quote", quoteBy: 7, x: null } }));
    expect(loadLocalDraft(storage, "k")).toEqual({ ...draft, fields: { kind: "quote" } });
    storage.items.set("k", JSON.stringify({ ...draft, fields: "quote" }));
    expect(loadLocalDraft(storage, "k")).toEqual(draft);
  });

  it("removes a draft emptied by the editor", () => {
    const storage = memoryStorage();
    saveLocalDraft(storage, "k", draft);
    saveLocalDraft(storage, "k", { headline: "", body: "", idempotencyKey: draft.idempotencyKey });
    expect(storage.items.size).toBe(0);
  });

  it("ignores what is not a draft", () => {
    const storage = memoryStorage();
    for (const junk of ["{", "null", "42", '{"body":1}', '{"headline":"","body":""}']) {
      storage.items.set("k", junk);
      expect(loadLocalDraft(storage, "k")).toBeNull();
    }
  });

  it("never throws when storage does", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadLocalDraft(broken, "k")).toBeNull();
    expect(() => saveLocalDraft(broken, "k", draft)).not.toThrow();
    expect(() => clearLocalDraft(broken, "k")).not.toThrow();
  });
});
