// The app as production runs it, for the load benchmarks: `node dist/main.js api` and
// `node dist/main.js worker` as separate processes (compiled code, NODE_ENV=production), on an
// embedded PostgreSQL 18 and a local redis-server, each on a free port in a temp folder that is
// removed afterwards (BENCH_KEEP=1 keeps it, with the processes' logs, for a post-mortem).
const { Buffer } = require('node:buffer');
const { fork, spawn, spawnSync } = require('node:child_process');
const { createHmac, randomBytes } = require('node:crypto');
const { appendFileSync, chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { setInterval, clearInterval, setTimeout, clearTimeout } = require('node:timers');
const { setTimeout: sleep } = require('node:timers/promises');
const { SMTPServer } = require('smtp-server');

const dist = join(__dirname, '..', '..', 'dist');
require('reflect-metadata');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { LocalPostgres } = require(join(dist, 'infrastructure/runtime/local-postgres.js'));
const { LocalRedis } = require(join(dist, 'infrastructure/runtime/local-redis.js'));
const { buildDataSourceOptions } = require(join(dist, 'infrastructure/database/data-source-options.js'));
const { runMigrationsUnderLock } = require(join(dist, 'infrastructure/database/run-migrations.js'));
const { ACCESS_TOKEN_AUDIENCE } = require(join(dist, 'auth/access-token.js'));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * An HS256 access token as SessionTokens signs it ({ sub, gen, aud }: a new account's session
 * generation is 0), without a sign-in per user.
 */
function accessToken(secret, userId, ttlSeconds = 24 * 3600) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: userId, gen: 0, aud: ACCESS_TOKEN_AUDIENCE, iat: now, exp: now + ttlSeconds };
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** Resident memory of a process from /proc (kB → MB): VmRSS now, VmHWM its lifetime peak. */
function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number((new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status) ?? [])[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, hwmMB: NaN };
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds a process has used (user + system), and those of its reaped children. */
function procCpu(pid) {
  try {
    // Fields after the command name (which may hold spaces), from field 3 on.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    const ticks = (i) => Number(fields[i - 3]);
    return { self: (ticks(14) + ticks(15)) / CLOCK_TICKS, children: (ticks(16) + ticks(17)) / CLOCK_TICKS, ppid: ticks(4) };
  } catch {
    return { self: 0, children: 0, ppid: 0 };
  }
}

/**
 * CPU seconds used so far by the app's processes and by PostgreSQL (the postmaster, its live
 * backends and the ones that have exited). Differences between two readings say what a phase
 * cost, whatever else the machine was doing meanwhile. The backends of the benchmark's own
 * polling connections (`pollingClient`) are left out: watching the app is not the app's work.
 */
function cpuReading(stack) {
  const reading = {};
  for (const [name, pid] of Object.entries(stack.pids ?? {})) reading[name] = procCpu(pid).self;
  const postmaster = Number(readFileSync(join(stack.dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const main = procCpu(postmaster);
  let postgres = main.self + main.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = procCpu(Number(entry));
    if (p.ppid === postmaster && !stack.excludedBackends?.has(Number(entry))) postgres += p.self;
  }
  reading.postgres = postgres;
  if (stack.redisPid) reading.redis = procCpu(stack.redisPid).self;
  return reading;
}

/** CPU seconds per phase: `since(before)` with a reading taken before the phase. */
const cpuSince = (stack, before) => {
  const now = cpuReading(stack);
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]));
};

/**
 * Samples the RSS of named processes every `intervalMs` while a phase runs; `stop()` returns the
 * peak of each (MB). The kernel's VmHWM is a lifetime peak (start-up included), so the sampled
 * peak is what says "during this phase".
 */
function rssSampler(pids, intervalMs = 50) {
  const peaks = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const { rssMB } = procMemory(pid);
      if (rssMB > peaks[name]) peaks[name] = rssMB;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peaks };
    },
  };
}

/**
 * Starts PostgreSQL (migrated, with pg_stat_statements) and Redis; then, unless `app: false`,
 * the API and worker processes. `beforeApp(stack)` runs between the two (seeding data is much
 * faster with no app around).
 */
