import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiToken } from './support/accounts';
import { adminPerson } from './support/admin';
import { courtClerk } from './support/court';
import { expect, test } from './support/fixtures';
import { signedInAt } from './support/sign-in';
import { referralData } from './support/statistics-setup';
import { LANGS, STRINGS } from './support/strings';

/** A court system's receiver on loopback: the first request is answered 500, the rest 204. */
async function receiver(): Promise<{ url: string; answers: number[]; close(): Promise<void> }> {
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const code = answers.length === 0 ? 500 : 204;
      answers.push(code);
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/accord-webhooks`,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const { lang, locale } of LANGS) {
  test.describe(`court systems' webhooks in the administration portal (${lang})`, () => {
    test.use({ locale });
    const a = STRINGS[lang].adminPortal;

    test('the administrator sees each delivery of a referred case with its attempts, and replays one', async ({ page, audit, request, accord }) => {
      test.setTimeout(180_000);
      const hook = await receiver();
      try {
        const admin = await adminPerson(request, accord);
        const language = await request.patch('/api/v1/me', { headers: admin.auth, data: { preferredLanguage: lang } });
        expect(language.status(), await language.text()).toBe(200);
        const tag = Math.random().toString(36).slice(2, 8);

        // A court, its clerk, its system's key, and the system's subscription (made by the administrator).
        const { email: clerkEmail, courtId } = await courtClerk(request, accord, lang);
        const key = await request.post('/api/v1/admin/court-systems/keys', {
          headers: admin.auth,
          data: { courtId, courtSystemName: `System ${tag}`, label: 'production', permissions: ['read_cases'] },
        });
        expect(key.status(), await key.text()).toBe(201);
        const courtSystemId = ((await key.json()) as { courtSystemId: string }).courtSystemId;
        const subscribed = await request.post('/api/v1/admin/webhooks/subscriptions', {
          headers: admin.auth,
          data: { courtSystemId, url: hook.url, events: ['closed', 'archived'] },
        });
        expect(subscribed.status(), await subscribed.text()).toBe(201);
        const subscriptionId = ((await subscribed.json()) as { id: string }).id;

        // The clerk refers a case; intake rejects it: closed (first answered 500, then retried), then archived.
        const referred = await request.post('/api/v1/referrals', {
          headers: { Authorization: `Bearer ${await apiToken(request, clerkEmail)}` },
          data: referralData({ title: `Webhook referral ${tag}`, disputeType: 'trademark', lang, referralNumber: `(2026)浙01民诉前调${tag}号`, emailPrefix: 'webhook' }),
        });
        expect(referred.status(), await referred.text()).toBe(201);
        const caseId = ((await referred.json()) as { id: string }).id;
        const rejected = await request.post(`/api/v1/cases/${caseId}/transitions`, {
          headers: admin.auth,
          data: { event: 'reject', expectedVersion: 1, reason: 'Not an IP dispute' },
        });
        expect(rejected.status(), await rejected.text()).toBe(200);
        await expect
          .poll(
            async () => {
              const res = await request.get(`/api/v1/admin/webhooks/deliveries?subscriptionId=${subscriptionId}&status=delivered`, { headers: admin.auth });
              return ((await res.json()) as { items: unknown[] }).items.length;
            },
            { timeout: 60_000 },
          )
          .toBe(2);
        expect(hook.answers).toEqual([500, 204, 204]);

        // The portal: newest first, so this case's two deliveries are the first rows.
        await signedInAt(page, admin.email, '/admin?section=webhooks', accord.admin.password);
        await expect(page.getByRole('tab', { name: a.sections.webhooks, selected: true })).toBeVisible();
        const closed = page.getByRole('row', { name: new RegExp(a.webhooks.events.closed) }).first();
        await expect(closed.getByText(a.webhooks.statuses.delivered, { exact: true })).toBeVisible();
        await expect(page.getByRole('row', { name: new RegExp(a.webhooks.events.archived) }).first()).toBeVisible();
        await closed.locator('.ant-table-row-expand-icon').click();
        await expect(page.getByText(/HTTP 500/).first()).toBeVisible();
        await expect(page.getByText(/HTTP 204/).first()).toBeVisible();
        await audit(page, 'admin-webhooks');

        await closed.getByRole('button', { name: a.webhooks.replay, exact: true }).click();
        await expect(page.getByText(a.webhooks.replayed)).toBeVisible();
        await expect.poll(() => hook.answers.length, { timeout: 30_000 }).toBe(4);
        // The filter: given up ones only (none here).
        await page.getByLabel(a.webhooks.filter, { exact: true }).click();
        await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${a.webhooks.statuses.failed}"]`).click();
        await expect(page.getByText(a.none)).toBeVisible();
      } finally {
        await hook.close();
      }
    });
  });
}
