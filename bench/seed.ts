// The benchmark's newsroom: one editor, one live event with a post, and a publishing-API
// token — made through the same domain functions as the console. Prints them as JSON.
// Run with `node --conditions=react-server --import tsx` (lib/ is server-only).
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { createAccount } from "@/lib/auth/create-account";
import { closeDatabase } from "@/lib/sql";
import { createEvent } from "@/lib/events/create-event";
import { publishPost } from "@/lib/posts/publish-post";

const editor = await createAccount({ email: "bench@herald.test", password: "bench-password-1", name: "Bench Desk" });
const actor = { id: editor.id, name: editor.name, email: editor.email };
const event = await createEvent(actor, {
  title: "Benchmark keynote",
  slug: "bench-keynote",
  description: "Fifty thousand readers, one small box.",
});
await publishPost(actor, event.id, { body: "Doors are open: the benchmark begins." });
const token = await createApiToken(actor, event.id, { name: "Benchmark publisher" });
console.log(JSON.stringify({ slug: event.slug, token: token.secret }));
await closeDatabase();
