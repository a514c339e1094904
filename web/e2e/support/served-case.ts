import { expect, type APIRequestContext } from '@playwright/test';
import { apiToken, linkInMail, registerParty } from './accounts';
import type { AccordServer } from './accord-server';
import { PATENT_MEDIATOR_PROFILE } from './mediating-case';
import { PASSWORD, uniqueEmail, type Lang } from './fixtures';

/**
 * The other actors' steps up to a served notice of mediation, through the API (their screens
 * are other issues'): an applicant files and submits, an administrator accepts it at intake, a
 * mediator accepts the offer; the notice then goes by e-mail to the respondent's address.
 */
interface Staff {
  admin: string;
  mediatorId: string;
  mediator: string;
}

const staffByServer = new Map<string, Promise<Staff>>();

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function ok<T>(response: Promise<import('@playwright/test').APIResponse>, status = 200): Promise<T> {
  const res = await response;
  expect(res.status(), `${res.url()}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** One administrator and one mediator (with a profile that takes patent cases) per app. */
export function staffOf(request: APIRequestContext, accord: AccordServer): Promise<Staff> {
  let staff = staffByServer.get(accord.url);
  if (!staff) {
    staff = makeStaff(request, accord);
    staffByServer.set(accord.url, staff);
  }
  return staff;
}

async function makeStaff(request: APIRequestContext, accord: AccordServer): Promise<Staff> {
  // The installation's first administrator (ADMIN_EMAIL, made at start-up) creates the mediator.
  const admin = await apiToken(request, accord.admin.email, accord.admin.password);

  const mediatorEmail = uniqueEmail('mediator');
  const mediator = await ok<{ id: string }>(
    request.post('/api/v1/users', {
      headers: auth(admin),
      data: { email: mediatorEmail, displayName: 'Li Ming 李明', roles: ['mediator'], preferredLanguage: 'zh-CN', initialPassword: PASSWORD },
    }),
    201,
  );
  await ok(request.post(`/api/v1/users/${mediator.id}/identity-verification`, { headers: auth(admin), data: { method: 'video_call' } }), 201);
  await ok(
    request.put(`/api/v1/mediators/${mediator.id}/profile`, {
      headers: auth(admin),
      data: PATENT_MEDIATOR_PROFILE,
    }),
  );
  return { admin, mediatorId: mediator.id, mediator: await apiToken(request, mediatorEmail) };
}

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface ServedCase {
  caseId: string;
  number: string;
  /** The path of the link in the e-mail: `/served/{token}`. */
  link: string;
}

/** A case whose notice of mediation has been served on a respondent without an account, at `respondentEmail`. */
export async function servedCase(
  request: APIRequestContext,
  accord: AccordServer,
  options: { language: Lang; respondentEmail: string; respondentName: string },
): Promise<ServedCase> {
  const staff = await staffOf(request, accord);
  const applicantEmail = uniqueEmail('applicant');
  await registerParty(request, applicantEmail, options.language, 'Hangzhou Jia Technology Co., Ltd.');
  const applicant = await apiToken(request, applicantEmail);
  const filed = await ok<{ id: string; number: string; version: number }>(
    request.post('/api/v1/cases', {
      headers: { ...auth(applicant), 'Idempotency-Key': crypto.randomUUID() },
      data: {
        title: options.language === 'en' ? 'Infringement of patent ZL202310012345.6 (wireless chargers)' : '发明专利 ZL202310012345.6 侵权纠纷（无线充电器）',
        disputeType: 'patent',
        statement: 'CONFIDENTIAL STATEMENT: the respondent sells chargers that use the patented method.',
        claims: [{ kind: 'stop_infringement', description: 'Stop selling the chargers' }],
        ipRights: [{ kind: 'patent', number: 'ZL202310012345.6', jurisdiction: 'CN', owner: '杭州甲科技有限公司', title: 'Coil alignment method', classes: ['G06F'] }],
        applicant: {
          kind: 'organisation',
          name: options.language === 'en' ? 'Hangzhou Jia Technology Co., Ltd.' : '杭州甲科技有限公司',
          legalRepresentative: 'Zhang Wei',
          idType: 'unified_social_credit_code',
          idNumber: '91330100MA2H3X4Y5Z',
          phone: '+8657188880000',
          email: applicantEmail,
          address: '浙江省杭州市西湖区文三路 1 号',
          consentOnline: true,
          consentEService: true,
          eServiceBasis: 'express',
        },
        respondents: [{ kind: 'organisation', name: options.respondentName, legalRepresentative: 'Wang Wu', email: options.respondentEmail }],
        preferredLanguage: options.language,
        foreignElement: false,
      },
    }),
    201,
  );
  const caseId = filed.id;
  await ok(
    request.post(`/api/v1/cases/${caseId}/documents?kind=evidence`, {
      headers: auth(applicant),
      multipart: { file: { name: 'patent-certificate.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF } },
    }),
    201,
  );
  const version = async (token: string) => (await ok<{ version: number }>(request.get(`/api/v1/cases/${caseId}`, { headers: auth(token) }))).version;
  await ok(request.post(`/api/v1/cases/${caseId}/transitions`, { headers: auth(applicant), data: { event: 'submit', expectedVersion: await version(applicant) } }));
  await ok(request.post(`/api/v1/cases/${caseId}/transitions`, { headers: auth(staff.admin), data: { event: 'accept', expectedVersion: await version(staff.admin) } }));

  // The matcher offers the case; should it choose another mediator of this app, the administrator assigns ours.
  const offers = async () =>
    (await ok<{ items: { mediatorId: string; status: string }[] }>(request.get(`/api/v1/cases/${caseId}/assignment/offers`, { headers: auth(staff.admin) }))).items;
  await expect
    .poll(async () => (await offers()).some((o) => o.status === 'pending'), { timeout: 15_000, message: 'the offer to a mediator' })
    .toBe(true)
    .catch(() => undefined);
  if (!(await offers()).some((o) => o.status === 'pending' && o.mediatorId === staff.mediatorId)) {
    await ok(request.post(`/api/v1/cases/${caseId}/assignment/manual`, { headers: auth(staff.admin), data: { mediatorId: staff.mediatorId, reason: 'browser test' } }));
  }
  await ok(request.post(`/api/v1/cases/${caseId}/assignment/accept`, { headers: auth(staff.mediator), data: { noConflict: true } }));

  const link = await linkInMail(accord.smtp, options.respondentEmail, /https?:\/\/[^/\s]+(\/served\/[A-Za-z0-9_\-.]+)/);
  return { caseId, number: filed.number, link };
}

/** The administrator verifies a person's identity (by video call), as it would for a party abroad. */
export async function verifyIdentityOf(request: APIRequestContext, accord: AccordServer, email: string): Promise<void> {
  const staff = await staffOf(request, accord);
  const me = await ok<{ id: string }>(request.get('/api/v1/me', { headers: auth(await apiToken(request, email)) }));
  await ok(request.post(`/api/v1/users/${me.id}/identity-verification`, { headers: auth(staff.admin), data: { method: 'video_call' } }), 201);
}
