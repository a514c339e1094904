import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { AccordServer } from './support/accord-server';
import { apiToken } from './support/accounts';
import { chooseOption, expect, PASSWORD, test, uniqueEmail, type Lang } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';

/** A small real PDF, as evidence. */
const evidencePdf = (text: string) => ({
  name: 'evidence-hinge.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`),
});

type S = (typeof STRINGS)[Lang];

// A whole filing is some forty steps through a real app on a shared two-core machine.
test.describe.configure({ timeout: 180_000 });

for (const { lang, locale } of LANGS) {
  test.describe(`filing an application (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];

    test('a party registers, files with an evidence PDF, is asked to correct, corrects and resubmits', async ({ page, audit, request, accord }) => {
      const email = uniqueEmail(`filing-${lang}`);
      await registerInBrowser(page, s, email, lang === 'en' ? 'Alice Example' : '李伟');

      // Step 1 creates the draft; a double click creates it once (Idempotency-Key).
      await page.goto('/cases/new');
      await expect(page.getByRole('heading', { level: 1, name: s.filing.newTitle })).toBeVisible();
      await audit(page, 'filing-dispute');
      await page.locator('#title').fill(lang === 'en' ? 'Patent infringement: folding bicycle hinge' : '发明专利侵权：折叠自行车铰链');
      await page.getByRole('button', { name: s.filing.dispute.addIpRight }).click();
      await page.locator('#ipRights_0_number').fill('ZL202310012345.6');
      await page.locator('#ipRights_0_jurisdiction').fill('CN');
      await page.getByRole('button', { name: s.filing.start }).dblclick();
      await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit\?step=parties/);
      const caseId = /\/cases\/([0-9a-f-]{36})\//.exec(page.url())![1];
      expect(await myCaseCount(request, email)).toBe(1);

      // The checklist says what is missing, each item a link to its step.
      const checklist = page.getByTestId('missing-checklist');
      await expect(checklist.getByRole('link', { name: s.filing.missing.statement })).toBeVisible();
      await audit(page, 'filing-parties');
      await chooseOption(page.locator('#applicant_idType'), s.filing.idTypes.passport);
      await page.locator('#applicant_idNumber').fill('E12345678');
      await page.locator('#applicant_phone').fill('+8613800138000');
      await page.getByRole('button', { name: s.filing.parties.addRespondent }).click();
      await page.locator('#respondents_0_name').fill(lang === 'en' ? 'Hinge Copy Ltd' : '杭州仿制科技有限公司');
      await page.locator('#respondents_0_legalRepresentative').fill(lang === 'en' ? 'Wang Wu' : '王五');
      await page.locator('#respondents_0_email').fill('not-an-address');
      // The API refuses the address: its error shows beside the respondent's field.
      await expect(page.getByTestId('save-status')).toContainText(s.filing.save.invalid);
      await expect(page.locator('#respondents_0_email_help')).toContainText(s.problem.rules.isEmail);
      await page.locator('#respondents_0_email').fill(uniqueEmail('respondent'));
      await expectSaved(page, s);
      await expect(checklist.getByRole('link', { name: s.filing.missing.respondent })).toHaveCount(0);

      await page.getByRole('button', { name: s.filing.next }).click();
      await expect(page).toHaveURL(/step=claims/);
      await page.getByRole('button', { name: s.filing.claims.add }).click();
      await page.locator('#claims_0_amount').fill('120000.00');
      await expectSaved(page, s);
      await audit(page, 'filing-claims');

      await page.getByRole('button', { name: s.filing.next }).click();
      await expect(page).toHaveURL(/step=statement/);
      const statement =
        lang === 'en'
          ? 'The respondent sells folding bicycles that copy the hinge of our patent since March 2026.'
          : '被申请人自2026年3月起销售仿制我方专利铰链的折叠自行车，侵犯我方专利权。';
      await page.locator('#statement').fill(statement);
      // A reload before the save went out loses nothing: the tab kept it, and saves it now.
      await page.reload();
      await expect(page.locator('#statement')).toHaveValue(statement);
      await expectSaved(page, s);
      await audit(page, 'filing-statement');

      await page.getByRole('button', { name: s.filing.next }).click();
      await expect(page).toHaveURL(/step=evidence/);
      await page.locator('input[type=file]').setInputFiles(evidencePdf('hinge photos'));
      await expect(page.getByTestId('documents-list')).toContainText('evidence-hinge.pdf');
      await expect(page.locator('.ant-upload-list-item-done')).toHaveCount(1);
      await audit(page, 'filing-evidence');

      await page.getByRole('button', { name: s.filing.next }).click();
      await expect(page).toHaveURL(/step=consents/);
      await page.getByRole('checkbox', { name: s.filing.consents.online }).check();
      await page.getByRole('checkbox', { name: s.filing.consents.eService }).check();
      await expectSaved(page, s);
      await audit(page, 'filing-consents');

      await page.getByRole('button', { name: s.filing.next }).click();
      await expect(page).toHaveURL(/step=check/);
      await expect(checklist).toContainText(s.filing.missing.none);
      await expect(page.getByText(statement)).toBeVisible();
      await audit(page, 'filing-check');
      // A double click on the final submit files once.
      await page.getByRole('button', { name: s.filing.check.submit }).dblclick();
      await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
      expect(await eventsOf(request, email, caseId, 'submit')).toBe(1);

      await intakeAsksForCorrection(request, accord, caseId, lang === 'en' ? 'Attach the patent certificate.' : '请补充专利证书。');

      await page.goto(`/cases/${caseId}/edit`);
      const banner = page.getByTestId('correction-banner');
      await expect(banner).toContainText(s.filing.correction.title);
      await expect(banner).toContainText(lang === 'en' ? 'Attach the patent certificate.' : '请补充专利证书。');
      await audit(page, 'filing-correction');
      await page.getByRole('button', { name: s.filing.steps.evidence }).click();
      await expect(page).toHaveURL(/step=evidence/);
      await chooseOption(page.locator('#upload-kind'), s.filing.evidence.kinds.correction_material);
      await page.locator('input[type=file]').setInputFiles({ ...evidencePdf('certificate'), name: 'patent-certificate.pdf' });
      await expect(page.getByTestId('documents-list')).toContainText('patent-certificate.pdf');
      await page.goto(`/cases/${caseId}/edit?step=check`);
      await page.getByRole('button', { name: s.filing.check.resubmit }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
      expect(await caseStatus(request, email, caseId)).toBe('submitted');
    });
  });
}

test.describe('filing by keyboard only (en)', () => {
  test.use({ locale: 'en-GB' });
  const s = STRINGS.en;

  test('Tab, Enter and Space take a party through the wizard to submission', async ({ page, request }) => {
    const email = uniqueEmail('filing-keys');
    await registerByApi(request, email);
    await signIn(page, email);
    await page.goto('/cases/new');
    await tabTo(page, page.locator('#title'));
    await page.keyboard.type('Trademark: Blue Crane logo');
    await tabTo(page, page.getByRole('button', { name: s.filing.dispute.addIpRight }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('#ipRights_0_number'));
    await page.keyboard.type('G12345678');
    await tabTo(page, page.getByRole('button', { name: s.filing.start }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/step=parties/);
    const caseId = /\/cases\/([0-9a-f-]{36})\//.exec(page.url())![1];

    await tabTo(page, page.locator('#applicant_idType'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('#applicant_idNumber'));
    await page.keyboard.type('110101199001011234');
    await tabTo(page, page.locator('#applicant_phone'));
    await page.keyboard.type('+8613800138000');
    await tabTo(page, page.getByRole('button', { name: s.filing.parties.addRespondent }));
    await page.keyboard.press('Space');
    await tabTo(page, page.locator('#respondents_0_name'));
    await page.keyboard.type('Crane Copy Ltd');
    await tabTo(page, page.locator('#respondents_0_legalRepresentative'));
    await page.keyboard.type('Wang Wu');
    await tabTo(page, page.locator('#respondents_0_email'));
    await page.keyboard.type('legal@crane-copy.example.com');
    await expectSaved(page, s);
    await pressNext(page, s, 'claims');

    await tabTo(page, page.getByRole('button', { name: s.filing.claims.add }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('#claims_0_amount'));
    await page.keyboard.type('5000');
    await expectSaved(page, s);
    await pressNext(page, s, 'statement');

    await tabTo(page, page.locator('#statement'));
    await page.keyboard.type('The respondent uses our registered Blue Crane logo on its shop since 2025.');
    await expectSaved(page, s);
    await pressNext(page, s, 'evidence');

    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, page.locator('.ant-upload-drag [role=button]'));
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(evidencePdf('logo'));
    await expect(page.getByTestId('documents-list')).toContainText('evidence-hinge.pdf');
    await pressNext(page, s, 'consents');

    await tabTo(page, page.getByRole('checkbox', { name: s.filing.consents.online }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('checkbox', { name: s.filing.consents.eService }));
    await page.keyboard.press('Space');
    await expectSaved(page, s);
    await pressNext(page, s, 'check');

    await expect(page.getByTestId('missing-checklist')).toContainText(s.filing.missing.none);
    await tabTo(page, page.getByRole('button', { name: s.filing.check.submit }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
    expect(await caseStatus(request, email, caseId)).toBe('submitted');
  });
});

test.describe('a draft when the network drops, and withdrawing (en)', () => {
  test.use({ locale: 'en-GB' });
  const s = STRINGS.en;

  test('what is typed offline is kept and saved when back online; withdraw asks first', async ({ page, context, request, audit }) => {
    const email = uniqueEmail('filing-offline');
    await registerByApi(request, email);
    const token = await apiToken(request, email);
    const created = await request.post('/api/v1/cases', {
      headers: { Authorization: `Bearer ${token}` },
      data: { title: 'Trade secret: customer list', disputeType: 'trade_secret' },
    });
    const { id } = (await created.json()) as { id: string };
    await signIn(page, email);
    await page.goto(`/cases/${id}/edit?step=statement`);
    await expect(page.locator('#statement')).toBeVisible();

    await context.setOffline(true);
    const statement = 'A former employee took our customer list to a competitor in May 2026.';
    await page.locator('#statement').fill(statement);
    await expect(page.getByTestId('save-status')).toContainText(s.filing.save.offline, { timeout: 15_000 });
    await audit(page, 'filing-offline');
    await context.setOffline(false);
    await expectSaved(page, s);
    const saved = await request.get(`/api/v1/cases/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await saved.json()) as { statement: string }).statement).toBe(statement);

    await page.getByRole('button', { name: s.filing.withdraw.button }).click();
    await expect(page.getByRole('dialog', { name: s.filing.withdraw.title })).toBeVisible();
    await page.getByRole('button', { name: s.filing.withdraw.cancel }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByRole('button', { name: s.filing.withdraw.button }).click();
    await page.getByRole('button', { name: s.filing.withdraw.ok, exact: true }).click();
    // Closed, and at once archived (nothing was filed yet).
    await expect(page).toHaveURL(new RegExp(`/cases/${id}$`));
    const after = await request.get(`/api/v1/cases/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await after.json()) as { status: string }).status).toMatch(/^(closed|archived)$/);
  });
});

for (const { lang, locale } of LANGS) {
  test.describe(`filing on a 375 px screen (${lang})`, () => {
    test.use({ locale, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const s = STRINGS[lang];

    test('the parties step fits and passes axe', async ({ page, audit, request }) => {
      const email = uniqueEmail(`filing-phone-${lang}`);
      await registerByApi(request, email, lang);
      const token = await apiToken(request, email);
      const created = await request.post('/api/v1/cases', { headers: { Authorization: `Bearer ${token}` }, data: { title: 'Copyright: photo reuse', disputeType: 'copyright' } });
      expect(created.status(), await created.text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      await signIn(page, email);
      await page.goto(`/cases/${id}/edit?step=parties`);
      await expect(page.getByRole('heading', { level: 2, name: s.filing.steps.parties, exact: true })).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(375);
      await audit(page, 'filing-parties');
    });
  });
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────

async function registerInBrowser(page: Page, s: S, email: string, name: string): Promise<void> {
  await page.goto('/register');
  await page.getByLabel(s.auth.register.displayName).fill(name);
  await page.getByLabel(s.auth.email).fill(email);
  await page.getByLabel(s.auth.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: s.auth.register.submit }).click();
  await expect(page).toHaveURL(/\/cases$/);
}

async function registerByApi(request: APIRequestContext, email: string, lang: Lang = 'en'): Promise<void> {
  const res = await request.post('/api/v1/auth/register', { data: { email, password: PASSWORD, displayName: 'Keyboard Party', preferredLanguage: lang } });
  expect(res.status(), await res.text()).toBe(201);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('input[type=email], #email').first().fill(email);
  await page.locator('input[type=password]').first().fill(PASSWORD);
  await page.locator('input[type=password]').first().press('Enter');
  await expect(page).toHaveURL(/\/cases$/);
}

async function expectSaved(page: Page, s: S): Promise<void> {
  const saved = new RegExp(s.filing.save.saved.replace('{{time}}', '\\d{2}:\\d{2}'));
  await expect(page.getByTestId('save-status')).toHaveText(saved, { timeout: 15_000 });
}

/** Only the Tab key moves the focus: to `target`, or the test fails. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function pressNext(page: Page, s: S, step: string): Promise<void> {
  await tabTo(page, page.getByRole('button', { name: s.filing.next }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`step=${step}`));
}

async function myCaseCount(request: APIRequestContext, email: string): Promise<number> {
  const token = await apiToken(request, email);
  const res = await request.get('/api/v1/cases', { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { items: unknown[] }).items.length;
}

async function caseStatus(request: APIRequestContext, email: string, caseId: string): Promise<string> {
  const token = await apiToken(request, email);
  const res = await request.get(`/api/v1/cases/${caseId}`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { status: string }).status;
}

async function eventsOf(request: APIRequestContext, email: string, caseId: string, type: string): Promise<number> {
  const token = await apiToken(request, email);
  const res = await request.get(`/api/v1/cases/${caseId}/events`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { items: { type: string }[] }).items.filter((e) => e.type === type).length;
}

/** The intake's side (its screens come in a later issue): the installation's administrator, through the API. */
async function intakeAsksForCorrection(request: APIRequestContext, accord: AccordServer, caseId: string, reason: string): Promise<void> {
  const token = await apiToken(request, accord.admin.email, accord.admin.password);
  const res = await request.post(`/api/v1/cases/${caseId}/transitions`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { event: 'request_correction', reason, items: [reason] },
  });
  expect(res.status(), await res.text()).toBe(200);
}
