import { expect, type APIRequestContext } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { apiToken } from './accounts';
import { PASSWORD, uniqueEmail, type Lang } from './fixtures';

/**
 * A court and one of its clerks, made by the installation's administrator through the API
 * (court staff are accounts with the court_clerk role and a membership of the court).
 */
export async function courtClerk(request: APIRequestContext, accord: AccordServer, lang: Lang): Promise<{ email: string; courtId: string }> {
  const admin = { Authorization: `Bearer ${await apiToken(request, accord.admin.email, accord.admin.password)}` };
  const tag = Math.random().toString(36).slice(2, 8);
  const court = await request.post('/api/v1/organisations', {
    headers: admin,
    data: {
      kind: 'court',
      name: lang === 'en' ? `Hangzhou Intermediate People's Court ${tag}` : `杭州市中级人民法院${tag}`,
      courtCode: `HZ-${tag}`,
      courtLevel: 'intermediate',
      region: '330100',
    },
  });
  expect(court.status(), await court.text()).toBe(201);
  const courtId = ((await court.json()) as { id: string }).id;
  const email = uniqueEmail(`clerk-${lang}`);
  const clerk = await request.post('/api/v1/users', {
    headers: admin,
    data: {
      email,
      displayName: lang === 'en' ? 'Clerk Wang' : '王书记员',
      roles: ['court_clerk'],
      initialPassword: PASSWORD,
      preferredLanguage: lang,
      organisationId: courtId,
      membershipRole: 'member',
    },
  });
  expect(clerk.status(), await clerk.text()).toBe(201);
  return { email, courtId };
}
