// The demo newsroom that `npm start` creates on first run (and e2e tests sign in with).
// Goes through the same domain functions as the dashboard.
import { createAccount } from "@/lib/auth/create-account";
import pg from "pg";
import { closeDatabase } from "@/lib/sql";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createEvent } from "@/lib/events/create-event";
import { publishPost } from "@/lib/posts/publish-post";
import { demo } from "./demo-account";

const posts = [
  "Doors are open and the hall is filling up. We'll be covering every announcement **as it happens** — no need to refresh.",
  "The lights go down. On stage: the founding team, to a roar from the front rows.",
  'First announcement: Herald pushes every update to every reader **within a second**, over Server-Sent Events.\n\n> "Polling every twenty seconds is over."',
];

/**
 * Creates the demo account, event and posts unless any account exists. One seed at a time
 * (a session advisory lock on a connection of its own): boxes started together seed once.
 */
export async function seedDemo(): Promise<boolean> {
  const lock = new pg.Client({ connectionString: env().DATABASE_URL_DIRECT });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('herald:seed-demo'))");
    if ((await db.user.count()) > 0) return false;
    await createDemo();
    return true;
  } finally {
    await lock.end();
  }
}

async function createDemo(): Promise<void> {
  const editor = await createAccount({ email: demo.email, password: demo.password, name: demo.name });
  const event = await createEvent(editor, {
    title: "Herald launch keynote",
    slug: demo.eventSlug,
    description: "Live from the main stage: every announcement as it happens.",
  });
  for (const body of posts) await publishPost(editor, event.id, { body });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes("--demo")) {
    console.error("`npm run db:seed -- --demo` creates the demo newsroom (a known password: never in production).");
    process.exit(2);
  }
  const created = await seedDemo();
  console.log(created ? "Seeded the demo newsroom." : "Data exists: not seeding.");
  await closeDatabase();
}
