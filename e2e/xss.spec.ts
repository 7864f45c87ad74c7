import type { Page } from "@playwright/test";
import { xssCorpus } from "../test/xss-corpus";
import { createEvent, expect, pointAtEach, publishViaUi, test, unique, updates } from "./fixtures";

// The XSS corpus (test/xss-corpus.ts), published through the real composer, read in
// Chromium: by a reader who has the page open (the posts arrive over SSE and are rendered
// by the client), by one who opens it afterwards (server-rendered), and on the editor's
// console. Nothing may run: no dialog, no `window.__xss`, and not even a CSP violation —
// the policy is the second line of defence and must never have been needed.

/** Records dialogs and CSP violations of a page from its first script on. */
async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return {
    dialogs,
    async expectNothingRan(where: string) {
      // Handlers that need a pointer: point at everything the posts contain.
      expect(
        await pointAtEach(updates(page).posts.locator("xpath=descendant-or-self::*")),
        `${where}: elements pointed at`,
      ).toBeGreaterThan(0);
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        violations: (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      }));
      expect(state.xss, `${where}: window.__xss`).toBeUndefined();
      expect(state.violations, `${where}: CSP violations`).toEqual([]);
      expect(dialogs, `${where}: dialogs`).toEqual([]);
      const posts = updates(page).posts;
      // What the posts' HTML made (.post-body); a post's only form of ours is its reactions
      // row, which posts to the reactions route and nowhere else.
      const written = posts.locator(".post-body");
      await expect(written.locator("script, object, embed, svg, math, form, base, meta, style"), where).toHaveCount(0);
      for (const form of await posts.locator("form").all()) {
        await expect(form, where).toHaveAttribute("action", /^\/api\/events\/[^/]+\/posts\/[^/]+\/reactions$/);
      }
      await expect(posts.locator("script, object, embed, svg, math, base, meta, style"), where).toHaveCount(0);
      // Social embeds are consent cards until a reader clicks: no frame at all.
      await expect(posts.locator("iframe"), where).toHaveCount(0);
    },
  };
}

// Three posts of paragraphs, each payload a paragraph of its own (so embed tricks are
// URLs alone in their paragraph, as the embed code looks for). Payloads with NUL are
// refused by the composer before rendering ("Remove the invisible NUL character"), so
// only the renderer's test sees them.
const publishable = xssCorpus.filter((payload) => !payload.includes("\u0000"));
const chunks = [0, 1, 2].map((i) => publishable.filter((_, n) => n % 3 === i).join("\n\n"));

test("the XSS corpus runs nowhere: reader (live and reloaded) and console", async ({ editorPage: page, browser }) => {
  // Three pages of the whole corpus, each checked: minutes on a loaded machine.
  test.setTimeout(360_000);
  const slug = await createEvent(page, `XSS corpus ${unique()}`);
  const console_ = await watch(page);
  await page.reload();

  const reader = await browser.newPage();
  const live = await watch(reader);
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  for (const chunk of chunks) await publishViaUi(page, chunk);

  await expect(updates(reader).posts).toHaveCount(chunks.length);
  await live.expectNothingRan("reader, live");
  await expect(updates(page).posts).toHaveCount(chunks.length);
  await console_.expectNothingRan("console");

  const later = await browser.newPage();
  const reloaded = await watch(later);
  await later.goto(`/e/${slug}`);
  await expect(updates(later).posts).toHaveCount(chunks.length);
  await reloaded.expectNothingRan("reader, server-rendered");
  await reader.close();
  await later.close();
});

test("the page's own scripts carry the nonce and run; an injected inline handler does not", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/sign-in");
  const policy = response!.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  // Hydrated: the form is React's (it signs in without a page load).
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  expect(violations).toEqual([]);
  // Markup with an inline handler, as an injection would add it: the policy refuses it.
  const ran = await page.evaluate(async () => {
    const refused = new Promise((resolve) => document.addEventListener("securitypolicyviolation", resolve));
    document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.__injected = 1">`);
    document.body.insertAdjacentHTML("beforeend", `<img src="/nothing-here.png" onerror="window.__injected = 1">`);
    await refused;
    return (window as unknown as { __injected?: number }).__injected ?? null;
  });
  expect(ran).toBeNull();
});
