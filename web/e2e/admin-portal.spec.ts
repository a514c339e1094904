import { apiToken } from './support/accounts';
import { adminPerson, pick, submittedApplication } from './support/admin';
import { person } from './support/case-setup';
import { courtClerk } from './support/court';
import { expect, PASSWORD, settled, test, uniqueEmail } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

for (const { lang, locale } of LANGS) {
  test.describe(`the administration portal (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const a = s.adminPortal;

    test('intake accepts and sends back; a mediator is created with a profile and assigned by hand; a party is verified; a service is recorded offline; the security log and archive verification open', async ({
      page,
      audit,
      request,
      accord,
    }) => {
      test.setTimeout(480_000);
      const admin = await adminPerson(request, accord);
      // The screens follow the signed-in person's own language: the administrator reads this pass's.
      const language = await request.patch('/api/v1/me', { headers: admin.auth, data: { preferredLanguage: lang } });
      expect(language.status(), await language.text()).toBe(200);
      const suffix = Math.random().toString(36).slice(2, 7);
      const applicant = await person(request, `applicant-${lang}`, lang, `Applicant ${suffix}`);
      const respondentEmail = uniqueEmail(`respondent-${lang}`);
      const accepted = await submittedApplication(request, applicant, respondentEmail, `Photographs copied ${suffix}`);
      const corrected = await submittedApplication(request, applicant, respondentEmail, `Photographs reused ${suffix}`);

      await signedInAt(page, admin.email, '/admin', accord.admin.password);
      await expect(page.getByRole('heading', { level: 1, name: a.title })).toBeVisible();

      // ── Intake: the longest waiting first; accept one, send the other back for correction.
      const intakeRows = page.getByRole('row');
      await expect(page.getByRole('row', { name: new RegExp(accepted.number) })).toBeVisible();
      const order = await intakeRows.allInnerTexts();
      expect(order.findIndex((r) => r.includes(accepted.number))).toBeLessThan(order.findIndex((r) => r.includes(corrected.number)));
      await expect(page.getByRole('main').getByRole('link', { name: a.statistics, exact: true })).toHaveAttribute('href', '/statistics');
      await audit(page, 'admin-intake');

      await page
        .getByRole('row', { name: new RegExp(accepted.number) })
        .getByRole('button', { name: a.intake.accept, exact: true })
        .click();
      await page.getByRole('dialog').getByRole('button', { name: a.intake.accept, exact: true }).click();
      await expect(page.getByText(a.intake.accepted.replace('{{number}}', accepted.number))).toBeVisible();
      await expect(page.getByRole('row', { name: new RegExp(accepted.number) })).toHaveCount(0);

      await page
        .getByRole('row', { name: new RegExp(corrected.number) })
        .getByRole('button', { name: a.intake.requestCorrection, exact: true })
        .click();
      const correction = page.getByRole('dialog');
      await correction.getByLabel(a.intake.items).fill('The copyright registration certificate\nThe respondent’s address');
      await correction.getByLabel(a.intake.correctionReason).fill('The application lacks the proof of ownership.');
      await correction.getByLabel(a.intake.days).fill('5');
      await audit(page, 'admin-intake-correction');
      await correction.getByRole('button', { name: a.intake.sendCorrection, exact: true }).click();
      await expect(page.getByText(a.intake.correctionSent)).toBeVisible();
      await expect(page.getByRole('row', { name: new RegExp(corrected.number) })).toHaveCount(0);
      const sentBack = await request.get(`/api/v1/cases/${corrected.id}`, { headers: admin.auth });
      expect(((await sentBack.json()) as { status: string }).status).toBe('needs_correction');

      // ── People: create a mediator with a profile.
      await page.getByRole('tab', { name: a.sections.people }).click();
      await expect(page).toHaveURL(/section=people/);
      const mediatorName = `Mediator ${suffix}`;
      const mediatorEmail = uniqueEmail(`mediator-${lang}`);
      await page.getByRole('button', { name: a.people.create, exact: true }).click();
      const create = page.getByRole('dialog');
      await create.getByLabel(a.people.name).fill(mediatorName);
      await create.getByLabel(a.people.email).fill(mediatorEmail);
      await create.getByLabel(a.people.initialPassword).fill(PASSWORD);
      await audit(page, 'admin-people-create');
      await create.getByRole('button', { name: a.people.createSubmit, exact: true }).click();
      await expect(page.getByText(a.people.created)).toBeVisible();
      // The dialog gives focus back to its button as it closes: search only once it has.
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await page.getByRole('searchbox', { name: a.people.search }).fill(mediatorName);
      await page.getByRole('searchbox', { name: a.people.search }).press('Enter');
      await expect(page).toHaveURL(/q=/);
      const mediatorRow = page.getByRole('row', { name: new RegExp(mediatorName) });
      await expect(mediatorRow.getByText(a.people.roles.mediator, { exact: true })).toBeVisible();
      await audit(page, 'admin-people');
      await mediatorRow.getByRole('button', { name: a.people.profile, exact: true }).click();
      await pick(page, a.profile.disputeTypes, s.filing.types.trademark);
      await pick(page, a.profile.accreditations, a.profile.accreditationNames.court_invited);
      await page.getByLabel(a.profile.seniorities['3']).check();
      await page.getByLabel(a.profile.capacity).fill('20');
      await audit(page, 'admin-mediator-profile');
      await page.getByRole('dialog').getByRole('button', { name: a.save, exact: true }).click();
      await expect(page.getByText(a.profile.saved)).toBeVisible();
      const mediatorAuth = { Authorization: `Bearer ${await apiToken(request, mediatorEmail)}` };
      const mediatorId = ((await (await request.get('/api/v1/me', { headers: mediatorAuth })).json()) as { id: string }).id;
      const profile = (await (await request.get(`/api/v1/mediators/${mediatorId}/profile`, { headers: admin.auth })).json()) as {
        capacity: number;
        disputeTypes: string[];
        seniority: number;
      };
      expect(profile).toMatchObject({ capacity: 20, disputeTypes: ['trademark'], seniority: 3 });

      // ── Identity verification of a party.
      await page.getByRole('searchbox', { name: a.people.search }).fill(applicant.email);
      await page.getByRole('searchbox', { name: a.people.search }).press('Enter');
      const partyRow = page.getByRole('row', { name: new RegExp(applicant.email.replace(/[.+]/g, '\\$&')) });
      await expect(partyRow.getByText(a.people.notVerified, { exact: true })).toBeVisible();
      await partyRow.getByRole('button', { name: a.people.verify, exact: true }).click();
      const verify = page.getByRole('dialog');
      await verify.getByLabel(s.profile.identity.methods.video_call).check();
      await verify.getByLabel(a.people.note).fill('Passport shown on a video call.');
      await verify.getByRole('button', { name: a.people.verifySubmit, exact: true }).click();
      await expect(page.getByText(a.people.verified)).toBeVisible();
      await expect(partyRow.getByText(a.people.notVerified, { exact: true })).toHaveCount(0);

      // ── Assignment: the accepted case found no mediator; assign the new one by hand with a reason.
      await page.getByRole('tab', { name: a.sections.assignment }).click();
      await expect(page).toHaveURL(/section=assignment/);
      const waiting = page.getByRole('row', { name: new RegExp(accepted.number) });
      await expect(waiting).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole('row', { name: new RegExp(mediatorName) })).toBeVisible();
      await audit(page, 'admin-assignment');
      await waiting.getByRole('button', { name: a.assignment.assign, exact: true }).click();
      await expect(page.getByRole('heading', { name: a.assignment.candidates })).toBeVisible();
      await page.getByRole('button', { name: a.assignment.assignManually, exact: true }).click();
      await pick(page, a.assignment.mediator, mediatorName);
      await page.getByLabel(a.assignment.reason).fill('Speaks both languages of the parties and has handled photograph disputes.');
      await audit(page, 'admin-assignment-manual');
      await page
        .getByRole('dialog', { name: a.assignment.manualTitle.replace('{{number}}', accepted.number) })
        .getByRole('button', { name: a.assignment.assign, exact: true })
        .click();
      await expect(page.getByText(a.assignment.assigned.replace('{{number}}', accepted.number))).toBeVisible();
      const offers = (await (await request.get(`/api/v1/cases/${accepted.id}/assignment/offers`, { headers: admin.auth })).json()) as {
        items: { mediatorId: string; source: string; reason: string }[];
      };
      expect(offers.items).toContainEqual(expect.objectContaining({ mediatorId, source: 'manual', reason: expect.stringContaining('photograph disputes') }));

      // ── Service: the mediator accepts (its own screen, through the API); the notice to the respondent is recorded as served by post.
      const accept = await request.post(`/api/v1/cases/${accepted.id}/assignment/accept`, { headers: mediatorAuth, data: { noConflict: true } });
      expect(accept.status(), await accept.text()).toBe(200);
      await page.getByRole('tab', { name: a.sections.service }).click();
      await expect(page).toHaveURL(/section=service/);
      await page.getByRole('searchbox', { name: s.cases.number }).fill(accepted.number);
      await page.getByRole('button', { name: a.service.find, exact: true }).click();
      const serviceRow = page.getByRole('row', { name: /Online Shop Co/ });
      await expect(serviceRow).toBeVisible();
      await audit(page, 'admin-service');
      await serviceRow.getByRole('button', { name: a.service.serveOffline, exact: true }).click();
      const offline = page.getByRole('dialog');
      await pick(page, a.service.method, a.service.methods.post);
      await offline.getByLabel(a.service.reason).fill('The e-mail address bounced; sent by EMS to the registered address.');
      await audit(page, 'admin-service-offline');
      await offline.getByRole('button', { name: a.service.record, exact: true }).click();
      await expect(page.getByText(a.service.recorded)).toBeVisible();
      await expect(serviceRow.getByText(a.service.servedOffline, { exact: true })).toBeVisible();

      // ── Security log: the identity verification just recorded is there.
      await page.getByRole('tab', { name: a.sections.security }).click();
      await expect(page).toHaveURL(/section=security/);
      await expect(page.getByRole('cell', { name: a.security.types.identity_verified, exact: true }).first()).toBeVisible();
      await pick(page, a.security.filter, a.security.types.login_succeeded);
      await expect(page).toHaveURL(/type=login_succeeded/);
      await expect(page.getByRole('cell', { name: a.security.types.identity_verified, exact: true })).toHaveCount(0);
      await expect(page.getByRole('cell', { name: a.security.types.login_succeeded, exact: true }).first()).toBeVisible();
      await audit(page, 'admin-security');

      // ── Archive verification: a case still in mediation has no archive yet, and the page says so.
      await page.getByRole('tab', { name: a.sections.archive }).click();
      await expect(page).toHaveURL(/section=archive/);
      await page.getByRole('combobox', { name: s.cases.number }).fill(accepted.number);
      await page.getByRole('button', { name: a.archive.verify, exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: a.archive.noArchive })).toBeVisible();
      await audit(page, 'admin-archive');
    });
  });
}

for (const { lang, locale } of LANGS) {
  test.describe(`the administration portal: courts' systems (${lang})`, () => {
    test.use({ locale });
    const a = STRINGS[lang].adminPortal;
    const c = a.courtSystems;

    test("an administrator issues a court system's API key, sees it once, the system uses it, and a revoked key is refused at once", async ({ page, audit, request, accord }) => {
      test.setTimeout(180_000);
      const admin = await adminPerson(request, accord);
      await request.patch('/api/v1/me', { headers: admin.auth, data: { preferredLanguage: lang } });
      const { courtId } = await courtClerk(request, accord, lang);
      const courtName = ((await (await request.get(`/api/v1/organisations/${courtId}`, { headers: admin.auth })).json()) as { name: string }).name;
      const systemName = `Trial system ${Math.random().toString(36).slice(2, 7)}`;
      // Unique per run: both languages' runs can share one database, and the list shows every subscription.
      const hookUrl = `http://127.0.0.1:9/accord-hook-${Math.random().toString(36).slice(2, 8)}`;

      await signedInAt(page, admin.email, '/admin?section=courtSystems', accord.admin.password);
      await expect(page.getByRole('tab', { name: a.sections.courtSystems, selected: true })).toBeVisible();
      await audit(page, 'admin-court-systems');

      // Issue: court, system, label; referring and reading are ticked to begin with.
      await page.getByRole('button', { name: c.issue, exact: true }).click();
      const form = page.getByRole('dialog', { name: c.issueTitle });
      // Submitted once the dialog has stopped opening: a click during its opening motion could
      // land before the form listened, and no field would say it is required (a flake in CI).
      await settled(page);
      await form.getByRole('button', { name: c.issue, exact: true }).click();
      await expect(form.getByText(a.required).first()).toBeVisible();
      await pick(page, c.court, courtName);
      await form.getByLabel(c.system).fill(systemName);
      await form.getByLabel(c.label).fill('production');
      await expect(form.getByLabel(c.permission.refer_cases)).toBeChecked();
      await expect(form.getByLabel(c.permission.read_cases)).toBeChecked();
      await expect(form.getByLabel(c.permission.lodge_confirmation_decisions)).not.toBeChecked();
      await audit(page, 'admin-court-systems-issue');
      await form.getByRole('button', { name: c.issue, exact: true }).click();

      // Shown once, whole; the list shows only its label and when it was last used.
      const shown = page.getByRole('dialog', { name: c.issuedTitle });
      await expect(shown.getByText(c.shownOnce)).toBeVisible();
      const key = (await shown.getByLabel(c.theKey).innerText()).trim();
      expect(key).toMatch(/^acc_/);
      await audit(page, 'admin-court-systems-issued');
      await shown.getByRole('button', { name: c.stored, exact: true }).click();
      const row = page.getByRole('row', { name: new RegExp(systemName) });
      await expect(row.getByText(c.neverUsed, { exact: true })).toBeVisible();
      await expect(page.getByText(key)).toHaveCount(0);

      // The court's system reads with it (an unknown reference: 404, not 401), and the list shows the use.
      const read = await request.get('/api/v1/court-systems/cases/UNKNOWN-REF', { headers: { 'X-Api-Key': key } });
      expect(read.status(), await read.text()).toBe(404);
      await page.reload();
      await expect(row.getByText(c.neverUsed, { exact: true })).toHaveCount(0);

      // The system's webhook: a wrong address is refused beside its field; the secret is shown once, a new one too.
      const w = c.webhooks;
      await page.getByRole('button', { name: w.subscribe, exact: true }).click();
      const subscribe = page.getByRole('dialog', { name: w.subscribeTitle });
      // In the dialog: the section's tab panel has the same name as the field in Chinese (法院系统).
      await subscribe.getByLabel(c.system, { exact: true }).click();
      // The option is clicked once the list has stopped opening (see mediator-queue.spec.ts).
      await settled(page);
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${systemName} · ${courtName}"]`).click();
      await subscribe.getByLabel(w.url).fill('ftp://court.example.org/hook');
      // Every event is ticked to begin with.
      await expect(subscribe.getByRole('checkbox', { checked: true })).toHaveCount(8);
      await subscribe.getByRole('button', { name: w.subscribe, exact: true }).click();
      await expect(subscribe.getByText(STRINGS[lang].apiRules.isWebhookUrl)).toBeVisible();
      await audit(page, 'admin-court-systems-subscribe');
      await subscribe.getByLabel(w.url).fill(hookUrl);
      // Not exact: the first answer's loading icon can linger in the button's name while it leaves.
      await subscribe.getByRole('button', { name: w.subscribe }).click();
      const signing = page.getByRole('dialog', { name: w.secretTitle });
      const firstSecret = (await signing.getByLabel(w.theSecret).innerText()).trim();
      expect(firstSecret).toMatch(/^whsec_/);
      await signing.getByRole('button', { name: c.stored, exact: true }).click();
      const hook = page.getByRole('row', { name: new RegExp(hookUrl.replace(/[.]/g, '\\.')) });
      await expect(hook.getByText(w.active, { exact: true })).toBeVisible();
      await hook.getByRole('button', { name: w.rotate, exact: true }).click();
      await page.getByRole('tooltip').getByRole('button', { name: w.rotate, exact: true }).click();
      const secondSecret = (await page.getByRole('dialog', { name: w.secretTitle }).getByLabel(w.theSecret).innerText()).trim();
      expect(secondSecret).toMatch(/^whsec_/);
      expect(secondSecret).not.toBe(firstSecret);
      await page.getByRole('dialog', { name: w.secretTitle }).getByRole('button', { name: c.stored, exact: true }).click();
      await expect(hook.getByText(w.overlap.split('{{')[0].trim(), { exact: false })).toBeVisible();
      await audit(page, 'admin-court-systems-webhooks');
      await hook.getByRole('button', { name: w.disable, exact: true }).click();
      await page.getByRole('tooltip').getByRole('button', { name: w.disable, exact: true }).click();
      await expect(hook.getByText(w.disabledOn.split('{{')[0].trim(), { exact: false })).toBeVisible();
      const listed = (await (await request.get('/api/v1/admin/webhooks/subscriptions', { headers: admin.auth })).json()) as { items: { url: string; disabledAt: string | null }[] };
      expect(listed.items.find((x) => x.url === hookUrl)?.disabledAt).not.toBeNull();

      // Revoked: refused from the next request on.
      await row.getByRole('button', { name: c.revoke, exact: true }).click();
      await page.getByRole('tooltip').getByRole('button', { name: c.revoke, exact: true }).click();
      await expect(page.getByText(c.revoked.replace('{{label}}', 'production'))).toBeVisible();
      await expect(row.getByRole('button', { name: c.revoke, exact: true })).toHaveCount(0);
      const refused = await request.get('/api/v1/court-systems/cases/UNKNOWN-REF', { headers: { 'X-Api-Key': key } });
      expect(refused.status()).toBe(401);
      await audit(page, 'admin-court-systems-revoked');
    });
  });
}

