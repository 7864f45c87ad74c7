import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue #22: the newsroom's words go through next-intl (the newsroom namespace of
// messages/en.json), never straight into the markup. A plain scan of the sources for the
// shapes English text takes in JSX; it cannot prove a file clean, but it catches a string
// added the old way.

const root = path.resolve(import.meta.dirname, "../..");

/** The newsroom's components and pages whose words are all in the catalogue. */
const files = [
  ...[
    "api-tokens-panel",
    "api-tokens-section",
    "change-password-form",
    "console-feed",
    "console-presence",
    "cover-image-field",
    "create-event-form",
    "desk-refresh",
    "end-event-button",
    "event-settings-form",
    "event-status-controls",
    "kept-back-list",
    "kept-back-section",
    "key-points-form",
    "key-points-section",
    "markdown-preview",
    "post-actions",
    "question-queue",
    "questions-section",
    "review-queue",
    "review-section",
    "sign-in-form",
    "sign-out-button",
    "sign-up-form",
    "team-panel",
    "team-section",
    "undo-delete-toast",
    "image-upload-button",
    "media-shelf-button",
    "missing-alt-warning",
    "composer",
    "edit-post-form",
    "readers-chart",
    "poll-fields",
  ].map((name) => `components/${name}.tsx`),
  ...readdirSync(path.join(root, "components/ui"))
    .filter((name) => name.endsWith(".tsx"))
    .map((name) => `components/ui/${name}`),
  "app/(auth)/layout.tsx",
  "app/(auth)/sign-in/page.tsx",
  "app/(auth)/sign-up/page.tsx",
  "app/(auth)/invite/[token]/page.tsx",
  "app/(dashboard)/layout.tsx",
  "app/(dashboard)/dashboard/page.tsx",
  "app/(dashboard)/dashboard/account/page.tsx",
  "app/(dashboard)/dashboard/events/[slug]/page.tsx",
  "app/(dashboard)/dashboard/events/[slug]/error.tsx",
  "app/(dashboard)/dashboard/events/[slug]/analytics/page.tsx",
];

/**
 * Text that may stay in the source, with why. Each entry is the exact matched text.
 * (Empty today: add one only for words that are not the newsroom's to translate, such
 * as a product name or a code sample, and say so here.)
 */
const allowed: ReadonlySet<string> = new Set<string>([]);

const patterns: [string, RegExp][] = [
  // <p>Two or more words</p> on one line.
  ["JSX text", />[A-Z][a-z]+( [a-z]+)+</g],
  // A JSX text line of its own, as Prettier breaks a long element: "    Save settings".
  ["JSX text line", /^\s+[A-Z][a-z]+( [a-z']+)*[.…?:]?(\{" "\})?\s*$/gm],
  // A string alone on its line, as a branch of a ternary in JSX: "Nobody else here".
  ["JSX string", /^\s+"[A-Z][a-z][^"]*"\s*$/gm],
  // Words in the attributes people read or hear.
  ["attribute", /\b(label|aria-label|title|placeholder|alt)="[A-Z][^"]*"/g],
  // {pending ? "Saving…" : "Save"} and the Dialog/confirm questions' fields.
  ["ternary", / [?:] "[A-Z][a-z][^"]*"/g],
  ["dialog field", /\b(title|detail|confirmLabel): ["`][A-Z][^"`]*["`]/g],
];

/** The English words a source still writes out, as `pattern: text` lines. */
function literalWords(source: string): string[] {
  // Comments say things in English too; they are not shown.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const found: string[] = [];
  for (const [name, pattern] of patterns) {
    for (const match of code.matchAll(pattern)) {
      const text = match[0].trim();
      if (!allowed.has(text)) found.push(`${name}: ${text}`);
    }
  }
  return found;
}

describe("the newsroom's words come from the catalogue", () => {
  it.each(files)("%s writes out no English", (file) => {
    expect(literalWords(readFileSync(path.join(root, file), "utf8"))).toEqual([]);
  });

  it("the scan finds each shape of a written-out string", () => {
    const before = [
      `<h2 className="font-semibold">Drafts and scheduled posts</h2>`,
      `<button>`,
      `  Publish now`,
      `</button>`,
      `<TextField label="Token name" name="name" />`,
      `<input aria-label="Invitation link" />`,
      `{pending ? "Saving…" : "Save settings"}`,
      `{others.length === 0 ? (`,
      `  "Nobody else here"`,
      `) : (`,
      `  <>`,
      `    Also here:{" "}`,
      `  </>`,
      `)}`,
      `ask({ title: "Delete this post?", confirmLabel: "Delete" })`,
    ].join("\n");
    expect(literalWords(before)).toEqual([
      "JSX text: >Drafts and scheduled posts<",
      "JSX text line: Publish now",
      'JSX text line: Also here:{" "}',
      'JSX string: "Nobody else here"',
      'attribute: label="Token name"',
      'attribute: aria-label="Invitation link"',
      'ternary: ? "Saving…"',
      'ternary: : "Save settings"',
      'dialog field: title: "Delete this post?"',
      'dialog field: confirmLabel: "Delete"',
    ]);
    // Comments are not shown, so they may stay English.
    expect(literalWords(`// Saves the form\n/** A labelled "Title" */`)).toEqual([]);
  });
});
