import AxeBuilder from "@axe-core/playwright";
import type { BrowserContextOptions, Page } from "@playwright/test";
import { expect, markKeyEvent, newAccount, signUpViaApi, test, updates } from "./fixtures";
import { eventWithPosts } from "./reader-helpers";

// axe on every newsroom page, light and dark, desktop and phone, as the editor sees it after
// a working session: posts (one pinned, one a key event), a draft and a scheduled post.
// One event per worker (seeding is slow on a loaded machine); each test is one axe run.
type Newsroom = { storageState: BrowserContextOptions["storageState"]; paths: Record<NewsroomPage, string> };
type NewsroomPage = "dashboard" | "event console" | "account" | "sign-in" | "sign-up";

const signedIn: NewsroomPage[] = ["dashboard", "event console", "account"];

const axeTest = test.extend<object, { newsroom: Newsroom }>({
  newsroom: [
    async ({ browser }, provide, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const console = await context.newPage();
      await signUpViaApi(context.request, newAccount("a11y"), workerInfo.project.use.baseURL!);
      const { slug } = await eventWithPosts(console, context.request, 3, "Newsroom a11y");
      await console.reload();
      const pinned = updates(console).posts.filter({ hasText: "Update 1." });
      await pinned.getByRole("button", { name: "Pin" }).click();
      await expect(pinned.getByRole("button", { name: "Unpin" })).toBeVisible();
      await markKeyEvent(console, updates(console).posts.filter({ hasText: "Update 2." }), "Kick-off");
      await console.getByLabel("Post", { exact: true }).fill("A draft for later.");
      await console.getByRole("button", { name: "Save as draft" }).click();
      // In the kept-back list: the composer's preview may still show the text for a moment.
      const kept = console.getByRole("region", { name: "Drafts and scheduled posts" });
      await expect(kept.getByText("A draft for later.")).toBeVisible();
      await expect(console.getByLabel("Post", { exact: true })).toHaveValue("");
      const storageState = await context.storageState();
      await context.close();
      await provide({
        storageState,
        paths: {
          dashboard: "/dashboard",
          "event console": `/dashboard/events/${slug}`,
          account: "/dashboard/account",
          "sign-in": "/sign-in",
          "sign-up": "/sign-up",
        },
      });
    },
    { scope: "worker", timeout: 180_000 },
  ],
});

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  // For contrast, the colours too: "#79716b on #1c1917 (3.65)".
  const colours = (n: (typeof results.violations)[number]["nodes"][number]) => {
    const data = n.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
    return data?.fgColor ? ` (${data.fgColor} on ${data.bgColor}, ${data.contrastRatio})` : "";
  };
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ") + colours(n)).join(", ")}`);
}

for (const colorScheme of ["light", "dark"] as const) {
  for (const where of ["dashboard", "event console", "account", "sign-in", "sign-up"] as const) {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      axeTest(
        `axe finds no accessibility violations on the newsroom's ${where} (${colorScheme}, ${viewport.width}px)`,
        async ({ newsroom, newPerson }) => {
          test.slow(); // one axe run: 2 s idle, 45 s seen on a busy machine
          const storageState = signedIn.includes(where) ? newsroom.storageState : undefined;
          const page = await newPerson({ colorScheme, viewport, storageState });
          const response = await page.goto(newsroom.paths[where]);
          expect(response!.status()).toBe(200);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          expect(await violations(page), `${where} at ${viewport.width}px`).toEqual([]);
        },
      );
    }
  }
}

test("the keyboard reaches the composer, then the feed's posts, then the newsroom's tools", async ({
  editorPage: console,
  request,
}) => {
  await eventWithPosts(console, request, 2, "Keyboard");
  await console.reload();
  const stops = {
    composer: console.getByLabel("Post", { exact: true }),
    "a post's actions": updates(console).posts.first().getByRole("button").first(),
    "the event settings": console.getByText("Event settings", { exact: true }),
  };
  await expect(stops["a post's actions"]).toBeVisible();
  // Each stop named on its element, so that one question after each Tab says which has focus.
  for (const [name, locator] of Object.entries(stops)) {
    await locator.evaluate((el, stop) => el.setAttribute("data-e2e-stop", stop), name);
  }
  // Tab from the top of the page and note when each is first reached.
  const reached: string[] = [];
  for (let i = 0; i < 300 && reached.length < 3; i++) {
    await console.keyboard.press("Tab");
    const name = await console.evaluate(() => document.activeElement?.getAttribute("data-e2e-stop") ?? null);
    if (name && !reached.includes(name)) reached.push(name);
  }
  expect(reached).toEqual(["composer", "a post's actions", "the event settings"]);
});
