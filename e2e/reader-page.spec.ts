import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, markKeyEvent, newAccount, signUpViaApi, test, updates } from "./fixtures";
import { eventWithPosts } from "./reader-helpers";

/** Pins the post with `text` and marks it a key event, from the console. */
async function pinAndMark(console: Page, text: string, label: string) {
  const post = updates(console).posts.filter({ hasText: text });
  await post.getByRole("button", { name: "Pin" }).click();
  await expect(post.getByRole("button", { name: "Unpin" })).toBeVisible();
  await markKeyEvent(console, post, label);
  await expect(post.getByRole("button", { name: "Unmark key event" })).toBeVisible();
}

test("the event page reads fully without JavaScript: posts, pinned post, key events, times", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  const { slug } = await eventWithPosts(console, request, 4);
  await console.reload();
  await pinAndMark(console, "Update 2.", "Doors open");

  const reader = await newPerson({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await reader.goto(`/e/${slug}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(/^Reader test /);
  const feed = updates(reader);
  await expect(feed.posts).toHaveCount(4);
  // Pinned on top, then newest first.
  await expect(feed.posts.first()).toContainText("Pinned");
  await expect(feed.posts.first()).toContainText("Update 2.");
  await expect(feed.posts.nth(1)).toContainText("Update 4.");
  // Times in the event's zone as clock times, the exact time on hover.
  const time = feed.posts.nth(1).locator("time").first();
  await expect(time).toHaveText(/^\d\d:\d\d$/);
  await expect(time).toHaveAttribute("title", /\d{4}/);
  await expect(time).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  // The key events, a collapsible list on a phone, jump to the post in the page.
  const keys = reader.getByRole("navigation", { name: "Key events" });
  await keys.getByText("Key events").click();
  const jump = keys.getByRole("link", { name: /Doors open/ });
  await expect(jump).toHaveAttribute("href", `#post-${await feed.posts.first().getAttribute("data-post-id")}`);
  // Nothing that needs JavaScript is offered: the only buttons are the reactions', which
  // are a form post each (docs/reactions.md).
  await expect(reader.getByRole("group", { name: "Reactions to this update" })).toHaveCount(4);
  await expect(reader.getByRole("button")).toHaveCount(4 * 5);
  await expect(reader.locator("main")).toHaveCount(1);
});

test("a permalink renders its post with its own title, scrolled to and marked, and shares its address", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  test.slow();
  const { slug, posts } = await eventWithPosts(console, request, 24);

  // A post on the first page: the event page, scrolled to it.
  const recent = posts[9]!;
  const reader = await newPerson({
    viewport: { width: 390, height: 700 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  await reader.goto(`/e/${slug}/p/${recent.id}`);
  await expect(reader).toHaveTitle(/^Headline 10 — Reader test /);
  await expect(reader.locator('meta[name="description"]')).toHaveAttribute("content", /^Update 10\. The floor/);
  const marked = reader.locator('article[aria-current="true"]');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute("data-post-id", recent.id);
  await expect(marked).toBeInViewport();
  await expect(marked).toBeFocused();
  await expect(updates(reader).posts).toHaveCount(20);

  // Without JavaScript too: a post's time, on the event page, opens its permalink scrolled to it.
  const noScript = await newPerson({ javaScriptEnabled: false, viewport: { width: 390, height: 700 } });
  await noScript.goto(`/e/${slug}`);
  await noScript.locator(`article[data-post-id="${recent.id}"] header a`).first().click();
  await expect(noScript).toHaveURL(new RegExp(`/e/${slug}/p/${recent.id}#post-${recent.id}$`));
  const markedNoScript = noScript.locator('article[aria-current="true"]');
  await expect(markedNoScript).toHaveAttribute("data-post-id", recent.id);
  await expect(markedNoScript).toBeInViewport();

  // No Web Share here: the link is copied.
  await marked.getByRole("button", { name: "Share" }).click();
  await expect(marked.getByRole("button", { name: "Link copied" })).toBeVisible();
  expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(
    new URL(`/e/${slug}/p/${recent.id}`, reader.url()).href,
  );

  // Web Share where the browser has it.
  await reader.addInitScript(() => {
    Object.defineProperty(navigator, "share", {
      value: (data: ShareData) => {
        (window as unknown as { shared: ShareData }).shared = data;
        return Promise.resolve();
      },
    });
  });
  // An old post (beyond the first page): shown on its own above the latest updates.
  const old = posts[0]!;
  await reader.goto(`/e/${slug}/p/${old.id}`);
  const linked = reader.getByRole("region", { name: "Linked update" });
  await expect(linked.getByRole("article")).toHaveAttribute("aria-current", "true");
  await expect(linked).toContainText("Update 1.");
  await expect(linked).toBeInViewport();
  await linked.getByRole("button", { name: "Share" }).click();
  const shared = await reader.evaluate(() => (window as unknown as { shared: ShareData }).shared);
  expect(shared.url).toBe(new URL(`/e/${slug}/p/${old.id}`, reader.url()).href);

  // Not a post of this event: 404.
  expect((await reader.goto(`/e/${slug}/p/nosuchpost`))!.status()).toBe(404);
});

// The accessibility checks share one event per worker (seeded once: sign-up, event and
// token take far longer than an axe run on a loaded machine), and each test is one axe
// run: one page, one colour scheme, one viewport, with the whole test budget for it.
type AxeEvent = { paths: { "event page": string; permalink: string } };

const axeTest = test.extend<object, { axeEvent: AxeEvent }>({
  axeEvent: [
    async ({ browser }, provide, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const console = await context.newPage();
      // The event and its token go through the console's forms (no endpoint makes them).
      await signUpViaApi(context.request, newAccount("axe"), workerInfo.project.use.baseURL!);
      const { slug, posts } = await eventWithPosts(console, context.request, 3);
      await console.reload();
      await pinAndMark(console, "Update 1.", "Kick-off");
      await context.close();
      await provide({ paths: { "event page": `/e/${slug}`, permalink: `/e/${slug}/p/${posts[1]!.id}` } });
    },
    { scope: "worker", timeout: 180_000 },
  ],
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const where of ["event page", "permalink"] as const) {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      axeTest(
        `axe finds no accessibility violations on the ${where} (${colorScheme}, ${viewport.width}px)`,
        async ({ axeEvent, newPerson }) => {
          // One axe run takes about 2 s on an idle machine; 45 s has been seen on a busy one.
          test.slow();
          const path = axeEvent.paths[where];
          const reader = await newPerson({ colorScheme, viewport });
          await reader.goto(path);
          await expect(updates(reader).badge).toHaveText("Live", { timeout: 30_000 });
          const results = await new AxeBuilder({ page: reader })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
            .analyze();
          expect(
            results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
            `${path} at ${viewport.width}px`,
          ).toEqual([]);
        },
      );
    }
  }
}
