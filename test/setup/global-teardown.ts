import { rmSync } from 'node:fs';

/** Stops the servers even when tests failed; Jest runs teardown whatever the outcome. */
export default async function globalTeardown(): Promise<void> {
  const services = globalThis.__ACCORD_TEST_SERVICES__;
  if (!services) return;
  await services.redis.stop();
  await services.postgres.stop();
  if (!process.env.KEEP_TEST_DATA) rmSync(services.dir, { recursive: true, force: true });
}
