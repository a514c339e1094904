import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page, type Request } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAccord, type AccordServer } from './accord-server';

/** Screenshots of every screen, per language: test-artifacts/screens/<lang>/<name>.png (gitignored). */
export const SCREENS_DIR = resolve(__dirname, '..', '..', '..', 'test-artifacts', 'screens');

/** WCAG 2.2 level A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type Lang = 'zh-CN' | 'en';

interface WorkerFixtures {
  accord: AccordServer;
}

interface TestFixtures {
  /** Axe (WCAG 2.2 AA) on the page as it is now, then a screenshot named `name` in the page's language. */
  audit: (page: Page, name: string) => Promise<void>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  accord: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const server = await startAccord();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ accord }, use) => use(accord.url),
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  audit: async ({}, use, testInfo) => {
    await use(async (page, name) => {
      await networkQuiet(page);
      await settled(page);
      const lang = (await page.locator('html').getAttribute('lang')) ?? 'unknown';
      // Legacy mode: axe.run in the page itself (axe is injected into every frame, same-origin
      // frames are audited through it), with the same rules and results. The default mode runs
      // per frame, then opens a blank page, injects axe again and merges there: two to five
      // times slower, and an audit runs some 300 times per suite.
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
      const violations = results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).slice(0, 5),
      }));
      expect(violations, `axe (WCAG 2.2 AA) on "${name}" in ${lang}`).toEqual([]);
      const dir = join(SCREENS_DIR, lang);
      mkdirSync(dir, { recursive: true });
      const viewport = page.viewportSize();
      const suffix = viewport && viewport.width < 600 ? `-${viewport.width}px` : '';
      await page.screenshot({ path: join(dir, `${name}${suffix}.png`), fullPage: true });
      testInfo.annotations.push({ type: 'screen', description: `${lang}/${name}${suffix}` });
    });
  },
});

export { expect };

/**
 * Brings the page to rest before axe reads it: every finite animation or transition is finished
 * at once (a dialog fading out, a button mid-zoom, a table fading in), and then nothing may still
 * be moving or loading. axe reads colours and sizes as painted, so a half-faded dialog is a false
 * failure; and on a loaded machine Chromium can leave a 0.3 s fade running for seconds. Finishing
 * an animation fires its end event, so Ant Design's motion goes on as it would. Spinners loop
 * forever and are left alone; a skeleton or a spinner still on the page means data is loading.
 */
export async function settled(page: Page): Promise<void> {
  // A button's loading icon can keep its leave class for a while after the button is usable
  // again (its motion ends on a deadline, not an event); it changes no colour axe reads.
  const motion = ['-leave-active', '-enter-active', '-appear-active'].map((c) => `[class*="${c}"]:not(.ant-btn-loading-icon)`);
  const busy = [...motion, '.ant-skeleton', '.ant-spin-spinning'].join(', ');
  try {
    // Polled by time, not by animation frame: a page that paints no frame would never be asked.
    await page.waitForFunction(
      (selector) => {
        for (const animation of document.getAnimations()) {
          if (animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity) animation.finish();
        }
        return document.querySelector(selector) === null;
      },
      busy,
      { timeout: 10_000, polling: 50 },
    );
  } catch (error) {
    const still = await page.evaluate((selector) => [...document.querySelectorAll(selector)].map((e) => e.className).slice(0, 5), busy).catch(() => []);
    throw new Error(`the page did not come to rest; still busy: ${JSON.stringify(still)}`, { cause: error });
  }
}

/** Live streams stay open for as long as the page does; they are not work in progress. */
const isStream = (url: string): boolean => new URL(url).pathname.endsWith('/stream');

/**
 * Waits until nothing the page asked for is still under way and it has started or finished no
 * request for `quietMs` (live streams aside), at most `timeoutMs`. Playwright's own "network
 * idle" counts an open live stream as traffic, so a signed-in page (which listens for
 * notifications) never reaches it, and every audit would wait out its whole timeout. A request
 * seen to start is waited for however long it takes (within `timeoutMs`), so the quiet window
 * only has to cover the gap between one request ending and the next one it causes starting; a
 * request already under way when this starts is seen when it ends.
 */
export async function networkQuiet(page: Page, quietMs = 200, timeoutMs = 5_000): Promise<void> {
  const inFlight = new Set<Request>();
  let last = Date.now();
  const started = (request: Request): void => {
    if (isStream(request.url())) return;
    inFlight.add(request);
    last = Date.now();
  };
  const ended = (request: Request): void => {
    if (isStream(request.url())) return;
    inFlight.delete(request);
    last = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const deadline = Date.now() + timeoutMs;
    // Node's own timer, not page.waitForTimeout: no round trip to the browser on every tick.
    while ((inFlight.size > 0 || Date.now() - last < quietMs) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/** Unique per call (tests share one database); lower case, as the API stores addresses. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`.toLowerCase();
}

export const PASSWORD = 'correct horse battery staple';

/**
 * Ant Design's Select: open it and pick the option on screen with exactly this text (it also lists its
 * options in a hidden list, for screen readers). The option is clicked once the list has stopped
 * opening, and again while the list stays open: on a busy machine a click can still land between
 * two renders of the option and select nothing (a chosen option closes the list).
 */
export async function chooseOption(select: Locator, option: string): Promise<void> {
  const page = select.page();
  const open = page.locator('.ant-select-dropdown:visible');
  const exactly = new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await select.click();
  await expect(async () => {
    if ((await open.count()) === 0) await select.click();
    await settled(page);
    await open.locator('.ant-select-item-option', { hasText: exactly }).click({ timeout: 2_000 });
    await expect(open).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}
