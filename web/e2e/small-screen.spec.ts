import { registerParty, signInHere } from './support/accounts';
import { expect, test, uniqueEmail, type Lang } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';

/** A phone: 375 px wide. Nothing may scroll sideways, and every screen passes axe. */
for (const { lang, locale } of LANGS) {
  test.describe(`on a 375 px screen (${lang})`, () => {
    test.use({ locale, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const s = STRINGS[lang];

    test('sign-in, register, my cases and profile fit and pass axe', async ({ page, audit, request }) => {
      const email = uniqueEmail(`phone-${lang}`);
      await registerParty(request, email, lang as Lang);

      await page.goto('/register');
      await expect(page.getByRole('heading', { level: 1, name: s.auth.register.title })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await audit(page, 'register');

      await page.goto('/sign-in');
      await expectNoSidewaysScroll(page);
      await audit(page, 'sign-in');
      await signInHere(page, lang, email);
      await expect(page.getByRole('heading', { level: 1, name: s.cases.myCases })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await audit(page, 'my-cases');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: s.header.profile }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.profile.title })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await audit(page, 'profile');
    });
  });
}

async function expectNoSidewaysScroll(page: import('@playwright/test').Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(375);
}
