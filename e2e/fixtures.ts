import crypto from "node:crypto";
import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "@playwright/test";
import { demo } from "../scripts/demo-account";
import { actionId } from "../test/server-actions";

export { expect, demo };

export type Credentials = { email: string; password: string };
export type NewAccount = Credentials & { name: string };

/** A short random suffix, so parallel tests and repeated runs never collide. */
export function unique(): string {
  return crypto.randomBytes(4).toString("hex");
}

/** A fresh, never-used account (not yet created). */
export function newAccount(prefix = "editor"): NewAccount {
  const id = unique();
  return { name: `E2E ${prefix} ${id}`, email: `${prefix}-${id}@e2e.herald.test`, password: `pw-${id}-long-enough` };
}

/**
 * Signs in through next-auth's credentials endpoint with the page's own request context,
 * which shares its cookie jar with the browser context: the page is then signed in.
 */
export async function signInViaApi(request: APIRequestContext, { email, password }: Credentials): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok(), "POST /api/auth/callback/credentials").toBe(true);
  // next-auth answers 200 either way; a failed sign-in carries ?error= in its url.
  const { url } = (await response.json()) as { url: string };
  expect(url, "credentials sign-in").not.toContain("error=");
}

/**
 * Signs up without the form: posts the sign-up form's server action as a browser without
 * JavaScript would, then signs in like signInViaApi. For tests about something else; the
 * form itself has tests of its own (auth.spec.ts, callback-url.spec.ts).
 */
export async function signUpViaApi(
  request: APIRequestContext,
  account: NewAccount,
  origin = base.info().project.use.baseURL!,
): Promise<void> {
  const response = await request.post("/sign-up", {
    multipart: {
      [`$ACTION_ID_${actionId("signUpAction")}`]: "",
      name: account.name,
      email: account.email,
      password: account.password,
    },
    headers: { origin },
    maxRedirects: 0,
  });
  expect(response.status(), "POST /sign-up (the sign-up action)").toBeLessThan(400);
  await signInViaApi(request, account);
}

/** Signs up through the form, as a person would; ends on the dashboard, signed in. */
export async function signUpViaUi(page: Page, account: NewAccount): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Your events" })).toBeVisible();
}

