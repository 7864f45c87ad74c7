import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createEvent, expect, markDocument, publishViaUi, recordLiveRequests, test, unique, updates } from "./fixtures";

// Processes share nothing but Postgres: a post published through one server must reach
// readers connected to another. The suite's server (port 3100 by default) is `npm start`'s
// tiers; this spec starts Next.js alone (`next start`, streams through the route handler)
// on the same database, and puts a reader on it.

const root = path.resolve(import.meta.dirname, "..");
let server: ChildProcess | undefined;
let serverLog = "";
let secondOrigin = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000); // a cold `next` start on a busy machine
  const port = await freePort();
  secondOrigin = `http://127.0.0.1:${port}`;
  const next = path.join(root, "node_modules/next/dist/bin/next");
  server = spawn(process.execPath, [next, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      // The embedded Postgres and the secret of the suite's server (playwright.config.ts).
      DATABASE_URL: `postgresql://herald:herald@127.0.0.1:${process.env.HERALD_E2E_PG_PORT ?? 5543}/herald`,
      NEXTAUTH_SECRET: fs.readFileSync(path.join(root, ".data/e2e/auth-secret"), "utf8").trim(),
      NEXTAUTH_URL: secondOrigin,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-20_000));
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);

  const deadline = Date.now() + 100_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`second server exited (${server.exitCode}):\n${serverLog}`);
    const status = await fetch(`${secondOrigin}/api/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`second server not healthy (last status ${status}):\n${serverLog}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

test.afterAll(async () => {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM"); // it stops taking connections and exits within 2 s
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
});

test("a reader on another server process sees a post published through the main server live", async ({
  editorPage: console,
  newPerson,
}) => {
  const title = `Two Servers ${unique()}`;
  const slug = await createEvent(console, title);
  expect(new URL(console.url()).port, "the console is on the suite's server").toBe(
    process.env.HERALD_E2E_PORT ?? "3100",
  );
  await publishViaUi(console, "Published before the reader arrived.");

  // The reader's whole page, stream included, is served by the second process.
  const reader = await newPerson({ baseURL: secondOrigin });
  const requests = recordLiveRequests(reader);
  await reader.goto(`/e/${slug}`);
  expect(new URL(reader.url()).origin).toBe(secondOrigin);
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.posts).toHaveCount(1);
  const keptItsDocument = await markDocument(reader);

  // The editor publishes through the console on port 3100.
  await publishViaUi(console, "Published through **the other** server.", "Cross-process");
  await expect(feed.posts).toHaveCount(2);
  await expect(feed.posts.first().getByRole("heading", { name: "Cross-process" })).toBeVisible();
  await expect(feed.posts.first().locator("strong")).toHaveText("the other");
  await expect(feed.posts.nth(1)).toContainText("Published before the reader arrived.");

  await keptItsDocument();
  await expect(feed.badge).toHaveText("Live");
  expect(requests.length, "the reader connected").toBeGreaterThan(0);
  for (const r of requests) expect(r.url.startsWith(`${secondOrigin}/api/events/${slug}/stream`), r.url).toBe(true);
});

/** A TCP port nobody is listening on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
