import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { editPost } from "@/lib/posts/edit-post";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser } from "@/test/factories";
import { imageSizesIn } from "./image-sizes";
import { uploadUrl } from "./upload-url";

async function storedUpload(eventId: string, uploadedById: string, name: string, width: number, height: number) {
  const key = `${eventId}/${name}.jpg`;
  await db.upload.create({
    data: { eventId, key, width, height, contentType: "image/jpeg", bytes: 1000, uploadedById },
  });
  return key;
}

describe("imageSizesIn", () => {
  it("finds the stored size of each upload a post shows, and asks nothing for text", async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const wide = await storedUpload(event.id, owner.id, "wideimage", 1600, 900);
    const tall = await storedUpload(event.id, owner.id, "tallimage", 600, 800);
    const sizes = await imageSizesIn(
      `![a](${uploadUrl(wide)}) and ![b](${uploadUrl(tall)} "Caption") and ![c](${uploadUrl(wide)})\n` +
        `![not stored](${uploadUrl(`${event.id}/missing.png`)}) ![elsewhere](https://example.com/a.jpg)`,
    );
    expect([...sizes].sort()).toEqual([
      [tall, { width: 600, height: 800 }],
      [wide, { width: 1600, height: 900 }],
    ]);
    expect(await imageSizesIn("Just words, and /api/uploads/../../etc/passwd.")).toEqual(new Map());
  });

  it("gives published and edited posts' images their width and height", async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const key = await storedUpload(event.id, owner.id, "pierphoto", 1200, 800);
    const src = uploadUrl(key);
    const { post } = await publishPost(owner, event.id, { body: `![Smoke over pier 4](${src} "Pier 4")` });
    const stored = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { bodyHtml: true } });
    expect(stored.bodyHtml).toContain(`<img src="${src}" alt="Smoke over pier 4" width="1200" height="800" />`);

    await editPost(owner, post.id, { body: `Now inline: ![Smoke](${src})`, version: 1 });
    const edited = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { bodyHtml: true } });
    expect(edited.bodyHtml).toContain(`<img src="${src}" alt="Smoke" width="1200" height="800" />`);
  });
});
