import { personAt } from './support/closed-loop';
import { tabTo } from './support/agreement';
import { courtWithStaff } from './support/court-case';
import { expect, test } from './support/fixtures';
import { settledCase } from './support/settled-case';
import { LANGS, STRINGS } from './support/strings';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const before = (template: string): string => template.split('{{')[0].trim();

for (const { lang, locale } of LANGS) {
  test.describe(`applying for judicial confirmation (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const c = s.afterSettlement.confirmation;

    test('a party chooses a competent court and applies; the other consents; they answer the court’s request and read its ruling', async ({ browser, request, accord, audit }) => {
      test.setTimeout(300_000);
      const court = await courtWithStaff(request, accord, lang);
      const settled = await settledCase(request, accord, lang);
      const { caseId } = settled;

      // ── The applicant goes from the case page's next steps to the application ──
      const applicant = await personAt(browser, accord.url, locale, lang, settled.applicant, `/cases/${caseId}`);
      await applicant.getByTestId('next-steps').click();
      await applicant.getByRole('menuitem', { name: s.casePage.actions.apply_confirmation, exact: true }).click();
      await expect(applicant).toHaveURL(new RegExp(`/cases/${caseId}/confirmation$`));
      await expect(applicant.getByRole('heading', { name: c.title, level: 1 })).toBeVisible();
      // The window's end, with the days left.
      await expect(applicant.getByTestId('confirmation-window')).toContainText(before(c.windowOpen));

      // A wrong area code is refused beside the field; the subject matter's area adds our court, with why.
      const region = applicant.getByLabel(c.region, { exact: true });
      await region.fill('33');
      await applicant.getByRole('button', { name: c.showCourts }).click();
      await expect(applicant.getByText(c.regionInvalid)).toBeVisible();
      await region.fill('330106');
      await region.press('Enter');
      const ourCourt = applicant.getByRole('radio', { name: new RegExp(court.name) });
      await expect(ourCourt).toBeVisible();
      await expect(applicant.locator('label', { hasText: court.name })).toContainText(c.grounds.subject_matter);
      await audit(applicant, 'confirmation-apply');
      await ourCourt.check();
      await applicant.getByRole('button', { name: c.apply }).click();
      await expect(applicant.getByTestId('application-status')).toHaveText(c.status.collecting_consents);
      await expect(applicant.getByText(c.waitingOthers)).toBeVisible();
      await audit(applicant, 'confirmation-waiting');

      // ── The respondent sees it waiting for its consent, and agrees with the keyboard ──
      const respondent = await personAt(browser, accord.url, locale, lang, settled.respondent, `/cases/${caseId}/confirmation`);
      await expect(respondent.getByText(c.youMustAgree.replace('{{court}}', court.name))).toBeVisible();
      await audit(respondent, 'confirmation-consent');
      await tabTo(respondent, respondent.getByRole('button', { name: c.agree }));
      await respondent.keyboard.press('Enter');
      await expect(respondent.getByTestId('application-status')).toHaveText(c.status.lodged);
      await expect(respondent.getByText(before(c.lodgedText))).toBeVisible();

      // ── The court dockets it and asks for material (its own screens, tested elsewhere) ──
      const [application] = (await (await request.get(`/api/v1/cases/${caseId}/confirmation-applications`, { headers: settled.applicant.auth })).json()).items as { id: string }[];
      const docketed = await request.post(`/api/v1/confirmation-applications/${application.id}/docket`, { headers: court.clerk.auth });
      expect(docketed.status()).toBe(200);
      const number = ((await docketed.json()) as { docket: { number: string } }).docket.number;
      const items = lang === 'en' ? 'The respondent’s business licence' : '被申请人营业执照';
      expect(
        (await request.post(`/api/v1/confirmation-applications/${application.id}/supplement-requests`, { headers: court.judge.auth, data: { items, days: 5 } })).status(),
      ).toBe(201);

      // ── The respondent answers the request here, with an upload ──
      await respondent.reload();
      await expect(respondent.getByTestId('docket-number')).toHaveText(number);
      expect(number).toMatch(/民特调确\d+号$/);
      const request1 = respondent.getByTestId('supplement-request');
      await expect(request1).toContainText(items);
      await audit(respondent, 'confirmation-supplement');
      const desktop = respondent.viewportSize()!;
      await respondent.setViewportSize({ width: 375, height: 800 });
      await audit(respondent, 'confirmation-supplement');
      await respondent.setViewportSize(desktop);
      await request1.getByRole('button', { name: c.supplementSend }).click();
      await expect(request1.getByText(s.afterSettlement.performance.proofRequired)).toBeVisible();
      await request1.locator('input[type=file]').setInputFiles({ name: 'business-licence.pdf', mimeType: 'application/pdf', buffer: PDF });
      await request1.getByLabel(c.supplementNote).fill(lang === 'en' ? 'As requested.' : '按要求补充。');
      await request1.getByRole('button', { name: c.supplementSend }).click();
      await expect(respondent.getByTestId('supplement-request')).toHaveCount(0);
      await expect(respondent.getByTestId('application-status')).toHaveText(c.status.docketed);

      // ── The judge confirms: both parties read the ruling, and go on to carry the agreement out ──
      expect((await request.post(`/api/v1/confirmation-applications/${application.id}/confirm`, { headers: court.judge.auth })).status()).toBe(200);
      await applicant.reload();
      await expect(applicant.getByTestId('application-status')).toHaveText(c.status.confirmed);
      await expect(applicant.getByText(c.confirmedText)).toBeVisible();
      await applicant.getByRole('button', { name: c.readRuling }).click();
      await expect(applicant.getByRole('dialog').getByTestId('pdf-preview')).toBeVisible({ timeout: 20_000 });
      await applicant.keyboard.press('Escape');
      await expect(applicant.getByRole('dialog')).toHaveCount(0);
      await audit(applicant, 'confirmation-confirmed');
      await applicant.getByRole('link', { name: c.toPerformance }).click();
      await expect(applicant).toHaveURL(new RegExp(`/cases/${caseId}/performance$`));
    });

    test('the court declines: the parties see why and may apply again; an application is withdrawn with a reason', async ({ browser, request, accord, audit }) => {
      test.setTimeout(240_000);
      const court = await courtWithStaff(request, accord, lang);
      const settled = await settledCase(request, accord, lang);
      const { caseId } = settled;
      const started = await request.post(`/api/v1/cases/${caseId}/confirmation-applications`, {
        headers: settled.applicant.auth,
        data: { courtId: court.id, subjectMatterRegion: '330106' },
      });
      expect(started.status()).toBe(201);
      const { id } = (await started.json()) as { id: string };
      expect((await request.post(`/api/v1/confirmation-applications/${id}/consents`, { headers: settled.respondent.auth })).status()).toBe(200);
      const reason = lang === 'en' ? 'The subject matter is outside this court’s area' : '标的物不在本院辖区';
      expect((await request.post(`/api/v1/confirmation-applications/${id}/decline`, { headers: court.clerk.auth, data: { reason } })).status()).toBe(200);

      const applicant = await personAt(browser, accord.url, locale, lang, settled.applicant, `/cases/${caseId}`);
      await applicant.getByRole('button', { name: s.afterSettlement.toConfirmation }).click();
      await expect(applicant.getByTestId('application-status')).toHaveText(c.status.declined);
      await expect(applicant.getByText(c.declinedText.replace('{{reason}}', reason))).toBeVisible();
      await expect(applicant.getByText(c.applyAgain)).toBeVisible();
      await audit(applicant, 'confirmation-declined');

      // Applying again, then withdrawing it: the reason is required.
      await applicant.getByLabel(c.region, { exact: true }).fill('330106');
      await applicant.getByRole('button', { name: c.showCourts }).click();
      await applicant.getByRole('radio', { name: new RegExp(court.name) }).check();
      await applicant.getByRole('button', { name: c.apply }).click();
      await expect(applicant.getByTestId('application-status')).toHaveText(c.status.collecting_consents);
      await applicant.getByRole('button', { name: c.withdraw }).click();
      const dialog = applicant.getByRole('dialog', { name: c.withdrawTitle });
      await dialog.getByRole('button', { name: c.withdraw }).click();
      await expect(dialog.getByText(c.reasonRequired)).toBeVisible();
      await dialog.getByLabel(c.reason).fill(lang === 'en' ? 'We will apply to another court' : '拟向其他法院申请');
      await dialog.getByRole('button', { name: c.withdraw }).click();
      await expect(applicant.getByTestId('application-status')).toHaveText(c.status.withdrawn);
    });

    test('the judge rejects: the parties read why and the ruling, and close the case without confirmation', async ({ browser, request, accord, audit }) => {
      test.setTimeout(240_000);
      const court = await courtWithStaff(request, accord, lang);
      const settled = await settledCase(request, accord, lang);
      const { caseId } = settled;
      const started = await request.post(`/api/v1/cases/${caseId}/confirmation-applications`, {
        headers: settled.applicant.auth,
        data: { courtId: court.id, subjectMatterRegion: '330106' },
      });
      const { id } = (await started.json()) as { id: string };
      expect((await request.post(`/api/v1/confirmation-applications/${id}/consents`, { headers: settled.respondent.auth })).status()).toBe(200);
      expect((await request.post(`/api/v1/confirmation-applications/${id}/docket`, { headers: court.clerk.auth })).status()).toBe(200);
      expect((await request.post(`/api/v1/confirmation-applications/${id}/reject`, { headers: court.judge.auth, data: { grounds: ['content_unclear'] } })).status()).toBe(200);

      const respondent = await personAt(browser, accord.url, locale, lang, settled.respondent, `/cases/${caseId}`);
      await respondent.getByTestId('next-steps').click();
      await respondent.getByRole('menuitem', { name: s.casePage.actions.close_unconfirmed, exact: true }).click();
      await expect(respondent.getByTestId('application-status')).toHaveText(c.status.rejected);
      await expect(respondent.getByText(s.courtDesk.judge.groundsList.content_unclear)).toBeVisible();
      await expect(respondent.getByRole('button', { name: c.readRuling })).toBeVisible();
      await audit(respondent, 'confirmation-rejected');
      await respondent.getByRole('button', { name: c.closeUnconfirmed }).click();
      await respondent.getByRole('dialog', { name: c.closeUnconfirmed }).getByRole('button', { name: c.confirm }).click();
      await expect(respondent.getByRole('button', { name: c.closeUnconfirmed })).toHaveCount(0);
      await respondent.getByRole('link', { name: s.afterSettlement.performance.backToCase }).click();
      await expect(respondent.getByText(new RegExp(`^(${s.status.closed.label}|${s.status.archived.label})$`)).first()).toBeVisible();
    });
  });
}
