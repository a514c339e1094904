import { expect, PASSWORD, test, uniqueEmail } from './support/fixtures';
import { profileOf, signInHere } from './support/accounts';
import { LANGS, STRINGS } from './support/strings';

for (const { lang, locale, other } of LANGS) {
  test.describe(`signing up and in (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const o = STRINGS[other];

    test('a party registers, lands on My cases, signs out, signs in and switches language', async ({ page, audit, request }) => {
      const email = uniqueEmail(`party-${lang}`);

      await page.goto('/');
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByRole('heading', { level: 1, name: s.auth.signIn.title })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await audit(page, 'sign-in');

      await page.getByRole('link', { name: s.auth.signIn.register }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.auth.register.title })).toBeVisible();
      await audit(page, 'register');

      // The API's rules are checked beside each field before anything is sent.
      await page.getByLabel(s.auth.email).fill('not-an-address');
      await page.getByLabel(s.auth.password, { exact: true }).fill('short');
      await page.getByRole('button', { name: s.auth.register.submit }).click();
      await expect(page.getByText(s.auth.validation.email)).toBeVisible();
      await expect(page.getByText(s.auth.validation.passwordLength)).toBeVisible();
      await audit(page, 'register-errors');

      await page.getByLabel(s.auth.register.displayName).fill(lang === 'en' ? 'Alice Example' : '李伟');
      await page.getByLabel(s.auth.email).fill(email);
      await page.getByLabel(s.auth.password, { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: s.auth.register.submit }).click();

      await expect(page).toHaveURL(/\/cases$/);
      await expect(page.getByRole('heading', { level: 1, name: s.cases.myCases })).toBeVisible();
      await expect(page.getByText(s.cases.empty)).toBeVisible();
      await audit(page, 'my-cases-empty');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: s.header.signOut, exact: true }).click();
      await expect(page).toHaveURL(/\/sign-in/);

      await signInHere(page, lang, email);
      await expect(page.getByRole('heading', { level: 1, name: s.cases.myCases })).toBeVisible();

      // Switching language changes the screen at once and is saved to the profile.
      await page.getByTestId('language-switch').click();
      await expect(page.getByRole('heading', { level: 1, name: o.cases.myCases })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', other);
      await audit(page, 'my-cases-switched');
      await expect.poll(async () => (await profileOf(request, email)).preferredLanguage).toBe(other);
    });

    test('a wrong password is said in words, beside nothing else', async ({ page, audit }) => {
      await page.goto('/sign-in');
      await signInHere(page, lang, uniqueEmail('nobody'));
      await expect(page.getByRole('alert').filter({ hasText: s.auth.signIn.wrongCredentials })).toBeVisible();
      await audit(page, 'sign-in-wrong-password');
    });
  });
}
