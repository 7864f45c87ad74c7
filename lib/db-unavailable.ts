import "server-only";

// Errors that mean "Postgres cannot be reached right now" — not "this request is wrong".
// They come from Prisma (over @prisma/adapter-pg, which names the pg failure in
// meta.driverAdapterError.cause.kind) and from pg itself (the LISTEN connection, raw pools).

/** Prisma's codes for an unreachable or vanished server and an exhausted pool. */
const prismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** @prisma/adapter-pg's kinds for the same. */
const adapterKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Socket errors from pg. */
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH"]);
/**
 * SQLSTATEs: class 08 (connection exception), 57P01–57P03 (the server is shutting down,
 * crashed, or starting up), 53300 (too many connections).
 */
const sqlState = /^(08|57P0[123]$|53300$)/;
/** pg's own words when a connection dies or never comes (they carry no code). */
const pgMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Can't reach database server/i;

type Shape = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const { code, kind, message, cause, meta } = error as Shape;
  if (typeof code === "string" && (prismaCodes.has(code) || socketCodes.has(code) || sqlState.test(code))) return true;
  if (typeof kind === "string" && adapterKinds.has(kind)) return true;
  if (kind === "postgres" && typeof code === "string" && sqlState.test(code)) return true;
  if (typeof message === "string" && pgMessages.test(message)) return true;
  const adapterError = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return isDatabaseUnavailable(adapterError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
