import type { Locator, Page } from '@playwright/test';
import { linkInMail } from './support/accounts';
import { inLanguage, loopCast, MEETING, personSigningInAt, referCase, signWithEmailedCode, typedTime } from './support/closed-loop';
import { expect as baseExpect, PASSWORD, test, type Lang } from './support/fixtures';
import { template } from './support/mediator-queue';
import { fill } from './support/negotiation';
import { STRINGS } from './support/strings';

// Six browsers and the app share two loaded cores: a screen can take longer than the usual 10 s to answer.
const expect = baseExpect.configure({ timeout: 20_000 });

type S = (typeof STRINGS)[Lang];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A page the loop reached, to be seen again in the other language: whose browser, where, and what shows it is there. */
interface Visited {
  page: Page;
  path: string;
  name: string;
  shows: (page: Page, s: S) => Locator;
}

/**
 * Issue 20's "done when": the whole closed loop in a browser. Each person works in a browser of
 * their own, only through the web pages; the test itself only reads the e-mails people receive.
 * The court, its staff, the mediator and the applicant's account are made beforehand by the
 * administrator (through the API, as the other specs do: the admin portal cannot yet tie staff
 * to a court nor a mediator's profile to it). It runs in zh-CN; then each page it reached is
 * opened again for the same case with the language switched to en, and passes axe there too.
 */
