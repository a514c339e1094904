import { typedTime } from './support/closed-loop';
import { docketedCase } from './support/court-case';
import { expect, test } from './support/fixtures';
import { signedInAt } from './support/sign-in';
import { LANGS, STRINGS } from './support/strings';

/** A page's first load, on a 2-core machine shared with other test runs, can take a while. */
const FIRST_LOAD = 30_000;

for (const { lang, locale } of LANGS) {
  test.describe(`the court's procedure: summoning the parties, objecting to the ruling (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const p = s.courtDesk.procedure;
    const o = s.afterSettlement.procedure;

    test('the clerk summons the parties from the court file; after the ruling a party objects from its confirmation page; the court sees both', async ({
      page,
      audit,
      request,
      accord,
      browser,
    }) => {
      test.setTimeout(240_000);
      const { court, lodged } = await docketedCase(request, accord, lang);
      const place = lang === 'en' ? 'Court room 3' : '第三法庭';

      // The clerk summons both parties to attend, in two days, at a court room.
      await signedInAt(page, court.clerk.email, `/court/applications/${lodged.applicationId}`);
      await page.getByRole('button', { name: p.summon }).click({ timeout: FIRST_LOAD });
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(p.attendAt).fill(typedTime(2 * 24 * 60));
      await dialog.getByLabel(p.attendAt).press('Enter');
      await dialog.getByLabel(p.videoLink).fill('http://not-secure.example.com');
      await dialog.getByRole('button', { name: p.summonSend }).click();
      await expect(dialog.getByText(p.videoLinkHelp)).toBeVisible();
      await dialog.getByLabel(p.videoLink).fill('');
      await dialog.getByLabel(p.place).fill(place);
      await audit(page, 'court-summons-dialog');
      await dialog.getByRole('button', { name: p.summonSend }).click();
      await expect(page.getByText(p.summoned)).toBeVisible();
      await page.getByRole('tab', { name: s.courtDesk.file.tabs.procedure }).click();
      await expect(page.getByTestId('summonses')).toContainText(place);
      await audit(page, 'court-procedure-tab');

      // The applicant sees the summons on its confirmation page.
      const context = await browser.newContext({ baseURL: accord.url, locale });
      const applicant = await context.newPage();
      await signedInAt(applicant, lodged.applicant.email, `/cases/${lodged.caseId}/confirmation`);
      await expect(applicant.getByTestId('summonses')).toContainText(place, { timeout: FIRST_LOAD });

      // The judge confirms; the applicant objects to the ruling.
      const ruled = await request.post(`/api/v1/confirmation-applications/${lodged.applicationId}/confirm`, { headers: court.judge.auth });
      expect(ruled.status()).toBe(200);
      await applicant.reload();
      const objections = applicant.getByTestId('objections');
      await objections.getByRole('button', { name: o.object }).click({ timeout: FIRST_LOAD });
      const objecting = applicant.getByRole('dialog');
      await objecting.getByRole('button', { name: o.objectSend }).click();
      await expect(objecting.getByText(o.objectionRequired)).toBeVisible();
      const text = lang === 'en' ? 'The agreement was not made voluntarily: set the ruling aside.' : '调解协议并非自愿达成，请求撤销该裁定。';
      await objecting.getByLabel(o.objectionText).fill(text);
      await audit(applicant, 'party-objection-dialog');
      await objecting.getByRole('button', { name: o.objectSend }).click();
      await expect(applicant.getByText(o.objected)).toBeVisible();
      await expect(objections).toContainText(text);
      await expect(objections.getByRole('button', { name: o.object })).toHaveCount(0);
      await audit(applicant, 'party-objections');
      await context.close();

      // The court sees the objection in the court file.
      await page.reload();
      await page.getByRole('tab', { name: s.courtDesk.file.tabs.procedure }).click({ timeout: FIRST_LOAD });
      await expect(page.getByTestId('objections')).toContainText(text);
      await expect(page.getByTestId('objections').getByText(p.byParty)).toBeVisible();
      await audit(page, 'court-procedure-objection');
    });
  });
}
