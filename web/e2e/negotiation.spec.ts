import type { APIRequestContext, Page } from '@playwright/test';
import { expect as baseExpect, chooseOption, test } from './support/fixtures';
import { mediatingCase, type Actor } from './support/mediating-case';
import { fill, inRoom, openPanel, recordResponses } from './support/negotiation';
import { signFromRoom } from './support/room-signing';
import { LANGS, STRINGS } from './support/strings';

type S = (typeof STRINGS)['en'];

// Three browsers and the app share two loaded cores: an answer can take longer than the usual 10 s to show.
const expect = baseExpect.configure({ timeout: 20_000 });

async function caseState(request: APIRequestContext, who: Actor, caseId: string): Promise<{ status: string; outcome?: string | null; version: number }> {
  const res = await request.get(`/api/v1/cases/${caseId}`, { headers: who.auth });
  expect(res.status()).toBe(200);
  return (await res.json()) as { status: string; outcome?: string | null; version: number };
}

for (const { lang, locale } of LANGS) {
  test.describe(`negotiation in the mediation room (${lang})`, () => {
    test.use({ locale });

    test('a counter-offer is made and accepted; the case stays in mediation for the agreement', async ({ browser, request, accord, audit }) => {
      test.setTimeout(300_000);
      const s = STRINGS[lang];
      const room = await mediatingCase(request, accord, lang);
      const applicant = await inRoom(browser, accord, locale, lang, room.applicant, room.caseId, 'offers');
      const respondent = await inRoom(browser, accord, locale, lang, room.respondent, room.caseId, 'offers');
      const mediator = await inRoom(browser, accord, locale, lang, room.mediator, room.caseId, 'offers');

      // The applicant offers money with a time limit and a stop-use term; a wrong amount is answered beside the field.
      await expect(applicant.getByText(s.negotiation.offers.none)).toBeVisible();
      await applicant.getByRole('button', { name: s.negotiation.offers.make }).click();
      const drawer = applicant.getByRole('dialog');
      await drawer.getByLabel(s.negotiation.terms.amount, { exact: true }).fill('12,5x');
      await drawer.getByRole('button', { name: s.negotiation.terms.addTerm }).click();
      await drawer.getByLabel(fill(s.negotiation.terms.description, { n: 1 })).fill('Stop selling the X200 charger');
      const expiry = new Date(Date.now() + 3 * 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      await drawer.getByRole('checkbox', { name: s.negotiation.offers.limited }).check();
      await drawer.getByLabel(s.negotiation.offers.expiry).click();
      await drawer.getByLabel(s.negotiation.offers.expiry).fill(`${expiry.getFullYear()}-${pad(expiry.getMonth() + 1)}-${pad(expiry.getDate())} 18:00`);
      await drawer.getByLabel(s.negotiation.offers.expiry).press('Enter');
      await audit(applicant, 'room-offer-form');
      await drawer.getByRole('button', { name: s.negotiation.offers.send }).click();
      // In the person's own words (the API's rule `amount`), not the API's English message.
      await expect(applicant.locator('#terms_money_amount_help')).toHaveText(s.apiRules.amount);
      await drawer.getByLabel(s.negotiation.terms.amount, { exact: true }).fill('500000');
      await drawer.getByRole('button', { name: s.negotiation.offers.send }).click();
      await expect(applicant.getByTestId('open-offer')).toContainText(s.negotiation.offers.waitingForOther);
      await expect(applicant.getByTestId('open-offer')).toContainText(s.negotiation.offers.timeLeft);

      // The respondent counters with instalments.
      await openPanel(respondent, lang, 'offers');
      const open = respondent.getByTestId('open-offer');
      await expect(open).toContainText('Stop selling the X200 charger');
      await expect(open).toContainText(s.negotiation.offers.timeLeft);
      await audit(respondent, 'room-offers-party');
      await open.getByRole('button', { name: s.negotiation.offers.counter }).click();
      const counter = respondent.getByRole('dialog');
      await counter.getByLabel(s.negotiation.terms.amount, { exact: true }).fill('300000');
      await counter.getByRole('radio', { name: s.negotiation.terms.instalments }).check();
      for (const [n, amount, days] of [
        [1, '100000', '30'],
        [2, '200000', '90'],
      ] as const) {
        const card = counter.locator('.ant-card-type-inner', { hasText: fill(s.negotiation.terms.instalment, { n }) });
        await card.getByLabel(fill(s.negotiation.terms.instalmentAmount, { n })).fill(amount);
        await card.getByRole('radio', { name: s.negotiation.terms.due.days }).check();
        await card.getByLabel(s.negotiation.terms.due.daysLabel).fill(days);
      }
      // Every radio group has a name of its own: two groups sharing one are one group to the browser
      // (checking "days" in an instalment unchecked the other term's choice, and the page checked it back).
      const groups = await counter
        .locator('.ant-radio-group')
        .evaluateAll((all) => all.map((g) => [...new Set([...g.querySelectorAll('input[type="radio"]')].map((r) => r.getAttribute('name')))].join(' ')));
      expect(new Set(groups).size, `radio groups by name: ${groups.join(', ')}`).toBe(groups.length);
      await counter.getByRole('button', { name: s.negotiation.offers.sendCounter }).click();
      // Offer 2 is now the respondent's own, waiting for the applicant.
      await expect(respondent.getByTestId('open-offer')).toContainText(s.negotiation.offers.waitingForOther);
      await expect(respondent.getByTestId('offer-2')).toContainText(s.negotiation.offerStatus.open);

      // The applicant accepts the counter-offer: the negotiation is agreed; the case stays in mediation for the agreement.
      await openPanel(applicant, lang, 'offers');
      await applicant.getByTestId('open-offer').getByRole('button', { name: s.negotiation.offers.accept }).click();
      await applicant.getByRole('dialog').getByRole('button', { name: s.negotiation.offers.accept }).click();
      await expect(applicant.getByTestId('negotiation-agreed')).toContainText(s.negotiation.offers.agreedTitle);
      await expect(applicant.getByTestId('offer-1')).toContainText(s.negotiation.offerStatus.countered);
      await expect(applicant.getByTestId('offer-2')).toContainText(s.negotiation.offerStatus.accepted);
      await expect(applicant.getByRole('button', { name: s.negotiation.offers.make })).toHaveCount(0);
      expect((await caseState(request, room.mediator, room.caseId)).status).toBe('mediating');
      const negotiation = (await (await request.get(`/api/v1/cases/${room.caseId}/offers`, { headers: room.mediator.auth })).json()) as {
        status: string;
        offers: { status: string; terms: { money?: { amount: string } } }[];
      };
      expect(negotiation.status).toBe('agreed');
      expect(negotiation.offers.map((o) => o.status)).toEqual(['countered', 'accepted']);

      await openPanel(mediator, lang, 'offers');
      await expect(mediator.getByTestId('negotiation-agreed')).toBeVisible();
      await expect(mediator.getByTestId('offer-2')).toContainText(s.negotiation.offerStatus.accepted);
      await audit(mediator, 'room-offers');

      // On a phone: the history fits the screen.
      await applicant.setViewportSize({ width: 375, height: 812 });
      await openPanel(applicant, lang, 'offers');
      expect(await applicant.evaluate(() => document.documentElement.scrollWidth), 'the page scrolls sideways').toBeLessThanOrEqual(375);
      await audit(applicant, 'room-offers-party');
      for (const page of [applicant, respondent, mediator]) await page.context().close();
    });

    test('the mediator pauses and resumes the period and proposes an extension, which both parties accept online', async ({ browser, request, accord, audit }) => {
      test.setTimeout(300_000);
      const s = STRINGS[lang];
      const room = await mediatingCase(request, accord, lang);
      const mediator = await inRoom(browser, accord, locale, lang, room.mediator, room.caseId, 'period');
      const applicant = await inRoom(browser, accord, locale, lang, room.applicant, room.caseId, 'period');
      const respondent = await inRoom(browser, accord, locale, lang, room.respondent, room.caseId, 'period');

      // The period: the mediator pauses it for an appraisal and resumes it, then proposes an extension.
      await expect(mediator.getByTestId('period-state')).toHaveText(s.negotiation.period.states.running);
      await mediator.getByRole('button', { name: s.negotiation.period.pause }).click();
      const pause = mediator.getByRole('dialog');
      await pause.getByRole('button', { name: s.negotiation.period.pause }).click();
      await expect(pause.locator('#reason_help')).toBeVisible();
      await pause.getByLabel(s.negotiation.period.reason).fill('Appraisal of the charger coil by the Zhejiang IP Appraisal Centre');
      await pause.getByRole('button', { name: s.negotiation.period.pause }).click();
      await expect(mediator.getByTestId('period-state')).toHaveText(s.negotiation.period.states.paused);
      await expect(mediator.getByText('Appraisal of the charger coil by the Zhejiang IP Appraisal Centre').first()).toBeVisible();
      await audit(mediator, 'room-period-paused');
      await mediator.getByRole('button', { name: s.negotiation.period.resume }).click();
      await mediator.getByRole('dialog').getByRole('button', { name: s.negotiation.period.resume }).click();
      await expect(mediator.getByTestId('period-state')).toHaveText(s.negotiation.period.states.running);

      await mediator.getByRole('button', { name: s.negotiation.period.propose }).click();
      const extend = mediator.getByRole('dialog');
      await extend.getByLabel(s.negotiation.period.extraDays).fill('10');
      await extend.getByLabel(s.negotiation.period.reason).fill('The appraisal report needs discussing at one more joint session');
      await extend.getByRole('button', { name: s.negotiation.period.proposeSend }).click();
      await expect(mediator.getByTestId('extension')).toContainText(s.negotiation.period.extensionStatus.pending);

      // Each party answers online; with both consenting the extension takes effect.
      for (const party of [applicant, respondent]) {
        await openPanel(party, lang, 'period');
        await expect(party.getByTestId('extension')).toContainText(s.negotiation.period.yourAnswer);
        if (party === applicant) await audit(party, 'room-period-answer');
        await party.getByRole('button', { name: s.negotiation.period.consent }).click();
        await expect(party.getByRole('button', { name: s.negotiation.period.consent })).toHaveCount(0);
      }
      await expect(respondent.getByTestId('extension')).toContainText(s.negotiation.period.extensionStatus.granted);
      await openPanel(mediator, lang, 'period');
      await expect(mediator.getByTestId('extension')).toContainText(s.negotiation.period.extensionStatus.granted);
      await audit(mediator, 'room-period');

      // On a phone: the period fits the screen.
      await applicant.setViewportSize({ width: 375, height: 812 });
      await openPanel(applicant, lang, 'period');
      expect(await applicant.evaluate(() => document.documentElement.scrollWidth), 'the page scrolls sideways').toBeLessThanOrEqual(375);
      await audit(applicant, 'room-period-party');
      for (const page of [applicant, respondent, mediator]) await page.context().close();
    });

    test('the mediator ends a mediation without agreement; everyone sees the failure report and what happens next', async ({ browser, request, accord, audit }) => {
      test.setTimeout(300_000);
      const s = STRINGS[lang];
      const room = await mediatingCase(request, accord, lang);
      const mediator = await inRoom(browser, accord, locale, lang, room.mediator, room.caseId, 'ending');
      const respondent = await inRoom(browser, accord, locale, lang, room.respondent, room.caseId, 'ending');
      await expect(respondent.getByTestId('ending-ongoing')).toHaveText(s.negotiation.ending.ongoing);
      await audit(respondent, 'room-ending-party-ongoing');

      await chooseOption(mediator.getByLabel(s.negotiation.ending.ground, { exact: true }), s.negotiation.ending.grounds.refuses_to_continue);
      await mediator.getByRole('checkbox', { name: room.respondent.name }).check();
      await audit(mediator, 'room-ending-form');
      // Without the explanation the API refuses the preview, naming the field.
      await mediator.getByRole('button', { name: s.negotiation.ending.preview }).click();
      await expect(mediator.locator('#explanation_help')).toBeVisible();
      expect((await caseState(request, room.mediator, room.caseId)).status).toBe('mediating');

      // The mediator reads the report before ending: previewing changes nothing.
      await mediator.getByLabel(s.negotiation.ending.explanation).fill('The respondent stated at the joint session that it will not continue the mediation.');
      const versionBefore = (await caseState(request, room.mediator, room.caseId)).version;
      await mediator.getByRole('button', { name: s.negotiation.ending.preview }).click();
      const preview = mediator.getByRole('dialog', { name: s.negotiation.ending.previewTitle });
      await expect(preview.getByTestId('failure-report-preview')).toHaveAttribute('src', /^blob:/);
      expect(await caseState(request, room.mediator, room.caseId)).toMatchObject({ status: 'mediating', version: versionBefore });
      await preview.getByRole('button', { name: s.negotiation.ending.end }).click();
      await expect(preview).toBeHidden();
      await mediator.getByRole('dialog', { name: s.negotiation.ending.confirmTitle }).getByRole('button', { name: s.negotiation.ending.end }).click();
      await expect(mediator.getByTestId('mediation-ended')).toContainText(s.negotiation.ending.endedTitle);
      await expect(mediator.getByTestId('what-next')).toHaveText(s.negotiation.ending.handOff.none);
      const read = mediator.getByRole('button', { name: new RegExp(`^${fill(s.negotiation.ending.readReport, { name: '' }).trim()}`) });
      await expect(read.first()).toBeVisible();
      await read.first().click();
      await expect(mediator.getByTestId('pdf-preview')).toBeVisible();
      await audit(mediator, 'room-ending-report');
      await mediator.getByRole('dialog').getByRole('button', { name: s.casePage.documents.close }).last().click();

      // Closed as failed (and sealed into the archive soon after).
      const ended = await caseState(request, room.mediator, room.caseId);
      expect(ended.outcome).toBe('mediation_failed');
      expect(['closed', 'archived']).toContain(ended.status);
      await openPanel(respondent, lang, 'ending');
      await expect(respondent.getByTestId('mediation-ended')).toBeVisible();
      await expect(respondent.getByText(s.negotiation.ending.grounds.refuses_to_continue)).toBeVisible();
      await expect(respondent.getByTestId('what-next')).toHaveText(s.negotiation.ending.handOff.none);
      await audit(respondent, 'room-ending-party');
      for (const page of [respondent, mediator]) await page.context().close();
    });
  });
}

test.describe('double-blind bidding (en)', () => {
  test.use({ locale: 'en-GB' });

  test('a case settles through double-blind bidding; no one’s page or network ever carries the other side’s figure', async ({ browser, request, accord, audit }) => {
    test.setTimeout(480_000);
    const s: S = STRINGS.en;
    const lang = 'en';
    const locale = 'en-GB';
    // Distinctive figures: any trace of them anywhere would show.
    const CLAIMANT = '312345';
    const RESPONDENT = '398765';
    const room = await mediatingCase(request, accord, lang);
    const mediator = await inRoom(browser, accord, locale, lang, room.mediator, room.caseId, 'bidding');
    const applicant = await inRoom(browser, accord, locale, lang, room.applicant, room.caseId, 'bidding');
    const respondent = await inRoom(browser, accord, locale, lang, room.respondent, room.caseId, 'bidding');
    const seen = { mediator: recordResponses(mediator), applicant: recordResponses(applicant), respondent: recordResponses(respondent) };

    await expect(applicant.getByTestId('bidding-not-started')).toBeVisible();
    await audit(mediator, 'room-bidding-open');
    await mediator.getByRole('button', { name: s.negotiation.bidding.openButton }).click();
    await expect(mediator.getByText(s.negotiation.bidding.mediatorNote)).toBeVisible();

    // The applicant (receiving) seals its figure; it sees only its own, and that it waits for the other side.
    await openPanel(applicant, lang, 'bidding');
    await expect(applicant.getByText(s.negotiation.bidding.youAreClaimant)).toBeVisible();
    await applicant.getByLabel(fill(s.negotiation.bidding.leastYouAccept, { currency: 'CNY' })).fill(CLAIMANT);
    await applicant.getByRole('button', { name: s.negotiation.bidding.seal }).click();
    await expect(applicant.getByTestId('awaiting-other-side')).toBeVisible();
    await audit(applicant, 'room-bidding-party');

    // The mediator sees that a figure was entered, never which.
    await openPanel(mediator, lang, 'bidding');
    await expect(mediator.getByText(s.negotiation.bidding.entered)).toHaveCount(1);
    await audit(mediator, 'room-bidding-mediator');

    // The respondent (paying) is told the other side has entered a figure, not what it is; its own figure settles the round.
    await openPanel(respondent, lang, 'bidding');
    await expect(respondent.getByText(s.negotiation.bidding.otherHasEntered)).toBeVisible();
    await respondent.getByLabel(fill(s.negotiation.bidding.mostYouPay, { currency: 'CNY' })).fill(RESPONDENT);
    await respondent.getByRole('button', { name: s.negotiation.bidding.seal }).click();
    await expect(respondent.getByTestId('settlement-amount')).toContainText('355,555');
    await audit(respondent, 'room-bidding-settled');

    await openPanel(applicant, lang, 'bidding');
    await expect(applicant.getByTestId('settlement-amount')).toContainText('355,555');
    await openPanel(mediator, lang, 'bidding');
    await expect(mediator.getByTestId('settlement-amount')).toContainText('355,555');

    // Neither the page nor anything it received carries the other side's figure (the mediator: neither figure).
    const traces = (figure: string) => [figure, Number(figure).toLocaleString('en-GB')];
    const expectNever = async (page: Page, bodies: string[], figures: string[]) => {
      const html = await page.content();
      for (const figure of figures.flatMap(traces)) {
        expect(html, `the page shows ${figure}`).not.toContain(figure);
        expect(
          bodies.filter((b) => b.includes(figure)).map((b) => b.slice(0, 200)),
          `a response carries ${figure}`,
        ).toEqual([]);
      }
    };
    expect(seen.applicant.some((b) => b.includes('/blind-bidding'))).toBe(true);
    await expectNever(applicant, seen.applicant, [RESPONDENT]);
    await expectNever(respondent, seen.respondent, [CLAIMANT]);
    await expectNever(mediator, seen.mediator, [CLAIMANT, RESPONDENT]);
    // Each side does see its own figure.
    await expect(applicant.getByTestId('own-figures')).toContainText('312,345');

    // ── On to settlement: the agreement starts from the figure the bidding reached ──
    const a = s.agreement;
    const e = a.editor;
    await mediator.getByRole('tab', { name: s.room.panels.agreement }).click();
    await mediator.getByRole('radio', { name: a.start.en, exact: true }).check();
    await mediator.getByRole('button', { name: a.start.submit }).click();
    const editor = mediator.getByTestId('agreement-editor');
    await expect(editor.getByTestId('from-bidding')).toContainText('CNY 355,555.00');
    const pay = editor.getByTestId('obligation-0');
    await expect(pay.getByLabel(e.amount, { exact: true })).toHaveValue('355555.00');
    await expect(pay.getByLabel(e.currency, { exact: true })).toHaveValue('CNY');
    await audit(mediator, 'agreement-from-bidding');
    await editor.getByLabel(e.idNumber, { exact: true }).nth(1).fill('91440300MA5XXXXXX2');
    await editor.getByLabel(e.legalRepresentative, { exact: true }).nth(0).fill('Zhang San');
    await editor.getByLabel(e.legalRepresentative, { exact: true }).nth(1).fill('Wang Wu');
    await editor.getByLabel(e.result, { exact: true }).fill('The respondent pays the applicant CNY 355,555.00, the figure both sides reached by double-blind bidding.');
    const due = pay.getByLabel(e.date, { exact: true });
    const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await due.click();
    await due.fill(dueDate);
    await due.press('Enter');
    await expect(due).toHaveValue(dueDate);
    await editor.getByRole('radio', { name: e.ownershipNo, exact: true }).check();
    await editor.getByRole('button', { name: e.save }).click();
    await expect(editor.getByText(e.readyToPropose)).toBeVisible({ timeout: 20_000 });
    await mediator.getByRole('button', { name: a.propose.submit }).click();
    await expect(mediator.getByTestId('signature-tracker').getByTestId('awaiting-list').getByRole('listitem')).toHaveCount(3, { timeout: 30_000 });

    // All three sign with the codes e-mailed to them; the last signature settles the case.
    await signFromRoom(applicant, accord.smtp, lang, room.applicant);
    await expect(applicant.getByText(a.sign.youSigned)).toBeVisible();
    await signFromRoom(respondent, accord.smtp, lang, room.respondent);
    await expect(respondent.getByText(a.sign.youSigned)).toBeVisible();
    await signFromRoom(mediator, accord.smtp, lang, room.mediator);
    await expect(mediator.getByText(a.effective.title)).toBeVisible({ timeout: 30_000 });
    await audit(mediator, 'agreement-effective-after-bidding');
    expect((await caseState(request, room.mediator, room.caseId)).status).toBe('settled');

    // Through to the end, still no trace of the other side's figure anywhere.
    await expectNever(applicant, seen.applicant, [RESPONDENT]);
    await expectNever(respondent, seen.respondent, [CLAIMANT]);
    await expectNever(mediator, seen.mediator, [CLAIMANT, RESPONDENT]);
    for (const page of [applicant, respondent, mediator]) await page.context().close();
  });
});
