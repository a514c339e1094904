import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
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
      // A page that opened the live notification stream before its first quiet moment never goes
      // "network idle" (the stream stays open): give it a while, then rely on settled()'s checks.
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      await settled(page);
      const lang = (await page.locator('html').getAttribute('lang')) ?? 'unknown';
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
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
 * Waits until no finite animation is running and no Ant Design motion (a dialog fading out, a
 * message sliding in) is mid-way: axe reads colours and sizes as painted, and a half-faded dialog
 * or a button mid-zoom is a false failure. Spinners loop forever and are left out of the
 * animations; a skeleton or a spinner still on the page means data is still loading.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) &&
      document.querySelector('[class*="-leave-active"], [class*="-enter-active"], [class*="-appear-active"], .ant-skeleton, .ant-spin-spinning') === null,
    undefined,
    { timeout: 10_000 },
  );
}

/** Unique per call (tests share one database); lower case, as the API stores addresses. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`.toLowerCase();
}

export const PASSWORD = 'correct horse battery staple';
