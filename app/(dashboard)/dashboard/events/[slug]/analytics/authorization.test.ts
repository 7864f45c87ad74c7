import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { writeReaderSamples } from "@/lib/analytics/write-reader-samples";
import { makeTeam, makeUser, type TestUser } from "@/test/factories";
import { signInAs } from "@/test/next-request";
import AnalyticsPage from "./page";
import * as csv from "./readers.csv/route";

// Who may see an event's reader analytics: its team. Signed out, the CSV is a 401 (the page
// sends you to sign in); anyone else gets the 404 the console gives, with no hint of the event.
vi.mock("@/lib/auth/session", () => import("@/test/next-request").then((m) => m.sessionModule));

const callers = ["anonymous", "contributor", "editor", "owner", "outsider", "removed"] as const;
type Caller = (typeof callers)[number];
const allowed: Record<Caller, boolean> = {
  anonymous: false,
  contributor: true,
  editor: true,
  owner: true,
  outsider: false,
  removed: false,
};

let slug: string;
let people: Record<Exclude<Caller, "anonymous">, TestUser>;
const bucket = new Date("2026-12-05T19:00:00.000Z");

beforeAll(async () => {
  const owner = await makeUser();
  const { event, ...team } = await makeTeam(owner);
  slug = event.slug;
  people = { owner, ...team };
  await writeReaderSamples("p-one", new Map([[event.id, { page: 40, embed: 2, polling: 0 }]]), bucket);
  await writeReaderSamples("p-two", new Map([[event.id, { page: 1, embed: 0, polling: 3 }]]), bucket);
});

const params = () => ({ params: Promise.resolve({ slug }) });
const as = (caller: Caller) => signInAs(caller === "anonymous" ? null : people[caller]);

describe("GET readers.csv", () => {
  it.each(callers)("as %s", async (caller) => {
    as(caller);
    const response = await csv.GET(
      new Request(`http://localhost/dashboard/events/${slug}/analytics/readers.csv`),
      params(),
    );
    const status = caller === "anonymous" ? 401 : allowed[caller] ? 200 : 404;
    expect(response.status).toBe(status);
    const text = await response.text();
    if (status !== 200) {
      expect(text).not.toContain("time_utc");
      return;
    }
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-readers.csv"`);
    expect(text).toBe("time_utc,page,embed,polling,total\r\n2026-12-05T19:00:00.000Z,41,2,3,46\r\n");
  });
});

describe("the analytics page", () => {
  it.each(callers)("as %s", async (caller) => {
    as(caller);
    const page = AnalyticsPage(params());
    if (caller === "anonymous") {
      // Outside Next the session stand-in throws where requireUserOrRedirect redirects.
      await expect(page).rejects.toMatchObject({ status: 401 });
      return;
    }
    if (!allowed[caller]) {
      await expect(page).rejects.toMatchObject({ digest: expect.stringContaining("404") });
      return;
    }
    const html = renderToStaticMarkup(await page);
    expect(html).toContain('data-testid="peak"');
    expect(html).toContain("46 readers");
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="readers-chart-title"');
    expect(html).toContain('aria-describedby="readers-chart-desc"');
  });
});
