import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../src/auth/password-hasher';
import { DEMO_PASSWORD as DEMO_ADMIN_PASSWORD } from '../src/demo/demo-data.service';
import { LocalPostgres } from '../src/infrastructure/runtime/local-postgres';
import { StartupError } from '../src/infrastructure/runtime/startup-error';
import { DEFAULT_PASSWORD } from './support/factories';
import { eventually } from './support/test-app';
import { freePort, makeTempDir } from './setup/test-services';

/**
 * The built process as production and `npm start` run it: `node dist/main.js <mode>`.
 * `npm test` builds first (pretest), so dist/ is the code under test.
 */
const MAIN = join(__dirname, '..', 'dist', 'main.js');

const started: ChildProcess[] = [];
// A failed test must not leave a process (and its servers) running. SIGTERM, so that it stops
// its servers (they run in process groups of their own); SIGKILL if it will not go.
afterAll(async () => {
  const running = started.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(async (child) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(timer);
    }),
  );
}, 60_000);

interface Run extends ChildProcess {
  output: () => string;
  stderr_: () => string;
}

/** `group`: in a process group of its own, as a terminal runs it, so that Ctrl-C can be sent to the group. */
function run(args: string[], env: Record<string, string>, options: { group?: boolean } = {}): Run {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group ?? false,
  });
  started.push(child);
  let output = '';
  let errors = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => {
    output += d;
    errors += d;
  });
  return Object.assign(child, { output: () => output, stderr_: () => errors });
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

const processesMatching = (pattern: string): string[] =>
  (spawnSync('pgrep', ['-af', pattern], { encoding: 'utf8' }).stdout ?? '').split('\n').filter((line) => line.trim() && !line.includes('pgrep'));

/** Put an admin straight into that database, then sign in over HTTP as a person would. */
async function adminBearer(port: number, databaseUrl: string): Promise<string> {
  const email = `admin-${port}-${Date.now()}@test.accord`;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`INSERT INTO users (email, display_name, roles, password_hash) VALUES ($1, 'Runtime admin', '{admin}', $2)`, [email, await hashPassword(DEFAULT_PASSWORD)]);
  await db.end();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEFAULT_PASSWORD }),
  });
  const body = (await res.json()) as { accessToken: string };
  return `Bearer ${body.accessToken}`;
}

/**
 * Ready by the process's own word, however long a loaded machine takes: the "Accord is serving"
 * line, then /api/health/ready answering 200 (an api process waits for a worker). Fails at once
 * if the process exits instead. The test's timeout only guards against a hang.
 */