for (const { lang, locale } of LANGS) {
  test.describe(`the administration portal on a 375 px screen (${lang})`, () => {
    test.use({ locale, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const a = STRINGS[lang].adminPortal;

    test('every section fits the width (tables scroll inside themselves) and passes axe', async ({ page, audit, request, accord }) => {
      test.setTimeout(240_000);
      const admin = await adminPerson(request, accord);
      await request.patch('/api/v1/me', { headers: admin.auth, data: { preferredLanguage: lang } });
      // A court system's webhook with a long address, so the court systems' table has one to show.
      const { courtId } = await courtClerk(request, accord, lang);
      const tag = Math.random().toString(36).slice(2, 8);
      const key = await request.post('/api/v1/admin/court-systems/keys', {
        headers: admin.auth,
        data: { courtId, courtSystemName: `Phone system ${tag}`, label: 'production', permissions: ['read_cases'] },
      });
      expect(key.status(), await key.text()).toBe(201);
      const hookUrl = `http://127.0.0.1:9/court-${tag}/accord/webhooks/case-events`;
      const subscribed = await request.post('/api/v1/admin/webhooks/subscriptions', {
        headers: admin.auth,
        data: { courtSystemId: ((await key.json()) as { courtSystemId: string }).courtSystemId, url: hookUrl, events: ['closed'] },
      });
      expect(subscribed.status(), await subscribed.text()).toBe(201);
      await signedInAt(page, admin.email, '/admin', accord.admin.password);
      await expect(page.getByRole('heading', { level: 1, name: a.title })).toBeVisible();
      for (const section of ['intake', 'assignment', 'people', 'service', 'security', 'archive', 'courtSystems', 'webhooks'] as const) {
        await page.goto(section === 'intake' ? '/admin' : `/admin?section=${section}`);
        await expect(page.getByRole('tab', { name: a.sections[section], selected: true })).toBeVisible();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `the ${section} section scrolls sideways`).toBeLessThanOrEqual(375);
        if (section === 'courtSystems') {
          // The webhook's address reads in runs, not one character per line: its cell keeps a width.
          const address = await page.getByRole('cell', { name: hookUrl, exact: true }).boundingBox();
          expect(address?.width, 'the webhook address column is wide enough to read').toBeGreaterThanOrEqual(200);
        }
        await audit(page, `admin-${section}`);
      }
    });
  });
}
