import { codesReceived, nextCode, proposedAgreement, tabTo } from './support/agreement';
import { personAt } from './support/closed-loop';
import { expect, PASSWORD, test } from './support/fixtures';
import { mediatingCase } from './support/mediating-case';
import { LANGS, STRINGS } from './support/strings';

const dateIn = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

for (const { lang, locale } of LANGS) {
  test.describe(`the settlement agreement (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const a = s.agreement;
    const e = a.editor;

    test('the mediator drafts and proposes it; both parties and the mediator sign with e-mailed codes; the case is settled', async ({ browser, request, accord, audit }) => {
      test.setTimeout(300_000);
      const room = await mediatingCase(request, accord, lang);

      // ── The mediator drafts the agreement in the room, from the template ──
      const mediator = await personAt(browser, accord.url, locale, lang, room.mediator, `/cases/${room.caseId}/room?panel=agreement`);
      await expect(mediator.getByRole('heading', { name: a.start.title })).toBeVisible();
      await mediator.getByRole('radio', { name: lang === 'en' ? a.start.en : a.start.zh, exact: true }).check();
      await mediator.getByRole('button', { name: a.start.submit }).click();
      const editor = mediator.getByTestId('agreement-editor');
      await expect(editor).toBeVisible();
      // What the template still lacks is marked beside the fields from the start.
      await expect(editor.getByText(a.rules.required).first()).toBeVisible();
      await audit(mediator, 'agreement-editor');

      await editor.getByLabel(e.idNumber, { exact: true }).nth(1).fill('91440300MA5XXXXXX2');
      await editor
        .getByLabel(e.legalRepresentative, { exact: true })
        .nth(0)
        .fill(lang === 'en' ? 'Zhang San' : '张三');
      await editor
        .getByLabel(e.legalRepresentative, { exact: true })
        .nth(1)
        .fill(lang === 'en' ? 'Wang Wu' : '王五');
      const result =
        lang === 'en'
          ? 'The respondent stops selling the chargers and pays CNY 300,000.00 in two instalments.'
          : '被申请人停止销售侵权充电器，并分两期向申请人支付人民币300,000.00元。';
      await editor.getByLabel(e.result, { exact: true }).fill(result);

      // A payment in two instalments, by dates; the second amount is wrong at first.
      await editor.getByRole('button', { name: e.addPayment }).click();
      const pay = editor.getByTestId('obligation-0');
      await pay.getByLabel(e.amount, { exact: true }).fill('300000.00');
      await pay.getByRole('radio', { name: e.instalments, exact: true }).check();
      await pay.getByLabel(e.instalmentAmount.replace('{{n}}', '1'), { exact: true }).fill('150000.00');
      await pay.getByLabel(e.instalmentAmount.replace('{{n}}', '2'), { exact: true }).fill('100000.00');
      for (const [i, days] of [
        [0, 30],
        [1, 60],
      ] as const) {
        const date = pay.getByLabel(e.date, { exact: true }).nth(i);
        await date.click();
        await date.fill(dateIn(days));
        await date.press('Enter');
        await expect(date).toHaveValue(dateIn(days));
      }
      // Something to do, within days of the agreement taking effect.
      await editor.getByRole('button', { name: e.addAct }).click();
      await editor
        .getByTestId('obligation-1')
        .getByLabel(e.actText, { exact: true })
        .fill(lang === 'en' ? 'Take down every listing of the X200 charger' : '删除X200充电器的全部商品链接');
      await editor.getByRole('radio', { name: e.ownershipNo, exact: true }).check();

      // The API refuses the instalments that do not add up, beside them; corrected, it saves.
      await editor.getByRole('button', { name: e.save }).click();
      await expect(editor.getByText(a.rules.sum)).toBeVisible({ timeout: 20_000 });
      await pay.getByLabel(e.instalmentAmount.replace('{{n}}', '2'), { exact: true }).fill('150000.00');
      await editor.getByRole('button', { name: e.save }).click();
      await expect(editor.getByText(e.readyToPropose)).toBeVisible();

      // Someone saved the draft meanwhile (another tab): saving over it offers to reload instead.
      const draftUrl = `/api/v1/cases/${room.caseId}/agreement/draft`;
      const current = (await (await request.get(draftUrl, { headers: room.mediator.auth })).json()) as { revision: number; content: { result: string } };
      const elsewhere = `${current.content.result} (edited elsewhere)`;
      expect(
        (await request.put(draftUrl, { headers: room.mediator.auth, data: { revision: current.revision, content: { ...current.content, result: elsewhere } } })).status(),
      ).toBe(200);
      await editor.getByLabel(e.result, { exact: true }).fill(`${result} ${lang === 'en' ? 'Confidential.' : '双方保密。'}`);
      await editor.getByRole('button', { name: e.save }).click();
      const stale = mediator.getByRole('dialog', { name: s.problem.staleTitle });
      await expect(stale).toBeVisible();
      await stale.getByRole('button', { name: s.problem.reload }).click();
      await expect(mediator.getByTestId('agreement-editor').getByLabel(e.result, { exact: true })).toHaveValue(elsewhere);

      // Proposed: the PDF in the page and a tracker awaiting all three.
      await mediator.getByRole('button', { name: a.propose.submit }).click();
      const tracker = mediator.getByTestId('signature-tracker');
      // Rendering the PDF (CJK fonts) takes a while on a busy machine.
      await expect(tracker.getByTestId('awaiting-list').getByRole('listitem')).toHaveCount(3, { timeout: 30_000 });
      await expect(tracker).toContainText(room.applicant.name);
      await expect(mediator.getByTestId('agreement-pdf')).toBeVisible();
      // The page may show that PDF in a frame from a blob: URL (the app's content security policy).
      expect((await request.get(`/cases/${room.caseId}`)).headers()['content-security-policy']).toContain("frame-src 'self' blob:");
      await expect(mediator.getByText(s.status.signing.label, { exact: true })).toBeVisible();
      await audit(mediator, 'agreement-tracker');

      // ── The applicant signs from the case page's next steps; a wrong code shows the tries left ──
      const applicant = await personAt(browser, accord.url, locale, lang, room.applicant, `/cases/${room.caseId}`);
      await applicant.getByTestId('next-steps').click();
      await applicant.getByRole('menuitem', { name: s.casePage.actions.sign, exact: true }).click();
      await expect(applicant).toHaveURL(new RegExp(`/cases/${room.caseId}/agreement/sign$`));
      await expect(applicant.getByTestId('agreement-pdf')).toBeVisible();
      await audit(applicant, 'agreement-signing');
      let before = codesReceived(accord.smtp, room.applicant.email);
      await applicant.getByRole('button', { name: a.sign.send }).click();
      const applicantCode = await nextCode(accord.smtp, room.applicant.email, before);
      await expect(applicant.getByTestId('attempts-left')).toHaveText('5');
      const wrong = applicantCode === '000000' ? '000001' : '000000';
      await applicant.getByLabel(a.sign.code, { exact: true }).fill(wrong);
      // Enter in the field signs, as the button does.
      await applicant.getByLabel(a.sign.code, { exact: true }).press('Enter');
      await expect(applicant.getByText(a.sign.wrongCode_other.replace('{{count}}', '4'))).toBeVisible();
      await expect(applicant.getByTestId('attempts-left')).toHaveText('4');
      await audit(applicant, 'agreement-signing-code');
      await applicant.getByLabel(a.sign.code, { exact: true }).fill(applicantCode);
      await applicant.getByRole('button', { name: a.sign.submit }).click();
      await expect(applicant.getByText(a.sign.youSigned)).toBeVisible();

      // ── The respondent signs with the keyboard only ──
      const respondentContext = await browser.newContext({ baseURL: accord.url, locale });
      const respondent = await respondentContext.newPage();
      await respondent.goto(`/cases/${room.caseId}/agreement/sign`);
      await respondent.getByLabel(s.auth.email).fill(room.respondent.email);
      await respondent.getByLabel(s.auth.password).fill(PASSWORD);
      await respondent.keyboard.press('Enter');
      await expect(respondent.getByTestId('agreement-pdf')).toBeVisible();
      before = codesReceived(accord.smtp, room.respondent.email);
      await tabTo(respondent, respondent.getByRole('button', { name: a.sign.send }));
      await respondent.keyboard.press('Enter');
      const respondentCode = await nextCode(accord.smtp, room.respondent.email, before);
      await tabTo(respondent, respondent.getByLabel(a.sign.code, { exact: true }));
      await respondent.keyboard.type(respondentCode);
      await respondent.keyboard.press('Enter');
      await expect(respondent.getByText(a.sign.youSigned)).toBeVisible();

      // ── The mediator signs last: the agreement is in effect, the confirmation window's end shown ──
      await mediator.reload();
      await expect(tracker.getByTestId('signed-list').getByRole('listitem')).toHaveCount(2);
      await mediator.getByRole('button', { name: a.panel.goSign }).click();
      before = codesReceived(accord.smtp, room.mediator.email);
      await mediator.getByRole('button', { name: a.sign.send }).click();
      const mediatorCode = await nextCode(accord.smtp, room.mediator.email, before);
      await mediator.getByLabel(a.sign.code, { exact: true }).fill(mediatorCode);
      await mediator.getByRole('button', { name: a.sign.submit }).click();
      await expect(mediator.getByText(a.effective.title)).toBeVisible({ timeout: 30_000 });
      const effective = mediator.getByTestId('agreement-effective');
      await expect(effective).toContainText(a.effective.window.split('{{date}}')[0].trim());
      await audit(mediator, 'agreement-effective');

      // The case is settled, for the parties too.
      await applicant.goto(`/cases/${room.caseId}`);
      await expect(applicant.getByText(s.status.settled.label, { exact: true })).toBeVisible();
      await applicant.goto(`/cases/${room.caseId}/room?panel=agreement`);
      await expect(applicant.getByText(a.effective.title)).toBeVisible();
      await expect(applicant.getByTestId('signed-list').getByRole('listitem')).toHaveCount(3);
      for (const page of [mediator, applicant, respondent]) await page.context().close();
    });
  });
}

test.describe('refusing to sign (en)', () => {
  test.use({ locale: 'en-GB' });
  const s = STRINGS.en;
  const a = s.agreement;

  test('a party refuses with a reason; the mediator sees it and takes the agreement back to mediation', async ({ browser, request, accord, audit }) => {
    test.setTimeout(180_000);
    const room = await mediatingCase(request, accord, 'en');
    await proposedAgreement(request, room);
    const reason = 'The amount is too high for us.';

    const respondent = await personAt(browser, accord.url, 'en-GB', 'en', room.respondent, `/cases/${room.caseId}/agreement/sign`);
    await respondent.getByRole('button', { name: a.refuse.open }).click();
    const dialog = respondent.getByRole('dialog');
    await dialog.getByLabel(a.refuse.reason, { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: a.refuse.submit, exact: true }).click();
    await expect(respondent.getByTestId('refusal')).toContainText(reason);
    // The signing page on a phone.
    await respondent.setViewportSize({ width: 375, height: 800 });
    await expect(respondent.getByRole('button', { name: a.sign.send })).toBeVisible();
    await audit(respondent, 'agreement-signing');

    const mediator = await personAt(browser, accord.url, 'en-GB', 'en', room.mediator, `/cases/${room.caseId}/room?panel=agreement`);
    await expect(mediator.getByTestId('refusal')).toContainText(reason);
    await expect(mediator.getByTestId('refusal')).toContainText(room.respondent.name);
    await audit(mediator, 'agreement-refused');
    await mediator.getByRole('button', { name: a.revise.open }).click();
    const revise = mediator.getByRole('dialog');
    await revise.getByLabel(a.revise.reason, { exact: true }).fill('The respondent refused the amount');
    await revise.getByRole('button', { name: a.revise.submit, exact: true }).click();
    await expect(mediator.getByText(s.status.mediating.label, { exact: true })).toBeVisible();
    await expect(mediator.getByTestId('signature-tracker')).toHaveCount(0);
    await expect(mediator.getByTestId('agreement-editor')).toBeVisible();
    for (const page of [mediator, respondent]) await page.context().close();
  });
});
