import { linkInMail, registerParty, signInHere } from './support/accounts';
import { expect, PASSWORD, test, uniqueEmail } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';

const NEW_PASSWORD = 'a brand new passphrase 42';

for (const { lang, locale } of LANGS) {
  test.describe(`forgotten password (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];

    test('the link from the e-mail sets a new password, which then signs in', async ({ page, audit, request, accord }) => {
      const email = uniqueEmail(`forgot-${lang}`);
      await registerParty(request, email, lang);

      await page.goto('/sign-in');
      await page.getByRole('link', { name: s.auth.signIn.forgot }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.auth.forgot.title })).toBeVisible();
      await audit(page, 'forgot-password');
      await page.getByLabel(s.auth.email).fill(email);
      await page.getByRole('button', { name: s.auth.forgot.submit }).click();
      await expect(page.getByTestId('reset-sent')).toBeVisible();
      await audit(page, 'forgot-password-sent');

      // The e-mail a person receives, in their language, links to this app.
      const link = await linkInMail(accord.smtp, email, /(http:\/\/\S+\/reset-password\?token=\S+)/);
      expect(link.startsWith(accord.url)).toBe(true);

      await page.goto(link);
      await expect(page.getByRole('heading', { level: 1, name: s.auth.reset.title })).toBeVisible();
      await audit(page, 'reset-password');
      await page.getByLabel(s.auth.reset.newPassword, { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel(s.auth.reset.confirm).fill(`${NEW_PASSWORD} typo`);
      await page.getByRole('button', { name: s.auth.reset.submit }).click();
      await expect(page.getByText(s.auth.reset.mismatch)).toBeVisible();
      await page.getByLabel(s.auth.reset.confirm).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: s.auth.reset.submit }).click();

      await expect(page).toHaveURL(/\/sign-in\?notice=password-reset/);
      await expect(page.getByText(s.auth.reset.done)).toBeVisible();
      await audit(page, 'sign-in-after-reset');
      await signInHere(page, lang, email, NEW_PASSWORD);
      await expect(page.getByRole('heading', { level: 1, name: s.cases.myCases })).toBeVisible();
      const oldPassword = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
      expect(oldPassword.status()).toBe(401);

      // The same link a second time: it worked once, and says what to do now.
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: s.header.signOut, exact: true }).click();
      await page.goto(link);
      await page.getByLabel(s.auth.reset.newPassword, { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel(s.auth.reset.confirm).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: s.auth.reset.submit }).click();
      await expect(page.getByRole('alert').filter({ hasText: s.auth.reset.badToken })).toBeVisible();
      await audit(page, 'reset-password-used-link');
    });
  });
}
