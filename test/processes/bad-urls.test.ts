import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCleanAnswer } from "@/test/fuzz/invariants";
import { ServerProcess, ssePaths, stopAllServers } from "@/test/server-process";
import { badUrls } from "@/test/url-corpus";

// Bad URLs are the client's fault: every server answers them with a 4xx and a message.
describe.each(ssePaths)("$name", ({ mode }) => {
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    server = await ServerProcess.start({ mode });
  }, 180_000);

  afterAll(async () => {
    await stopAllServers();
  });

  it(`answers ${badUrls.length} malformed, over-long and hostile URLs with a 4xx that says why`, async () => {
    for (const url of badUrls) {
      for (const method of ["GET", "POST"]) {
        const response = await fetch(`${server!.url}${url}`, { method, redirect: "manual" });
        await expectCleanAnswer(response, `${method} ${url}`);
      }
    }
    const escape = await fetch(`${server!.url}/e/%E0%A4%A`);
    expect(escape.status).toBe(400);
    expect(await escape.text()).toMatch(/malformed percent-escape/);
  });
});
