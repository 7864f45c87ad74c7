// Plain pino options, shared by every process's logger (lib/observability/logger.ts) and
// the supervisor's (runtime/supervisor.ts). No env, no secrets: just what every log line gets.
import { stdSerializers, type LoggerOptions } from "pino";

/**
 * Fields that never reach a log, at the top level or one or two levels down (pino's
 * redaction is by path). Request logs carry no headers or bodies at all; this is the net
 * under mistakes such as logging an input object or a pg config.
 */
const secretKeys = [
  "password",
  "passwordHash",
  "newPassword",
  "currentPassword",
  "token",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
  "connectionString",
  "databaseUrl",
  "DATABASE_URL",
  "DATABASE_URL_DIRECT",
  "NEXTAUTH_SECRET",
  "HERALD_METRICS_TOKEN",
];

export const redactPaths = secretKeys.flatMap((key) => {
  const safe = /^[A-Za-z_]\w*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (safe.startsWith("[") ? `${prefix}${safe}` : `${prefix}.${safe}`);
  return [safe, join("*"), join("*.*")];
});

/** `role`: the supervisor, a stream, reader or newsroom process under it, or a process on its own. */
export function logOptions(
  role: "supervisor" | "stream" | "reader" | "newsroom" | "worker",
  level: string,
): LoggerOptions {
  return {
    level,
    base: { pid: process.pid, role },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: { paths: redactPaths, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError },
  };
}

/**
 * pino's error serializer, minus what pg hangs on its errors: the whole client (its
 * connection parameters, type tables and sockets) — pages of noise in every line.
 */
function serializeError(error: unknown) {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  delete serialized.client;
  return serialized;
}
