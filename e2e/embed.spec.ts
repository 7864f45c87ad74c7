import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createEvent, expect, publishViaUi, test, unique } from "./fixtures";

// Another site (127.0.0.1 on a port of its own: a different origin from Herald's
// localhost) frames an event's embed with the documented snippet; the iframe grows to
// fit its content as posts arrive live.
function serveHostPage(heraldUrl: string, slug: string): Promise<{ url: string; close: () => void }> {
  const html = fs
    .readFileSync(path.join(import.meta.dirname, "embed-host.html"), "utf8")
    .replaceAll("HERALD_URL", heraldUrl)
    .replaceAll("SLUG", slug);
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}

test("an embed on another site resizes its iframe as posts arrive", async ({
  editorPage: page,
  newPerson,
  baseURL,
}) => {
  const slug = await createEvent(page, `Embedded ${unique()}`);
  await publishViaUi(page, "The first update, before the host page opens.");

  const host = await serveHostPage(baseURL!, slug);
  try {
    const reader = await newPerson();
    await reader.goto(host.url);
    const iframe = reader.locator("iframe[title='Live coverage']");
    const frame = reader.frameLocator("iframe[title='Live coverage']");
    await expect(frame.getByText("The first update, before the host page opens.")).toBeVisible();
    // No site chrome in the embed: no sign-in link, no site header.
    await expect(frame.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    await expect(frame.getByRole("status")).toHaveText("Live");

    const heightNow = async () => (await iframe.boundingBox())!.height;
    await expect.poll(heightNow, { message: "the iframe is sized to its content" }).not.toBe(200);
    const before = await heightNow();

    const long = Array.from({ length: 12 }, (_, i) => `Line ${i + 1} of a long update.`).join("\n\n");
    await publishViaUi(page, long);
    await publishViaUi(page, "And one more.");
    await expect(frame.getByText("And one more.")).toBeVisible();
    await expect.poll(heightNow, { message: "the iframe grew with the new posts" }).toBeGreaterThan(before + 200);
    // It fits its content: nothing scrolls inside the frame.
    const inner = await frame.locator("html").evaluate((html) => html.scrollHeight);
    expect(Math.abs((await heightNow()) - inner)).toBeLessThanOrEqual(2);
  } finally {
    host.close();
  }
});
