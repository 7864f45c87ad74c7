import "server-only";
import { z } from "zod";
import { parseEmbedOrigins } from "@/lib/shared/embed-origins";

// The one place that reads process.env. Parsed on first use rather than at import, so
// `next build` runs without a database; a bad value fails the first request loudly.

const processCount = (min: number) => z.coerce.number().int().min(min, `must be a whole number, at least ${min}`);

/**
 * What `npm start` (runtime/start.ts) reads before any database exists: where to listen,
 * how many processes of each tier, where the embedded Postgres lives. The server
 * processes parse the same fields as part of `env()`.
 */
const launchSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  // Stream-tier processes on PORT: the front door, the readers' streams (no Next.js in them).
  HERALD_STREAM_WORKERS: processCount(1).optional(),
  // Next.js processes for the public pages, feeds, embeds and assets.
  HERALD_READER_WORKERS: processCount(1).optional(),
  // Next.js processes for sign-in, the dashboard, publishing and the API (0: reader processes serve them).
  HERALD_NEWSROOM_WORKERS: processCount(0).default(1),
  HERALD_DATA_DIR: z.string().min(1).default(".data"),
  HERALD_PG_PORT: z.coerce.number().int().min(1).max(65_535).default(5433),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  // LISTEN and the migrations' advisory lock need a session-mode connection: behind a
  // transaction-pooling PgBouncer, point this at Postgres directly. Defaults to DATABASE_URL.
  DATABASE_URL_DIRECT: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  // Without one, `npm start` generates a secret once into HERALD_DATA_DIR/auth-secret.
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // The public URL (next-auth's); its host is accepted as an Origin (lib/security/same-origin.ts).
  NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  HERALD_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type LaunchEnv = z.infer<typeof launchSchema>;

/**
 * The environment a launcher hands on to the processes it starts: all of it, as they parse
 * it themselves (env() below). Read here so that this stays the one module that reads it.
 */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env };
}

/** The launch settings, validated; throws with every problem listed. */
export function launchEnv(source: NodeJS.ProcessEnv = process.env): LaunchEnv {
  return parseOrThrow(launchSchema, source);
}

const backendsSchema = z.array(
  z.object({ role: z.enum(["reader", "newsroom"]), url: z.url({ protocol: /^http$/ }) }).strict(),
);
export type NextBackend = z.infer<typeof backendsSchema>[number];

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const schema = launchSchema.extend({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  // Set by the supervisor (runtime/supervisor.ts) on each stream-tier process: the Next.js
  // processes it forwards to, as JSON [{ "role": "reader" | "newsroom", "url": "http://127.0.0.1:…" }].
  HERALD_NEXT_BACKENDS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return [];
      const parsed = backendsSchema.safeParse(safeJson(value));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: 'must be JSON: [{ "role": "reader" | "newsroom", "url": "http://…" }]' });
      return z.NEVER;
    }),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters"),
  // SSE readers one server process accepts before answering 503 + Retry-After. Each
  // reader is a socket, and a process may open at most `ulimit -n` of them.
  HERALD_MAX_READERS: z.coerce.number().int().positive().default(15_000),
  // Set by the supervisor (runtime/supervisor.ts) on each process: its tier. Unset: Next.js
  // on its own (`next dev`, `next start`), serving everything.
  HERALD_PROCESS_ROLE: z.enum(["stream", "reader", "newsroom"]).optional(),
  // Where uploaded images are stored: "disk" (HERALD_UPLOADS_DIR, one box) or "s3" (a
  // bucket every box shares, AWS or S3-compatible). docs/storage.md
  HERALD_STORAGE: z.enum(["disk", "s3"]).default("disk"),
  // Where uploaded images are stored on disk (relative to the working directory). docs/storage.md
  HERALD_UPLOADS_DIR: z.string().min(1).default(".data/uploads"),
  HERALD_S3_BUCKET: z.string().trim().min(1).optional(),
  HERALD_S3_REGION: z.string().trim().min(1).default("us-east-1"),
  // An S3-compatible server (MinIO, Garage, R2…) instead of AWS; implies path-style addressing.
  HERALD_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  HERALD_S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"], 'must be "true" or "false"')
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true")),
  // Unset: the AWS SDK's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws, an instance role).
  HERALD_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  HERALD_S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  // How many reverse proxies in front of Herald to believe about the client's address
  // (X-Forwarded-For) and scheme (X-Forwarded-Proto): "false"/0 (default: the socket's
  // address, since anyone can send those headers), "true" (= 1), or a number of hops.
  HERALD_TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(true|false|\d{1,2})$/, 'must be "true", "false" or a number of proxies')
    .default("false")
    .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value))),
  // Sign-ups one client address may make per hour (docs/security.md). The end-to-end suite,
  // which signs up dozens of people from one address, raises it.
  HERALD_SIGN_UPS_PER_HOUR: z.coerce.number().int().positive().default(20),
  // Questions one client address may send an event's desk per 10 minutes (docs/security.md).
  // Readers behind one carrier-grade NAT share an address: raise it for a huge audience.
  HERALD_QUESTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(5),
  // Reactions one client address may give an event's posts per minute (docs/security.md);
  // the same NAT caveat.
  HERALD_REACTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(120),
  // Poll votes one client address may send an event per minute (docs/polls.md); the same
  // NAT caveat. Each reader votes once per poll whatever this says: it bounds new readers.
  HERALD_VOTES_PER_ADDRESS: z.coerce.number().int().positive().default(60),
  // Invitations are emailed through this server when set (smtp:// or smtps://, with
  // user:password@ if it needs them); without it the owner copies the link. README.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().min(3).default("Herald <no-reply@localhost>"),
  // The site's public address, for canonical URLs, feeds and share cards (never taken from
  // a request's Host header, which anyone can forge and the page cache would keep).
  HERALD_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Origins allowed to frame /embed/<slug>, space-separated; unset means any. docs/embed.md
  HERALD_EMBED_ORIGINS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseEmbedOrigins(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  // Bearer token for GET /api/metrics; without one, only loopback callers may scrape.
  HERALD_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // On SIGTERM, how long a stream-tier process keeps accepting (answering with
  // `Connection: close`, readiness 503) before it closes its port: a proxy in front stops
  // reusing its connections to it, so no request is sent on one as it closes.
  HERALD_DRAIN_DELAY_MS: z.coerce.number().int().nonnegative().default(2_000),
  // On SIGTERM, how long in-flight requests (publishes) may take before the process exits anyway.
  HERALD_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().nonnegative().default(15_000),
});

