import { expect, type APIRequestContext } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { apiToken, registerParty } from './accounts';
import { PASSWORD, uniqueEmail, type Lang } from './fixtures';

/** Someone who signs in: by the browser with `email` and PASSWORD, by the API with `auth`. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  auth: { Authorization: string };
}

export interface MediatingCase {
  caseId: string;
  number: string;
  title: string;
  admin: Actor;
  mediator: Actor;
  applicant: Actor;
  respondent: Actor;
}

async function ok<T>(response: Promise<import('@playwright/test').APIResponse>, status = 200): Promise<T> {
  const res = await response;
  expect(res.status(), `${res.url()}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The installation's administrator as an Actor, for the API steps a test takes itself. */
export async function adminActor(request: APIRequestContext, accord: AccordServer): Promise<Actor> {
  const auth = bearer(await apiToken(request, accord.admin.email, accord.admin.password));
  const me = await ok<{ id: string }>(request.get('/api/v1/me', { headers: auth }));
  return { id: me.id, email: accord.admin.email, name: 'Administrator', auth };
}

async function verified(request: APIRequestContext, by: Actor, person: Omit<Actor, 'id'>): Promise<Actor> {
  const me = await ok<{ id: string }>(request.get('/api/v1/me', { headers: person.auth }));
  await ok(request.post(`/api/v1/users/${me.id}/identity-verification`, { headers: by.auth, data: { method: 'video_call' } }), 201);
  return { ...person, id: me.id };
}

/** A party's account, registered and identity-verified by `by`. */
export async function party(request: APIRequestContext, by: Actor, prefix: string, name: string, language: Lang): Promise<Actor> {
  const email = uniqueEmail(prefix);
  await registerParty(request, email, language, name);
  return verified(request, by, { email, name, auth: bearer(await apiToken(request, email)) });
}

/** A mediator's profile that the matcher offers patent cases to, in both languages. */
export const PATENT_MEDIATOR_PROFILE = {
  active: true,
  disputeTypes: ['patent'],
  technicalFields: ['G06F'],
  languages: ['zh-CN', 'en'],
  jurisdictions: ['CN'],
  accreditations: ['court_invited'],
  seniority: 3,
  capacity: 50,
  courtIds: [] as string[],
  organisationIds: [],
  organisationRelationships: [],
  personRelationships: [],
  pastInvolvement: [],
};

/** A new mediator with a profile that takes patent cases in both languages (or as `profile` says), identity verified. */
export async function newMediator(request: APIRequestContext, by: Actor, language: Lang, profile: Partial<typeof PATENT_MEDIATOR_PROFILE> = {}): Promise<Actor> {
  const email = uniqueEmail('mediator');
  const name = language === 'en' ? `Mediator ${Math.random().toString(36).slice(2, 6)}` : `调解员${Math.random().toString(36).slice(2, 6)}`;
  const created = await ok<{ id: string }>(
    request.post('/api/v1/users', { headers: by.auth, data: { email, displayName: name, roles: ['mediator'], preferredLanguage: language, initialPassword: PASSWORD } }),
    201,
  );
  await ok(
    request.put(`/api/v1/mediators/${created.id}/profile`, {
      headers: by.auth,
      data: { ...PATENT_MEDIATOR_PROFILE, ...profile },
    }),
  );
  return verified(request, by, { email, name, auth: bearer(await apiToken(request, email)) });
}

/**
 * A case in `mediating`, reached through the API as the people of other screens would: a
 * verified applicant files and submits, the administrator accepts it at intake and assigns a new
 * mediator of its own (so tests don't share a mediator's queue), who accepts; the notice is served
 * on a verified respondent, who claims the case from the e-mailed link, confirms an address for
 * service (unless `respondentConfirmsAddress` is false) and agrees to mediate.
 */
