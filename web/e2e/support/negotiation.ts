import { expect, type Browser, type Page } from '@playwright/test';
import type { AccordServer } from './accord-server';
import type { Lang } from './fixtures';
import type { Actor } from './mediating-case';
import { STRINGS } from './strings';
import { signedInAt } from './sign-in';

export type NegotiationPanel = 'offers' | 'bidding' | 'period' | 'ending';

/** A person of the case in a browser of their own (a context: own session), signed in, in the room on `panel`. */
export async function inRoom(browser: Browser, accord: AccordServer, locale: string, lang: Lang, who: Actor, caseId: string, panel: NegotiationPanel): Promise<Page> {
  const context = await browser.newContext({ locale, baseURL: accord.url });
  const page = await context.newPage();
  await signedInAt(page, who.email, `/cases/${caseId}/room?panel=${panel}`);
  await expect(page.getByRole('tab', { name: STRINGS[lang].room.panels[panel], selected: true })).toBeVisible();
  return page;
}

/**
 * Opens a panel afresh (its data is read again when it opens), as a person does to see what the
 * other side did; a reload would sign the browser out.
 */
export async function openPanel(page: Page, lang: Lang, panel: NegotiationPanel): Promise<void> {
  const panels = STRINGS[lang].room.panels;
  await page.getByRole('tab', { name: panels.messages }).click();
  await page.getByRole('tab', { name: panels[panel] }).click();
  await expect(page.getByRole('tab', { name: panels[panel], selected: true })).toBeVisible();
}

/** Fills "{{n}}"-style placeholders of the app's strings, as i18next does. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
}

/** Every response body the page receives from now on (to prove what never reaches it). */
export function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    void response
      .body()
      .then((b) => bodies.push(`${response.url()}\n${b.toString('utf8')}`))
      .catch(() => undefined);
  });
  return bodies;
}
