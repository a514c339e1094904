import { createServer, type Server } from 'node:net';
import { assertPortFree, postgresFailureMessage, redisFailureMessage, StartupError, type ServerFacts } from './startup-error';

const postgres: ServerFacts = {
  server: 'Embedded PostgreSQL',
  port: 54999,
  portVariable: 'EMBEDDED_POSTGRES_PORT',
  dir: '/srv/accord/.data/postgres',
  urlVariable: 'DATABASE_URL',
};
const redis: ServerFacts = { server: 'The local redis-server', port: 63790, portVariable: 'EMBEDDED_REDIS_PORT', dir: '/srv/accord/.data/redis', urlVariable: 'REDIS_URL' };

// Real output of PostgreSQL 18 and redis-server 7, as they print it.
const PG_PORT_BUSY = `2026-12-06 16:14:36.982 UTC [13925] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use
2026-12-06 16:14:36.982 UTC [13925] HINT:  Is another postmaster already running on port 54999? If not, wait a few seconds and retry.
2026-12-06 16:14:36.982 UTC [13925] FATAL:  could not create any TCP/IP sockets
2026-12-06 16:14:36.985 UTC [13925] LOG:  database system is shut down`;
const PG_STALE = `2026-12-06 16:16:29.585 UTC [18472] FATAL:  lock file "postmaster.pid" already exists
2026-12-06 16:16:29.585 UTC [18472] HINT:  Is another postmaster (PID 18456) running in data directory "/srv/accord/.data/postgres"?`;
const PG_SOCKET = `2026-12-06 16:16:33.468 UTC [18536] LOG:  listening on IPv4 address "127.0.0.1", port 54983
2026-12-06 16:16:33.470 UTC [18536] FATAL:  could not create lock file "/tmp/.s.PGSQL.54983.lock": Permission denied
2026-12-06 16:16:33.475 UTC [18536] LOG:  database system is shut down`;
const PG_OTHER = `2026-12-06 16:20:00.000 UTC [1] FATAL:  data directory "/srv/accord/.data/postgres" has invalid permissions
2026-12-06 16:20:00.000 UTC [1] DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).`;
const REDIS_PORT_BUSY = `4242:M 06 Dec 2026 16:14:36.980 # Warning: Could not create server TCP listening socket 127.0.0.1:63790: bind: Address already in use
4242:M 06 Dec 2026 16:14:36.980 # Failed listening on port 63790 (tcp), aborting.`;
const REDIS_OTHER = `4243:M 06 Dec 2026 16:14:36.980 # Can't open the append-only file appendonly.aof.1.incr.aof: Permission denied`;

const oneLine = (message: string): string => {
  expect(message).not.toContain('\n');
  return message;
};

describe('start-up failures of the embedded servers, in one line with the fix', () => {
  it('names a busy port and the variable that moves it', () => {
    expect(oneLine(postgresFailureMessage(PG_PORT_BUSY, postgres))).toBe(
      'Embedded PostgreSQL cannot start: port 54999 is already in use by another program. Stop that program, or set EMBEDDED_POSTGRES_PORT to a free port (or DATABASE_URL to a server of your own).',
    );
    expect(oneLine(redisFailureMessage(REDIS_PORT_BUSY, redis, 1))).toContain('port 63790 is already in use by another program. Stop that program, or set EMBEDDED_REDIS_PORT');
  });

  it('names another server on the same data folder', () => {
    expect(oneLine(postgresFailureMessage(PG_STALE, postgres))).toBe(
      'Embedded PostgreSQL cannot start: another PostgreSQL (PID 18456) is already running on /srv/accord/.data/postgres. Stop it (is another Accord running with the same DATA_DIR?), or set DATA_DIR to another folder.',
    );
  });

  it('names a socket folder it may not write to', () => {
    expect(oneLine(postgresFailureMessage(PG_SOCKET, postgres))).toBe(
      'Embedded PostgreSQL cannot start: it cannot create its socket in /tmp (Permission denied). Make /tmp writable by the user PostgreSQL runs as, or set DATA_DIR to another folder.',
    );
  });

  it("otherwise passes on the server's own last complaint", () => {
    expect(oneLine(postgresFailureMessage(PG_OTHER, postgres))).toBe(
      'Embedded PostgreSQL did not start on port 54999 with data in /srv/accord/.data/postgres: data directory "/srv/accord/.data/postgres" has invalid permissions. Fix that (or move /srv/accord/.data/postgres aside to start afresh), or set DATABASE_URL to a PostgreSQL of your own.',
    );
    expect(oneLine(postgresFailureMessage('', postgres))).toContain(': it stopped without saying why. ');
    expect(oneLine(redisFailureMessage(REDIS_OTHER, redis, 1))).toBe(
      "The local redis-server did not start on port 63790 with data in /srv/accord/.data/redis: Can't open the append-only file appendonly.aof.1.incr.aof: Permission denied. Fix that, or set REDIS_URL to a Redis of your own.",
    );
    expect(oneLine(redisFailureMessage('', redis, 1))).toContain(': it exited with code 1. ');
  });

  it('finds a busy port before starting anything', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(assertPortFree({ ...postgres, port })).rejects.toThrow(StartupError);
      await expect(assertPortFree({ ...postgres, port })).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
    await expect(assertPortFree({ ...postgres, port })).resolves.toBeUndefined();
  });
});
