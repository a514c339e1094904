import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiToken, registerParty } from './support/accounts';
import { chooseOption, expect, test, uniqueEmail, type Lang } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

/** A small real PDF (the API checks files by their content). */
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

interface Made {
  token: string;
  draft: { id: string; number: string; title: string };
  submitted: { id: string; number: string; title: string };
}

/** A complete application (submittable once it has a document). */
function applicationBody(title: string, email: string, lang: Lang) {
  return {
    title,
    disputeType: 'patent',
    statement: 'The respondent sells chargers that use the patented coil-alignment method without a licence.',
    claims: [
      { kind: 'monetary', amount: '500000.00', currency: 'CNY' },
      { kind: 'stop_infringement', description: 'Stop selling the chargers' },
    ],
    ipRights: [{ kind: 'patent', number: 'ZL202310012345.6', jurisdiction: 'CN', owner: 'Hangzhou Jia Technology', title: 'Coil alignment method' }],
    applicant: {
      kind: 'organisation',
      name: 'Hangzhou Jia Technology',
      legalRepresentative: 'Zhang Wei',
      idType: 'unified_social_credit_code',
      idNumber: '91330100MA2H3X4Y5Z',
      email,
      phone: '+8657188880000',
      address: '1 Wensan Road, Hangzhou',
      consentOnline: true,
      consentEService: true,
      eServiceBasis: 'express',
    },
    respondents: [{ kind: 'organisation', name: 'Shenzhen Yi Electronics', legalRepresentative: 'Wang Wu', email: uniqueEmail('respondent'), phone: '+8675588880000' }],
    preferredLanguage: lang,
    foreignElement: false,
  };
}

/** A party with a draft and a submitted application, made through the API. */
async function partyWithCases(request: APIRequestContext, email: string, lang: Lang): Promise<Made> {
  await registerParty(request, email, lang);
  const token = await apiToken(request, email);
  const headers = { Authorization: `Bearer ${token}` };
  const body = (title: string) => applicationBody(title, email, lang);
  const make = async (title: string) => {
    const res = await request.post('/api/v1/cases', { headers, data: body(title) });
    expect(res.status(), await res.text()).toBe(201);
    return { ...((await res.json()) as { id: string; number: string }), title };
  };
  const draft = await make(lang === 'en' ? 'Draft: trademark on bicycle bells' : '草稿：自行车铃商标');
  const submitted = await make(lang === 'en' ? 'Patent infringement: wireless chargers' : '发明专利侵权：无线充电器');
  const doc = await request.post(`/api/v1/cases/${submitted.id}/documents?kind=evidence`, {
    headers,
    multipart: { file: { name: 'patent-certificate.pdf', mimeType: 'application/pdf', buffer: pdf('certificate') } },
  });
  expect(doc.status(), await doc.text()).toBe(201);
  const sent = await request.post(`/api/v1/cases/${submitted.id}/transitions`, { headers, data: { event: 'submit', expectedVersion: 1 } });
  expect(sent.status(), await sent.text()).toBe(200);
  return { draft, submitted, token };
}

async function signIn(page: Page, lang: Lang, email: string, path = '/cases') {
  await signedInAt(page, email, path);
}

