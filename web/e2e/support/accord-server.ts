import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtpServer } from '../../../test/support/smtp-server';

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** The installation's first administrator (ADMIN_EMAIL / ADMIN_PASSWORD), who creates mediators and court staff. */
export const ADMIN = { email: 'admin@accord.e2e.test', password: 'e2e-admin-password-2026' } as const;

export interface AccordServer {
  /** http://localhost:PORT — also the app's PUBLIC_URL, so links in e-mails point here. */
  url: string;
  smtp: SmtpServer;
  /** Signs in as `ADMIN`. */
  admin: typeof ADMIN;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The real app as `npm start` runs it (`node dist/main.js all`), on free ports, with its data in
 * a fresh temp folder (removed afterwards), no demo data, and e-mail going to a real SMTP
 * server in this process so tests can read what people receive.
 */
export async function startAccord(): Promise<AccordServer> {
  if (!existsSync(join(ROOT, 'dist', 'main.js')) || !existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('Build first: npm run build (the browser tests run the built app and web app)');
  }
  const smtp = await startSmtpServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-browser-'));
  // The embedded PostgreSQL runs as another user, who must be able to reach the folder.
  chmodSync(dataDir, 0o755);
  const [port, pgPort, redisPort] = await freePorts(3);
  const url = `http://localhost:${port}`;
  const app = spawn(process.execPath, ['dist/main.js', 'all'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      EMBEDDED_REDIS_PORT: String(redisPort),
      DATABASE_URL: '',
      REDIS_URL: '',
      PUBLIC_URL: url,
      DEMO_DATA: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      // Every test signs in several times from the one address.
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      // Court systems' webhooks go to a receiver the test runs on loopback, retried after 200 ms, 400 ms…
      WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_RETRY_MAX_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  app.stdout?.on('data', keep);
  app.stderr?.on('data', keep);

  const stop = async () => {
    await stopProcess(app);
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, app, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, smtp, admin: ADMIN, stop };
}

async function waitUntilServing(url: string, app: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}:\n${output.join('')}`);
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not start within 90 s:\n${output.join('')}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
