import { expect, type Page } from '@playwright/test';
import type { SmtpServer } from './accord-server';
import { codesReceived, nextCode } from './agreement';
import type { Lang } from './fixtures';
import type { Actor } from './mediating-case';
import { STRINGS } from './strings';

/**
 * Someone already signed in and in the room signs the proposed agreement: from the Agreement
 * panel to the signing page, a code by e-mail (read from the test SMTP server), entered.
 */
export async function signFromRoom(page: Page, smtp: SmtpServer, lang: Lang, who: Actor): Promise<void> {
  const s = STRINGS[lang];
  await page.getByRole('tab', { name: s.room.panels.messages }).click();
  await page.getByRole('tab', { name: s.room.panels.agreement }).click();
  await page.getByRole('button', { name: s.agreement.panel.goSign }).click();
  await expect(page.getByTestId('agreement-pdf')).toBeVisible({ timeout: 30_000 });
  const before = codesReceived(smtp, who.email);
  await page.getByRole('button', { name: s.agreement.sign.send }).click();
  const code = await nextCode(smtp, who.email, before);
  await page.getByLabel(s.agreement.sign.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: s.agreement.sign.submit }).click();
}
