/** A service the API needs for a request, whose outage is answered 503 rather than 500 or 401. */
export type Dependency = 'database' | 'redis';

/** Seconds a client is told to wait before trying again while a dependency is down. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

// ioredis: the command waited longer than the shared client's commandTimeout, the reconnection
// attempts for it ran out, or the client had given up. ReplyErrors (Redis answered) are not outages.
const REDIS_MESSAGES = new Set(['Command timed out', 'Connection is closed.', "Stream isn't writeable and enableOfflineQueue options is false"]);

// node-postgres and pg-pool: the server went away, or no connection could be had in time.
const PG_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
]);

// SQLSTATEs of a server that is unreachable, shutting down, starting up or full.
const isOutageSqlState = (code: string): boolean => code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';

// A socket to a server failed (a `syscall` says it was ours, not the client's request aborting).
// Redis never surfaces these to a command (ioredis reconnects and fails the command with one of
// the messages above), and the S3 client's errors carry `$metadata`: what is left is PostgreSQL.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  syscall?: unknown;
  $metadata?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Which dependency's outage caused this error, if one did: looks through TypeORM's wrapper
 * (`driverError`), `cause` chains and AggregateErrors (a host name with several addresses).
 */
export function unavailableDependency(error: unknown, depth = 0): Dependency | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const e = error as ErrorShape;
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.has(message)) return 'redis';
  if (PG_MESSAGES.has(message)) return 'database';
  if (typeof e.code === 'string') {
    if (SOCKET_CODES.has(e.code) && typeof e.syscall === 'string' && e.$metadata === undefined) return 'database';
    if (/^[0-9A-Z]{5}$/.test(e.code) && isOutageSqlState(e.code)) return 'database';
  }
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const inner of nested) {
    const found = unavailableDependency(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}
