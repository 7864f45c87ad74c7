import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mayReadMetrics, peerAddressHeader } from "@/lib/observability/metrics-access";
import { publishPost } from "@/lib/posts/publish-post";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { ensureListener } from "@/lib/realtime/listener";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { RecordingSink } from "@/test/sink";
import { waitUntil } from "@/test/wait";
import { GET } from "./route";

let owner: TestUser;
const unsubscribes: (() => void)[] = [];

beforeAll(async () => {
  owner = await makeUser();
  const listener = ensureListener();
  await waitUntil(() => listener.connected, { message: "the listener to connect" });
});

afterAll(() => unsubscribes.forEach((off) => off()));

const local = { [peerAddressHeader]: "127.0.0.1" };

async function scrape(): Promise<string> {
  const response = await GET(new Request("http://localhost/api/metrics", { headers: local }));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample (`name{labels}` as printed), or 0 when it is not there yet. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /api/metrics access", () => {
  it("without a token configured, answers a local caller only (as the custom server saw it)", async () => {
    const ask = (headers: Record<string, string>) =>
      GET(new Request("http://localhost/api/metrics", { headers })).then((r) => r.status);
    expect(await ask(local)).toBe(200);
    expect(await ask({ [peerAddressHeader]: "::1" })).toBe(200);
    expect(await ask({})).toBe(403);
    expect(await ask({ [peerAddressHeader]: "203.0.113.9" })).toBe(403);
    expect(await ask({ [peerAddressHeader]: "forwarded" })).toBe(403);
  });

  it("with HERALD_METRICS_TOKEN, wants exactly that bearer token, from anywhere", () => {
    const token = "metrics-token-0123456789";
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(mayReadMetrics(headers({ Authorization: `Bearer ${token}` }), token)).toBe(true);
    expect(mayReadMetrics(headers({ Authorization: `bearer ${token}`, "X-Forwarded-For": "1.2.3.4" }), token)).toBe(
      true,
    );
    expect(mayReadMetrics(headers({ Authorization: `Bearer ${token}x` }), token)).toBe(false);
    expect(mayReadMetrics(headers({ Authorization: token }), token)).toBe(false);
    // A configured token is required even from this machine.
    expect(mayReadMetrics(headers(local), token)).toBe(false);
  });
});

describe("GET /api/metrics content", () => {
  it("counts readers, fan-out, its latency and publishes as they happen", async () => {
    const pid = `pid="${process.pid}"`;
    const before = await scrape();
    const event = await makeEvent(owner);
    const sinks = [new RecordingSink(), new RecordingSink()];
    for (const sink of sinks) unsubscribes.push(await broadcaster().subscribe(event.id, 0, sink));
    const during = await scrape();
    expect(sample(during, `herald_sse_readers{${pid}}`)).toBe(sample(before, `herald_sse_readers{${pid}}`) + 2);

    await publishPost(owner, event.id, { body: "Counted" });
    await waitUntil(() => sinks.every((sink) => sink.seqs.length === 1), { message: "both readers to get it" });
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta("herald_fanout_changes_total")).toBe(1);
    expect(delta("herald_fanout_messages_total")).toBe(2);
    expect(delta("herald_fanout_latency_seconds_count")).toBe(1);
    expect(delta('herald_publish_duration_seconds_count{result="ok"}')).toBe(1);
    expect(sample(after, "herald_listener_connected")).toBe(1);
    // prom-client's default process metrics are there too.
    expect(after).toMatch(/^process_cpu_user_seconds_total /m);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
