import { expect, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { apiToken, registerParty } from './accounts';
import type { Person } from './case-setup';
import { PASSWORD, uniqueEmail, type Lang } from './fixtures';
import { PATENT_MEDIATOR_PROFILE } from './mediating-case';

async function ok<T>(response: Promise<APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), `${r.url()}: ${await r.text()}`).toBe(status);
  return (await r.json()) as T;
}

export interface QueueMediator extends Person {
  id: string;
}

/**
 * A mediator of its own for one test, speaking `lang`, who takes the given dispute types: a type
 * no other test's mediator takes makes the matcher choose this one. The administrator makes it.
 */
export async function queueMediator(request: APIRequestContext, accord: AccordServer, lang: Lang, disputeTypes: string[]): Promise<{ admin: Person; mediator: QueueMediator }> {
  const admin: Person = { email: accord.admin.email, auth: { Authorization: `Bearer ${await apiToken(request, accord.admin.email, accord.admin.password)}` } };
  const email = uniqueEmail(`queue-mediator-${lang}`);
  const made = await ok<{ id: string }>(
    request.post('/api/v1/users', {
      headers: admin.auth,
      data: { email, displayName: lang === 'en' ? 'Wang Fang' : '王芳', roles: ['mediator'], initialPassword: PASSWORD, preferredLanguage: lang },
    }),
    201,
  );
  await ok(
    request.put(`/api/v1/mediators/${made.id}/profile`, {
      headers: admin.auth,
      data: { ...PATENT_MEDIATOR_PROFILE, disputeTypes, capacity: 20 },
    }),
  );
  return { admin, mediator: { id: made.id, email, auth: { Authorization: `Bearer ${await apiToken(request, email)}` } } };
}

export interface FiledCase {
  id: string;
  number: string;
  title: string;
}

/** An application filed, submitted and accepted at intake; the matcher then looks for a mediator. */
export async function acceptedAtIntake(
  request: APIRequestContext,
  admin: Person,
  options: { lang: Lang; title: string; disputeType: string; applicantName: string; respondentName: string },
): Promise<FiledCase> {
  const email = uniqueEmail(`queue-applicant-${options.lang}`);
  await registerParty(request, email, options.lang, options.applicantName);
  const applicant = { Authorization: `Bearer ${await apiToken(request, email)}` };
  const ipRights =
    options.disputeType === 'trademark' ? [{ kind: 'trademark', number: '12345678', jurisdiction: 'CN', owner: options.applicantName, title: 'JIA', classes: ['9'] }] : [];
  const filed = await ok<{ id: string; number: string; version: number }>(
    request.post('/api/v1/cases', {
      headers: { ...applicant, 'Idempotency-Key': crypto.randomUUID() },
      data: {
        title: options.title,
        disputeType: options.disputeType,
        statement: 'The respondent copies our product and its packaging and sells it for less.',
        claims: [{ kind: 'stop_infringement', description: 'Stop selling the copies' }],
        ipRights,
        applicant: {
          kind: 'organisation',
          name: options.applicantName,
          legalRepresentative: 'Zhang Wei',
          idType: 'unified_social_credit_code',
          idNumber: '91330100MA2H3X4Y5Z',
          phone: '+8657188880000',
          email,
          address: '1 Wensan Road, Hangzhou',
          consentOnline: true,
          consentEService: true,
          eServiceBasis: 'express',
        },
        respondents: [{ kind: 'organisation', name: options.respondentName, legalRepresentative: 'Wang Wu', email: uniqueEmail('queue-respondent') }],
        preferredLanguage: options.lang,
        foreignElement: false,
      },
    }),
    201,
  );
  await ok(
    request.post(`/api/v1/cases/${filed.id}/documents?kind=evidence`, {
      headers: applicant,
      multipart: {
        file: {
          name: 'evidence.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
        },
      },
    }),
    201,
  );
  const submitted = await ok<{ version: number }>(
    request.post(`/api/v1/cases/${filed.id}/transitions`, { headers: applicant, data: { event: 'submit', expectedVersion: filed.version } }),
  );
  await ok(request.post(`/api/v1/cases/${filed.id}/transitions`, { headers: admin.auth, data: { event: 'accept', expectedVersion: submitted.version } }));
  return { id: filed.id, number: filed.number, title: options.title };
}

/**
 * Waits for the matcher's offer of the case to the mediator; should another test's mediator win
 * it, the administrator offers it by hand. Answers how it was offered.
 */
export async function offeredTo(request: APIRequestContext, admin: Person, mediator: QueueMediator, caseId: string, { byHand = false } = {}): Promise<'matcher' | 'manual'> {
  const pending = async () =>
    (await ok<{ items: { mediatorId: string; status: string }[] }>(request.get(`/api/v1/cases/${caseId}/assignment/offers`, { headers: admin.auth }))).items.find(
      (o) => o.status === 'pending',
    );
  if (!byHand) {
    await expect
      .poll(async () => (await pending()) !== undefined, { timeout: 15_000, message: 'the matcher’s offer' })
      .toBe(true)
      .catch(() => undefined);
    if ((await pending())?.mediatorId === mediator.id) return 'matcher';
  }
  await ok(request.post(`/api/v1/cases/${caseId}/assignment/manual`, { headers: admin.auth, data: { mediatorId: mediator.id, reason: 'Knows the market well' } }));
  return 'manual';
}

/** Presses Tab until the focused element matches (a keyboard user's path); fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A translated sentence with `{{name}}` placeholders as a pattern matching any value. */
export function template(text: string): RegExp {
  return new RegExp(
    text
      .split(/\{\{\w+\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+'),
  );
}
