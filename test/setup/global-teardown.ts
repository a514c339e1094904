import { rmSync } from 'node:fs';

/**
 * Stops the servers even when tests failed (Jest runs teardown whatever the outcome), then
 * removes the run's folder: the servers' data and every folder tests made with makeTempDir.
 */
export default async function globalTeardown(): Promise<void> {
  const services = globalThis.__ACCORD_TEST_SERVICES__;
  if (!services) return;
  globalThis.__ACCORD_TEST_SERVICES__ = undefined;
  try {
    await Promise.allSettled([services.redis.stop(), services.postgres.stop()]);
  } finally {
    if (process.env.KEEP_TEST_DATA) process.stdout.write(`\nKEEP_TEST_DATA: the test run's data is in ${services.dir}\n`);
    else rmSync(services.dir, { recursive: true, force: true });
  }
}
