import type { APIRequestContext, Page } from "@playwright/test";
import { createEvent, expect, unique } from "./fixtures";

export type ApiPost = { id: string; headline: string | null; publishedAt: string };

/** Creates a publishing API token in the event's console (the page must be on it). */
export async function createTokenViaUi(console: Page): Promise<string> {
  await console.getByLabel("Token name", { exact: true }).fill(`Reader e2e ${unique()}`);
  await console.getByRole("button", { name: "Create token" }).click();
  const secret = console.getByRole("status").filter({ hasText: "Copy the token" }).locator("code");
  await expect(secret).toHaveText(/^hrld_/);
  return (await secret.textContent())!.trim();
}

/** Publishes through the publishing API: fast, for tests that need many posts. */
export async function publishViaApi(
  request: APIRequestContext,
  slug: string,
  token: string,
  body: string,
  headline: string | null = null,
): Promise<ApiPost> {
  const response = await request.post(`/api/v1/events/${slug}/posts`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { body, headline },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { post: ApiPost }).post;
}

/** A paragraph long enough that a few posts fill a phone screen. */
export function longBody(n: number): string {
  return `Update ${n}. ${"The floor is busy and the speakers keep going; every line of this update is here to take up room on the page. ".repeat(4)}`;
}

/** A new event (from the signed-in page's dashboard) with `count` posts, a token, and the posts oldest first. */
export async function eventWithPosts(page: Page, request: APIRequestContext, count: number, title = "Reader test") {
  const slug = await createEvent(page, `${title} ${unique()}`);
  const token = await createTokenViaUi(page);
  const posts: ApiPost[] = [];
  for (let n = 1; n <= count; n++) posts.push(await publishViaApi(request, slug, token, longBody(n), `Headline ${n}`));
  return { slug, token, posts };
}
