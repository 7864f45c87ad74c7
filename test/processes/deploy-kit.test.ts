import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { schedulePost } from "@/lib/posts/schedule-post";
import { publishEvery, publishSurely } from "@/test/careful-publisher";
import { kitInstalled, startNginx, startPgbouncer, type Running } from "@/test/deploy-kit";
import { EventSourceRecorder } from "@/test/event-source";
import { makeEvent, makeUser, unique, type TestUser } from "@/test/factories";
import { signInTo } from "@/test/http-session";
import { freePort, ServerProcess, stopAllServers } from "@/test/server-process";
import { actionId, postAction } from "@/test/server-actions";
import { images } from "@/lib/uploads/test-images";
import { startS3Server, type S3Server } from "@/test/s3";
import { range } from "@/test/sink";
import { sleep, waitUntil } from "@/test/wait";

// The deploy kit as an operator runs it: two boxes on one Postgres, their pools through
// PgBouncer in transaction mode (LISTEN and migrations direct), behind Debian's nginx with
// deploy/nginx/herald.conf, their images in one S3-compatible bucket (s3rver). `.ci/run` installs nginx and PgBouncer; elsewhere without them
// this file is skipped, and says so.
const installed = kitInstalled();
if (!installed && process.env.CI) throw new Error("nginx and pgbouncer must be installed on CI (.ci/run does it).");
if (!installed)
  console.warn("deploy-kit.test.ts: skipped, nginx or pgbouncer is not installed (apt-get install nginx pgbouncer).");

let bouncer: Running | undefined;
let bucket: S3Server | undefined;
let nginx: Running | undefined;
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
let owner: TestUser;
const readers: EventSourceRecorder[] = [];

beforeAll(async () => {
  if (!installed) return;
  const [bouncerPort, nginxPort] = [await freePort(), await freePort()];
  [bouncer, bucket] = await Promise.all([startPgbouncer(bouncerPort, inject("databaseUrl")), startS3Server()]);
  const env = {
    ...bucket.environment,
    DATABASE_URL: bouncer.url,
    DATABASE_URL_DIRECT: inject("databaseUrl"),
    NEXTAUTH_URL: `http://127.0.0.1:${nginxPort}`,
    HERALD_TRUST_PROXY: "1",
  };
  [a, b, owner] = await Promise.all([ServerProcess.start({ env }), ServerProcess.start({ env }), makeUser()]);
  nginx = await startNginx(nginxPort, [a.port, b.port]);
}, 240_000);

afterAll(async () => {
  for (const reader of readers) reader.close();
  await nginx?.stop();
  await stopAllServers();
  await bouncer?.stop();
  await bucket?.stop();
});

describe.skipIf(!installed)("two boxes behind the kit's nginx, pools through PgBouncer", () => {
  it("signs in and runs a server action through nginx, whose Host keeps its port", async () => {
    const session = await signInTo(nginx!.url, owner.email, owner.password);
    expect(session.cookie).toMatch(/^next-auth\.session-token=/);
    const email = `kit-${unique()}@herald.test`;
    const fields = { name: "Through nginx", email, password: "password1" };
    const response = await postAction(nginx!.url, "/sign-up", actionId("signUpAction"), fields, nginx!.url);
    expect(response.status).toBeLessThan(400);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("loses no publish and no delivery while one box is stopped and started again", { timeout: 300_000 }, async () => {
    const event = await makeEvent(owner);
    const { secret } = await createApiToken(owner, event.id, { name: "Every 100 ms" });
    for (let i = 0; i < 30; i++) {
      readers.push(new EventSourceRecorder(`${nginx!.url}/api/events/${event.slug}/stream?lastEventId=0`));
    }
    await waitUntil(() => readers.every((reader) => reader.open), { timeoutMs: 60_000, message: "30 open readers" });

    const publisher = publishEvery(100, (body) => publishSurely(nginx!.url, event.slug, secret, body));
    await sleep(1_500);
    expect(await a!.terminate()).toBe(0);
    await sleep(1_500);
    await a!.restart();
    await sleep(1_500);
    const results = await publisher.stop();

    expect(
      results.filter((result) => result.status !== 201),
      JSON.stringify(results),
    ).toEqual([]);
    const published = results.length;
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(published);
    for (const reader of readers) expect(await reader.waitForChanges(published, 60_000)).toEqual(range(1, published));
    const retried = results.filter((result) => result.attempts > 1).length;
    console.info(`deploy kit: ${published} publishes across a box's stop and start, ${retried} needed a retry, 0 lost`);
  });

  it("serves an image uploaded on one box from the other, and through nginx", async () => {
    const event = await makeEvent(owner);
    const { cookie } = await signInTo(nginx!.url, owner.email, owner.password);
    const uploaded = await fetch(`${a!.url}/api/events/${event.slug}/uploads`, {
      method: "POST",
      headers: { cookie, origin: a!.url, "content-type": "image/png" },
      body: images.png,
    });
    expect(uploaded.status).toBe(201);
    const { url } = (await uploaded.json()) as { url: string };
    for (const origin of [b!.url, nginx!.url]) {
      const served = await fetch(`${origin}${url}`);
      expect(served.status, origin).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/png");
      expect(served.headers.get("x-content-type-options")).toBe("nosniff");
      expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(images.png))).toBe(true);
    }
  });

  it("publishes a scheduled post once, though every box's scheduler looks for it", { timeout: 120_000 }, async () => {
    const event = await makeEvent(owner);
    const scheduled = await schedulePost(owner, event.id, {
      body: "On the hour",
      scheduledFor: new Date(Date.now() + 2_000).toISOString(),
    });
    const postId = scheduled.id;
    await waitUntil(
      async () =>
        (await db.post.findUnique({ where: { id: postId }, select: { status: true } }))?.status === "PUBLISHED",
      { timeoutMs: 60_000, message: "the scheduled post to be published" },
    );
    await sleep(6_000); // another scheduler round on each box
    expect(await db.change.count({ where: { eventId: event.id, postId, type: "POST_PUBLISHED" } })).toBe(1);
  });
});
