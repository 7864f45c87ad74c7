import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import vnuJar from "vnu-jar";
import { expect, test } from "./fixtures";
import { eventWithPosts, publishViaApi } from "./reader-helpers";

// The Nu HTML Checker (the W3C's validator, from the vnu-jar package, run on the machine's
// Java) reads every page a reader or an editor gets, as served, and the test fails on any
// error it reports. Warnings (advice, not conformance) are left to people.

type NuMessage = { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number };

/** Checks each HTML document; returns the errors, each named by the page it came from. */
async function nuErrors(pages: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "herald-nu-"));
  try {
    const files: Record<string, string> = {};
    for (const [name, html] of Object.entries(pages)) {
      const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.html`);
      await writeFile(file, html);
      files[`file:${file}`] = name;
    }
    // vnu exits 1 when it found errors; its report is JSON on stderr either way.
    const { stderr } = await promisify(execFile)(
      "java",
      ["-jar", String(vnuJar), "--format", "json", "--errors-only", ...Object.keys(files).map((u) => u.slice(5))],
      { maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stderr?: string; message: string }) => {
      if (!error.stderr) throw error;
      return { stderr: error.stderr };
    });
    const { messages } = JSON.parse(stderr) as { messages: NuMessage[] };
    return messages
      .filter((m) => m.type === "error" || m.subType === "fatal" || m.type === "non-document-error")
      .map((m) => {
        const page = files[m.url] ?? m.url;
        return `${page} (line ${m.lastLine ?? "?"}): ${m.message}${m.extract ? `\n    ${m.extract.trim()}` : ""}`;
      });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("the Nu HTML checker finds no errors on reader and newsroom pages", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  test.slow();
  const { slug, token } = await eventWithPosts(console, request, 2, "Valid HTML");
  const rich = [
    "A **bold** claim, an _aside_, `code` and a [link](https://example.com/?a=1&b=2).",
    "",
    "- one\n- two",
    "",
    "> quoted words",
    "",
    '![Smoke over the docks](https://example.com/pier.png "Pier 4 at noon — Photo: Ana Ruiz")',
    "",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "",
    "https://vimeo.com/76979871",
    "",
    "https://x.com/herald/status/1234567890123456789",
    "",
    "---more---",
    "",
    "The rest, behind the fold.",
  ].join("\n");
  const post = await publishViaApi(request, slug, token, rich, "Everything at once");
  // Reader questions open, with one waiting: the form on reader pages, the queue in the console.
  await console.getByRole("button", { name: "Take reader questions" }).click();
  await expect(console.getByText("Readers can send questions.")).toBeVisible();
  const asked = await console.request.post(`/api/events/${slug}/questions`, {
    data: { body: "Will there be a recount?\nAnd when?", name: "Ana" },
    headers: { origin: new URL(console.url()).origin },
  });
  expect(asked.status()).toBe(201);

  const reader = await newPerson();
  const get = async (url: string) => {
    const response = await reader.request.get(url);
    expect(response.status(), url).toBe(200);
    return response.text();
  };
  const editorGet = async (url: string) => {
    const response = await console.request.get(url);
    expect(response.status(), url).toBe(200);
    return response.text();
  };

  const pages = {
    home: await get("/"),
    "event page": await get(`/e/${slug}`),
    permalink: await get(`/e/${slug}/p/${post.id}`),
    embed: await get(`/embed/${slug}`),
    "sign-in": await get("/sign-in"),
    "sign-up": await get("/sign-up"),
    dashboard: await editorGet("/dashboard"),
    console: await editorGet(`/dashboard/events/${slug}`),
    account: await editorGet("/dashboard/account"),
  };
  expect(await nuErrors(pages)).toEqual([]);
});

test("the checker run by that test does report an invalid page", async () => {
  // The same sandbox pair the issue found on the old YouTube player, and an unclosed element.
  const invalid =
    '<!doctype html><html lang="en"><head><title>x</title></head><body>' +
    '<iframe src="https://example.com/" sandbox="allow-scripts allow-same-origin" title="x"></iframe>' +
    "<p><span></p></body></html>";
  const errors = await nuErrors({ "known-bad page": invalid });
  expect(errors.length, errors.join("\n")).toBeGreaterThanOrEqual(2);
  expect(errors.every((e) => e.startsWith("known-bad page"))).toBe(true);
});
