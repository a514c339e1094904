import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { SmtpServer } from './accord-server';
import type { MediatingCase } from './mediating-case';

/** The code line of the signing-code e-mail, in either language (src/agreements/signature-codes.ts). */
const CODE = /(?:Your code: |验证码：)(\d{6})/;

/** How many signing codes `address` has received so far. */
export const codesReceived = (smtp: SmtpServer, address: string): number => smtp.to(address).filter((m) => CODE.test(m.mail.text ?? '')).length;

/** Waits for signing code number `count + 1` in `address`'s mail and returns it. */
export async function nextCode(smtp: SmtpServer, address: string, count: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      () => {
        const mail = smtp.to(address).filter((m) => CODE.test(m.mail.text ?? ''))[count];
        return (code = CODE.exec(mail?.mail.text ?? '')?.[1]);
      },
      { timeout: 20_000, message: `signing code ${count + 1} in ${address}'s mail` },
    )
    .toBeTruthy();
  return code!;
}

/** Presses Tab until `target` has the focus: how a keyboard user reaches a control. */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const dateIn = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The mediator's drafting done through the API (for tests about signing, not drafting): the
 * template filled in with identities, a result, a payment and the ownership flag, then proposed.
 */
export async function proposedAgreement(request: APIRequestContext, room: MediatingCase): Promise<{ hash: string }> {
  const api = `/api/v1/cases/${room.caseId}/agreement`;
  const created = await request.post(`${api}/draft`, { headers: room.mediator.auth, data: { language: 'en' } });
  expect(created.status(), await created.text()).toBe(201);
  const draft = (await created.json()) as { revision: number; content: Record<string, unknown> & { parties: Record<string, unknown>[] } };
  const content = {
    ...draft.content,
    parties: draft.content.parties.map((p, i) => ({ ...p, idNumber: (p.idNumber as string) || `91440300MA5XXXXX${i}2`, legalRepresentative: 'Wang Wu' })),
    result: 'The respondent pays CNY 100,000.00 and stops selling the chargers.',
    performance: {
      obligations: [{ id: 'pay', kind: 'money', obligorSide: 'respondent', beneficiarySide: 'applicant', amount: '100000.00', currency: 'CNY', due: { date: dateIn(30) } }],
    },
    confirmsOwnership: false,
  };
  const saved = await request.put(`${api}/draft`, { headers: room.mediator.auth, data: { revision: draft.revision, content } });
  expect(saved.status(), await saved.text()).toBe(200);
  const proposed = await request.post(`${api}/versions`, { headers: room.mediator.auth, data: {} });
  expect(proposed.status(), await proposed.text()).toBe(201);
  return (await proposed.json()) as { hash: string };
}
