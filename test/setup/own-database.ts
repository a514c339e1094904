import { randomUUID } from 'node:crypto';
import { cloneTestDatabase, dropTestDatabases, TEST_DATABASE } from './test-services';

/**
 * Every e2e test file gets a database of its own, cloned from the migrated one global setup
 * made, and a BullMQ prefix of its own. Shared, a file saw what earlier files left: their
 * mediators joined its matcher's candidate pool (so an online case could be offered to another
 * file's mediator), and their unrelayed outbox rows queued ahead of its own jobs.
 *
 * A file's database is dropped when the next file of the same Jest worker starts (that file is
 * done by then), not in `afterAll`: a root `afterAll` can run before a file's own clean-up.
 */
const worker = process.env.JEST_WORKER_ID ?? '1';
const prefix = `${TEST_DATABASE}_w${worker}_`;

beforeAll(async () => {
  const id = randomUUID().slice(0, 8);
  await dropTestDatabases(prefix);
  process.env.DATABASE_URL = await cloneTestDatabase(`${prefix}${id}`);
  process.env.QUEUE_PREFIX = `t${worker}${id}`;
}, 60_000);
