import type { Locator, Page } from '@playwright/test';
import { personAt } from './support/closed-loop';
import { courtWithStaff } from './support/court-case';
import { expect, test } from './support/fixtures';
import { confirmedCase } from './support/settled-case';
import { LANGS, STRINGS } from './support/strings';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

for (const { lang, locale } of LANGS) {
  test.describe(`carrying out the agreement (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const p = s.afterSettlement.performance;

    /** The obligated party reports one item done, with a proof upload. */
    async function report(page: Page, item: Locator, filename: string): Promise<void> {
      await item.getByRole('button', { name: p.report, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: p.send }).click();
      await expect(dialog.getByText(p.proofRequired)).toBeVisible();
      await dialog.locator('input[type=file]').setInputFiles({ name: filename, mimeType: 'application/pdf', buffer: PDF });
      await dialog.getByRole('button', { name: p.send }).click();
      await expect(item.getByTestId('item-status')).toHaveText(p.itemStatus.reported);
    }

    test('the respondent reports each obligation with proof; the applicant disputes one, then confirms both; the case closes', async ({ browser, request, accord, audit }) => {
      test.setTimeout(300_000);
      const court = await courtWithStaff(request, accord, lang);
      const confirmed = await confirmedCase(request, accord, court, lang);
      const { caseId } = confirmed;

      // ── The respondent (who must pay and stop selling) goes there from the case page's next steps ──
      const respondent = await personAt(browser, accord.url, locale, lang, confirmed.respondent, `/cases/${caseId}`);
      await respondent.getByTestId('next-steps').click();
      await respondent.getByRole('menuitem', { name: s.casePage.actions.perform, exact: true }).click();
      await expect(respondent).toHaveURL(new RegExp(`/cases/${caseId}/performance$`));
      await expect(respondent.getByRole('heading', { name: p.title, level: 1 })).toBeVisible();
      const pay = respondent.getByTestId('performance-item-pay');
      const stop = respondent.getByTestId('performance-item-stop');
      await expect(pay).toContainText(lang === 'en' ? 'CNY 200,000.00' : '¥200,000.00');
      await expect(stop).toContainText('Stop selling the X200 charger');
      await expect(pay.getByTestId('item-status')).toHaveText(p.itemStatus.pending);
      await audit(respondent, 'performance');
      // On a phone too.
      const desktop = respondent.viewportSize()!;
      await respondent.setViewportSize({ width: 375, height: 800 });
      await audit(respondent, 'performance');
      await respondent.setViewportSize(desktop);
      await report(respondent, stop, 'listings-removed.pdf');
      await expect(stop.getByText(p.waitingConfirm)).toBeVisible();

      // ── The applicant sees the proof and disputes it ──
      const applicant = await personAt(browser, accord.url, locale, lang, confirmed.applicant, `/cases/${caseId}`);
      await applicant.getByRole('button', { name: s.afterSettlement.toPerformance }).click();
      const stopSeen = applicant.getByTestId('performance-item-stop');
      await expect(stopSeen.getByRole('button', { name: p.proofOf.replace('{{name}}', 'listings-removed.pdf') })).toBeVisible();
      await expect(applicant.getByTestId('performance-item-pay').getByRole('button', { name: p.report, exact: true })).toHaveCount(0);
      await audit(applicant, 'performance-reported');
      await stopSeen.getByRole('button', { name: p.dispute }).click();
      const dispute = applicant.getByRole('dialog', { name: p.disputeTitle });
      const why = lang === 'en' ? 'Two listings are still online' : '仍有两个商品链接未删除';
      await dispute.getByLabel(p.disputeReason).fill(why);
      await dispute.getByRole('button', { name: p.disputeSend }).click();
      await expect(stopSeen.getByTestId('item-status')).toHaveText(p.itemStatus.disputed);

      // ── The respondent sees why, reports again, and reports the payment ──
      await respondent.reload();
      await expect(stop.getByText(p.disputedBy.replace('{{reason}}', why), { exact: true })).toBeVisible();
      await report(respondent, stop, 'all-listings-removed.pdf');
      await report(respondent, pay, 'bank-slip.pdf');

      // ── The applicant confirms both: everything is done, the case closes ──
      await applicant.reload();
      for (const key of ['stop', 'pay']) {
        const item = applicant.getByTestId(`performance-item-${key}`);
        await item.getByRole('button', { name: p.confirm, exact: true }).click();
        await applicant.getByRole('dialog', { name: p.confirmTitle }).getByRole('button', { name: p.confirm, exact: true }).click();
        await expect(applicant.getByRole('dialog')).toHaveCount(0);
        await expect(item.getByTestId('item-status')).toHaveText(p.itemStatus.confirmed);
      }
      await expect(applicant.getByText(p.allDone)).toBeVisible();
      await expect(applicant.getByTestId('performance-done')).toHaveText(new RegExp(`${p.closedText}|${p.archivedText}`));
      await audit(applicant, 'performance-done');
      // The case page says so too.
      await applicant.getByRole('link', { name: p.backToCase }).click();
      await expect(applicant.getByText(new RegExp(`^(${s.status.closed.label}|${s.status.archived.label})$`)).first()).toBeVisible();
    });
  });
}