/** What a form's hidden input may hold as React writes it: attribute-escaped text. */
function unescapeAttribute(value: string): string {
  return value.replace(/&(quot|#x27|#39|lt|gt|amp);/g, (_, name: string) =>
    name === "quot" ? '"' : name === "lt" ? "<" : name === "gt" ? ">" : name === "amp" ? "&" : "'",
  );
}

/**
 * Submits the server-action form of `path` that contains `marker` as a browser without
 * JavaScript would: its hidden fields (action id, bound arguments, state) as the page
 * rendered them, plus `fields`. Answers the action's response, redirects not followed.
 */
export async function submitFormViaApi(
  request: APIRequestContext,
  path: string,
  marker: string,
  fields: Record<string, string>,
  origin = base.info().project.use.baseURL!,
) {
  const page = await request.get(path);
  expect(page.status(), `GET ${path}`).toBe(200);
  const forms = (await page.text()).match(/<form\b[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((html) => html.includes("$ACTION_") && html.includes(marker));
  if (!form) throw new Error(`No server-action form with ${marker} on ${path}.`);
  const hidden: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) {
    hidden[unescapeAttribute(name!)] = unescapeAttribute(value ?? "");
  }
  const action = unescapeAttribute(/\baction="([^"]*)"/.exec(form)?.[1] ?? path);
  return request.post(action, { multipart: { ...hidden, ...fields }, headers: { origin }, maxRedirects: 0 });
}

/**
 * Creates an event without the dashboard form (posting it as a browser without JavaScript
 * would, through the page's cookies), then opens its console, hydrated and live. For tests
 * about something else; the form has tests of its own (createEventViaUi's callers).
 */
export async function createEvent(page: Page, title: string, slug = ""): Promise<string> {
  const response = await submitFormViaApi(page.request, "/dashboard", 'name="title"', {
    title,
    slug,
    description: "",
    timeZone: "UTC",
    language: "en",
  });
  const location = response.headers()["location"] ?? "";
  expect(
    response.status(),
    `POST /dashboard (create event): ${location || (await response.text()).slice(0, 300)}`,
  ).toBe(303);
  const created = /\/dashboard\/events\/([a-z0-9-]+)$/.exec(location)?.[1];
  if (!created) throw new Error(`The create-event action sent us to ${location}.`);
  await page.goto(`/dashboard/events/${created}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // Hydrated and subscribed: the console's own feed says so.
  await expect(updates(page).badge).toHaveText("Live");
  return created;
}

/** Creates an event from the dashboard form; ends on its console. Returns the slug in the URL. */
export async function createEventViaUi(page: Page, title: string, slug = ""): Promise<string> {
  await page.goto("/dashboard");
  await page.getByLabel("Title", { exact: true }).fill(title);
  if (slug) await page.getByLabel("Address", { exact: true }).fill(slug);
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page).toHaveURL(/\/dashboard\/events\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The "Updates" section of a reader page or console: the feed and its live badge. */
export function updates(page: Page) {
  const region = page.getByRole("region", { name: "Updates" });
  return {
    region,
    badge: region.getByRole("status"),
    posts: region.getByRole("article"),
    empty: region.getByText("No updates yet."),
  };
}

/** Publishes from an event's console, as an editor would; waits until the composer confirms and clears. */
export async function publishViaUi(page: Page, body: string, headline = ""): Promise<void> {
  if (headline) await page.getByLabel("Headline (optional)", { exact: true }).fill(headline);
  await page.getByLabel("Post", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator("form").getByRole("status")).toHaveText("Published.");
  await expect(page.getByLabel("Post", { exact: true })).toHaveValue("");
}

/** Fills in the composer's post and its "Add a poll" section; the caller presses a button. */
export async function fillPollPost(page: Page, body: string, question: string, options: string[]): Promise<void> {
  await page.getByLabel("Post", { exact: true }).fill(body);
  await page.getByText("Add a poll").click();
  await page.getByLabel("Poll question").fill(question);
  for (const [i, option] of options.entries()) await page.getByLabel(`Option ${i + 1}`, { exact: true }).fill(option);
}

/** Marks `post` (a post in a console's feed) as a key event through its dialog. */
export async function markKeyEvent(page: Page, post: Locator, label: string): Promise<void> {
  await post.getByRole("button", { name: "Mark key event" }).click();
  const dialog = page.getByRole("dialog", { name: "Mark as a key event" });
  await dialog.getByLabel("Key event label").fill(label);
  await dialog.getByRole("button", { name: "Mark" }).click();
  await expect(dialog).toHaveCount(0);
}

/** Deletes `post` (a post in a console's feed), confirming in its dialog. */
export async function deletePost(page: Page, post: Locator): Promise<void> {
  await post.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this post for every reader?" });
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog).toHaveCount(0);
}

/** Ends the event from its console, confirming in the dialog that asks first. */
export async function endEventViaUi(page: Page): Promise<void> {
  await page.getByRole("button", { name: "End event" }).click();
  const dialog = page.getByRole("dialog", { name: "End the coverage?" });
  await expect(dialog).toContainText("Readers' pages stop updating.");
  await dialog.getByRole("button", { name: "End event" }).click();
  await expect(dialog).toHaveCount(0);
}

/**
 * Points at every element `targets` matches, as a hover would: the pointer and mouse events
 * a hover fires, dispatched on each element in one go (hidden ones too, which a real hover
 * cannot reach). For handlers an injection could attach (onmouseover, onpointerenter...).
 */
export async function pointAtEach(targets: Locator): Promise<number> {
  return targets.evaluateAll((elements) => {
    const kinds = ["pointerover", "pointerenter", "mouseover", "mouseenter", "pointermove", "mousemove"];
    for (const element of elements) {
      for (const type of kinds) {
        const init = { bubbles: !type.endsWith("enter"), cancelable: true, composed: true, view: window };
        element.dispatchEvent(type.startsWith("pointer") ? new PointerEvent(type, init) : new MouseEvent(type, init));
      }
    }
    return elements.length;
  });
}

/** A request a page made to an event's live endpoints: the SSE stream or the polling API. */
export type LiveRequest = { kind: "stream" | "updates"; url: string; at: number };

/**
 * Records, from now on, every request the page (or every page of the context) makes to
 * /api/events/<slug>/stream and /api/events/<slug>/updates, in order.
 */
export function recordLiveRequests(target: Page | BrowserContext): LiveRequest[] {
  const seen: LiveRequest[] = [];
  target.on("request", (request) => {
    const { pathname } = new URL(request.url());
    const kind = /^\/api\/events\/[^/]+\/(stream|updates)$/.exec(pathname)?.[1];
    if (kind) seen.push({ kind: kind as LiveRequest["kind"], url: request.url(), at: Date.now() });
  });
  return seen;
}

/**
 * Marks the page's current document. The returned check fails if the page has reloaded
 * or navigated since: what it shows arrived live.
 */
export async function markDocument(page: Page): Promise<() => Promise<void>> {
  const token = unique();
  await page.evaluate((value) => ((window as unknown as { __e2eDocument?: string }).__e2eDocument = value), token);
  return async () => {
    const now = await page.evaluate(() => (window as unknown as { __e2eDocument?: string }).__e2eDocument);
    expect(now, "the page kept its document (no reload, no navigation)").toBe(token);
  };
}

type Fixtures = {
  /** Signs this test's page in (via next-auth's credentials endpoint). */
  signIn: (credentials?: Credentials) => Promise<void>;
  /** A brand-new account (signUpViaApi); the page is signed in as it (still on about:blank). */
  editor: NewAccount;
  /** The test's page, signed in as a brand-new editor: for tests that need no more of the account. */
  editorPage: Page;
  /**
   * Opens a page in a browser context of its own (its own cookies: another reader, or the
   * same editor on a second machine). Every context it opened is closed after the test.
   */
  newPerson: (options?: BrowserContextOptions) => Promise<Page>;
};

// (Playwright calls a fixture's second argument `use`; named `provide` here so that the
// React hooks lint rule does not take it for React's use().)
export const test = base.extend<Fixtures>({
  signIn: async ({ page }, provide) => {
    await provide((credentials = demo) => signInViaApi(page.request, credentials));
  },
  editor: async ({ page, baseURL }, provide) => {
    const account = newAccount();
    await signUpViaApi(page.request, account, baseURL);
    await provide(account);
  },
  editorPage: async ({ page, editor }, provide) => {
    void editor; // signed up: that is all this fixture is for
    await provide(page);
  },
  newPerson: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (options = {}) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});
