import { createEvent, expect, markDocument, publishViaUi, recordLiveRequests, test, unique, updates } from "./fixtures";

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
