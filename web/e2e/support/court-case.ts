import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { apiToken } from './accounts';
import type { Person } from './case-setup';
import { PASSWORD, uniqueEmail, type Lang } from './fixtures';
import { mediatingCase } from './mediating-case';
import { signAgreement } from './settled-case';

/** Words said in mediation that must never reach the court's screens. */
export const ROOM_SECRETS = { joint: 'ROOM-JOINT we could live with a licence', caucus: 'ROOM-CAUCUS our ceiling is CNY 250,000' } as const;

export interface CourtPerson extends Person {
  id: string;
  name: string;
}

export interface Court {
  id: string;
  name: string;
  clerk: CourtPerson;
  judge: CourtPerson;
  /** A clerk who is also the court's own administrator. */
  admin: CourtPerson;
}

export interface LodgedCase {
  caseId: string;
  caseNumber: string;
  title: string;
  applicationId: string;
  applicant: Person;
  respondent: Person;
}

async function ok<T>(response: Promise<APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), `${r.url()}: ${await r.text()}`).toBe(status);
  return (await r.json()) as T;
}

const admin = async (request: APIRequestContext, accord: AccordServer): Promise<Person> => ({
  email: accord.admin.email,
  auth: { Authorization: `Bearer ${await apiToken(request, accord.admin.email, accord.admin.password)}` },
});

/**
 * A basic court in Xihu district, Hangzhou (division 330106), with a clerk, a judge and a clerk
 * who administers the court — made by the platform administrator through the API.
 */
export async function courtWithStaff(request: APIRequestContext, accord: AccordServer, lang: Lang): Promise<Court> {
  const platform = await admin(request, accord);
  const tag = Math.random().toString(36).slice(2, 6);
  const name = lang === 'en' ? `Xihu District People's Court ${tag}` : `杭州市西湖区人民法院 ${tag}`;
  const court = await ok<{ id: string }>(
    request.post('/api/v1/organisations', { headers: platform.auth, data: { kind: 'court', name, courtCode: `XH-${tag}`, courtLevel: 'basic', region: '330106' } }),
    201,
  );
  const member = async (prefix: string, displayName: string, roles: string[], membershipRole: 'admin' | 'member'): Promise<CourtPerson> => {
    const email = uniqueEmail(prefix);
    const user = await ok<{ id: string }>(
      request.post('/api/v1/users', {
        headers: platform.auth,
        data: { email, displayName, roles, initialPassword: PASSWORD, preferredLanguage: lang, organisationId: court.id, membershipRole },
      }),
      201,
    );
    return { id: user.id, email, name: displayName, auth: { Authorization: `Bearer ${await apiToken(request, email)}` } };
  };
  return {
    id: court.id,
    name,
    clerk: await member('clerk', lang === 'en' ? `Clerk ${tag}` : `书记员${tag}`, ['court_clerk'], 'member'),
    judge: await member('judge', lang === 'en' ? `Judge ${tag}` : `法官${tag}`, ['judge'], 'member'),
    admin: await member('court-admin', lang === 'en' ? `Court administrator ${tag}` : `法院管理员${tag}`, ['court_clerk'], 'admin'),
  };
}

/**
 * A case that reached `confirmation_requested` with `court`, through the API as its people would:
 * a case in mediation (mediatingCase); in the room the parties say things the court must never
 * see (ROOM_SECRETS); the mediator drafts the agreement, everyone signs it with an e-mailed code;
 * the applicant applies to the court and the respondent consents, which lodges it.
 */
export async function lodgedCase(request: APIRequestContext, accord: AccordServer, court: Court, lang: Lang): Promise<LodgedCase> {
  const mediating = await mediatingCase(request, accord, lang);
  const { applicant, respondent } = mediating;
  const filed = { id: mediating.caseId, number: mediating.number };

  // Mediation content: a joint message and the respondent's caucus with the mediator.
  await ok(request.post(`/api/v1/cases/${filed.id}/mediation/channels/joint/messages`, { headers: applicant.auth, data: { text: ROOM_SECRETS.joint } }), 201);
  await ok(request.post(`/api/v1/cases/${filed.id}/mediation/channels/caucus_respondent/messages`, { headers: respondent.auth, data: { text: ROOM_SECRETS.caucus } }), 201);

  // The agreement: drafted by the mediator, completed, proposed, and signed by all three.
  await signAgreement(request, accord, mediating, lang);

  // The joint application: started by the applicant, lodged by the respondent's consent.
  const started = await ok<{ id: string }>(
    request.post(`/api/v1/cases/${filed.id}/confirmation-applications`, { headers: applicant.auth, data: { courtId: court.id, subjectMatterRegion: '330106' } }),
    201,
  );
  const lodged = await ok<{ status: string }>(request.post(`/api/v1/confirmation-applications/${started.id}/consents`, { headers: respondent.auth }));
  expect(lodged.status).toBe('lodged');
  const view = await ok<{ status: string }>(request.get(`/api/v1/cases/${filed.id}`, { headers: applicant.auth }));
  expect(view.status).toBe('confirmation_requested');
  return { caseId: filed.id, caseNumber: filed.number, title: mediating.title, applicationId: started.id, applicant, respondent };
}

/** The clerk's docketing, through the API, for a case whose docketing is not what the test shows. */
export async function docketed(request: APIRequestContext, court: Court, lodged: LodgedCase): Promise<string> {
  const view = await ok<{ docket: { number: string } }>(request.post(`/api/v1/confirmation-applications/${lodged.applicationId}/docket`, { headers: court.clerk.auth }));
  return view.docket.number;
}

/** A court with its staff and a case lodged with it and docketed: where the court's review starts. */
export async function docketedCase(request: APIRequestContext, accord: AccordServer, lang: Lang): Promise<{ court: Court; lodged: LodgedCase; docketNumber: string }> {
  const court = await courtWithStaff(request, accord, lang);
  const lodged = await lodgedCase(request, accord, court, lang);
  return { court, lodged, docketNumber: await docketed(request, court, lodged) };
}
