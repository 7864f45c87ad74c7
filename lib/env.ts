import "server-only";
import { z } from "zod";

// The one place that reads process.env. Parsed on first use rather than at import, so
// `next build` runs without a database; a bad value fails the first request loudly.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  // LISTEN needs a session-mode connection; behind a transaction-pooling PgBouncer,
  // point this at Postgres directly. Defaults to DATABASE_URL.
  DATABASE_URL_DIRECT: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters"),
  // SSE readers one server process accepts before answering 503 + Retry-After. Each
  // reader is a socket, and a process may open at most `ulimit -n` of them.
  HERALD_MAX_READERS: z.coerce.number().int().positive().default(15_000),
  // The production server serves the SSE stream on plain Node streams (lib/server/sse-fast-path.ts);
  // 0 hands it to the Next route handler like every other request (docs/performance.md).
  HERALD_SSE_FAST_PATH: z
    .enum(["0", "1"])
    .default("1")
    .transform((value) => value === "1"),
  // Where uploaded images are stored on disk (relative to the working directory). docs/storage.md
  HERALD_UPLOADS_DIR: z.string().min(1).default(".data/uploads"),
});

export type Env = z.infer<typeof schema> & { DATABASE_URL_DIRECT: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  cached = { ...parsed.data, DATABASE_URL_DIRECT: parsed.data.DATABASE_URL_DIRECT ?? parsed.data.DATABASE_URL };
  return cached;
}
