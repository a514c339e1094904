import { profileOf } from './support/accounts';
import { expect, test } from './support/fixtures';
import { mediatingCase } from './support/mediating-case';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

for (const { lang, locale } of LANGS) {
  test.describe(`the mediation room's door (${lang})`, () => {
    test.use({ locale });

    test('the mediator and the parties open the room from the case page; the administrator never sees it', async ({ page, request, accord, audit }) => {
      test.setTimeout(120_000);
      const s = STRINGS[lang];
      const room = await mediatingCase(request, accord, lang);

      for (const person of [room.mediator, room.respondent]) {
        await signedInAt(page, person.email, `/cases/${room.caseId}`);
        await page.getByRole('button', { name: s.room.open }).click();
        await expect(page).toHaveURL(new RegExp(`/cases/${room.caseId}/room$`));
        await expect(page.getByRole('heading', { level: 1, name: s.room.title.replace('{{number}}', room.number) })).toBeVisible();
        await expect(page.getByRole('tab', { name: s.room.panels.offers })).toBeVisible();
        await page.getByRole('tab', { name: s.room.panels.offers }).click();
        await expect(page).toHaveURL(/panel=offers/);
        if (person === room.mediator) await audit(page, 'room-door');
        await page.context().clearCookies();
      }

      // The administrator reads the case, but the room is not theirs: no door on the case page, and no room by its address.
      await signedInAt(page, accord.admin.email, `/cases/${room.caseId}`, accord.admin.password);
      await expect(page.getByTestId('case-number')).toHaveText(room.number);
      // The page speaks the administrator's own language once signed in: wait until it has switched
      // (the case can be on screen before the administrator's profile is).
      const adminsLang = (await profileOf(request, accord.admin.email, accord.admin.password)).preferredLanguage === 'en' ? 'en' : 'zh-CN';
      await expect(page.locator('html')).toHaveAttribute('lang', adminsLang);
      const admins = STRINGS[adminsLang];
      await expect(page.getByRole('button', { name: admins.casePage.nextSteps })).toBeVisible();
      await expect(page.getByRole('button', { name: admins.room.open })).toHaveCount(0);
      await page.goto(`/cases/${room.caseId}/room`);
      await expect(page.getByText(admins.room.notForYou)).toBeVisible();
      await expect(page.getByRole('tab')).toHaveCount(0);
    });
  });
}
