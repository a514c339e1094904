import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { settled } from './fixtures';
import { apiToken } from './accounts';
import type { Person } from './case-setup';

/** The installation's administrator, for the API steps a test takes itself. */
export async function adminPerson(request: APIRequestContext, accord: AccordServer): Promise<Person> {
  return { email: accord.admin.email, auth: { Authorization: `Bearer ${await apiToken(request, accord.admin.email, accord.admin.password)}` } };
}

/**
 * An application a party filed and submitted through the API: it waits at intake. A copyright
 * dispute by default, which the mediators other tests create (patent and trademark) do not take,
 * so once accepted it waits for an administrator to assign it.
 */
export async function submittedApplication(
  request: APIRequestContext,
  applicant: Person,
  respondentEmail: string,
  title: string,
): Promise<{ id: string; number: string; title: string }> {
  const filed = await request.post('/api/v1/cases', {
    headers: applicant.auth,
    data: {
      title,
      disputeType: 'copyright',
      statement: 'The respondent publishes our photographs on its shopping pages without a licence.',
      claims: [{ kind: 'stop_infringement', description: 'Take the photographs down' }],
      ipRights: [{ kind: 'copyright', number: '国作登字-2024-F-00012345', jurisdiction: 'CN', owner: 'Lens Studio Ltd', title: 'West Lake at dawn' }],
      applicant: {
        kind: 'organisation',
        name: 'Lens Studio Ltd',
        legalRepresentative: 'Zhang Wei',
        idType: 'unified_social_credit_code',
        idNumber: '91330106MA2KXXXX1Q',
        phone: '+8657188881111',
        email: applicant.email,
        address: '8 Nanshan Road, Hangzhou',
        consentOnline: true,
        consentEService: true,
        eServiceBasis: 'express',
      },
      respondents: [{ kind: 'organisation', name: 'Online Shop Co', legalRepresentative: 'Wang Wu', email: respondentEmail }],
      preferredLanguage: 'en',
      foreignElement: false,
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const made = (await filed.json()) as { id: string; number: string; version: number };
  const evidence = await request.post(`/api/v1/cases/${made.id}/documents?kind=evidence`, {
    headers: applicant.auth,
    multipart: {
      file: {
        name: 'registration.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
      },
    },
  });
  expect(evidence.status(), await evidence.text()).toBe(201);
  const submitted = await request.post(`/api/v1/cases/${made.id}/transitions`, { headers: applicant.auth, data: { event: 'submit', expectedVersion: made.version } });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return { id: made.id, number: made.number, title };
}

/** Picks an option of the Ant Design select labelled `label` (opens it, clicks the option). */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  // Clicked once the list has stopped opening: a click while it slides in can select nothing.
  await settled(page);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}
