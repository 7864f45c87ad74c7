import pg from "pg";
import { expect, publishViaUi, test, unique } from "./fixtures";

// The desk sees its audience: a known sequence of reader counts, seeded into the e2e
// database as the server processes' sampler writes it (one row per process and 30 s
// bucket), drawn on the event's analytics page with its posts on the same timeline.

const databaseUrl = `postgresql://herald:herald@127.0.0.1:${process.env.HERALD_E2E_PG_PORT ?? 5543}/herald`;
const t0 = Date.parse("2026-12-05T18:00:00.000Z"); // 19:00 in Paris
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

// [bucket, process, page, embed, polling]: two processes share the 18:01:00 bucket (35 readers
// in all: the peak); nobody read in the 18:02:00 bucket (no row: a zero).
const samples: [number, string, number, number, number][] = [
  [0, "proc-a", 5, 1, 0],
  [1, "proc-a", 8, 2, 0],
  [2, "proc-a", 20, 4, 1],
  [2, "proc-b", 10, 0, 0],
  [3, "proc-b", 15, 3, 1],
  [5, "proc-a", 6, 1, 2],
];
const expectedRows = [
  ["19:00:00", "5", "1", "0", "6"],
  ["19:00:30", "8", "2", "0", "10"],
  ["19:01:00", "30", "4", "1", "35"],
  ["19:01:30", "15", "3", "1", "19"],
  ["19:02:00", "0", "0", "0", "0"],
  ["19:02:30", "6", "1", "2", "9"],
];

async function seed(slug: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `UPDATE "Event" SET "timeZone" = 'Europe/Paris' WHERE "slug" = $1 RETURNING "id"`,
      [slug],
    );
    const eventId = rows[0]!.id;
    for (const [bucket, processId, page, embed, polling] of samples) {
      await client.query(
        `INSERT INTO "ReaderSample" ("eventId", "bucket", "processId", "page", "embed", "polling")
         VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC'), $3, $4, $5, $6)`,
        [eventId, at(bucket * 30), processId, page, embed, polling],
      );
    }
    // The two posts were published just now: move them onto the seeded timeline.
    await client.query(
      `UPDATE "Post" SET "publishedAt" = (CASE WHEN "headline" = 'Kick-off' THEN $2 ELSE $3 END)::timestamptz AT TIME ZONE 'UTC'
       WHERE "eventId" = $1`,
      [eventId, at(50), at(95)],
    );
    // Readers' reactions: 3 wows and an applause for the result, a like for the kick-off.
    await client.query(
      `INSERT INTO "Reaction" ("postId", "readerId", "kind", "eventId")
       SELECT p."id", r.reader, r.kind, $1 FROM "Post" p
       JOIN (VALUES ('Result', 'r1', 'wow'), ('Result', 'r2', 'wow'), ('Result', 'r3', 'wow'),
                    ('Result', 'r1', 'applause'), ('Kick-off', 'r1', 'like')) AS r(headline, reader, kind)
         ON r.headline = p."headline"
       WHERE p."eventId" = $1`,
      [eventId],
    );
    // A poll in the result's post: 2 for "Carried", 1 for "Lost", closed by an editor.
    const poll = `poll-${eventId}`;
    await client.query(
      `INSERT INTO "Poll" ("id", "postId", "eventId", "question", "closedAt")
       SELECT $1, p."id", $2, 'Was it the right call?', now() FROM "Post" p WHERE p."eventId" = $2 AND p."headline" = 'Result'`,
      [poll, eventId],
    );
    await client.query(
      `INSERT INTO "PollOption" ("id", "pollId", "position", "label")
       VALUES ($1 || '-yes', $1, 0, 'Carried'), ($1 || '-no', $1, 1, 'Lost')`,
      [poll],
    );
    await client.query(
      `INSERT INTO "PollVote" ("pollId", "readerId", "optionId", "eventId")
       VALUES ($1, 'r1', $1 || '-yes', $2), ($1, 'r2', $1 || '-yes', $2), ($1, 'r3', $1 || '-no', $2)`,
      [poll, eventId],
    );
  } finally {
    await client.end();
  }
}

