import { apiToken, profileOf, registerParty, signInHere } from './support/accounts';
import { expect, test, uniqueEmail } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';

for (const { lang, locale, other } of LANGS) {
  test.describe(`profile and cases (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const o = STRINGS[other];

    test('the profile saves the language, and says how a party abroad gets verified', async ({ page, audit, request }) => {
      const email = uniqueEmail(`profile-${lang}`);
      await registerParty(request, email, lang);
      await page.goto('/profile');
      await expect(page).toHaveURL(/\/sign-in\?redirect=%2Fprofile/);
      await signInHere(page, lang, email);

      await expect(page.getByRole('heading', { level: 1, name: s.profile.title })).toBeVisible();
      await expect(page.getByText(s.profile.identity.notVerified)).toBeVisible();
      await expect(page.getByText(s.profile.identity.foreign)).toBeVisible();
      await audit(page, 'profile');

      await page.getByLabel(s.profile.identity.documentNumber).fill('E12345678');
      await page.getByRole('button', { name: s.profile.identity.submit }).click();
      await expect(page.getByText(s.profile.identity.pending)).toBeVisible();

      await page.getByRole('radio', { name: o.languages[other] }).check();
      await page.getByRole('button', { name: s.profile.save }).click();
      await expect(page.getByRole('heading', { level: 1, name: o.profile.title })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', other);
      await audit(page, 'profile-saved');
      expect((await profileOf(request, email)).preferredLanguage).toBe(other);
    });

    test('a link to a case (as in every e-mail) opens it after sign-in; My cases lists it in plain words', async ({ page, audit, request }) => {
      const email = uniqueEmail(`cases-${lang}`);
      await registerParty(request, email, lang);
      const token = await apiToken(request, email);
      const created = await request.post('/api/v1/cases', {
        headers: { Authorization: `Bearer ${token}` },
        data: {
          title: lang === 'en' ? 'Patent infringement: folding bicycle hinge' : '发明专利侵权：折叠自行车铰链',
          disputeType: 'patent',
          applicant: { kind: 'person', name: 'Test Party', email },
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { id, number } = (await created.json()) as { id: string; number: string };

      await page.goto(`/cases/${id}`);
      await expect(page).toHaveURL(/\/sign-in\?redirect=/);
      await signInHere(page, lang, email);
      await expect(page).toHaveURL(new RegExp(`/cases/${id}$`));
      await expect(page.getByTestId('case-number')).toHaveText(number);
      await expect(page.getByText(s.status.draft.label, { exact: true })).toBeVisible();
      await audit(page, 'case');

      await page.getByRole('link', { name: s.cases.back }).click();
      await expect(page.getByRole('link', { name: number })).toBeVisible();
      await expect(page.getByText(s.status.draft.next)).toBeVisible();
      // Dates in the reader's way of writing them (dayjs's localized formats), not a raw pattern.
      await expect(page.getByRole('cell', { name: lang === 'en' ? /^\w+ \d{1,2}, \d{4}$/ : /^\d{4}年\d{1,2}月\d{1,2}日$/ })).toBeVisible();
      await audit(page, 'my-cases');

      // The search is in the URL: it survives a reload and can be shared.
      await page.getByRole('searchbox', { name: s.cases.search }).fill('no-such-case-anywhere');
      await page.getByRole('searchbox', { name: s.cases.search }).press('Enter');
      await expect(page).toHaveURL(/\?q=no-such-case-anywhere/);
      await expect(page.getByText(s.cases.empty)).toBeVisible();
    });
  });
}