/** The storage settings that only make sense together (docs/storage.md). */
const serverSchema = schema.superRefine((data, ctx) => {
  if (data.HERALD_STORAGE === "s3" && !data.HERALD_S3_BUCKET) {
    ctx.addIssue({ code: "custom", path: ["HERALD_S3_BUCKET"], message: 'is required when HERALD_STORAGE is "s3"' });
  }
  if (!data.HERALD_S3_ACCESS_KEY_ID !== !data.HERALD_S3_SECRET_ACCESS_KEY) {
    const message = "HERALD_S3_ACCESS_KEY_ID and HERALD_S3_SECRET_ACCESS_KEY go together: set both or neither";
    ctx.addIssue({ code: "custom", path: ["HERALD_S3_SECRET_ACCESS_KEY"], message });
  }
});

/**
 * The git commit this build was made from: next.config.ts inlines it at build time when
 * the build runs in a git checkout; otherwise a deploy may set HERALD_BUILD_SHA itself.
 */
export const buildSha: string | null = process.env.HERALD_BUILD_SHA || null;

export type Env = z.infer<typeof schema> & {
  DATABASE_URL_DIRECT: string;
  /** HERALD_PUBLIC_URL, else NEXTAUTH_URL, else localhost: an origin, no trailing slash. */
  publicUrl: string;
  /** Where a process reaches Herald itself, past any load balancer: HOST and PORT (loopback for any address). */
  selfUrl: string;
  /** HERALD_EMBED_ORIGINS parsed: the origins that may frame embeds, `["*"]` for any. */
  embedOrigins: string[];
};

let cached: Env | undefined;

function selfUrl(host: string, port: number): string {
  if (host === "0.0.0.0" || host === "::") return `http://127.0.0.1:${port}`;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export function env(): Env {
  if (cached) return cached;
  const data = parseOrThrow(serverSchema, process.env);
  cached = {
    ...data,
    DATABASE_URL_DIRECT: data.DATABASE_URL_DIRECT ?? data.DATABASE_URL,
    publicUrl: new URL(data.HERALD_PUBLIC_URL ?? data.NEXTAUTH_URL ?? `http://localhost:${data.PORT}`).origin,
    selfUrl: selfUrl(data.HOST, data.PORT),
    embedOrigins: parseEmbedOrigins(data.HERALD_EMBED_ORIGINS), // validated above
  };
  return cached;
}

function parseOrThrow<T extends z.ZodType>(shape: T, source: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = shape.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
}

// The newsroom's name on public pages. Read on its own, so that pages showing it do not
// need the database settings above to be valid (and `next build` can render them).
const newsroomSchema = z.string().trim().min(1).max(80).catch("Herald");

export function newsroomName(): string {
  return newsroomSchema.parse(process.env.HERALD_NEWSROOM_NAME);
}
