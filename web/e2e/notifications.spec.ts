import type { Page } from '@playwright/test';
import { caseBetween, person, staff } from './support/case-setup';
import { expect, test } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

const WITHDRAWN = { en: /Case withdrawn/, 'zh-CN': /案件已撤回/ } as const;

for (const { lang, locale } of LANGS) {
  test.describe(`live notifications (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const bellSays = (page: Page, count: number) =>
      expect(page.getByTestId('notification-bell')).toHaveAttribute(
        'aria-label',
        count === 0 ? s.header.noUnread : (count === 1 ? s.header.unread_one : s.header.unread_other).replace('{{count}}', String(count)),
      );

    test('the other party’s step reaches the open case page, the bell and the inbox without reload, and again after the stream drops', async ({ page, audit, request, accord }) => {
      test.setTimeout(120_000);
      // Party A (the applicant) acts through the API (its withdraw screen belongs to the filing
      // wizard); party B (the respondent) only uses the browser.
      const { admin, mediator, mediatorId } = await staff(request, accord);
      const applicant = await person(request, 'applicant', 'en');
      const respondent = await person(request, 'respondent', lang);
      const people = { applicant, respondent, admin, mediator, mediatorId };
      const first = await caseBetween(request, accord, people, `Coil alignment patent (${lang}) one`);
      const second = await caseBetween(request, accord, people, `Coil alignment patent (${lang}) two`);

      // B has the case page open; the stream is connected once `ready` set the count.
      const streams: string[] = [];
      page.on('request', (r) => r.url().includes('/notifications/stream?ticket=') && streams.push(r.url()));
      await signedInAt(page, respondent.email, `/cases/${first.id}`);
      await expect(page.getByTestId('case-number')).toHaveText(first.number);
      await expect(page.getByText(s.status.awaiting_respondent.label, { exact: true })).toBeVisible();
      await bellSays(page, 0);
      await expect.poll(() => streams.length).toBe(1);
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      // A withdraws: B's bell, and the case page's status, change while B watches.
      const withdrawn = await request.post(`/api/v1/cases/${first.id}/transitions`, {
        headers: applicant.auth,
        data: { event: 'withdraw', expectedVersion: await versionOf(request, first.id, applicant.auth) },
      });
      expect(withdrawn.status(), await withdrawn.text()).toBe(200);
      await bellSays(page, 1);
      // Withdrawn, the case closes (and is soon archived): the page shows it without a reload.
      await expect(page.getByText(s.status.awaiting_respondent.label, { exact: true })).toBeHidden();
      await expect(page.getByText(new RegExp(`^(${s.status.closed.label}|${s.status.archived.label})$`))).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

      // The bell opens the latest; from there, the inbox.
      await page.getByTestId('notification-bell').click();
      const popover = page.getByTestId('notification-popover');
      await expect(popover.getByRole('link', { name: WITHDRAWN[lang] })).toBeVisible();
      await audit(page, 'notification-bell');
      await popover.getByRole('link', { name: s.notifications.seeAll }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.notifications.title })).toBeVisible();
      await expect(popover).toBeHidden();
      const inbox = page.locator('#main');
      const item = inbox.getByTestId('notification-item').filter({ hasText: first.number });
      await expect(item).toHaveAttribute('data-unread', 'true');
      await expect(item.getByRole('link', { name: WITHDRAWN[lang] })).toHaveAttribute('href', `/cases/${first.id}`);
      await audit(page, 'notifications');

      // Keyboard only: to "Mark as read", Enter.
      const markRead = item.getByRole('button', { name: s.notifications.markRead });
      await markRead.focus();
      await expect(markRead).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(item).toHaveAttribute('data-unread', 'false');
      await bellSays(page, 0);

      // The connection drops (offline), comes back with a fresh ticket; a later notification arrives.
      await page.context().setOffline(true);
      await page.waitForTimeout(1500);
      await page.context().setOffline(false);
      await expect.poll(() => streams.length, { timeout: 30_000 }).toBeGreaterThan(1);
      expect(new Set(streams).size).toBe(streams.length);
      const again = await request.post(`/api/v1/cases/${second.id}/transitions`, {
        headers: applicant.auth,
        data: { event: 'withdraw', expectedVersion: await versionOf(request, second.id, applicant.auth) },
      });
      expect(again.status(), await again.text()).toBe(200);
      await bellSays(page, 1);
      await expect(inbox.getByTestId('notification-item').filter({ hasText: second.number })).toHaveAttribute('data-unread', 'true');
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

      // Following the notification opens its case.
      await inbox.getByTestId('notification-item').filter({ hasText: second.number }).getByRole('link', { name: WITHDRAWN[lang] }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${second.id}$`));
      await expect(page.getByTestId('case-number')).toHaveText(second.number);
    });
  });
}

async function versionOf(request: import('@playwright/test').APIRequestContext, caseId: string, auth: { Authorization: string }): Promise<number> {
  return ((await (await request.get(`/api/v1/cases/${caseId}`, { headers: auth })).json()) as { version: number }).version;
}
