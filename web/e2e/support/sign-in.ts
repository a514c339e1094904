import { expect, type Page } from '@playwright/test';
import { PASSWORD } from './fixtures';

/**
 * Signs the page's browser in without the sign-in page, for tests whose subject is another
 * screen: the API's sign-in as the web app calls it (X-Accord-Client: browser), whose HttpOnly
 * refresh cookie lands in the page's context, then `path` opens and the app restores the session
 * from the cookie, as on any reload. The sign-in form itself is tested in auth.spec.ts,
 * password-reset.spec.ts, small-screen.spec.ts and the specs that sign in from a served link.
 */
export async function signedInAt(page: Page, email: string, path: string, password = PASSWORD): Promise<void> {
  const res = await page.request.post('/api/v1/auth/login', { data: { email, password }, headers: { 'X-Accord-Client': 'browser' } });
  expect(res.status(), `sign-in of ${email}: ${await res.text()}`).toBe(200);
  await page.goto(path);
}