test.describe('the whole closed loop in a browser', () => {
  test.use({ locale: 'zh-CN' });

  test('a court referral goes round the whole loop in zh-CN (referral to a verified archive), and the same pages render in en', async ({ browser, request, accord, audit }) => {
    // Six people, some twenty screens, e-mailed codes and PDFs rendered with CJK fonts, on a shared 2-core machine.
    test.setTimeout(1_200_000);
    const lang: Lang = 'zh-CN';
    const locale = 'zh-CN';
    const s = STRINGS[lang];
    const cast = await loopCast(request, accord, lang);
    const tag = Math.random().toString(36).slice(2, 8);
    const visited: Visited[] = [];
    const seen = async (page: Page, name: string, shows: Visited['shows']) => {
      await expect(shows(page, s)).toBeVisible();
      await audit(page, name);
      visited.push({ page, path: new URL(page.url()).pathname + new URL(page.url()).search, name, shows });
    };

    // ── The clerk refers the case through the court portal ──
    const r = s.courtReferral;
    const clerk = await personSigningInAt(browser, accord.url, locale, lang, cast.court.clerk, '/court/referrals/new');
    await inLanguage(clerk, lang);
    await seen(clerk, 'loop-court-referral-form', (p, t) => p.getByRole('heading', { level: 1, name: t.courtReferral.form.title }));
    const referralNumber = `(2026)浙0106民诉前调${tag}号`;
    const number = await referCase(clerk, lang, cast, referralNumber, `发明专利 ZL202310012345.6 侵权纠纷（无线充电器）${tag}`);
    await audit(clerk, 'loop-court-referral-done');
    await clerk.getByRole('button', { name: r.form.toList }).click();
    await expect(clerk).toHaveURL(/\/court\/referrals$/);
    await seen(clerk, 'loop-court-referrals', (p) => p.getByRole('link', { name: referralNumber }));

    // ── The administrator accepts it at intake ──
    const a = s.adminPortal;
    const admin = await personSigningInAt(browser, accord.url, locale, lang, accord.admin, '/admin', accord.admin.password);
    await inLanguage(admin, lang);
    const intakeRow = admin.getByRole('row', { name: new RegExp(number) });
    await expect(intakeRow).toBeVisible();
    await seen(admin, 'loop-admin-intake', (p, t) => p.getByRole('heading', { level: 1, name: t.adminPortal.title }));
    await intakeRow.getByRole('button', { name: a.intake.accept, exact: true }).click();
    await admin.getByRole('dialog').getByRole('button', { name: a.intake.accept, exact: true }).click();
    await expect(admin.getByText(a.intake.accepted.replace('{{number}}', number))).toBeVisible();
    await expect(intakeRow).toHaveCount(0);

    // ── The matcher offers it to the court's mediator, who accepts from the queue ──
    const q = s.mediatorQueue;
    // The matcher works in the background; the mediator opens the queue once its invitation arrives by e-mail.
    const invited = () => accord.smtp.to(cast.mediator.email).some((m) => (m.mail.text ?? '').includes(number) && /邀请您担任|invited to mediate/.test(m.mail.text ?? ''));
    await expect.poll(invited, { timeout: 60_000, message: `the invitation to mediate ${number} in the mediator's mail` }).toBe(true);
    const mediator = await personSigningInAt(browser, accord.url, locale, lang, cast.mediator, '/mediator');
    await inLanguage(mediator, lang);
    const offer = mediator.locator(`[data-testid="offer"][data-case-number="${number}"]`);
    await expect(offer).toBeVisible({ timeout: 30_000 });
    await audit(mediator, 'loop-mediator-offer');
    await offer.getByRole('button', { name: q.offers.acceptAria.replace('{{number}}', number) }).click();
    const acceptDialog = mediator.getByRole('dialog');
    await acceptDialog.getByRole('checkbox', { name: q.offers.noConflict }).check();
    await acceptDialog.getByRole('button', { name: q.offers.confirmAccept }).click();
    await expect(mediator).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = /\/cases\/([0-9a-f-]{36})$/.exec(mediator.url())![1];
    await seen(mediator, 'loop-case-mediator', (p) => p.getByTestId('case-number').filter({ hasText: number }));
    await mediator.goto('/mediator');
    await expect(mediator.getByTestId('active-cases').getByRole('link', { name: number, exact: true })).toBeVisible();
    await seen(mediator, 'loop-mediator-queue', (p, t) => p.getByRole('heading', { level: 1, name: t.mediatorQueue.title }));

    // ── The respondent opens the e-mailed notice, makes an account that holds the case, confirms its address ──
    const link = await linkInMail(accord.smtp, cast.respondent.email, /https?:\/\/[^/\s]+(\/served\/[A-Za-z0-9_\-.]+)/);
    const respondentContext = await browser.newContext({ baseURL: accord.url, locale, timezoneId: 'UTC' });
    await respondentContext.route(`${MEETING}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Video meeting</title><h1>Video meeting</h1></html>' }),
    );
    const respondent = await respondentContext.newPage();
    await respondent.goto(link);
    await expect(respondent.getByRole('heading', { level: 1, name: s.respondent.served.title })).toBeVisible();
    await expect(respondent.getByTestId('served-case-number')).toHaveText(number);
    await audit(respondent, 'loop-served');
    await expect(respondent.getByLabel(s.auth.email)).toHaveValue(cast.respondent.email);
    await respondent.getByLabel(s.auth.password).fill(PASSWORD);
    await respondent.getByRole('button', { name: s.respondent.served.createSubmit }).click();
    await expect(respondent).toHaveURL(new RegExp(`/cases/${caseId}/answer$`));
    await expect(respondent.getByRole('heading', { level: 1, name: s.respondent.answer.title })).toBeVisible();
    await audit(respondent, 'loop-answer');
    await respondent.getByRole('checkbox', { name: s.respondent.answer.consent }).check();
    await respondent.getByRole('button', { name: s.respondent.answer.confirmAddress }).click();
    await expect(respondent.getByText(s.respondent.answer.addressConfirmed.replace('{{email}}', cast.respondent.email))).toBeVisible();

    // ── The administrator verifies the respondent's identity (mediation needs real names) ──
    await admin.getByRole('tab', { name: a.sections.people }).click();
    await expect(admin).toHaveURL(/section=people/);
    await admin.getByRole('searchbox', { name: a.people.search }).fill(cast.respondent.email);
    await admin.getByRole('searchbox', { name: a.people.search }).press('Enter');
    const respondentRow = admin.getByRole('row', { name: new RegExp(cast.respondent.email.replace(/[.+]/g, '\\$&')) });
    await expect(respondentRow.getByText(a.people.notVerified, { exact: true })).toBeVisible();
    await audit(admin, 'loop-admin-people');
    await respondentRow.getByRole('button', { name: a.people.verify, exact: true }).click();
    const verify = admin.getByRole('dialog');
    await verify.getByLabel(s.profile.identity.methods.video_call).check();
    await verify.getByLabel(a.people.note).fill('营业执照及法定代表人身份证经视频核验。');
    await verify.getByRole('button', { name: a.people.verifySubmit, exact: true }).click();
    await expect(admin.getByText(a.people.verified)).toBeVisible();
    await expect(respondentRow.getByText(a.people.notVerified, { exact: true })).toHaveCount(0);
    visited.push({ page: admin, path: '/admin?section=people', name: 'loop-admin-people', shows: (p, t) => p.getByRole('searchbox', { name: t.adminPortal.people.search }) });

    // ── The respondent agrees to mediate, online ──
    await respondent.getByRole('checkbox', { name: s.respondent.answer.consentOnline }).check();
    await respondent.getByRole('button', { name: s.respondent.answer.agree, exact: true }).click();
    await respondent.getByRole('dialog').getByRole('button', { name: s.respondent.answer.agree, exact: true }).click();
    await expect(respondent).toHaveURL(new RegExp(`/cases/${caseId}$`));
    await expect(respondent.getByText(s.status.mediating.label, { exact: true })).toBeVisible();
    await seen(respondent, 'loop-case-respondent', (p) => p.getByTestId('case-number').filter({ hasText: number }));
    visited.push({ page: respondent, path: link, name: 'loop-served-answered', shows: (p, t) => p.getByText(t.respondent.served.answeredOrClosed) });

    // ── The applicant (named by the court) finds the case in its account ──
    const applicant = await personSigningInAt(browser, accord.url, locale, lang, cast.applicant, `/cases/${caseId}`);
    await inLanguage(applicant, lang);
    await seen(applicant, 'loop-case-applicant', (p) => p.getByTestId('case-number').filter({ hasText: number }));

    // ── The room: a joint session is scheduled, the parties acknowledge the warning, join, and it ends ──
    const rs = s.room.sessions;
    await mediator.goto(`/cases/${caseId}/room?panel=sessions`);
    await expect(mediator.getByText(rs.noneMediator)).toBeVisible();
    await mediator.getByRole('button', { name: rs.schedule }).click();
    const scheduling = mediator.getByRole('dialog', { name: rs.schedule });
    await scheduling.getByLabel(rs.startsAt).fill(typedTime(10));
    await scheduling.getByLabel(rs.startsAt).press('Enter');
    await scheduling.getByLabel(rs.durationMinutes).fill('60');
    await scheduling.getByLabel(rs.meetingUrl).fill(`${MEETING}loop-${tag}`);
    await audit(mediator, 'loop-room-schedule');
    await scheduling.getByRole('button', { name: rs.scheduleSubmit }).click();
    await expect(scheduling).toBeHidden();
    const joint = mediator.getByTestId('session').filter({ hasText: rs.joint });
    await expect(joint.getByRole('button', { name: rs.start })).toBeDisabled();
    await seen(mediator, 'loop-room-sessions', (p, t) => p.getByRole('tab', { name: t.room.panels.sessions, selected: true }));

    for (const [party, name] of [
      [applicant, 'loop-room-warning'],
      [respondent, undefined],
    ] as const) {
      await party.goto(`/cases/${caseId}/room`);
      const warning = party.getByTestId('sham-mediation-warning');
      await expect(warning).toBeVisible();
      if (name) await audit(party, name);
      await warning.getByRole('button', { name: s.room.warning.acknowledge }).click();
      await expect(warning).toBeHidden();
    }
    visited.push({
      page: applicant,
      path: `/cases/${caseId}/room`,
      name: 'loop-room-messages',
      shows: (p, t) => p.getByRole('tab', { name: t.room.panels.messages, selected: true }),
    });

    await mediator.reload();
    await expect(joint.getByTestId('start-blockers')).toHaveCount(0);
    await joint.getByRole('button', { name: rs.start }).click();
    await expect(joint.getByText(rs.status.in_progress)).toBeVisible();
    // The mediator is in the meeting from its start; each party's join is recorded as it opens the link.
    for (const [joinedCount, party] of [
      [2, applicant],
      [3, respondent],
    ] as const) {
      await party.goto(`/cases/${caseId}/room?panel=sessions`);
      const session = party.getByTestId('session').filter({ hasText: rs.joint });
      const meeting = party.context().waitForEvent('page');
      await session.getByRole('button', { name: rs.join }).click();
      await (await meeting).close();
      await expect(session.getByText(template(rs.joined))).toHaveCount(joinedCount);
    }
    await audit(applicant, 'loop-room-session-joined');
    await mediator.reload();
    await joint.getByRole('button', { name: rs.end }).click();
    await expect(joint.getByText(rs.status.ended)).toBeVisible();

    // ── An offer: the respondent offers, the applicant accepts ──
    const n = s.negotiation;
    await respondent.goto(`/cases/${caseId}/room?panel=offers`);
    await expect(respondent.getByText(n.offers.none)).toBeVisible();
    await respondent.getByRole('button', { name: n.offers.make }).click();
    const drawer = respondent.getByRole('dialog');
    await drawer.getByLabel(n.terms.amount, { exact: true }).fill('200000');
    await drawer.getByRole('button', { name: n.terms.addTerm }).click();
    await drawer.getByLabel(fill(n.terms.description, { n: 1 })).fill('停止销售 X200 无线充电器');
    await audit(respondent, 'loop-room-offer-form');
    await drawer.getByRole('button', { name: n.offers.send }).click();
    await expect(respondent.getByTestId('open-offer')).toContainText(n.offers.waitingForOther);

    await applicant.goto(`/cases/${caseId}/room?panel=offers`);
    await expect(applicant.getByTestId('open-offer')).toContainText('停止销售 X200 无线充电器');
    await audit(applicant, 'loop-room-offer-open');
    await applicant.getByTestId('open-offer').getByRole('button', { name: n.offers.accept }).click();
    await applicant.getByRole('dialog').getByRole('button', { name: n.offers.accept }).click();
    await expect(applicant.getByTestId('negotiation-agreed')).toContainText(n.offers.agreedTitle);
    await seen(applicant, 'loop-room-offers', (p, t) => p.getByRole('tab', { name: t.room.panels.offers, selected: true }));

    // ── The agreement: the mediator drafts it from the template and proposes it ──
    const ag = s.agreement;
    const e = ag.editor;
    await mediator.goto(`/cases/${caseId}/room?panel=agreement`);
    await expect(mediator.getByRole('heading', { name: ag.start.title })).toBeVisible();
    await mediator.getByRole('radio', { name: ag.start.zh, exact: true }).check();
    await mediator.getByRole('button', { name: ag.start.submit }).click();
    const editor = mediator.getByTestId('agreement-editor');
    await expect(editor).toBeVisible();
    await editor.getByLabel(e.idNumber, { exact: true }).nth(1).fill('91440300MA5XXXXXX2');
    await editor.getByLabel(e.legalRepresentative, { exact: true }).nth(0).fill('张三');
    await editor.getByLabel(e.legalRepresentative, { exact: true }).nth(1).fill('王五');
    await editor.getByLabel(e.result, { exact: true }).fill('被申请人停止销售 X200 无线充电器，并向申请人支付人民币 200,000.00 元。');
    await editor.getByRole('button', { name: e.addPayment }).click();
    const pay = editor.getByTestId('obligation-0');
    await pay.getByLabel(e.amount, { exact: true }).fill('200000.00');
    await pay.getByRole('radio', { name: e.daysAfter, exact: true }).check();
    await pay.getByLabel(e.days, { exact: true }).fill('20');
    await editor.getByRole('radio', { name: e.ownershipNo, exact: true }).check();
    await editor.getByRole('button', { name: e.save }).click();
    await expect(editor.getByText(e.readyToPropose)).toBeVisible();
    await audit(mediator, 'loop-agreement-editor');
    await mediator.getByRole('button', { name: ag.propose.submit }).click();
    const tracker = mediator.getByTestId('signature-tracker');
    // Rendering the PDF (CJK fonts) takes a while on a busy machine.
    await expect(tracker.getByTestId('awaiting-list').getByRole('listitem')).toHaveCount(3, { timeout: 60_000 });
    await audit(mediator, 'loop-agreement-tracker');

    // ── Everyone signs with a code sent by e-mail; the mediator last ──
    for (const [party, email] of [
      [applicant, cast.applicant.email],
      [respondent, cast.respondent.email],
    ] as const) {
      await party.goto(`/cases/${caseId}/agreement/sign`);
      await expect(party.getByTestId('agreement-pdf')).toBeVisible({ timeout: 30_000 });
      if (party === applicant) await audit(party, 'loop-agreement-sign');
      await signWithEmailedCode(party, accord, lang, email);
      await expect(party.getByText(ag.sign.youSigned)).toBeVisible();
    }
    await mediator.reload();
    await expect(tracker.getByTestId('signed-list').getByRole('listitem')).toHaveCount(2);
    await mediator.getByRole('button', { name: ag.panel.goSign }).click();
    await signWithEmailedCode(mediator, accord, lang, cast.mediator.email);
    await expect(mediator.getByText(ag.effective.title)).toBeVisible({ timeout: 30_000 });
    await mediator.goto(`/cases/${caseId}/room?panel=agreement`);
    await expect(mediator.getByText(ag.effective.title)).toBeVisible();
    await seen(mediator, 'loop-agreement-effective', (p, t) => p.getByRole('tab', { name: t.room.panels.agreement, selected: true }));
    await applicant.goto(`/cases/${caseId}`);
    await expect(applicant.getByText(s.status.settled.label, { exact: true })).toBeVisible();
    await seen(applicant, 'loop-case-settled', (p) => p.getByTestId('case-number').filter({ hasText: number }));

    // ── The parties apply for judicial confirmation, choosing the court; the other party consents ──
    const c = s.afterSettlement.confirmation;
    await applicant.getByRole('button', { name: s.afterSettlement.toConfirmation }).click();
    await expect(applicant).toHaveURL(new RegExp(`/cases/${caseId}/confirmation$`));
    await expect(applicant.getByRole('heading', { name: c.title, level: 1 })).toBeVisible();
    await applicant.getByLabel(c.region, { exact: true }).fill('330106');
    await applicant.getByRole('button', { name: c.showCourts }).click();
    const ourCourt = applicant.getByRole('radio', { name: new RegExp(cast.court.name) });
    await expect(ourCourt).toBeVisible();
    await audit(applicant, 'loop-confirmation-apply');
    await ourCourt.check();
    await applicant.getByRole('button', { name: c.apply }).click();
    await expect(applicant.getByTestId('application-status')).toHaveText(c.status.collecting_consents);
    await respondent.goto(`/cases/${caseId}/confirmation`);
    await expect(respondent.getByText(c.youMustAgree.replace('{{court}}', cast.court.name))).toBeVisible();
    await audit(respondent, 'loop-confirmation-consent');
    await respondent.getByRole('button', { name: c.agree }).click();
    await expect(respondent.getByTestId('application-status')).toHaveText(c.status.lodged);

    // ── The clerk dockets it from the court's queue ──
    const d = s.courtDesk;
    await clerk.goto('/court');
    const queueRow = clerk.getByTestId('confirmation-queue').getByRole('row', { name: new RegExp(number) });
    await expect(queueRow.getByText(d.statuses.lodged)).toBeVisible();
    await audit(clerk, 'loop-court-queue');
    await queueRow.getByRole('button', { name: `${d.clerk.docket}: ${number}` }).click();
    await clerk.getByRole('dialog').getByRole('button', { name: d.clerk.docket, exact: true }).click();
    await expect(clerk.getByTestId('docketed-number')).toContainText(/民特调确\d+号/);
    const docket = /\(\d{4}\)\S*?民特调确\d+号/.exec(await clerk.getByTestId('docketed-number').innerText())![0];
    await expect(queueRow.getByText(d.statuses.docketed)).toBeVisible();
    // Seen again once decided, the application has left the queue: the queue itself shows.
    visited.push({ page: clerk, path: '/court', name: 'loop-court-queue', shows: (p) => p.getByTestId('confirmation-queue') });
    await queueRow.getByRole('link', { name: number }).click();
    await expect(clerk).toHaveURL(/\/court\/applications\/[0-9a-f-]{36}$/);
    const applicationPath = new URL(clerk.url()).pathname;
    await expect(clerk.getByTestId('docket-number')).toHaveText(docket);

    // ── The judge previews the ruling and confirms; the parties read it ──
    const judge = await personSigningInAt(browser, accord.url, locale, lang, cast.court.judge, applicationPath);
    await inLanguage(judge, lang);
    await expect(judge.getByRole('heading', { name: d.judge.title })).toBeVisible({ timeout: 30_000 });
    await audit(judge, 'loop-court-decision');
    await judge.getByRole('button', { name: d.judge.preview }).click();
    await expect(judge.getByTestId('ruling-preview')).toHaveAttribute('src', /^blob:/);
    await judge.getByRole('button', { name: d.judge.issueConfirm }).click();
    await expect(judge.getByTestId('application-status')).toHaveText(d.statuses.confirmed);
    await seen(judge, 'loop-court-application', (p) => p.getByTestId('docket-number').filter({ hasText: docket }));
    await applicant.goto(`/cases/${caseId}/confirmation`);
    await expect(applicant.getByTestId('application-status')).toHaveText(c.status.confirmed);
    await expect(applicant.getByText(c.confirmedText)).toBeVisible();
    await applicant.getByRole('button', { name: c.readRuling }).click();
    await expect(applicant.getByRole('dialog').getByTestId('pdf-preview')).toBeVisible({ timeout: 30_000 });
    await applicant.keyboard.press('Escape');
    await expect(applicant.getByRole('dialog')).toBeHidden();
    await seen(applicant, 'loop-confirmation-confirmed', (p, t) => p.getByRole('heading', { level: 1, name: t.afterSettlement.confirmation.title }));
    // The ruling is served on each party by e-mail as well: the mail names it and carries its reading link.
    for (const email of [cast.applicant.email, cast.respondent.email]) {
      const served = () => accord.smtp.to(email).some((m) => /民事裁定书|Civil ruling/.test(m.mail.text ?? '') && (m.mail.text ?? '').includes('/served/'));
      await expect.poll(served, { timeout: 30_000, message: `the ruling served in ${email}'s mail` }).toBe(true);
    }

    // ── The respondent reports the payment with a proof; the applicant confirms it; the case closes ──
    const pf = s.afterSettlement.performance;
    await respondent.goto(`/cases/${caseId}`);
    await respondent.getByTestId('next-steps').click();
    await respondent.getByRole('menuitem', { name: s.casePage.actions.perform, exact: true }).click();
    await expect(respondent).toHaveURL(new RegExp(`/cases/${caseId}/performance$`));
    await expect(respondent.getByRole('heading', { name: pf.title, level: 1 })).toBeVisible();
    const owed = respondent.locator('[data-testid^="performance-item-"]');
    await expect(owed).toHaveCount(1);
    await expect(owed.getByText(pf.itemStatus.pending)).toBeVisible();
    await audit(respondent, 'loop-performance');
    await owed.getByRole('button', { name: pf.report, exact: true }).click();
    const reporting = respondent.getByRole('dialog');
    await reporting.locator('input[type=file]').setInputFiles({ name: 'bank-slip.pdf', mimeType: 'application/pdf', buffer: PDF });
    await audit(respondent, 'loop-performance-report');
    await reporting.getByRole('button', { name: pf.send }).click();
    await expect(owed.getByText(pf.itemStatus.reported)).toBeVisible();

    await applicant.goto(`/cases/${caseId}/performance`);
    const reported = applicant.locator('[data-testid^="performance-item-"]');
    await expect(reported.getByRole('button', { name: pf.proofOf.replace('{{name}}', 'bank-slip.pdf') })).toBeVisible();
    await audit(applicant, 'loop-performance-reported');
    await reported.getByRole('button', { name: pf.confirm, exact: true }).click();
    await applicant.getByRole('dialog', { name: pf.confirmTitle }).getByRole('button', { name: pf.confirm, exact: true }).click();
    await expect(reported.getByText(pf.itemStatus.confirmed, { exact: true })).toBeVisible();
    await expect(applicant.getByText(pf.allDone)).toBeVisible();
    await seen(applicant, 'loop-performance-done', (p, t) => p.getByRole('heading', { level: 1, name: t.afterSettlement.performance.title }));

    // ── Closed, the case archives itself; the administrator verifies its archive ──
    await admin.goto('/admin?section=archive');
    await expect(admin.getByRole('tab', { name: a.sections.archive, selected: true })).toBeVisible();
    const archived = admin.getByTestId('archive-result');
    // Archiving runs in the background after closing: until then the page says there is no archive yet.
    await baseExpect(async () => {
      await admin.getByRole('combobox', { name: s.cases.number }).fill(number);
      // The closed cases' list drops down over the button: close it, keeping what was typed.
      await admin.getByRole('combobox', { name: s.cases.number }).press('Escape');
      // The list can drop down again once the closed cases load, after the Escape: then the click
      // must give up (a click waits for its target without end by default) so the loop goes round.
      await admin.getByRole('button', { name: a.archive.verify, exact: true }).click({ timeout: 5_000 });
      await baseExpect(archived.getByRole('heading', { name: a.archive.ok })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await expect(archived.getByText(a.archive.itemBroken)).toHaveCount(0);
    await audit(admin, 'loop-admin-archive');
    visited.push({
      page: admin,
      path: '/admin?section=archive',
      name: 'loop-admin-archive',
      shows: (p, t) => p.getByRole('button', { name: t.adminPortal.archive.verify, exact: true }),
    });
    await applicant.goto(`/cases/${caseId}`);
    await seen(applicant, 'loop-case-archived', (p, t) => p.getByText(t.status.archived.label, { exact: true }).first());
    // The sealed case's room is read only: its session is listed, its record can no longer be written.
    await mediator.goto(`/cases/${caseId}/room?panel=sessions`);
    await expect(mediator.getByTestId('session').filter({ hasText: rs.joint })).toBeVisible();
    await expect(mediator.getByLabel(rs.writeRecord)).toHaveCount(0);
    await expect(mediator.getByRole('button', { name: rs.saveRecord })).toHaveCount(0);

    // ── The same pages in en: each person switches the language and sees them again ──
    const en = STRINGS.en;
    const people = [...new Set(visited.map((v) => v.page))];
    for (const page of people) {
      await inLanguage(page, 'en');
      for (const v of visited.filter((x) => x.page === page)) {
        await page.goto(v.path);
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        await expect(v.shows(page, en), `${v.name} in en`).toBeVisible();
        await audit(page, v.name);
      }
    }
    for (const page of people) await page.context().close();
  });
});
