import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { SmtpServer } from './accord-server';
import { PASSWORD, type Lang } from './fixtures';
import { STRINGS } from './strings';

/** A party account made through the API, so a test starts where it means to. */
export async function registerParty(request: APIRequestContext, email: string, language: Lang, displayName = 'Test Party'): Promise<void> {
  const res = await request.post('/api/v1/auth/register', { data: { email, password: PASSWORD, displayName, preferredLanguage: language } });
  expect(res.status(), await res.text()).toBe(201);
}

/** An access token for API calls of the test itself (not the browser's session). */
export async function apiToken(request: APIRequestContext, email: string, password = PASSWORD): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function profileOf(request: APIRequestContext, email: string, password = PASSWORD): Promise<{ preferredLanguage: string; displayName: string }> {
  const token = await apiToken(request, email, password);
  const res = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as { preferredLanguage: string; displayName: string };
}

/** Signs in through the sign-in page, which the browser is on. */
export async function signInHere(page: Page, lang: Lang, email: string, password = PASSWORD): Promise<void> {
  const s = STRINGS[lang];
  await page.getByLabel(s.auth.email).fill(email);
  await page.getByLabel(s.auth.password).fill(password);
  await page.getByRole('button', { name: s.auth.signIn.submit }).click();
}

/** Waits for an e-mail to `address` whose text matches `pattern`; returns the first group. */
export async function linkInMail(smtp: SmtpServer, address: string, pattern: RegExp): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(() => (found = pattern.exec(smtp.to(address).at(-1)?.mail.text ?? '')?.[1]), {
      timeout: 15_000,
      message: `an e-mail to ${address} (received: ${JSON.stringify(smtp.received.map((r) => [r.rcptTo, r.mail.text?.slice(0, 300)]))})`,
    })
    .toBeTruthy();
  return found!;
}
