import { createEvent, expect, publishViaUi, test, unique, updates } from "./fixtures";

// Readers react to posts without an account; every open page sees the counts change live,
// a replayed request counts nothing, and the buttons work without JavaScript.

test("a reader reacts, another sees the count change live; a replay does not count twice", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEvent(desk, `Reactions ${unique()}`);
  await publishViaUi(desk, "The polls have closed.");
  const reader = await newPerson();
  const other = await newPerson();
  for (const page of [reader, other]) {
    await page.goto(`/e/${slug}`);
    await expect(updates(page).badge).toHaveText("Live");
  }
  const post = (page: typeof reader) => updates(page).posts.first();
  const like = post(reader).getByRole("button", { name: "👍 Like, 0" });
  await expect(like).toHaveAttribute("aria-pressed", "false");
  // The other reader's row, measured before the change: a live count moves nothing.
  const row = post(other).getByRole("group", { name: "Reactions to this update" });
  await expect(row).toBeVisible();
  const otherPost = await post(other).boundingBox();

  await like.click();
  await expect(post(reader).getByRole("button", { name: "👍 Like, 1" })).toHaveAttribute("aria-pressed", "true");
  // Live, without a reload.
  await expect(post(other).getByRole("button", { name: "👍 Like, 1" })).toHaveAttribute("aria-pressed", "false");
  expect((await post(other).boundingBox())?.height).toBe(otherPost?.height);

  // The same request again, with the same cookie: answered, counted once.
  const postId = await post(reader).getAttribute("data-post-id");
  const replay = await reader.request.post(`/api/events/${slug}/posts/${postId}/reactions`, {
    data: { kind: "like" },
    headers: { origin: new URL(reader.url()).origin },
  });
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toMatchObject({ created: false, counts: { like: 1 } });

  // Another kind from the other reader reaches the first, and a reload shows what is stored.
  await post(other).getByRole("button", { name: "👏 Applause, 0" }).click();
  await expect(post(reader).getByRole("button", { name: "👏 Applause, 1" })).toBeVisible();
  await reader.reload();
  await expect(post(reader).getByRole("button", { name: "👍 Like, 1" })).toHaveAttribute("aria-pressed", "true");
  await expect(post(reader).getByRole("button", { name: "👏 Applause, 1" })).toHaveAttribute("aria-pressed", "false");

  // Pressed again, the reader takes the reaction back; the other page follows.
  await post(reader).getByRole("button", { name: "👍 Like, 1" }).click();
  await expect(post(reader).getByRole("button", { name: "👍 Like, 0" })).toHaveAttribute("aria-pressed", "false");
  await expect(post(other).getByRole("button", { name: "👍 Like, 0" })).toBeVisible();
});

test("a reader without JavaScript reacts with the form and comes back to the post", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEvent(desk, `No-JS reactions ${unique()}`);
  await publishViaUi(desk, "Turnout is up.");
  const reader = await newPerson({ javaScriptEnabled: false });
  await reader.goto(`/e/${slug}`);
  const post = updates(reader).posts.first();
  const postId = await post.getAttribute("data-post-id");
  await post.getByRole("button", { name: "❤️ Love, 0" }).click();
  await expect(reader).toHaveURL(new RegExp(`/e/${slug}/p/${postId}#post-${postId}$`));
  const again = reader.locator(`#post-${postId}`).getByRole("button", { name: "❤️ Love, 1" });
  await expect(again).toBeVisible();
  // The cookie makes a second press a replay: still one.
  await again.click();
  await expect(reader.locator(`#post-${postId}`).getByRole("button", { name: "❤️ Love, 1" })).toBeVisible();
});
