import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { locales } from "./locales";
import ar from "./messages/ar.json";
import de from "./messages/de.json";
import en from "./messages/en.json";
import es from "./messages/es.json";
import fr from "./messages/fr.json";
import pt from "./messages/pt.json";

// The reader's words exist in every language; the newsroom's are English only for now.
const catalogues = { en, de, fr, es, pt, ar } as const;

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The arguments a message takes: `{name}`, `{count, plural, …}` and rich tags `<time>`. */
function argumentsOf(message: string): string[] {
  const names = [...message.matchAll(/\{\s*([A-Za-z]\w*)\s*[,}]/g)].map((m) => m[1]!);
  const tags = [...message.matchAll(/<([a-z]+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

const english = leaves(en.reader as Tree);
const values = { count: 3, when: "12:00", zone: "Europe/Paris", headline: "Goal", label: "Load", seconds: 5 };
const sample = { ...values, provider: "YouTube", title: "Keynote", time: (chunks: React.ReactNode) => chunks };

describe("the reader's catalogues", () => {
  it("cover every supported language", () => {
    expect(Object.keys(catalogues).sort()).toEqual([...locales].sort());
  });

  for (const locale of locales) {
    const messages = leaves(catalogues[locale].reader as Tree);

    it(`${locale} has exactly the English keys, each with the same arguments`, () => {
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, message] of messages) expect(argumentsOf(message), key).toEqual(argumentsOf(english.get(key)!));
    });

    it(`${locale}: every message formats (ICU syntax, plurals)`, () => {
      const errors: string[] = [];
      const t = createTranslator({
        locale,
        messages: catalogues[locale],
        namespace: "reader",
        onError: (error) => errors.push(error.message),
      });
      // Every key, whatever its arguments: the typed signatures want one key at a time.
      const format = t as unknown as ((key: string, values: object) => string) & {
        rich: (key: string, values: object) => unknown;
      };
      for (const key of messages.keys()) {
        const text =
          key === "coverageStarts" || key === "keyPointsUpdated"
            ? String(format.rich(key, sample))
            : format(key, sample);
        expect(text, key).not.toBe(`reader.${key}`);
        expect(text.trim(), key).not.toBe("");
      }
      for (const count of [0, 1, 2, 3, 11, 100]) t("newUpdates", { count });
      expect(errors).toEqual([]);
    });

    if (locale !== "en")
      it(`${locale} is translated, not a copy of English`, () => {
        const same = [...messages].filter(([key, text]) => text === english.get(key) && !/^\{?\w*\}?$/.test(text));
        // Words that are the same in both (e.g. "Live") are few.
        expect(same.length, same.map(([k]) => k).join(", ")).toBeLessThanOrEqual(3);
      });
  }
});
