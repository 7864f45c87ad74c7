import {
  createEvent,
  expect,
  fillPollPost,
  markDocument,
  publishViaUi,
  recordLiveRequests,
  test,
  unique,
  updates,
} from "./fixtures";

// What a reader sees when the stream cannot get through: a proxy that cuts or buffers it.

test("a reader whose network blocks the stream falls back to polling and still gets new posts", async ({
  editorPage: console,
  newPerson,
}) => {
  test.slow(); // three failed stream attempts (about 3 s apart), then a 5-second poll interval
  const slug = await createEvent(console, `Harbour Storm ${unique()}`);
  await publishViaUi(console, "Wind picks up along the quay.");

  const reader = await newPerson();
  // The network in between cuts every stream; the polling API gets through.
  await reader.context().route("**/api/events/*/stream**", (route) => route.abort());
  const requests = recordLiveRequests(reader);
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.posts).toHaveCount(1);
  const keptItsDocument = await markDocument(reader);

  await expect(feed.badge).toHaveText("Updating every few seconds", { timeout: 20_000 });
  await expect(feed.badge).toHaveAttribute("data-status", "polling");
  expect(
    requests.filter((r) => r.kind === "stream").length,
    "gave up on the stream after 3 failures",
  ).toBeGreaterThanOrEqual(3);

  // A post published now reaches the reader with the next poll (every 5 s).
  const arrived = reader.waitForResponse(
    async (response) =>
      new URL(response.url()).pathname === `/api/events/${slug}/updates` &&
      response.ok() &&
      (await response.text()).includes("Ferries are cancelled"),
    { timeout: 15_000 },
  );
  await publishViaUi(console, "Ferries are cancelled for the rest of the day.", "Ferries cancelled");
  const published = Date.now();
  await expect(feed.posts).toHaveCount(2, { timeout: 12_000 });
  await expect(feed.posts.first().getByRole("heading", { name: "Ferries cancelled" })).toBeVisible();
  await expect(feed.posts.first()).toContainText("Ferries are cancelled for the rest of the day.");
  expect(Date.now() - published, "arrived within about one poll interval").toBeLessThan(12_000);
  await arrived; // it came through the polling API

  // Once polling, the page only asks /updates (the stream is retried after a minute, not sooner).
  const firstPoll = requests.findIndex((r) => r.kind === "updates");
  expect(firstPoll, "polled at all").toBeGreaterThan(0);
  const sincePolling = requests.slice(firstPoll);
  expect(sincePolling.filter((r) => r.kind === "stream")).toEqual([]);
  expect(sincePolling.length, "polled more than once").toBeGreaterThanOrEqual(2);
  for (const r of sincePolling) expect(r.url).toMatch(new RegExp(`/api/events/${slug}/updates\\?since=\\d+$`));

  await keptItsDocument();
  await expect(feed.badge).toHaveText("Updating every few seconds");
});

test("a reader who polls sees other readers' reactions and votes without a reload", async ({
  editorPage: console,
  newPerson,
}) => {
  test.slow(); // three failed stream attempts, then polls every 5 s and counts up to a few seconds old
  const slug = await createEvent(console, `Polled counts ${unique()}`);
  await publishViaUi(console, "Kick-off in ten minutes.");
  await fillPollPost(console, "Your prediction?", "Who wins?", ["Home", "Away"]);
  await console.getByRole("button", { name: "Publish" }).click();
  await expect(console.locator("form").getByRole("status").first()).toHaveText("Published.");

  const polling = await newPerson();
  await polling.context().route("**/api/events/*/stream**", (route) => route.abort());
  await polling.goto(`/e/${slug}`);
  const feed = updates(polling);
  await expect(feed.badge).toHaveAttribute("data-status", "polling", { timeout: 20_000 });
  const kickOff = feed.posts.filter({ hasText: "Kick-off" });
  await expect(kickOff.getByRole("button", { name: "👍 Like, 0" })).toBeVisible();
  const polled = feed.posts.first().locator("section[data-poll-id]");
  await polled.getByRole("radio", { name: "Home" }).check();
  await polled.getByRole("button", { name: "Vote" }).click();
  await expect(polled.getByRole("listitem").filter({ hasText: "Home" })).toContainText("100% · 1 vote");

  const live = await newPerson();
  await live.goto(`/e/${slug}`);
  await expect(updates(live).badge).toHaveText("Live");
  await updates(live).posts.filter({ hasText: "Kick-off" }).getByRole("button", { name: "👍 Like, 0" }).click();
  const poll = updates(live).posts.first().locator("section[data-poll-id]");
  await poll.getByRole("radio", { name: "Away" }).check();
  await poll.getByRole("button", { name: "Vote" }).click();
  await expect(poll.getByRole("listitem").filter({ hasText: "Away" })).toContainText("50% · 1 vote");

  // The polling reader's page shows both within a few polls, and has not reloaded.
  await expect(kickOff.getByRole("button", { name: "👍 Like, 1" })).toBeVisible({ timeout: 30_000 });
  await expect(polled.getByRole("listitem").filter({ hasText: "Away" })).toContainText("50% · 1 vote", {
    timeout: 30_000,
  });
  await expect(polled.getByRole("listitem").filter({ hasText: "Home" })).toContainText("50% · 1 vote");
  await expect(feed.badge).toHaveAttribute("data-status", "polling");
});
