import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { xssCorpus } from "@/test/xss-corpus";
import { inlineScriptHashes, isNextScript } from "./script-hashes";

const sha = (text: string) => crypto.createHash("sha256").update(text).digest("base64");

describe("the inline scripts a shared page's CSP allows", () => {
  it("are Next's own: its flight data and Turbopack's chunk list, each with a JSON argument", () => {
    const next = [
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["a.js"],"runtimeModuleIds":[1]});',
      "(self.__next_f=self.__next_f||[]).push([0])",
      'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])',
    ];
    const html = next.map((text, i) => `<script${i === 0 ? ' id="_R_"' : ""}>${text}</script>`).join("");
    expect(inlineScriptHashes(html).sort()).toEqual(next.map(sha).sort());
  });

  it("never include anything else: injected scripts, look-alikes with code in the argument, data blocks", () => {
    const hostile = [
      "alert(1)",
      'self.__next_f.push([1,"x"]);alert(1)',
      'self.__next_f.push([1,"x"].concat(alert(1)))',
      "self.__next_f.push(alert(1))",
      '(self.__next_f=self.__next_f||[]).push([0]),fetch("//evil.example")',
    ];
    for (const text of hostile) expect(isNextScript(text), text).toBe(false);
    const html = [
      ...hostile.map((text) => `<script>${text}</script>`),
      '<script type="application/ld+json">{"@type":"LiveBlogPosting"}</script>',
      '<script src="/_next/static/chunks/a.js"></script>',
      ...xssCorpus.map((payload) => `<div>${payload}</div>`),
    ].join("\n");
    expect(inlineScriptHashes(html)).toEqual([]);
  });
});