export async function mediatingCase(
  request: APIRequestContext,
  accord: AccordServer,
  language: Lang,
  options: { respondentConfirmsAddress?: boolean } = {},
): Promise<MediatingCase> {
  const by = await adminActor(request, accord);
  const en = language === 'en';
  const applicant = await party(request, by, 'applicant', en ? 'Hangzhou Jia Technology Co., Ltd.' : '杭州甲科技有限公司', language);
  const respondent = await party(request, by, 'respondent', en ? 'Shenzhen Yi Electronics Co., Ltd.' : '深圳乙电子有限公司', language);
  const mediator = await newMediator(request, by, language);
  const title = en ? 'Infringement of patent ZL202310012345.6 (wireless chargers)' : '发明专利 ZL202310012345.6 侵权纠纷（无线充电器）';

  const filed = await ok<{ id: string; number: string }>(
    request.post('/api/v1/cases', {
      headers: { ...applicant.auth, 'Idempotency-Key': crypto.randomUUID() },
      data: {
        title,
        disputeType: 'patent',
        statement: 'The respondent sells wireless chargers that use the patented coil-alignment method without a licence.',
        claims: [
          { kind: 'stop_infringement', description: en ? 'Stop selling the chargers' : '停止销售侵权充电器' },
          { kind: 'monetary', description: en ? 'Damages' : '赔偿损失', amount: '120000.00', currency: 'CNY' },
        ],
        ipRights: [{ kind: 'patent', number: 'ZL202310012345.6', jurisdiction: 'CN', owner: applicant.name, title: 'Coil alignment method', classes: ['G06F'] }],
        applicant: {
          kind: 'organisation',
          name: applicant.name,
          legalRepresentative: 'Zhang Wei',
          idType: 'unified_social_credit_code',
          idNumber: '91330100MA2H3X4Y5Z',
          phone: '+8657188880000',
          email: applicant.email,
          address: '浙江省杭州市西湖区文三路 1 号',
          consentOnline: true,
          consentEService: true,
          eServiceBasis: 'express',
        },
        respondents: [{ kind: 'organisation', name: respondent.name, legalRepresentative: 'Wang Wu', email: respondent.email }],
        preferredLanguage: language,
        foreignElement: false,
      },
    }),
    201,
  );
  const caseId = filed.id;
  await ok(
    request.post(`/api/v1/cases/${caseId}/documents?kind=evidence`, {
      headers: applicant.auth,
      multipart: { file: { name: 'patent-certificate.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF } },
    }),
    201,
  );
  const version = async (who: Actor) => (await ok<{ version: number }>(request.get(`/api/v1/cases/${caseId}`, { headers: who.auth }))).version;
  const transition = async (who: Actor, event: string) =>
    ok(request.post(`/api/v1/cases/${caseId}/transitions`, { headers: who.auth, data: { event, expectedVersion: await version(who) } }));
  await transition(applicant, 'submit');
  await transition(by, 'accept');

  // The matcher may already have offered the case to someone else; the administrator assigns ours.
  await ok(request.post(`/api/v1/cases/${caseId}/assignment/manual`, { headers: by.auth, data: { mediatorId: mediator.id, reason: 'Browser test' } }));
  await ok(request.post(`/api/v1/cases/${caseId}/assignment/accept`, { headers: mediator.auth, data: { noConflict: true } }));

  // The notice reaches the respondent's address; the link's token claims the party for the account.
  let token: string | undefined;
  await expect
    .poll(
      () => {
        const notice = accord.smtp.to(respondent.email).find((m) => m.mail.text?.includes(filed.number) && m.mail.text.includes('/served/'));
        return (token = /\/served\/([A-Za-z0-9_\-.]+)/.exec(notice?.mail.text ?? '')?.[1]);
      },
      { timeout: 20_000, message: `the notice of mediation of ${filed.number} in ${respondent.email}'s mail` },
    )
    .toBeTruthy();
  // Reading the notice (a PDF) serves it.
  expect((await request.get(`/api/v1/service-links/${token!}`)).status()).toBe(200);
  await ok(request.post(`/api/v1/service-links/${token!}/claim`, { headers: respondent.auth }));
  if (options.respondentConfirmsAddress !== false) {
    await ok(request.put(`/api/v1/cases/${caseId}/address-for-service`, { headers: respondent.auth, data: { email: respondent.email, consentEService: true } }));
  }
  await ok(request.post(`/api/v1/cases/${caseId}/respondent-consent`, { headers: respondent.auth, data: { agree: true } }));
  await expect
    .poll(async () => (await ok<{ status: string }>(request.get(`/api/v1/cases/${caseId}`, { headers: mediator.auth }))).status, { message: `${filed.number} in mediation` })
    .toBe('mediating');
  return { caseId, number: filed.number, title, admin: by, mediator, applicant, respondent };
}