async function waitReady(child: Run, port: number): Promise<void> {
  await serving(child);
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/api/health/ready`).catch(() => undefined);
    if (res?.status === 200) return;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode}) before it was ready:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The process has said it listens (or exited, and the test fails with its output). */
async function serving(child: Run): Promise<void> {
  while (!child.output().includes('Accord is serving')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode}) before serving:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Only guards against a hang: the tests wait on the process's own signals, not on the clock. */
const HANG_GUARD_MS = 10 * 60_000;

interface DemoCase {
  id: string;
  status: string;
  outcome: string | null;
}

type DemoGet = (path: string, expectStatus?: number) => Promise<unknown>;

/** GETs of the seeded API as a demo account, signed in with the demo password. */
function demoReader(port: number) {
  const base = `http://127.0.0.1:${port}/api/v1`;
  return {
    async as(email: string): Promise<DemoGet> {
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_ADMIN_PASSWORD }),
      });
      expect([email, login.status]).toEqual([email, 200]);
      const { accessToken } = (await login.json()) as { accessToken: string };
      return async (path, expectStatus = 200) => {
        const res = await fetch(`${base}/${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
        expect([email, path, res.status]).toEqual([email, path, expectStatus]);
        return res.json();
      };
    },
  };
}

/**
 * The demo's later stages, as the people README's Quick start tells a newcomer to sign in as:
 * the mediation room of the mediating case, the signature still missing in the signing case,
 * the effective agreement and tracked obligations of the settled one, the court's docket number
 * and ruling and the performance of the confirmed one.
 */
async function expectDemoLoop(demo: ReturnType<typeof demoReader>, cases: DemoCase[]): Promise<void> {
  const only = (status: string): string => {
    const found = cases.filter((c) => c.status === status);
    expect([status, found.length]).toEqual([status, 1]);
    return found[0].id;
  };
  const wang = await demo.as('wang.mediator@accord.demo');
  const applicant = await demo.as('legal@jia-tech.demo');
  const respondent = await demo.as('legal@yi-electronics.demo');

  // (a) Mediating: a joint session to come, messages in the joint channel and in each caucus, an open offer.
  const room = `cases/${only('mediating')}`;
  const sessions = ((await wang(`${room}/mediation/sessions`)) as { items: { kind: string; status: string; startsAt: string }[] }).items;
  expect(sessions.map((x) => [x.kind, x.status])).toEqual([['joint', 'scheduled']]);
  expect(new Date(sessions[0].startsAt).getTime()).toBeGreaterThan(Date.now());
  const messages = async (channel: string) => ((await wang(`${room}/mediation/channels/${channel}/messages`)) as { items: unknown[] }).items.length;
  expect(await messages('joint')).toBeGreaterThanOrEqual(2);
  expect([await messages('caucus_applicant'), await messages('caucus_respondent')]).toEqual([1, 1]);
  await respondent(`${room}/mediation/channels/caucus_applicant/messages`, 403);
  const negotiation = (await applicant(`${room}/offers`)) as { offers: { status: string }[] };
  expect(negotiation.offers.filter((o) => o.status === 'open')).toHaveLength(1);

  // (b) Signing: version 1 frozen, signed by the applicant and the mediator; the respondent's signature is missing.
  const signing = (await respondent(`cases/${only('signing')}/agreement`)) as { status: string; signatures: unknown[]; awaiting: { role: string; name: string }[] };
  expect(signing.status).toBe('signing');
  expect(signing.signatures).toHaveLength(2);
  expect(signing.awaiting).toEqual([{ role: 'party', partyId: expect.any(String), name: '深圳乙电子有限公司' }]);

  // (c) Settled: the agreement is in effect and its obligations (two instalments and an act) are tracked.
  const northwind = await demo.as('counsel@northwind.demo');
  const settled = only('settled');
  expect(((await northwind(`cases/${settled}/agreement`)) as { status: string }).status).toBe('effective');
  const tracked = (await northwind(`cases/${settled}/performance`)) as { items: { status: string }[] };
  expect(tracked.items.map((i) => i.status)).toEqual(['pending', 'pending', 'pending']);

  // (d) Confirmed by the demo court: the judge sees the docket number and the ruling; one obligation done, one open.
  const judge = await demo.as('judge@hz-court.demo');
  const confirmed = only('confirmed');
  const [application] = (
    (await judge(`cases/${confirmed}/confirmation-applications`)) as { items: { status: string; docket: { number: string }; decision: { rulingDocumentId: string | null } }[] }
  ).items;
  expect(application.status).toBe('confirmed');
  expect(application.docket.number).toMatch(/^\(\d{4}\)浙01民特调确\d+号$/);
  expect(application.decision.rulingDocumentId).toEqual(expect.any(String));
  const performance = (await applicant(`cases/${confirmed}/performance`)) as { items: { key: string; status: string }[] };
  expect(performance.items.map((i) => [i.key, i.status]).sort()).toEqual([
    ['pay', 'pending'],
    ['stop', 'confirmed'],
  ]);
}

describe('the process: configuration, embedded mode, shutdown', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/accord' }, 'DATABASE_URL'],
    [{ WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY'],
    [{ STORAGE_DRIVER: 's3', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }, 'S3_BUCKET'],
    [{ NODE_ENV: 'production' }, 'SMTP_URL'],
    [{ SMS_DRIVER: 'http', SMS_PROVIDER_URL: 'https://sms.example/send' }, 'SMS_PROVIDER_KEY'],
  ])('stops start-up with one line naming the bad variable (%j)', async (env, variable) => {
    const child = run(['api'], env as Record<string, string>);
    expect(await exited(child)).toBe(1);
    const lines = child.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });

  it('refuses api mode without external servers and a signing secret, naming the missing variables', async () => {
    const child = run(['api'], {});
    expect(await exited(child)).toBe(1);
    expect(child.output()).toMatch(/DATABASE_URL.*REDIS_URL.*JWT_SECRET/);
  });

  it(
    'starts PostgreSQL and Redis itself, reuses their data on a second start, and leaves no process behind on SIGTERM',
    async () => {
      const dataDir = join(makeTempDir('accord-runtime-'), 'data');
      const [port, pgPort, redisPort] = [await freePort(), await freePort(), await freePort()];
      const env = {
        DATA_DIR: dataDir,
        PORT: String(port),
        EMBEDDED_POSTGRES_PORT: String(pgPort),
        EMBEDDED_REDIS_PORT: String(redisPort),
      };
      const serversOfThisRun = (): string[] => [...processesMatching(join(dataDir, 'postgres')), ...processesMatching(`redis-server 127.0.0.1:${redisPort}`)];

      // First start: creates the cluster and the database.
      const first = run([], env);
      await waitReady(first, port);
      expect(serversOfThisRun().length).toBeGreaterThan(0);
      // PostgreSQL's socket is in DATA_DIR, not in a /tmp that may not be writable.
      expect(existsSync(join(dataDir, 'postgres', `.s.PGSQL.${pgPort}`))).toBe(true);
      expect(existsSync(join(tmpdir(), `.s.PGSQL.${pgPort}`))).toBe(false);
      const db = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/accord` });
      await db.connect();
      const applied = await db.query('SELECT name FROM migrations');
      expect(applied.rowCount).toBeGreaterThan(0);
      await db.query('CREATE TABLE runtime_probe (note text)');
      // The first start seeded the demo: its admin signs in and sees cases in every state of the loop.
      expect(first.output()).toMatch(/Demo data seeded in [\d.]+ s/);
      const demoGet = demoReader(port);
      const admin = await demoGet.as('admin@accord.demo');
      const demoCases = (await admin('cases?limit=100')) as { items: DemoCase[] };
      // The rejected and the fulfilled demo cases may already be sealed by the archive job.
      const statuses = new Set(demoCases.items.map((c) => (c.status === 'archived' ? 'closed' : c.status)));
      expect(statuses).toEqual(new Set(['draft', 'submitted', 'needs_correction', 'assigning', 'closed', 'mediating', 'signing', 'settled', 'confirmed']));
      expect(demoCases.items.filter((c) => c.outcome === 'fulfilled')).toHaveLength(1);
      await expectDemoLoop(demoGet, demoCases.items);
      // The demo's transitions had their side effects: the accepted case is offered to a mediator,
      // the rejected and the fulfilled ones are archived.
      await eventually(
        async () => {
          const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM assignment_offers WHERE status = 'pending'`)).rows as { n: number }[];
          const [{ a }] = (await db.query(`SELECT count(*)::int AS a FROM cases WHERE status = 'archived'`)).rows as { a: number }[];
          return n === 1 && a === 2 ? true : undefined;
        },
        HANG_GUARD_MS,
        'the demo offer and archives',
      );
      await db.query(`INSERT INTO runtime_probe VALUES ('kept across restarts')`);
      await db.end();
      const bearer = await adminBearer(port, `postgresql://postgres:postgres@127.0.0.1:${pgPort}/accord`);
      const ping = await fetch(`http://127.0.0.1:${port}/api/v1/system/ping`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer },
        body: JSON.stringify({ message: 'before restart' }),
      }).then((r) => r.json() as Promise<{ jobId: string }>);
      await eventually(
        async () => {
          const s = (await fetch(`http://127.0.0.1:${port}/api/v1/system/ping/${ping.jobId}`, { headers: { authorization: bearer } }).then((r) => r.json())) as { state: string };
          return s.state === 'completed' ? s : undefined;
        },
        HANG_GUARD_MS,
        'the ping job',
      );

      first.kill('SIGTERM');
      expect(await exited(first)).toBe(0);
      expect(serversOfThisRun()).toEqual([]);

      // Second start: same data, no new cluster.
      const second = run([], env);
      await waitReady(second, port);
      expect(second.output()).not.toContain('created database');
      expect(second.output()).not.toContain('Demo data seeded');
      const again = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/accord` });
      await again.connect();
      const probe = await again.query('SELECT note FROM runtime_probe');
      await again.end();
      expect(probe.rows).toEqual([{ note: 'kept across restarts' }]);
      // Redis kept the finished job too (append-only file).
      // The signing secret was kept in DATA_DIR too: the token from before the restart still works.
      const kept = (await fetch(`http://127.0.0.1:${port}/api/v1/system/ping/${ping.jobId}`, { headers: { authorization: bearer } }).then((r) => r.json())) as {
        state: string;
        result: { echo: string };
      };
      expect(kept).toMatchObject({ state: 'completed', result: { echo: 'before restart' } });

      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
      expect(serversOfThisRun()).toEqual([]);
    },
    HANG_GUARD_MS,
  );

  it(
    'runs as separate api and worker processes: the api is not ready until a worker is, and jobs run in the worker',
    async () => {
      const port = await freePort();
      const shared = {
        DATABASE_URL: process.env.DATABASE_URL!,
        REDIS_URL: process.env.REDIS_URL!,
        JWT_SECRET: process.env.JWT_SECRET!,
        QUEUE_PREFIX: `split${port}`,
      };
      const api = run(['api'], { ...shared, PORT: String(port) });
      let worker: ReturnType<typeof run> | undefined;
      try {
        await serving(api);
        const notReady = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
        expect(notReady.status).toBe(503);
        expect(notReady.headers.get('content-type')).toContain('application/problem+json');
        const problem = (await notReady.json()) as { detail: string; checks: Record<string, { status: string }> };
        expect(problem.detail).toContain('queueWorkers');
        expect(problem.checks.database.status).toBe('up');

        worker = run(['worker'], shared);
        await waitReady(api, port);
        const bearer = await adminBearer(port, shared.DATABASE_URL);
        const { jobId } = (await fetch(`http://127.0.0.1:${port}/api/v1/system/ping`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: bearer },
          body: JSON.stringify({ message: 'split' }),
        }).then((r) => r.json())) as { jobId: string };
        const done = await eventually(
          async () => {
            const s = (await fetch(`http://127.0.0.1:${port}/api/v1/system/ping/${jobId}`, { headers: { authorization: bearer } }).then((r) => r.json())) as {
              state: string;
              result: { handledBy: string };
            };
            return s.state === 'completed' ? s : undefined;
          },
          HANG_GUARD_MS,
          'the ping job',
        );
        expect(done.result.handledBy.endsWith(`:${worker.pid}`)).toBe(true);
      } finally {
        api.kill('SIGTERM');
        worker?.kill('SIGTERM');
        expect(await exited(api)).toBe(0);
        if (worker) expect(await exited(worker)).toBe(0);
      }
    },
    HANG_GUARD_MS,
  );

  it(
    'never writes a password or a token to its logs, even at trace level',
    async () => {
      const port = await freePort();
      const api = run(['api'], {
        DATABASE_URL: process.env.DATABASE_URL!,
        REDIS_URL: process.env.REDIS_URL!,
        JWT_SECRET: process.env.JWT_SECRET!,
        QUEUE_PREFIX: `logs${port}`,
        PORT: String(port),
        LOG_LEVEL: 'trace',
      });
      try {
        await serving(api);
        const email = `logged-${port}@test.accord`;
        const password = 'a very secret passphrase';
        const post = (path: string, body: unknown, bearer?: string) =>
          fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(bearer ? { authorization: bearer } : {}) },
            body: JSON.stringify(body),
          });
        expect((await post('/auth/register', { email, password, displayName: 'Logged' })).status).toBe(201);
        expect((await post('/auth/login', { email, password: 'wrong passphrase!!' })).status).toBe(401);
        const session = (await (await post('/auth/login', { email, password })).json()) as { accessToken: string; refreshToken: string };
        const rotated = (await (await post('/auth/refresh', { refreshToken: session.refreshToken })).json()) as { refreshToken: string };
        await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
        await post('/auth/password/change', { currentPassword: password, newPassword: 'another secret passphrase' }, `Bearer ${session.accessToken}`);
        // The last request's log line is out: every earlier one is too.
        await eventually(async () => (api.output().includes('/api/v1/auth/password/change') ? true : undefined), HANG_GUARD_MS, 'the last request logged');
        const output = api.output();
        expect(output).toContain('/api/v1/auth/login'); // the requests were logged…
        for (const secret of [password, 'wrong passphrase!!', 'another secret passphrase', session.accessToken, session.refreshToken, rotated.refreshToken]) {
          expect(output).not.toContain(secret); // …their secrets were not
        }
        expect(output).not.toContain(session.refreshToken.split('.')[1]);
      } finally {
        api.kill('SIGTERM');
        await exited(api);
      }
    },
    HANG_GUARD_MS,
  );

  describe('start-up failures of the embedded servers, and Ctrl-C', () => {
    const embedded = async (): Promise<{ dataDir: string; env: Record<string, string> }> => {
      const dataDir = join(makeTempDir('accord-runtime-'), 'data');
      const [port, pgPort, redisPort] = [await freePort(), await freePort(), await freePort()];
      return {
        dataDir,
        env: { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(pgPort), EMBEDDED_REDIS_PORT: String(redisPort), DEMO_DATA: 'false' },
      };
    };
    /** Something else listening on a port, as another program would. */
    const occupy = async (port: number): Promise<Server> => {
      const server = createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      return server;
    };
    const oneLineOnStderr = (child: Run): string => {
      const lines = child.stderr_().trim().split('\n');
      expect(lines).toHaveLength(1);
      return lines[0];
    };

    it.each([
      ['EMBEDDED_POSTGRES_PORT', 'Embedded PostgreSQL'],
      ['EMBEDDED_REDIS_PORT', 'The local redis-server'],
    ])(
      'exits 1 with one line naming the busy %s and the fix, leaving no server behind',
      async (variable, server) => {
        const { dataDir, env } = await embedded();
        const busy = await occupy(Number(env[variable]));
        try {
          const child = run([], env);
          expect(await exited(child)).toBe(1);
          expect(oneLineOnStderr(child)).toBe(
            `${server} cannot start: port ${env[variable]} is already in use by another program. ` +
              `Stop that program, or set ${variable} to a free port (or ${variable.includes('REDIS') ? 'REDIS_URL' : 'DATABASE_URL'} to a server of your own).`,
          );
          expect(processesMatching(join(dataDir, 'postgres'))).toEqual([]);
        } finally {
          await new Promise((resolve) => busy.close(resolve));
        }
      },
      HANG_GUARD_MS,
    );

    it(
      'exits 1 with one line when DATA_DIR cannot hold the data',
      async () => {
        const { dataDir, env } = await embedded();
        writeFileSync(dataDir, 'a file where the data folder should be');
        const child = run([], env);
        expect(await exited(child)).toBe(1);
        expect(oneLineOnStderr(child)).toMatch(/DATA_DIR .*Set DATA_DIR to a folder you can write to\.$/);
      },
      HANG_GUARD_MS,
    );

    it(
      'stops a PostgreSQL that exited during start-up at once, instead of waiting for it forever',
      async () => {
        // A second server on the same data folder: it starts, finds the first one's lock file and exits.
        const dir = join(makeTempDir('accord-pg-'), 'pg');
        const first = new LocalPostgres(dir, await freePort());
        const second = new LocalPostgres(dir, await freePort());
        await first.start();
        try {
          const failed = await second.start().then(
            () => undefined,
            (error: unknown) => error,
          );
          expect(failed).toBeInstanceOf(StartupError);
          expect((failed as Error).message).toMatch(/^Embedded PostgreSQL cannot start: another PostgreSQL \(PID \d+\) is already running on /);
          // It used to wait for an exit that had already happened: `npm start` and the benchmarks
          // then drained their event loops and exited 0 with no word.
          await second.stop();
        } finally {
          await first.stop();
        }
      },
      HANG_GUARD_MS,
    );

    it('fails a benchmark that never gets its result, rather than exiting 0', () => {
      const stats = join(__dirname, '..', 'bench', 'support', 'stats.cjs');
      const never = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(stats)}).runBenchmark(() => new Promise(() => {}))`], { encoding: 'utf8' });
      expect([never.status, never.stderr.trim()]).toEqual([1, 'the benchmark stopped without a result: it waited for something that never happened']);
    });

    it(
      'shuts down on Ctrl-C with one line, and its servers after it',
      async () => {
        const { dataDir, env } = await embedded();
        const child = run([], env, { group: true });
        await waitReady(child, Number(env.PORT));
        const before = child.output().length;
        // A terminal's Ctrl-C signals the whole foreground process group, servers included.
        process.kill(-child.pid!, 'SIGINT');
        expect(await exited(child)).toBe(0);
        expect(child.output().slice(before).trim().split('\n')).toEqual([expect.stringContaining('SIGINT: shutting down')]);
        expect(processesMatching(join(dataDir, 'postgres'))).toEqual([]);
        expect(processesMatching(`redis-server 127.0.0.1:${env.EMBEDDED_REDIS_PORT}`)).toEqual([]);
      },
      HANG_GUARD_MS,
    );
  });
});
