import { readFile } from 'node:fs/promises';
import dayjs from 'dayjs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { administrator, courtWithReferrals, type SeededCase } from './support/statistics-setup';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

/** Five referrals into a new court: three accepted, one rejected at intake, one still at intake. */
const SEEDED: readonly SeededCase[] = [
  { disputeType: 'patent', fate: 'accepted' },
  { disputeType: 'trademark', fate: 'accepted' },
  { disputeType: 'patent', fate: 'accepted' },
  { disputeType: 'patent', fate: 'rejected' },
  { disputeType: 'trademark', fate: 'waiting' },
];

/** The figures, counted from what the test did. */
const expected = (() => {
  const received = SEEDED.length;
  const settled = 0; // none of them got as far as an agreement
  const performed = 0;
  const defaulted = 0;
  const byType = (type: string) => SEEDED.filter((c) => c.disputeType === type).length;
  return {
    received,
    accepted: SEEDED.filter((c) => c.fate === 'accepted').length,
    settled,
    performed,
    // Rates as the page shows them: per cent with one decimal, or a dash with nothing to divide by.
    successRate: received ? `${((settled / received) * 100).toFixed(1)}%` : '—',
    voluntaryPerformanceRate: performed + defaulted ? `${((performed / (performed + defaulted)) * 100).toFixed(1)}%` : '—',
    rejected: SEEDED.filter((c) => c.fate === 'rejected').length,
    patent: byType('patent'),
    trademark: byType('trademark'),
  };
})();

const headline = (page: Page, figure: string) => page.getByTestId(`headline-${figure}`).locator('.ant-statistic-content');

async function csvOf(page: Page, table: string): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId(`csv-${table}`).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), text: (await readFile(await download.path())).toString('utf8') };
}

for (const { lang, locale } of LANGS) {
  test.describe(`the statistics dashboard (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const st = s.statistics;

    test('an administrator picks a period and a court; the figures are what was seeded, and a table downloads as CSV', async ({ page, audit, request, accord }) => {
      // Ten referrals and two axe runs over a long page: more than the default minute on a loaded machine.
      test.setTimeout(150_000);
      const { courtId, courtName } = await courtWithReferrals(request, accord, lang, SEEDED);
      const email = await administrator(request, accord, lang);

      await signedInAt(page, email, '/statistics');
      await expect(page.getByRole('heading', { level: 1, name: st.title })).toBeVisible();
      await expect(page.getByText(st.scope.platform)).toBeVisible();
      // The header links here for staff.
      await expect(page.getByRole('navigation').getByRole('link', { name: st.nav })).toBeVisible();

      // The period: the last seven days, typed as a person would.
      const first = dayjs().subtract(6, 'day').format('YYYY-MM-DD');
      const last = dayjs().format('YYYY-MM-DD');
      const start = page.getByRole('textbox', { name: `${st.period}: ${st.start}` });
      const end = page.getByRole('textbox', { name: `${st.period}: ${st.end}` });
      await start.click();
      await start.fill(first);
      await start.press('Enter');
      await end.fill(last);
      await end.press('Enter');
      await expect(page).toHaveURL(new RegExp(`from=${first}&to=${last}`));

      // One court: only what this test referred counts.
      const court = page.getByRole('combobox', { name: st.court });
      await court.click();
      await court.fill(courtName);
      // Ant Design's listbox for screen readers is hidden; the list on screen shows the court's name.
      await expect(page.locator('.ant-select-item-option-active')).toHaveText(courtName);
      await court.press('Enter');
      await expect(page).toHaveURL(new RegExp(`court=${courtId}`));
      await expect(page.getByText(st.scope.oneCourt)).toBeVisible();

      await expect(headline(page, 'received')).toHaveText(String(expected.received), { timeout: 30_000 });
      await expect(headline(page, 'settled')).toHaveText(String(expected.settled));
      await expect(headline(page, 'successRate')).toHaveText(expected.successRate);
      await expect(headline(page, 'performed')).toHaveText(String(expected.performed));
      await expect(headline(page, 'voluntaryPerformanceRate')).toHaveText(expected.voluntaryPerformanceRate);
      await expect(headline(page, 'accepted')).toHaveText(String(expected.accepted));
      // Each rate says how it is counted, where it is shown.
      await expect(page.getByTestId('headline-successRate')).toContainText(st.definitions.successRate);
      await expect(page.getByTestId('headline-voluntaryPerformanceRate')).toContainText(st.definitions.voluntaryPerformanceRate);

      // The tables, and their CSV: the same rows, with a byte-order mark so Excel reads Chinese.
      const byType = page.getByTestId('table-byDisputeType');
      await expect(byType.getByRole('row', { name: `${s.filing.types.patent} ${expected.patent}` })).toBeVisible();
      const types = await csvOf(page, 'byDisputeType');
      expect(types.name).toBe(`accord-statistics-byDisputeType-${first}_${last}.csv`);
      expect(types.text).toBe(
        `\uFEFF${st.columns.disputeType},${st.columns.cases}\r\n${s.filing.types.patent},${expected.patent}\r\n${s.filing.types.trademark},${expected.trademark}\r\n`,
      );
      const closed = await csvOf(page, 'closedByOutcome');
      expect(closed.text).toBe(`\uFEFF${st.columns.outcome},${st.columns.cases}\r\n${st.outcomes.rejected_at_intake},${expected.rejected}\r\n`);
      const sources = await csvOf(page, 'bySource');
      expect(sources.text).toBe(`\uFEFF${st.columns.source},${st.columns.cases}\r\n${st.sources.court_referral},${expected.received}\r\n`);

      // The charts drew (their chunk loaded), each named in words.
      await expect(page.getByRole('img', { name: new RegExp(st.tables.bySource) }).locator('canvas')).toBeVisible();
      await audit(page, 'statistics');

      // A reload keeps the period and the court.
      await page.reload();
      // A reload restores the session and loads the page's chunks again: slow on a loaded machine.
      await expect(headline(page, 'received')).toHaveText(String(expected.received), { timeout: 30_000 });

      // On a phone.
      await page.setViewportSize({ width: 375, height: 800 });
      await expect(headline(page, 'received')).toBeVisible();
      // The charts follow the narrower screen: nothing scrolls sideways.
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await audit(page, 'statistics');
    });
  });
}
