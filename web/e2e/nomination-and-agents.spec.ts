import { caseBetween, person, staff } from './support/case-setup';
import { expect, test } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

for (const { lang, locale } of LANGS) {
  test.describe(`nomination and agents (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];

    test('a party names a mediator within the window, then appoints a lawyer with a power of attorney and removes them', async ({ page, audit, request, accord }) => {
      test.setTimeout(120_000);
      const { admin, mediatorId, mediatorName } = await staff(request, accord);
      const applicant = await person(request, 'applicant', lang);
      const respondent = await person(request, 'respondent', 'en');
      const lawyerName = `Lawyer ${Math.random().toString(36).slice(2, 8)}`;
      const lawyer = await person(request, 'lawyer', lang, lawyerName);
      const theCase = await caseBetween(request, accord, { applicant, respondent, admin }, `Coil alignment patent (${lang}) nomination`);

      // Nomination: the deadline, the other side's state, the mediators to choose from.
      await signedInAt(page, applicant.email, `/cases/${theCase.id}/nominate`);
      await expect(page.getByRole('heading', { level: 1, name: s.nomination.title })).toBeVisible();
      await expect(page.getByTestId('nomination-deadline')).not.toBeEmpty();
      await expect(page.getByText(s.nomination.otherNotYet)).toBeVisible();
      await audit(page, 'nomination');
      // Sending without a choice says what is missing, beside the field.
      await page.getByRole('button', { name: s.nomination.submit }).click();
      await expect(page.getByText(s.nomination.chooseRequired)).toBeVisible();
      // Keyboard: focus the mediator's radio, choose it with Space, send with Enter.
      const radio = page.getByRole('radio', { name: new RegExp(mediatorName) });
      await radio.focus();
      await page.keyboard.press('Space');
      await expect(radio).toBeChecked();
      await page.getByRole('button', { name: s.nomination.submit }).press('Enter');
      await expect(page.getByText(s.nomination.waiting)).toBeVisible();
      await expect(page.getByRole('button', { name: s.nomination.change })).toBeVisible();
      await audit(page, 'nomination-sent');
      const state = await request.get(`/api/v1/cases/${theCase.id}/assignment/nominations`, { headers: applicant.auth });
      expect(((await state.json()) as { myNomination: string }).myNomination).toBe(mediatorId);

      // Agents: an address without an account is refused beside the field; the lawyer's is taken.
      await page.goto(`/cases/${theCase.id}/agents`);
      await expect(page.getByRole('heading', { level: 1, name: s.agents.title })).toBeVisible();
      await expect(page.getByText(s.agents.none)).toBeVisible();
      await audit(page, 'agents');
      await page.locator('input[type=file]').setInputFiles({ name: 'power-of-attorney.pdf', mimeType: 'application/pdf', buffer: PDF });
      await expect(page.getByText('power-of-attorney.pdf')).toBeVisible();
      await page.getByLabel(s.agents.email).fill('nobody-here@example.com');
      await page.getByRole('button', { name: s.agents.submit }).click();
      await expect(page.getByText(s.agents.noAccount)).toBeVisible();
      await expect(page.getByTestId('agent')).toHaveCount(0);
      await page.getByLabel(s.agents.email).fill(lawyer.email);
      await page.getByLabel(s.agents.lawFirm).fill('Zhong Lun');
      await page.getByRole('button', { name: s.agents.submit }).click();
      const agent = page.getByTestId('agent').filter({ hasText: lawyerName });
      await expect(agent).toContainText('Zhong Lun');
      await audit(page, 'agents-appointed');

      await agent.getByRole('button', { name: s.agents.remove }).click();
      await page.getByRole('button', { name: s.agents.remove }).last().click();
      await expect(page.getByText(s.agents.none)).toBeVisible();
    });

    test('a law firm’s administrator adds a lawyer by e-mail and sees the members', async ({ page, audit, request, accord }) => {
      const { admin } = await staff(request, accord);
      const headName = `Head ${Math.random().toString(36).slice(2, 8)}`;
      const lawyerName = `Lawyer ${Math.random().toString(36).slice(2, 8)}`;
      const head = await person(request, 'head', lang, headName);
      const lawyer = await person(request, 'lawyer', lang, lawyerName);
      const firm = await request.post('/api/v1/organisations', { headers: admin.auth, data: { kind: 'law_firm', name: lang === 'en' ? 'Bright & Partners' : '明理律师事务所' } });
      expect(firm.status(), await firm.text()).toBe(201);
      const firmId = ((await firm.json()) as { id: string }).id;
      const headId = ((await (await request.get('/api/v1/me', { headers: head.auth })).json()) as { id: string }).id;
      const made = await request.post(`/api/v1/organisations/${firmId}/members`, { headers: admin.auth, data: { userId: headId, role: 'admin' } });
      expect(made.status(), await made.text()).toBe(201);

      await signedInAt(page, head.email, '/organisation');
      await expect(page.getByRole('heading', { level: 1, name: s.organisation.title })).toBeVisible();
      await expect(page.getByRole('cell', { name: headName })).toBeVisible();
      await audit(page, 'organisation');

      await page.getByLabel(s.organisation.memberEmail).fill('nobody-here@example.com');
      await page.getByRole('button', { name: s.organisation.submit }).click();
      await expect(page.getByText(s.organisation.noAccount)).toBeVisible();
      await page.getByLabel(s.organisation.memberEmail).fill(lawyer.email);
      await page.getByLabel(s.organisation.memberEmail).press('Enter');
      await expect(page.getByRole('cell', { name: lawyerName })).toBeVisible();
      await expect(page.getByRole('cell', { name: lawyer.email })).toBeVisible();
      await audit(page, 'organisation-member-added');
    });
  });
}