async function startStack({ name, env = {}, postgresConf = {}, postgresLog, beforeApp, app = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `accord-bench-${name}-`));
  chmodSync(dir, 0o755);
  const stack = {
    dir,
    processes: {},
    jwtSecret: randomBytes(32).toString('base64url'),
    token: (userId) => accessToken(stack.jwtSecret, userId),
  };
  const pgPort = await freePort();
  // PostgreSQL's log: kept while an explain pass (below) listens, passed on to `postgresLog`.
  const pg = new LocalPostgres(join(dir, 'pg'), pgPort, (line) => {
    stack.pgLogListener?.(line);
    postgresLog?.(line);
  });
  const redis = new LocalRedis(join(dir, 'redis'), await freePort());
  stack.stop = async () => {
    for (const child of Object.values(stack.processes)) await stopChild(child);
    for (const client of stack.pollers ?? []) await client.end().catch(() => undefined);
    await stack.smtp?.close();
    await stack.db?.destroy().catch(() => undefined);
    await redis.stop().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pg.start();
    // Settings PostgreSQL reads only at start: write them, then restart on the same data folder.
    // pg_stat_statements: what the app asked of PostgreSQL during a run; auto_explain: the plans of
    // those statements, logged only during an explain pass (it costs nothing otherwise).
    const conf = { shared_preload_libraries: "'pg_stat_statements,auto_explain'", 'pg_stat_statements.track': 'top', ...postgresConf };
    appendFileSync(
      join(dir, 'pg', 'postgresql.conf'),
      `\n# accord bench\n${Object.entries(conf)
        .map(([k, v]) => `${k} = ${v}`)
        .join('\n')}\n`,
    );
    await pg.stop();
    await pg.start();
    await pg.ensureDatabase('bench');
    stack.pgPort = pgPort;
    stack.databaseUrl = pg.url('bench');
    stack.redisUrl = (await redis.start(), redis.url);
    stack.redisPid = redis.process?.pid;
    stack.db = await new DataSource(buildDataSourceOptions(stack.databaseUrl, 8)).initialize();
    await runMigrationsUnderLock(stack.db);
    await stack.db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    stack.postgresVersion = (await stack.db.query('SHOW server_version'))[0].server_version;
    if (beforeApp) await beforeApp(stack);
    if (app) await startApp(stack, env);
    return stack;
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/**
 * Production insists on an SMTP server: a real one on loopback that accepts every message and
 * keeps nothing (counting them), so e-mail deliveries cost what a fast relay would.
 */
async function startSmtpSink() {
  const sink = { messages: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.on('end', () => {
        sink.messages++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${server.server.address().port}`;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}

/** startStack(options), then `fn(stack)`; the stack is stopped however `fn` ends. */
async function withStack(options, fn) {
  const stack = await startStack(options);
  try {
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}

/** The API and worker processes, in production mode, and a wait until the API says it is ready. */
async function startApp(stack, env = {}) {
  const port = await freePort();
  stack.smtp = await startSmtpSink();
  const common = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redisUrl,
    JWT_SECRET: stack.jwtSecret,
    SMTP_URL: stack.smtp.url,
    DATA_DIR: join(stack.dir, 'data'),
    MIGRATIONS_RUN: 'false',
    // Production logs every request at info; so does the benchmark, to a file.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // E.g. BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the app under load.
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...env,
  };
  stack.processes.worker = spawnApp(stack.dir, 'worker', common);
  stack.processes.api = spawnApp(stack.dir, 'api', { ...common, PORT: String(port), HOST: '127.0.0.1' });
  stack.url = `http://127.0.0.1:${port}`;
  stack.pids = { api: stack.processes.api.pid, worker: stack.processes.worker.pid };
  const deadline = Date.now() + 90_000;
  for (;;) {
    for (const [mode, child] of Object.entries(stack.processes)) {
      if (child.exitCode !== null) throw new Error(`${mode} process exited with ${child.exitCode}; see ${child.logFile}:\n${tail(child.logFile)}`);
    }
    const ready = await globalThis.fetch(`${stack.url}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`the app was not ready within 90 s; see ${stack.dir}`);
    await sleep(200);
  }
}

/**
 * The node flags production starts `mode` with: those of `npm run start:<mode>` in package.json
 * (V8's memory settings), so the benchmarks measure the processes as they are run.
 */
function startFlags(mode) {
  const script = require(join(__dirname, '..', '..', 'package.json')).scripts[`start:${mode}`] ?? '';
  const words = script.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('dist/main.js')).filter((w) => w.startsWith('--'));
}

function spawnApp(dir, mode, env) {
  const logFile = join(dir, `${mode}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...startFlags(mode), join(dist, 'main.js'), mode], { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.logFile = logFile;
  return child;
}

const tail = (file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '');

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 35_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A connection of the benchmark's own to `database` (default the app's), for polling the app's
 * progress: its PostgreSQL backend is left out of `cpuReading` (so polling is never charged to
 * the app) and its own CPU is there to report. Stays open until the stack stops.
 */
async function pollingClient(stack, database) {
  const client = new Client({ connectionString: database ? stack.databaseUrl.replace(/[^/]+$/, database) : stack.databaseUrl });
  await client.connect();
  const { pid } = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0];
  stack.excludedBackends ??= new Set();
  stack.excludedBackends.add(pid);
  stack.pollers ??= [];
  stack.pollers.push(client);
  return { query: async (text, params) => (await client.query(text, params)).rows, cpuSeconds: () => procCpu(pid).self };
}

/** Forget what pg_stat_statements has seen so far (call before a measured run). */
async function resetStatements(stack) {
  await stack.db.query('SELECT pg_stat_statements_reset()');
}

/** The statements that took PostgreSQL the most time since the last reset (the app's, not ours). */
async function topStatements(stack, limit = 8) {
  const rows = await stack.db.query(
    `SELECT calls::int, round(mean_exec_time::numeric, 3)::float AS mean_ms, round(max_exec_time::numeric, 1)::float AS max_ms,
            round(total_exec_time::numeric)::float AS total_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 220) AS query
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
      ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

/**
 * Runs `fn` (a few requests, one at a time) with auto_explain logging every statement's plan
 * with actual times and buffers, and returns those plans: the query plans of what the app really
 * sends, with real parameters. Not for measured runs: EXPLAIN ANALYZE slows each statement down.
 */
async function explainPass(stack, fn) {
  const settings = { 'auto_explain.log_min_duration': '0', 'auto_explain.log_analyze': 'on', 'auto_explain.log_buffers': 'on', 'auto_explain.log_timing': 'on' };
  for (const [k, v] of Object.entries(settings)) await stack.db.query(`ALTER SYSTEM SET ${k} = '${v}'`);
  await stack.db.query('SELECT pg_reload_conf()');
  await sleep(300);
  const lines = [];
  stack.pgLogListener = (line) => lines.push(line);
  try {
    await fn();
    await sleep(300);
  } finally {
    stack.pgLogListener = undefined;
    for (const k of Object.keys(settings)) await stack.db.query(`ALTER SYSTEM RESET ${k}`);
    await stack.db.query('SELECT pg_reload_conf()');
  }
  return lines
    .join('\n')
    .split(/^.*LOG:\s+duration: /m)
    .slice(1)
    .map((entry) => {
      const ms = Number.parseFloat(entry);
      const text = (/Query Text: ([\s\S]*?)\n(?=\s*\S.*\(cost=)/.exec(entry) ?? [])[1] ?? '';
      const plan = entry
        .slice(entry.indexOf(text) + text.length)
        .split('\n')
        .filter((l) => l.trim() !== '' && !/^\S.*(LOG|DETAIL|STATEMENT):/.test(l));
      return { ms, query: text.replace(/\s+/g, ' ').trim(), plan };
    })
    .filter((e) => e.query !== '' && !e.query.includes('pg_reload_conf'));
}

/**
 * Runs a load scenario (bench/support/load.cjs) in a process of its own against the API and
 * resolves with what it measured. `onMeasuring` is called when the warm-up is over. With
 * `onWarmedUp` (an async function), the load pauses after its warm-up until that has finished
 * (e.g. waited for the app's background work to drain and read the CPU counters).
 */
function runLoad(scenario, options, { onMeasuring, onWarmedUp } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer;
    let measuringFrom;
    child.on('message', (message) => {
      if (message.phase === 'warmed') {
        Promise.resolve(onWarmedUp?.()).then(
          () => child.send({ go: true }),
          (error) => {
            child.kill();
            reject(error);
          },
        );
        return;
      }
      if (message.phase === 'measuring') {
        measuringFrom = procCpu(child.pid).self;
        onMeasuring?.();
        return;
      }
      // The load generator's own CPU while measuring, read while it is still there: it shares the machine too.
      answer = { ...message, loadCpuSeconds: procCpu(child.pid).self - (measuringFrom ?? 0) };
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer && !answer.error) resolve(answer);
      else reject(new Error(answer?.error ?? `the load process exited with ${code} and no result`));
    });
    child.send({ scenario, options: { ...options, holdAfterWarmup: onWarmedUp !== undefined } });
  });
}

module.exports = {
  startStack,
  withStack,
  startApp,
  stopChild,
  accessToken,
  procMemory,
  procCpu,
  cpuReading,
  cpuSince,
  rssSampler,
  runLoad,
  pollingClient,
  resetStatements,
  topStatements,
  explainPass,
  dist,
};
