import { expect, test, unique } from "./fixtures";

// An editor in New York covers an election in Auckland: every time the desk enters or reads
// is Auckland's, with the zone named, whatever the browser's own zone.

const auckland = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "Pacific/Auckland",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));

/** A date some days ahead, as a datetime-local value at 09:00, and how the desk shows it. */
function nineAmIn(days: number) {
  const day = new Date(Date.now() + days * 86_400_000);
  const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  const value = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T09:00`;
  const shown = `${d} ${day.toLocaleString("en-GB", { month: "short", timeZone: "UTC" })}, 09:00`;
  return { value, shown };
}

test.use({ timezoneId: "America/New_York" });

test("a New York editor schedules an Auckland event and its posts in Auckland time", async ({
  editorPage: desk,
  newPerson,
}) => {
  const title = `Auckland count ${unique()}`;
  await desk.goto("/dashboard");
  // A new event starts from the browser's zone; the editor picks the event's.
  await expect(desk.getByLabel("Time zone")).toHaveValue("America/New_York");
  await desk.getByLabel("Title", { exact: true }).fill(title);
  await desk.getByLabel("Time zone").selectOption("Pacific/Auckland");
  await desk.getByLabel(/Start as a draft/).check();
  await desk.getByRole("button", { name: "Create event" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const slug = new URL(desk.url()).pathname.split("/").pop()!;

  // The event's start, entered as Auckland's clock.
  const start = nineAmIn(3);
  await desk.getByLabel("Starts at (Pacific/Auckland)").fill(start.value);
  await desk.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(desk.getByTestId("event-status")).toHaveText("scheduled");
  const reader = await newPerson({ timezoneId: "Europe/Berlin" });
  await reader.goto(`/e/${slug}`);
  const starts = reader.getByText(/^Coverage starts/).locator("time");
  expect(auckland((await starts.getAttribute("datetime"))!)).toBe(start.shown);

  // A post scheduled from the composer: shown in the kept-back list as Auckland's clock, named.
  const post = nineAmIn(4);
  await desk.getByLabel("Post", { exact: true }).fill("Polls open across the country.");
  await desk.getByText("Schedule for later").click();
  await desk.getByLabel("Publish at (Pacific/Auckland)").fill(post.value);
  await desk.locator('button[name="intent"][value="schedule"]').click();
  const kept = desk.getByRole("region", { name: "Drafts and scheduled posts" }).locator("time");
  await expect(kept).toHaveText(new RegExp(`^${post.shown} GMT\\+1[23]$`));
  expect(auckland((await kept.getAttribute("datetime"))!)).toBe(post.shown);
});
