import type { Browser, Page } from '@playwright/test';
import type { AccordServer } from './support/accord-server';
import { apiToken } from './support/accounts';
import { courtWithStaff, docketed, lodgedCase, ROOM_SECRETS, type CourtPerson } from './support/court-case';
import { expect, PASSWORD, test, uniqueEmail, type Lang } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

/** A page's first load, on a 2-core machine shared with other test runs, can take a while. */
const FIRST_LOAD = 30_000;

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** A fresh browser for one person of the court, signed in at `path`; on a 375 px phone when `phone`. */
async function signedIn(browser: Browser, accord: AccordServer, locale: string, lang: Lang, who: CourtPerson, path: string, phone = false): Promise<Page> {
  const context = await browser.newContext({ baseURL: accord.url, locale, ...(phone ? PHONE : {}) });
  const page = await context.newPage();
  await signedInAt(page, who.email, path);
  return page;
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(375);
}

/** Mediation content never reaches any court screen. */
async function expectNoRoomContent(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const secret of Object.values(ROOM_SECRETS)) expect(text).not.toContain(secret);
}

for (const { lang, locale } of LANGS) {
  test.describe(`the court's confirmation desk (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const d = s.courtDesk;

    test('a clerk dockets from the queue and sees the number; the court file shows the agreement, never the room; a judge previews the ruling and confirms', async ({
      page,
      audit,
      request,
      accord,
      browser,
    }) => {
      test.setTimeout(240_000);
      const court = await courtWithStaff(request, accord, lang);
      const lodged = await lodgedCase(request, accord, court, lang);

      // The clerk's queue: the application, its stage, and the days left to docket it.
      await signedInAt(page, court.clerk.email, '/court');
      const queue = page.getByTestId('confirmation-queue');
      const row = queue.getByRole('row', { name: new RegExp(lodged.caseNumber) });
      await expect(row.getByRole('link', { name: lodged.caseNumber })).toBeVisible({ timeout: FIRST_LOAD });
      await expect(row.getByText(d.statuses.lodged)).toBeVisible();
      await expect(row.getByTestId('countdown')).toBeVisible();
      await expect(page.getByRole('navigation', { name: d.menuLabel }).getByRole('link', { name: d.menu.referrals })).toHaveAttribute('href', '/court/referrals');
      await expect(page.getByRole('link', { name: d.menu.staff })).toHaveCount(0);
      await audit(page, 'court-queue');

      // Docket it: the court's 民特调确 number shows at once.
      await row.getByRole('button', { name: `${d.clerk.docket}: ${lodged.caseNumber}` }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByText(d.clerk.docketText)).toBeVisible();
      await audit(page, 'court-docket-dialog');
      await dialog.getByRole('button', { name: d.clerk.docket, exact: true }).click();
      await expect(page.getByTestId('docketed-number')).toContainText(/民特调确\d+号/);
      const number = /\(\d{4}\)\S*?民特调确\d+号/.exec((await page.getByTestId('docketed-number').innerText()) ?? '')?.[0];
      expect(number).toBeTruthy();
      await expect(row.getByText(number!)).toBeVisible();
      await expect(row.getByText(d.statuses.docketed)).toBeVisible();
      await audit(page, 'court-queue-docketed');

      // The court file: the agreement (its PDF opens), the lodged documents, service, the record.
      await row.getByRole('link', { name: lodged.caseNumber }).click();
      await expect(page).toHaveURL(new RegExp(`/court/applications/${lodged.applicationId}$`));
      await expect(page.getByTestId('docket-number')).toHaveText(number!);
      await expect(page.getByTestId('agreement-result')).toBeVisible();
      await expect(page.getByText(d.judge.onlyJudge)).toBeVisible();
      await expectNoRoomContent(page);
      await audit(page, 'court-application');
      for (const [tab, name] of [
        [d.file.tabs.materials, 'court-application-materials'],
        [d.file.tabs.service, 'court-application-service'],
        [d.file.tabs.timeline, 'court-application-timeline'],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await expectNoRoomContent(page);
        await audit(page, name);
      }
      await expect(page.getByText(s.casePage.events.agreement_effective)).toBeVisible();
      // The signed agreement opens in a viewer (last: Chromium's PDF viewer keeps the network busy).
      await page.getByRole('tab', { name: d.file.tabs.agreement }).click();
      await page
        .getByRole('button', { name: new RegExp(`^${d.file.view}: `) })
        .first()
        .click();
      await expect(page.getByTestId('pdf-preview')).toHaveAttribute('src', /^blob:/);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('pdf-preview')).toHaveCount(0);

      // The judge reads the ruling before issuing it, then confirms.
      const judge = await signedIn(browser, accord, locale, lang, court.judge, `/court/applications/${lodged.applicationId}`);
      await expect(judge.getByRole('heading', { name: d.judge.title })).toBeVisible({ timeout: FIRST_LOAD });
      await expect(judge.getByTestId('court-deadline')).toBeVisible();
      await audit(judge, 'court-decision');
      await judge.getByRole('button', { name: d.judge.preview }).click();
      await expect(judge.getByTestId('ruling-preview')).toHaveAttribute('src', /^blob:/);
      await judge.getByRole('button', { name: d.judge.issueConfirm }).click();
      await expect(judge.getByTestId('application-status')).toHaveText(d.statuses.confirmed);
      await expect(judge.getByRole('heading', { name: d.judge.title })).toHaveCount(0);
      const after = await request.get(`/api/v1/cases/${lodged.caseId}`, { headers: lodged.applicant.auth });
      expect(((await after.json()) as { status: string }).status).toBe('confirmed');
      await judge.context().close();
    });

    test('a judge extends the decision period once, then rejects on grounds ticked from the checklist', async ({ audit, request, accord, browser }) => {
      test.setTimeout(240_000);
      const court = await courtWithStaff(request, accord, lang);
      const lodged = await lodgedCase(request, accord, court, lang);
      await docketed(request, court, lodged);

      // This judge works on a phone.
      const judge = await signedIn(browser, accord, locale, lang, court.judge, `/court/applications/${lodged.applicationId}`, true);
      await expect(judge.getByRole('heading', { name: d.judge.title })).toBeVisible({ timeout: FIRST_LOAD });
      await expectNoSidewaysScroll(judge);
      await audit(judge, 'court-decision');

      // Extend once, with the approver and the reason.
      await judge.getByRole('button', { name: d.judge.extend }).click();
      const dialog = judge.getByRole('dialog');
      await dialog.getByLabel(d.judge.approvedBy).fill(lang === 'en' ? 'President Zhou' : '周院长');
      await dialog.getByLabel(d.judge.extendReason).fill(lang === 'en' ? 'The licence terms need a closer reading' : '许可条款需进一步审查');
      await audit(judge, 'court-extend-dialog');
      await dialog.getByRole('button', { name: d.judge.extend }).click();
      await expect(judge.getByTestId('extension')).toContainText(lang === 'en' ? 'President Zhou' : '周院长');
      await expect(judge.getByRole('button', { name: d.judge.extend })).toHaveCount(0);

      // Reject: without a ground the form says so beside the checklist; with one, the ruling is previewed and issued.
      await judge.getByRole('radio', { name: d.judge.reject }).check();
      await judge.getByRole('button', { name: d.judge.preview }).click();
      await expect(judge.getByText(d.judge.groundsRequired)).toBeVisible();
      await judge.getByRole('checkbox', { name: d.judge.groundsList.content_unclear }).check();
      await audit(judge, 'court-reject-grounds');
      await judge.getByRole('button', { name: d.judge.preview }).click();
      await expect(judge.getByTestId('ruling-preview')).toHaveAttribute('src', /^blob:/);
      await judge.getByRole('button', { name: d.judge.issueReject }).click();
      await expect(judge.getByTestId('application-status')).toHaveText(d.statuses.rejected);

      const view = (await (await request.get(`/api/v1/confirmation-applications/${lodged.applicationId}`, { headers: court.judge.auth })).json()) as {
        status: string;
        decision: { grounds: string[]; extension: { approvedBy: string } | null };
      };
      expect(view).toMatchObject({ status: 'rejected', decision: { grounds: ['content_unclear'], extension: { approvedBy: lang === 'en' ? 'President Zhou' : '周院长' } } });
      await judge.context().close();
    });

    test('the court’s own administrator adds a clerk and disables an account', async ({ page, audit, request, accord }) => {
      test.setTimeout(180_000);
      const court = await courtWithStaff(request, accord, lang);
      await signedInAt(page, court.admin.email, '/court');
      await page.getByRole('navigation', { name: d.menuLabel }).getByRole('link', { name: d.menu.staff }).click();
      await expect(page).toHaveURL(/\/court\/staff$/);
      const table = page.getByTestId('court-staff');
      await expect(table.getByRole('row', { name: new RegExp(court.judge.name) })).toBeVisible({ timeout: FIRST_LOAD });
      await audit(page, 'court-staff');

      // Add a clerk with a first password.
      const email = uniqueEmail('new-clerk');
      const name = lang === 'en' ? `New clerk ${Date.now() % 10000}` : `新书记员${Date.now() % 10000}`;
      await page.getByRole('button', { name: d.staff.add }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(d.staff.displayName).fill(name);
      await dialog.getByLabel(d.staff.email).fill(email);
      await dialog.getByLabel(d.staff.password).fill(PASSWORD);
      await audit(page, 'court-staff-add');
      await dialog.getByRole('button', { name: d.staff.save }).click();
      const added = table.getByRole('row', { name: new RegExp(name) });
      await expect(added.getByText(d.staff.clerkRole, { exact: true })).toBeVisible();
      await expect(added.getByText(d.staff.active, { exact: true })).toBeVisible();
      expect(await apiToken(request, email)).toBeTruthy();

      // Disable the new clerk: it cannot sign in any more.
      await added.getByRole('button', { name: `${d.staff.disable}: ${name}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: d.staff.disable }).click();
      await expect(added.getByText(d.staff.disabled, { exact: true })).toBeVisible();
      await expect(added.getByRole('button', { name: `${d.staff.enable}: ${name}` })).toBeVisible();
      const login = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
      expect(login.status()).toBe(401);
      await audit(page, 'court-staff-disabled');
    });
  });
}
