import {
  endEventViaUi,
  createEvent,
  deletePost,
  expect,
  markDocument,
  publishViaUi,
  recordLiveRequests,
  signInViaApi,
  test,
  unique,
  updates,
} from "./fixtures";

// Edits, deletions and the end of the coverage reach every open page, like publishing does:
// readers' pages and the consoles of other editors, without a reload.
test("an edit and a deletion in the console reach an open reader page and a second console live", async ({
  page: console1,
  editor,
  newPerson,
}) => {
  test.slow(); // three pages, two publishes, an edit and a delete, each checked on all three
  const title = `Council Vote ${unique()}`;
  const slug = await createEvent(console1, title);

  // A reader, anonymous, on the event page before anything is published.
  const reader = await newPerson();
  const errors: string[] = [];
  reader.on("pageerror", (error) => errors.push(error.message));
  await reader.goto(`/e/${slug}`);
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.badge).toHaveAttribute("data-status", "live");
  await expect(feed.empty).toBeVisible();
  const readerKeptItsDocument = await markDocument(reader);

  // The same editor, signed in on a second machine, has the console open too.
  const console2 = await newPerson();
  await signInViaApi(console2.request, editor);
  await console2.goto(`/dashboard/events/${slug}`);
  await expect(console2.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(updates(console2).badge).toHaveText("Live");
  const console2KeptItsDocument = await markDocument(console2);

  // Two posts.
  await publishViaUi(console1, "Councillors take their seats for the vote.");
  await publishViaUi(console1, "Typo in teh first count: 12 votes for.", "First count");
  for (const target of [console1, reader, console2]) {
    await expect(updates(target).posts).toHaveCount(2);
    await expect(updates(target).posts.first()).toContainText("Typo in teh first count: 12 votes for.");
    await expect(updates(target).posts.getByText("edited", { exact: true })).toHaveCount(0);
  }

  // Edit the newest post: Edit → the inline form, holding the post's Markdown → Save.
  const typo = updates(console1).posts.filter({ hasText: "Typo in teh first count" });
  await typo.getByRole("button", { name: "Edit" }).click();
  const form = console1.getByRole("form", { name: "Edit post" });
  await expect(form.getByLabel("Headline", { exact: true })).toHaveValue("First count");
  await expect(form.getByLabel("Post", { exact: true })).toHaveValue("Typo in teh first count: 12 votes for.");
  await form.getByLabel("Headline", { exact: true }).fill("First count, corrected");
  await form.getByLabel("Post", { exact: true }).fill("Corrected first count: **14** votes for.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);

  // Every open page shows the new text, marked as edited, in place of the old.
  for (const [who, target] of [
    ["editor's console", console1],
    ["reader", reader],
    ["second console", console2],
  ] as const) {
    const posts = updates(target).posts;
    const corrected = posts.filter({ hasText: "Corrected first count: 14 votes for." });
    await expect(corrected, who).toHaveCount(1);
    await expect(corrected.getByRole("heading", { name: "First count, corrected" }), who).toBeVisible();
    await expect(corrected.locator("strong"), who).toHaveText("14");
    await expect(corrected.getByText("edited", { exact: true }), who).toBeVisible();
    await expect(posts, who).toHaveCount(2);
    await expect(posts.first(), who).toContainText("Corrected first count");
    await expect(posts.filter({ hasText: "Typo in teh" }), who).toHaveCount(0);
    // The other post was not touched.
    await expect(posts.nth(1).getByText("edited", { exact: true }), who).toHaveCount(0);
  }

  // Delete the older post: the console asks first.
  const seats = updates(console1).posts.filter({ hasText: "Councillors take their seats" });
  await deletePost(console1, seats);

  for (const [who, target] of [
    ["editor's console", console1],
    ["reader", reader],
    ["second console", console2],
  ] as const) {
    const posts = updates(target).posts;
    await expect(posts.filter({ hasText: "Councillors take their seats" }), who).toHaveCount(0);
    await expect(posts, who).toHaveCount(1);
    await expect(posts.first(), who).toContainText("Corrected first count: 14 votes for.");
  }

  // All of it arrived live: same documents, still connected.
  await readerKeptItsDocument();
  await console2KeptItsDocument();
  await expect(feed.badge).toHaveText("Live");
  await expect(updates(console2).badge).toHaveText("Live");
  expect(errors, "no errors in the reader's page").toEqual([]);

  // A fresh load agrees with what the open pages show.
  await reader.reload();
  await expect(feed.posts).toHaveCount(1);
  await expect(feed.posts.first()).toContainText("Corrected first count: 14 votes for.");
  await expect(feed.posts.first().getByText("edited", { exact: true })).toBeVisible();
});

test("ending the event stops every reader page, open or opened later, and the console's composer", async ({
  editorPage: console,
  newPerson,
}) => {
  test.slow(); // proves for 8 seconds that nothing happens
  const title = `Final Whistle ${unique()}`;
  const slug = await createEvent(console, title);
  await publishViaUi(console, "Kick-off under floodlights.");
  await publishViaUi(console, "Full time: 2-1.", "Result");

  // A reader has the page open, live.
  const reader = await newPerson();
  const requests = recordLiveRequests(reader);
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.posts).toHaveCount(2);
  const keptItsDocument = await markDocument(reader);
  expect(
    requests.map((r) => r.kind),
    "connected to the stream",
  ).toContain("stream");

  // The editor ends the event; the console asks first.
  await endEventViaUi(console);

  // The open page says so, keeps the posts...
  await expect(feed.badge).toHaveText("Coverage ended");
  await expect(feed.badge).toHaveAttribute("data-status", "ended");
  await expect(feed.posts).toHaveCount(2);
  await expect(feed.posts.first()).toContainText("Full time: 2-1.");
  await keptItsDocument();
  // ...and goes quiet: no stream, no reconnect (EventSource would retry within 5 s), no poll.
  const before = requests.length;
  await reader.waitForTimeout(8_000); // proving that nothing happens takes waiting
  expect(requests.slice(before), "requests after the end").toEqual([]);
  await expect(feed.badge).toHaveText("Coverage ended");

  // A reader who arrives afterwards gets the posts as they stand, and no connection at all.
  const late = await newPerson();
  const lateRequests = recordLiveRequests(late);
  await late.goto(`/e/${slug}`);
  const lateFeed = updates(late);
  await expect(late.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(lateFeed.badge).toHaveText("Coverage ended");
  await expect(lateFeed.badge).toHaveAttribute("data-status", "ended");
  await expect(lateFeed.posts).toHaveCount(2);
  await expect(lateFeed.posts.first().getByRole("heading", { name: "Result" })).toBeVisible();
  await expect(lateFeed.posts.nth(1)).toContainText("Kick-off under floodlights.");
  await late.waitForLoadState("networkidle");
  await late.waitForTimeout(3_000); // hydrated and settled: still nothing
  expect(lateRequests, "live requests from a page opened after the end").toEqual([]);

  // The console says the coverage has ended and offers nothing to publish with.
  await expect(console.getByText("This coverage has ended. Readers see it as it stands.")).toBeVisible();
  await expect(console.getByLabel("Post", { exact: true })).toHaveCount(0);
  await expect(console.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(console.getByRole("button", { name: "End event" })).toHaveCount(0);
  await expect(updates(console).badge).toHaveText("Coverage ended");
  await expect(updates(console).posts).toHaveCount(2);
  // Same after a reload.
  await console.reload();
  await expect(console.getByText("This coverage has ended. Readers see it as it stands.")).toBeVisible();
  await expect(console.getByRole("button", { name: "Publish" })).toHaveCount(0);
});

// The end is enforced by the server (appendChange refuses an ended event under the event's
// row lock), and a console that was open before the end is redrawn as ended.
test("a console opened before the end cannot publish to the ended event", async ({
  page: console1,
  editor,
  newPerson,
}) => {
  const slug = await createEvent(console1, `Closing Bell ${unique()}`);
  await publishViaUi(console1, "Markets close flat.");
  const console2 = await newPerson();
  await signInViaApi(console2.request, editor);
  await console2.goto(`/dashboard/events/${slug}`);
  await expect(updates(console2).badge).toHaveText("Live");
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  await endEventViaUi(console1);
  await expect(updates(reader).badge).toHaveText("Coverage ended");
  await expect(updates(console2).badge).toHaveText("Coverage ended");

  await expect(console2.getByText("This coverage has ended.")).toBeVisible();
  // Had the composer still been there a moment, whoever used it must have been refused.
  const composer = console2.getByLabel("Post", { exact: true });
  if (await composer.isVisible()) {
    await composer.fill("After-hours trading note.");
    await console2.getByRole("button", { name: "Publish" }).click();
    await expect(console2.getByText("Published.", { exact: true })).toHaveCount(0);
  }

  // Every reader sees the coverage as it stood at the end, whenever they arrived.
  const late = await newPerson();
  await late.goto(`/e/${slug}`);
  await expect(updates(late).badge).toHaveText("Coverage ended");
  await expect(updates(late).posts).toHaveCount(1);
  await expect(updates(late).posts.filter({ hasText: "After-hours trading note." })).toHaveCount(0);
  await expect(updates(reader).posts).toHaveCount(1);
});