for (const { lang, locale } of LANGS) {
  test.describe(`the case page (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const c = s.casePage;

    test('My cases shows what I must do; the case page shows every tab; a PDF uploads, previews and downloads', async ({ page, audit, request }) => {
      const email = uniqueEmail(`case-page-${lang}`);
      const { draft, submitted } = await partyWithCases(request, email, lang);
      // "What I must do" comes from the case list itself, not from a request per case.
      const perCase: string[] = [];
      page.on('request', (r) => {
        if (/\/api\/v1\/cases\/[0-9a-f-]{36}/.test(r.url())) perCase.push(r.url());
      });
      await signIn(page, lang, email);

      // What I must do: finish and submit the draft; the submitted case asks nothing of me.
      const mustDo = page.getByTestId('must-do');
      await expect(mustDo.getByRole('link', { name: draft.title })).toBeVisible();
      await expect(mustDo.getByText(c.actions.submit)).toBeVisible();
      await expect(mustDo.getByRole('link', { name: submitted.title })).toHaveCount(0);
      expect(perCase).toEqual([]);
      await audit(page, 'my-cases-must-do');

      // Status tabs are in the URL.
      await page.getByRole('tab', { name: s.myCases.drafts }).click();
      await expect(page).toHaveURL(/status=drafts/);
      await expect(page.getByRole('link', { name: draft.number })).toBeVisible();
      await expect(page.getByRole('link', { name: submitted.number })).toHaveCount(0);
      await page.getByRole('tab', { name: s.myCases.inProgress }).click();
      await expect(page.getByRole('link', { name: submitted.number })).toBeVisible();

      // A full case number opens the case.
      await page.getByRole('searchbox', { name: s.cases.search }).fill(submitted.number);
      await page.getByRole('searchbox', { name: s.cases.search }).press('Enter');
      await expect(page).toHaveURL(new RegExp(`/cases/${submitted.id}$`));

      // Header: number, status with what happens next, my role.
      await expect(page.getByTestId('case-number')).toHaveText(submitted.number);
      await expect(page.getByText(s.status.submitted.label, { exact: true })).toBeVisible();
      await expect(page.getByText(s.status.submitted.next)).toBeVisible();
      await expect(page.getByTestId('my-role')).toHaveText(c.roles.applicant);
      await expect(page.getByText('Shenzhen Yi Electronics')).toBeVisible();
      // The IP right's kind in the page's language, not its code.
      await expect(page.getByRole('listitem').filter({ hasText: 'ZL202310012345.6' })).toContainText(s.filing.types.patent);
      await audit(page, 'case-overview');

      await page.getByRole('tab', { name: c.tabs.timeline }).click();
      await expect(page).toHaveURL(/\?tab=timeline/);
      await expect(page.getByText(c.events.submit, { exact: true })).toBeVisible();
      await expect(page.getByTestId('chain-ok')).toBeVisible();
      await audit(page, 'case-timeline');

      await page.getByRole('tab', { name: c.tabs.service }).click();
      await expect(page).toHaveURL(/\?tab=service/);
      await audit(page, 'case-service');

      await page.getByRole('tab', { name: c.tabs.deadlines }).click();
      await expect(page).toHaveURL(/\?tab=deadlines/);
      await audit(page, 'case-deadlines');

      await page.getByRole('tab', { name: c.tabs.documents }).click();
      await expect(page).toHaveURL(/\?tab=documents/);
      await expect(page.getByRole('cell', { name: 'patent-certificate.pdf', exact: true })).toBeVisible();
      await audit(page, 'case-documents');

      // Upload a PDF as evidence, visible to my side and the mediator only.
      await page.locator('input[type=file]').setInputFiles({ name: 'sales-invoice.pdf', mimeType: 'application/pdf', buffer: pdf('invoice') });
      await chooseOption(page.getByLabel(c.documents.kind), c.kinds.evidence);
      await chooseOption(page.getByLabel(c.documents.visibility), c.visibilities.own_side_and_mediator);
      await page.getByRole('button', { name: c.documents.send, exact: true }).click();
      const row = page.getByRole('row', { name: /sales-invoice\.pdf/ });
      await expect(row).toBeVisible();
      await expect(row.getByText(c.kinds.evidence, { exact: true })).toBeVisible();
      await expect(row.getByText(c.visibilities.own_side_and_mediator)).toBeVisible();

      // Preview it, then download it: the same bytes come back.
      await row.getByRole('button', { name: `${c.documents.preview}: sales-invoice.pdf` }).click();
      await expect(page.getByTestId('pdf-preview')).toHaveAttribute('src', /^blob:/);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('pdf-preview')).toHaveCount(0);
      const downloading = page.waitForEvent('download');
      await row.getByRole('button', { name: `${c.documents.download}: sales-invoice.pdf` }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('sales-invoice.pdf');
      expect((await readFile(await download.path())).toString()).toContain('% invoice');

      // The upload is in the timeline too.
      await page.getByRole('tab', { name: c.tabs.timeline }).click();
      await expect(page.getByText(c.events.document_added).first()).toBeVisible();
    });

    test('withdraw from the next-steps menu: a stale version offers a reload, then it is done', async ({ page, audit, request }) => {
      const email = uniqueEmail(`case-withdraw-${lang}`);
      const { draft, token } = await partyWithCases(request, email, lang);
      await signIn(page, lang, email, `/cases/${draft.id}`);
      await expect(page.getByTestId('case-number')).toHaveText(draft.number);

      // Someone changes the application after the page was opened.
      const changed = await request.put(`/api/v1/cases/${draft.id}/application`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { ...applicationBody(`${draft.title} (2)`, email, lang), expectedVersion: 1 },
      });
      expect(changed.status(), await changed.text()).toBe(200);

      const withdraw = async () => {
        await page.getByTestId('next-steps').click();
        await page.getByRole('menuitem', { name: new RegExp(c.actions.withdraw) }).click();
        await expect(page.getByRole('dialog', { name: c.confirmTitle.replace('{{action}}', c.actions.withdraw) })).toBeVisible();
        await page.getByLabel(c.reason).fill(lang === 'en' ? 'We settled directly.' : '双方已自行和解。');
        await page.getByRole('button', { name: c.confirm }).click();
      };
      await withdraw();
      // The transition carried the case version the page showed: 409, and the reload dialog.
      await expect(page.getByRole('dialog', { name: s.problem.staleTitle })).toBeVisible();
      await audit(page, 'case-stale-version');
      await page.getByRole('button', { name: s.problem.reload }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${draft.title} (2)` })).toBeVisible();

      await withdraw();
      // Closed, and soon sealed into the archive: the page may show either.
      await expect(page.getByText(new RegExp(`^(${s.status.closed.label}|${s.status.archived.label})$`))).toBeVisible();
      await expect(page.getByText(c.nothingToDo)).toBeVisible();
    });

    test('keyboard only: the tabs and the next-steps menu', async ({ page, request }) => {
      const email = uniqueEmail(`case-keys-${lang}`);
      const { draft } = await partyWithCases(request, email, lang);
      await signIn(page, lang, email, `/cases/${draft.id}`);
      await expect(page.getByTestId('case-number')).toHaveText(draft.number);

      // Tab through the page to the active tab, then move along the tabs with the arrow keys.
      await tabUntil(page, (el) => el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'true');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\?tab=timeline/);
      await expect(page.getByText(c.events.case_created, { exact: true })).toBeVisible();

      // The next-steps menu: open it with Enter, choose with the arrow keys.
      await page.keyboard.press('Shift+Tab');
      await tabUntil(page, (el) => el.getAttribute('data-testid') === 'next-steps', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('menuitem', { name: new RegExp(c.actions.submit) })).toBeVisible();
      const submit = page.getByRole('menuitem', { name: new RegExp(c.actions.submit) });
      for (let i = 0; i < 5 && !(await submit.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))); i++) {
        await page.keyboard.press('ArrowDown');
      }
      await expect(submit).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/cases/${draft.id}/edit$`));
    });
  });

  test.describe(`the case page on a 375 px screen (${lang})`, () => {
    test.use({ locale, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const c = STRINGS[lang].casePage;

    test('fits, and every tab passes axe', async ({ page, audit, request }) => {
      const email = uniqueEmail(`case-phone-${lang}`);
      const { submitted } = await partyWithCases(request, email, lang);
      await signIn(page, lang, email, `/cases/${submitted.id}`);
      await expect(page.getByTestId('case-number')).toHaveText(submitted.number);
      await expectNoSidewaysScroll(page);
      await audit(page, 'case-overview');
      await page.goto(`/cases/${submitted.id}?tab=documents`);
      await expect(page.getByRole('heading', { name: c.documents.upload })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await audit(page, 'case-documents');
    });
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails after 40 presses. */
async function tabUntil(page: Page, match: (el: Element) => boolean, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((fn) => !!document.activeElement && (new Function('el', `return (${fn})(el)`)(document.activeElement) as boolean), match.toString())) return;
  }
  throw new Error(`no element matched after 40 presses of ${key}`);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(375);
}
