import type { LocalPostgres } from '../../src/infrastructure/runtime/local-postgres';
import type { LocalRedis } from '../../src/infrastructure/runtime/local-redis';

declare global {
  var __ACCORD_TEST_SERVICES__: { dir: string; postgres: LocalPostgres; redis: LocalRedis } | undefined;
}
