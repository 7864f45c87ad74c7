// A reader's reaction. Under `npm start` the stream tier answers it with these same
// handlers, without a hop to Next.js (runtime/front-door/reader-writes.ts).
export { POST, DELETE } from "@/lib/reader-writes/reaction-handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
