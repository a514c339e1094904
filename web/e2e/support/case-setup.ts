import { expect, type APIRequestContext } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { PATENT_MEDIATOR_PROFILE } from './mediating-case';
import { apiToken, registerParty } from './accounts';
import { PASSWORD, uniqueEmail, type Lang } from './fixtures';

/** An account that signs in to the API: its e-mail and a bearer header. */
export interface Person {
  email: string;
  auth: { Authorization: string };
}

export async function person(request: APIRequestContext, prefix: string, language: Lang, displayName = prefix): Promise<Person> {
  const email = uniqueEmail(prefix);
  await registerParty(request, email, language, displayName);
  return { email, auth: { Authorization: `Bearer ${await apiToken(request, email)}` } };
}

/**
 * The installation's administrator (ADMIN_EMAIL), and a mediator with a profile that it creates,
 * for the steps of staff screens not built yet.
 */
export async function staff(request: APIRequestContext, accord: AccordServer): Promise<{ admin: Person; mediator: Person; mediatorId: string; mediatorName: string }> {
  const admin: Person = { email: accord.admin.email, auth: { Authorization: `Bearer ${await apiToken(request, accord.admin.email, accord.admin.password)}` } };
  const mediatorName = `Mediator ${Math.random().toString(36).slice(2, 8)}`;
  const mediatorEmail = uniqueEmail('mediator');
  const created = await request.post('/api/v1/users', {
    headers: admin.auth,
    data: { email: mediatorEmail, displayName: mediatorName, roles: ['mediator'], initialPassword: PASSWORD, preferredLanguage: 'en' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const mediator: Person = { email: mediatorEmail, auth: { Authorization: `Bearer ${await apiToken(request, mediatorEmail)}` } };
  const me = await request.get('/api/v1/me', { headers: mediator.auth });
  const mediatorId = ((await me.json()) as { id: string }).id;
  const profile = await request.put(`/api/v1/mediators/${mediatorId}/profile`, {
    headers: admin.auth,
    data: { ...PATENT_MEDIATOR_PROFILE, disputeTypes: ['patent', 'trademark'], technicalFields: [] },
  });
  expect(profile.status(), await profile.text()).toBe(200);
  return { admin, mediator, mediatorId, mediatorName };
}

async function ok<T>(response: Promise<import('@playwright/test').APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), `${r.url()}: ${await r.text()}`).toBe(status);
  return (await r.json()) as T;
}

/**
 * A case filed by `applicant` against `respondent` (by its account's e-mail), submitted and accepted,
 * then — when `mediatorId` is given — assigned to that mediator, who accepts; the notice of
 * mediation is served and the respondent claims the case from the link in its e-mail. All through
 * the API, as the people of the screens not built yet would.
 */
export async function caseBetween(
  request: APIRequestContext,
  accord: AccordServer,
  people: { applicant: Person; respondent: Person; admin: Person; mediator?: Person; mediatorId?: string },
  title: string,
): Promise<{ id: string; number: string }> {
  const { applicant, respondent, admin } = people;
  const filed = await ok<{ id: string; number: string; version: number }>(
    request.post('/api/v1/cases', {
      headers: applicant.auth,
      data: {
        title,
        disputeType: 'patent',
        statement: 'The respondent sells wireless chargers that use the patented coil-alignment method without a licence.',
        claims: [{ kind: 'stop_infringement', description: 'Stop making and selling the infringing chargers' }],
        ipRights: [{ kind: 'patent', number: 'ZL202310012345.6', jurisdiction: 'CN', owner: 'Applicant Ltd', title: 'Coil alignment method', classes: ['H02J'] }],
        applicant: {
          kind: 'organisation',
          name: 'Applicant Ltd',
          legalRepresentative: 'Zhang Wei',
          idType: 'unified_social_credit_code',
          idNumber: '91330100MA2H3X4Y5Z',
          phone: '+8657188880000',
          email: applicant.email,
          address: '1 Wensan Road, Hangzhou',
          consentOnline: true,
          consentEService: true,
          eServiceBasis: 'express',
        },
        respondents: [{ kind: 'organisation', name: 'Respondent Ltd', legalRepresentative: 'Wang Wu', email: respondent.email }],
        preferredLanguage: 'en',
        foreignElement: false,
      },
    }),
    201,
  );
  const evidence = await request.post(`/api/v1/cases/${filed.id}/documents?kind=evidence`, {
    headers: applicant.auth,
    multipart: {
      file: {
        name: 'evidence.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
      },
    },
  });
  expect(evidence.status(), await evidence.text()).toBe(201);
  const submitted = await ok<{ version: number }>(
    request.post(`/api/v1/cases/${filed.id}/transitions`, { headers: applicant.auth, data: { event: 'submit', expectedVersion: filed.version } }),
  );
  await ok(request.post(`/api/v1/cases/${filed.id}/transitions`, { headers: admin.auth, data: { event: 'accept', expectedVersion: submitted.version } }));
  if (!people.mediator || !people.mediatorId) return filed;

  await ok(request.post(`/api/v1/cases/${filed.id}/assignment/manual`, { headers: admin.auth, data: { mediatorId: people.mediatorId, reason: 'Browser test' } }));
  await ok(request.post(`/api/v1/cases/${filed.id}/assignment/accept`, { headers: people.mediator.auth, data: { noConflict: true } }));
  // The notice reaches the respondent's address; reading it serves it, and the account claims the party.
  let path: string | undefined;
  await expect
    .poll(
      () => {
        // The e-mail links to the landing page /served/{token}; the API serves the same token at /api/v1/service-links/{token}.
        const notice = accord.smtp.to(respondent.email).find((m) => m.mail.text?.includes(filed.number) && m.mail.text.includes('/served/'));
        const token = /\/served\/([A-Za-z0-9_\-.]+)/.exec(notice?.mail.text ?? '')?.[1];
        return (path = token && `/api/v1/service-links/${token}`);
      },
      { timeout: 20_000, message: `the notice of mediation of ${filed.number} in ${respondent.email}'s mail` },
    )
    .toBeTruthy();
  expect((await request.get(path!)).status()).toBe(200);
  await ok(request.post(`${path!}/claim`, { headers: respondent.auth }));
  return filed;
}
