import { expect, type APIRequestContext } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { apiToken } from './accounts';
import { PASSWORD, uniqueEmail, type Lang } from './fixtures';

export type Fate = 'accepted' | 'rejected' | 'waiting';

/** What the dashboard test did to one case: its figures are counted from these, not from the API. */
export interface SeededCase {
  disputeType: 'patent' | 'trademark';
  fate: Fate;
}

const IP_RIGHT = {
  patent: { kind: 'patent', number: 'ZL202310012345.6', jurisdiction: 'CN', owner: 'Hangzhou Jia Technology', title: 'Coil alignment method', classes: ['H02J'] },
  trademark: { kind: 'trademark', number: '12345678', jurisdiction: 'CN', owner: 'Hangzhou Jia Technology', title: 'JIA', classes: ['9'] },
} as const;

/** A pre-filing referral as a court clerk sends it (POST /referrals), with fresh e-mail addresses for its parties. */
export function referralData(o: { title: string; disputeType: 'patent' | 'trademark'; lang: Lang; referralNumber: string; emailPrefix: string }): Record<string, unknown> {
  return {
    title: o.title,
    disputeType: o.disputeType,
    statement: 'The respondent sells goods that infringe the applicant’s right without a licence.',
    claims: [{ kind: 'stop_infringement', description: 'Stop selling the goods' }],
    ipRights: [IP_RIGHT[o.disputeType]],
    applicant: {
      kind: 'organisation',
      name: 'Hangzhou Jia Technology',
      legalRepresentative: 'Zhang Wei',
      idType: 'unified_social_credit_code',
      idNumber: '91330100MA2H3X4Y5Z',
      phone: '+8657188880000',
      email: uniqueEmail(`${o.emailPrefix}-applicant`),
      address: '1 Wensan Road, Hangzhou',
      consentOnline: true,
      consentEService: true,
      eServiceBasis: 'express',
    },
    respondents: [{ kind: 'organisation', name: 'Shenzhen Yi Electronics', legalRepresentative: 'Wang Wu', email: uniqueEmail(`${o.emailPrefix}-respondent`) }],
    preferredLanguage: o.lang,
    foreignElement: false,
    referralNumber: o.referralNumber,
    referralType: 'pre_filing',
  };
}

/**
 * A new court (so no other test's cases count in it), a clerk of it who refers `cases` through
 * the API, and the administrator's intake decision on each. Returns the court's name and id.
 */
export async function courtWithReferrals(
  request: APIRequestContext,
  accord: AccordServer,
  lang: Lang,
  cases: readonly SeededCase[],
): Promise<{ courtId: string; courtName: string }> {
  const admin = { Authorization: `Bearer ${await apiToken(request, accord.admin.email, accord.admin.password)}` };
  const tag = Math.random().toString(36).slice(2, 8);
  const courtName = lang === 'en' ? `Statistics Test Court ${tag}` : `统计测试法院 ${tag}`;
  const court = await request.post('/api/v1/organisations', {
    headers: admin,
    data: { kind: 'court', name: courtName, courtCode: `STAT-${tag}`, courtLevel: 'basic', region: '330100' },
  });
  expect(court.status(), await court.text()).toBe(201);
  const courtId = ((await court.json()) as { id: string }).id;
  const clerkEmail = uniqueEmail('statistics-clerk');
  const clerk = await request.post('/api/v1/users', {
    headers: admin,
    data: { email: clerkEmail, displayName: `Clerk ${tag}`, roles: ['court_clerk'], initialPassword: PASSWORD, preferredLanguage: lang, organisationId: courtId },
  });
  expect(clerk.status(), await clerk.text()).toBe(201);
  const clerkAuth = { Authorization: `Bearer ${await apiToken(request, clerkEmail)}` };

  for (const [i, c] of cases.entries()) {
    const referred = await request.post('/api/v1/referrals', {
      headers: clerkAuth,
      data: referralData({
        title: `${c.disputeType} dispute ${tag}-${i}`,
        disputeType: c.disputeType,
        lang,
        referralNumber: `(2026)浙01民诉前调${tag}${i}号`,
        emailPrefix: 'statistics',
      }),
    });
    expect(referred.status(), await referred.text()).toBe(201);
    const id = ((await referred.json()) as { id: string }).id;
    if (c.fate === 'waiting') continue;
    const decided = await request.post(`/api/v1/cases/${id}/transitions`, {
      headers: admin,
      data: c.fate === 'accepted' ? { event: 'accept', expectedVersion: 1 } : { event: 'reject', expectedVersion: 1, reason: 'Not an IP dispute' },
    });
    expect(decided.status(), await decided.text()).toBe(200);
  }
  return { courtId, courtName };
}

/** An administrator who reads the platform in `lang` (the profile's language wins once signed in). */
export async function administrator(request: APIRequestContext, accord: AccordServer, lang: Lang): Promise<string> {
  const admin = { Authorization: `Bearer ${await apiToken(request, accord.admin.email, accord.admin.password)}` };
  const email = uniqueEmail(`statistics-admin-${lang}`);
  const made = await request.post('/api/v1/users', {
    headers: admin,
    data: { email, displayName: `Admin ${lang}`, roles: ['admin'], initialPassword: PASSWORD, preferredLanguage: lang },
  });
  expect(made.status(), await made.text()).toBe(201);
  return email;
}
