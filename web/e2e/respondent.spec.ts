import { apiToken, registerParty } from './support/accounts';
import { expect, PASSWORD, test, uniqueEmail } from './support/fixtures';
import { servedCase, staffOf, verifyIdentityOf } from './support/served-case';
import { LANGS, STRINGS } from './support/strings';

/**
 * The respondent's first contact (issue 18, screen 5): the link in the notice e-mail opens a
 * page that explains the notice in the reader's language; from there one step makes an account
 * that holds the case, then the address for service, then agree or decline.
 */
for (const { lang, locale, other } of LANGS) {
  test.describe(`the served respondent (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const o = STRINGS[other];

    test('without an account: opens the served link from the e-mail, registers and claims in one step, confirms the address, agrees', async ({ page, audit, request, accord }) => {
      const respondentEmail = uniqueEmail(`served-${lang}`);
      const served = await servedCase(request, accord, { language: lang, respondentEmail, respondentName: lang === 'en' ? 'Shenzhen Yi Electronics Ltd.' : '深圳乙电子有限公司' });

      // The landing page: the notice's facts in the reader's language, what it means, what to do and by when.
      await page.goto(served.link);
      await expect(page.getByRole('heading', { level: 1, name: s.respondent.served.title })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByTestId('served-case-number')).toHaveText(served.number);
      await expect(page.getByText(s.respondent.served.meaningTitle)).toBeVisible();
      await expect(page.getByTestId('answer-deadline')).toBeVisible();
      for (const step of [s.respondent.served.step1, s.respondent.served.step2, s.respondent.served.step3]) await expect(page.getByText(step, { exact: true })).toBeVisible();
      // Nothing of the application itself is shown before the person signs in.
      await expect(page.getByText(/CONFIDENTIAL STATEMENT/)).toHaveCount(0);
      await audit(page, 'served-landing');

      // The served PDF, from the same link.
      const pdf = page.getByRole('link', { name: s.respondent.served.openPdf });
      const href = await pdf.getAttribute('href');
      expect(href).toBe(served.link.replace('/served/', '/api/v1/service-links/'));
      const document = await request.get(href!);
      expect(document.status()).toBe(200);
      expect(document.headers()['content-type']).toContain('application/pdf');

      // Switchable: the other language, and back.
      await page.getByTestId('language-switch').click();
      await expect(page.getByRole('heading', { level: 1, name: o.respondent.served.title })).toBeVisible();
      await page.getByTestId('language-switch').click();
      await expect(page.getByRole('heading', { level: 1, name: s.respondent.served.title })).toBeVisible();

      // One step: the account (prefilled with the served address) and the claim.
      await expect(page.getByLabel(s.auth.email)).toHaveValue(respondentEmail);
      await page.getByLabel(s.auth.password).fill(PASSWORD);
      await page.getByRole('button', { name: s.respondent.served.createSubmit }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${served.caseId}/answer$`));
      await expect(page.getByRole('heading', { level: 1, name: s.respondent.answer.title })).toBeVisible();
      await audit(page, 'answer-address');

      // The address for service, with the consent to e-service explained: required.
      await expect(page.getByLabel(s.respondent.answer.email)).toHaveValue(respondentEmail);
      await page.getByLabel(s.respondent.answer.phone).fill('+8613912345678');
      await page.getByRole('button', { name: s.respondent.answer.confirmAddress }).click();
      await expect(page.getByText(s.respondent.answer.consentRequired)).toBeVisible();
      await page.getByRole('checkbox', { name: s.respondent.answer.consent }).check();
      await page.getByRole('button', { name: s.respondent.answer.confirmAddress }).click();
      await expect(page.getByText(s.respondent.answer.addressConfirmed.replace('{{email}}', respondentEmail))).toBeVisible();

      // Consent to online handling is the respondent's to give (rule A1): never ticked for it.
      const online = page.getByRole('checkbox', { name: s.respondent.answer.consentOnline });
      await expect(online).not.toBeChecked();
      await online.check();

      // Not verified yet: the API's identity-verification problem, said plainly, with the way to the profile.
      await page.getByRole('button', { name: s.respondent.answer.agree, exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: s.respondent.answer.agree, exact: true }).click();
      const identity = page.getByTestId('identity-required');
      await expect(identity).toBeVisible();
      await expect(identity.getByRole('link', { name: s.respondent.answer.identityLink })).toHaveAttribute('href', '/profile#identity-verification');
      await audit(page, 'answer-identity-required');

      // An administrator verifies the respondent (a video call for a party abroad); then the answer goes through.
      await verifyIdentityOf(request, accord, respondentEmail);
      await page.getByRole('button', { name: s.respondent.answer.agree, exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: s.respondent.answer.agree, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${served.caseId}$`));
      await expect(page.getByTestId('case-number')).toHaveText(served.number);
      await expect(page.getByText(s.status.mediating.label, { exact: true })).toBeVisible();
      await audit(page, 'case-after-agreeing');

      // The consent is recorded; a step the mediator, court or staff switch offline shows in the timeline with why.
      const staff = await staffOf(request, accord);
      const reason = lang === 'en' ? 'The next session is held in person at the court.' : '下次调解会议在法院现场进行。';
      const switched = await request.post(`/api/v1/cases/${served.caseId}/offline-steps`, {
        headers: { Authorization: `Bearer ${staff.admin}` },
        data: { step: 'session', reason },
      });
      expect(switched.status()).toBe(201);
      const answered = (await (
        await request.get(`/api/v1/cases/${served.caseId}`, { headers: { Authorization: `Bearer ${await apiToken(request, respondentEmail)}` } })
      ).json()) as {
        respondents: { consentOnline: boolean | null }[];
      };
      expect(answered.respondents[0].consentOnline).toBe(true);
      await page.getByRole('tab', { name: s.casePage.tabs.timeline }).click();
      await expect(page.getByText(s.casePage.events.online_consent_recorded, { exact: true })).toBeVisible();
      await expect(page.getByText(s.casePage.events.step_switched_offline, { exact: true })).toBeVisible();
      await expect(page.getByTestId('offline-step')).toHaveText(`${s.casePage.offlineSteps.session}${lang === 'en' ? ' — ' : '：'}${reason}`);
      await audit(page, 'case-timeline-offline-step');

      // The claim is the account's: the address is confirmed for service at once.
      const token = await apiToken(request, respondentEmail);
      const view = (await (await request.get(`/api/v1/cases/${served.caseId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        respondents: { email: string; phone: string; eServiceBasis: string }[];
      };
      expect(view.respondents[0]).toMatchObject({ email: respondentEmail, phone: '+8613912345678', eServiceBasis: 'express' });
    });

    test('with an account already: signs in from the served link, claims, and declines with a reason', async ({ page, audit, request, accord }) => {
      const respondentEmail = uniqueEmail(`served-decline-${lang}`);
      // The notice is in the case's language, whatever the browser's: the reader's language wins.
      const served = await servedCase(request, accord, { language: other, respondentEmail, respondentName: 'Ningbo Bing Trading Company' });
      const accountEmail = uniqueEmail(`lawyer-${lang}`);
      await registerParty(request, accountEmail, lang, 'Ningbo Bing Trading Company');
      await verifyIdentityOf(request, accord, accountEmail);

      await page.goto(served.link);
      await expect(page.getByRole('heading', { level: 1, name: o.respondent.served.title })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', other);
      await page.getByTestId('language-switch').click();
      await expect(page.getByRole('heading', { level: 1, name: s.respondent.served.title })).toBeVisible();
      await audit(page, 'served-landing-switched');

      await page.getByRole('tab', { name: s.respondent.served.signInTab }).click();
      const panel = page.getByRole('tabpanel');
      await panel.getByLabel(s.auth.email).fill(accountEmail);
      await panel.getByLabel(s.auth.password).fill(PASSWORD);
      await panel.getByRole('button', { name: s.respondent.served.signInSubmit }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${served.caseId}/answer$`));

      await page.getByRole('checkbox', { name: s.respondent.answer.consent }).check();
      await page.getByRole('button', { name: s.respondent.answer.confirmAddress }).click();
      await page.getByRole('button', { name: s.respondent.answer.decline, exact: true }).click();
      await page.getByLabel(s.respondent.answer.reason).fill('We prefer to settle this in court.');
      await audit(page, 'answer-decline');
      await page.getByRole('button', { name: s.respondent.answer.declineSubmit }).click();
      await expect(page.getByText(s.respondent.answer.declined)).toBeVisible();
      await audit(page, 'answer-declined');

      const token = await apiToken(request, accountEmail);
      const view = (await (await request.get(`/api/v1/cases/${served.caseId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        status: string;
        yourRoles: string[];
      };
      expect(view.yourRoles).toContain('respondent');
      expect(view.status).not.toBe('awaiting_respondent');

      // The link now says there is nothing left to answer.
      await page.goto(served.link);
      await expect(page.getByText(s.respondent.served.answeredOrClosed)).toBeVisible();
    });
  });
}

test.describe('the served landing page on a 375 px screen', () => {
  test.use({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('fits, and passes axe', async ({ page, audit, request, accord }) => {
    const respondentEmail = uniqueEmail('served-phone');
    const served = await servedCase(request, accord, { language: 'zh-CN', respondentEmail, respondentName: '深圳乙电子有限公司' });
    await page.goto(served.link);
    await expect(page.getByRole('heading', { level: 1, name: STRINGS['zh-CN'].respondent.served.title })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(375);
    await audit(page, 'served-landing');
  });

  test('a broken link says so plainly', async ({ page }) => {
    await page.goto('/served/not-a-link');
    await expect(page.getByRole('alert')).toContainText(STRINGS['zh-CN'].respondent.served.invalid);
  });
});