test("an event's analytics show its seeded readers, peak, table and post markers", async ({ editorPage: desk }) => {
  const title = `Council vote ${unique()}`;
  await desk.goto("/dashboard");
  await desk.getByLabel("Title", { exact: true }).fill(title);
  await desk.getByRole("button", { name: "Create event" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const slug = new URL(desk.url()).pathname.split("/").pop()!;
  await publishViaUi(desk, "The council is in session.", "Kick-off");
  await publishViaUi(desk, "The motion is carried.", "Result");
  await seed(slug);

  await desk.getByRole("link", { name: "Analytics", exact: true }).click();
  await expect(desk).toHaveURL(new RegExp(`/dashboard/events/${slug}/analytics$`));
  await expect(desk.getByRole("heading", { level: 1, name: `Readers of ${title}` })).toBeVisible();
  await expect(desk.getByTestId("peak")).toHaveText("35 readers");
  await expect(desk.getByTestId("peak-time")).toHaveText(/at 5 Dec,? 19:01 (CET|GMT\+1)/);
  await expect(desk.getByTestId("channel-page")).toContainText("peak 30");

  const chart = desk.getByRole("img", { name: "Readers over time by channel, with posts marked" });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/Peak of 35 readers at 5 Dec,? 19:01.*2 posts marked/);
  const markers = chart.getByTestId("post-marker");
  await expect(markers).toHaveCount(2);
  await expect(markers.first().locator("title")).toHaveText(/^Post at 5 Dec,? 19:00 .*: Kick-off$/);
  await expect(markers.last().locator("title")).toHaveText(/^Post at 5 Dec,? 19:01 .*: Result$/);
  // The key names each channel in words, not by colour alone.
  const key = desk.getByRole("list", { name: "Key" });
  await expect(key.getByRole("listitem")).toHaveText(["Event page", "Embed", "Polling", "Post published"]);

  await desk.getByText("The figures as a table").click();
  const table = desk.getByTestId("readers-table");
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(expectedRows.length);
  for (const [i, expected] of expectedRows.entries()) {
    await expect(rows.nth(i).locator("th, td")).toHaveText([...expected, /.*/]);
  }
  await expect(rows.nth(1).locator("td").last()).toHaveText("Kick-off");
  await expect(rows.nth(3).locator("td").last()).toHaveText("Result");

  // What readers reacted to, in figures.
  const reactions = desk.getByRole("region", { name: "Reactions" });
  await expect(reactions.getByTestId("reactions-total")).toHaveText("5 reactions to the published posts.");
  await expect(reactions.getByTestId("reactions-wow")).toHaveText(/Wow 3$/);
  const topPosts = reactions.getByTestId("top-posts").locator("tbody tr");
  await expect(topPosts).toHaveCount(2);
  // Like, love, wow, sad, applause, total.
  await expect(topPosts.nth(0).locator("th, td")).toHaveText(["Result", "0", "0", "3", "0", "1", "4"]);
  await expect(topPosts.nth(1).locator("th, td")).toHaveText(["Kick-off", "1", "0", "0", "0", "0", "1"]);

  // The polls, with their votes.
  const polls = desk.getByRole("region", { name: "Polls" });
  const poll = polls.getByRole("table", { name: /^Was it the right call\? — in the post “Result” at 5 Dec,? 19:01/ });
  await expect(poll.getByTestId("poll-state")).toHaveText("Closed · 3 votes");
  await expect(poll.locator("tbody tr").nth(0).locator("th, td")).toHaveText(["Carried", "2", "67%"]);
  await expect(poll.locator("tbody tr").nth(1).locator("th, td")).toHaveText(["Lost", "1", "33%"]);

  // The CSV is every bucket, in UTC.
  const csv = await desk.request.get(`/dashboard/events/${slug}/analytics/readers.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`${at(60)},30,4,1,35\r\n`);

  if (process.env.SCREENSHOTS) {
    await desk.setViewportSize({ width: 1280, height: 1000 });
    await desk.screenshot({ path: "docs/screenshots/analytics.png", fullPage: true });
    await desk.emulateMedia({ colorScheme: "dark" });
    await desk.screenshot({ path: "docs/screenshots/analytics-dark.png", fullPage: true });
  }
});
