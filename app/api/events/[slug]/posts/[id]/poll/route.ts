// A post's poll, as a reader sees it and votes in it. Under `npm start` the stream tier
// answers it with these same handlers, without a hop to Next.js (runtime/front-door/reader-writes.ts).
export { GET, POST } from "@/lib/reader-writes/poll-handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
