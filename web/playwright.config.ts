import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests of the web app against the real application (`node dist/main.js all`: API,
 * workers, embedded PostgreSQL and redis-server), started once per worker by the `accord`
 * fixture (e2e/support/fixtures.ts). Run `npm run build` first; `npm test` does.
 *
 * The browser is Debian's chromium (apt-get install chromium fonts-noto-cjk): Playwright's own
 * browser download does not work on these machines and must never run.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-artifacts/playwright',
  // Each worker starts an app of its own (the `accord` fixture) and runs its files one test at a
  // time. Two on CI: most of a browser test is waiting (for the app's jobs, e-mails, animations),
  // so a second worker on a 2-core machine nearly halves the wall time. BROWSER_TEST_WORKERS overrides.
  workers: Number(process.env.BROWSER_TEST_WORKERS ?? (process.env.CI ? 2 : 1)),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry on CI, where a loaded 2-core machine can miss a 10 s wait; a retried test is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './e2e/support/global-teardown.ts',
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        // Root in a container has no user namespace for the sandbox.
        '--no-sandbox',
        // This machine has no internet: no background calls out.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    // A failed test keeps its trace: every action with the page's DOM before and after it, the
    // network and the console. Without the screencast (a JPEG of every frame painted), which
    // made every browser test some 14% slower on two cores; the failure's own screenshot is kept.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
});
