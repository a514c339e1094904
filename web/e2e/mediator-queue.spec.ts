import type { APIRequestContext } from '@playwright/test';
import { chooseOption, expect, settled, test } from './support/fixtures';
import { acceptedAtIntake, offeredTo, queueMediator, tabTo, template } from './support/mediator-queue';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

/** A dispute type per language that no other test's mediator takes, so the matcher offers these cases to ours. */
const OWN_TYPE = { 'zh-CN': 'unfair_competition', en: 'international_commercial' } as const;

for (const { lang, locale } of LANGS) {
  test.describe(`the mediator's work queue (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const q = s.mediatorQueue;
    const names =
      lang === 'en'
        ? { applicant: 'Hangzhou Jia Trading Co., Ltd.', respondent: 'Ningbo Yi Goods Co., Ltd.' }
        : { applicant: '杭州甲贸易有限公司', respondent: '宁波乙商品有限公司' };

    test('offers with countdown and explanation; decline one with a reason, accept another; cases by urgency with filters in the URL; availability', async ({
      page,
      audit,
      request,
      accord,
    }) => {
      // A long journey through every part of the screen; a loaded CI machine needs the room.
      test.setTimeout(360_000);
      const { admin, mediator } = await queueMediator(request, accord, lang, [OWN_TYPE[lang], 'trademark']);
      const file = (title: string, disputeType: string) =>
        acceptedAtIntake(request, admin, { lang, title, disputeType, applicantName: names.applicant, respondentName: names.respondent });

      // One case already mine (accepted through the API), and two offers waiting for an answer.
      const mine = await file(lang === 'en' ? 'Trademark JIA on phone cases' : '“甲”商标纠纷（手机壳）', 'trademark');
      await offeredTo(request, admin, mediator, mine.id, { byHand: true });
      await accept(request, mine.id, mediator.auth);
      const toDecline = await file(lang === 'en' ? 'Copied packaging of tea sets' : '茶具包装仿冒纠纷', OWN_TYPE[lang]);
      const declineSource = await offeredTo(request, admin, mediator, toDecline.id);
      const toAccept = await file(lang === 'en' ? 'Distribution contract for tea sets' : '茶具经销合同纠纷', OWN_TYPE[lang]);
      await offeredTo(request, admin, mediator, toAccept.id);

      await signedInAt(page, mediator.email, '/mediator');
      await expect(page.getByRole('heading', { level: 1, name: q.title })).toBeVisible();

      // Each offer: the case, the countdown to its deadline, why me, and whom it is between.
      const offer = (number: string) => page.locator(`[data-testid="offer"][data-case-number="${number}"]`);
      const first = offer(toDecline.number);
      await expect(first.getByRole('heading', { name: toDecline.title })).toBeVisible();
      await expect(first.getByText(s.respondent.disputeTypes[OWN_TYPE[lang]], { exact: true })).toBeVisible();
      await expect(first.getByTestId('offer-countdown')).toContainText(lang === 'en' ? /\d+ days \d+ h \d+ min/ : /\d+ 天 \d+ 小时 \d+ 分钟/);
      await expect(first.getByText(template(q.offers.answerBy))).toBeVisible();
      const explanation = first.getByTestId('offer-explanation');
      await expect(explanation).toContainText(q.offers.source[declineSource]);
      if (declineSource === 'matcher') {
        await expect(explanation).toContainText(q.offers.parts.expertise);
        // The checks every candidate passed are folded away; they open from the keyboard.
        const checks = explanation.getByRole('button', { name: template(q.offers.checks) });
        await checks.focus();
        await page.keyboard.press('Enter');
        await expect(explanation.getByText(q.offers.filters.dispute_type)).toBeVisible();
      }
      await expect(first.getByTestId('offer-people')).toContainText(names.applicant);
      await expect(first.getByTestId('offer-people')).toContainText(names.respondent);
      await expect(first.getByText(q.offers.disclosureText)).toBeVisible();
      await expect(offer(toAccept.number)).toBeVisible();
      await audit(page, 'mediator-queue-offers');

      // Decline the first, with a reason (required).
      await first.getByRole('button', { name: q.offers.declineAria.replace('{{number}}', toDecline.number) }).click();
      const declineDialog = page.getByRole('dialog', { name: q.offers.declineTitle.replace('{{number}}', toDecline.number) });
      await declineDialog.getByRole('button', { name: q.offers.confirmDecline }).click();
      await expect(declineDialog.getByText(q.offers.declineReasonRequired)).toBeVisible();
      await audit(page, 'mediator-queue-decline');
      await declineDialog.getByLabel(q.offers.declineReason).fill(lang === 'en' ? 'I advised the respondent’s distributor last year.' : '本人去年曾为被申请人的经销商提供咨询。');
      await declineDialog.getByRole('button', { name: q.offers.confirmDecline }).click();
      await expect(page.getByText(q.offers.declined.replace('{{number}}', toDecline.number))).toBeVisible();
      await expect(offer(toDecline.number)).toHaveCount(0);

      // Accept the second: the disclosure must be confirmed; then the case page opens.
      const second = offer(toAccept.number);
      await second.getByRole('button', { name: q.offers.acceptAria.replace('{{number}}', toAccept.number) }).click();
      const acceptDialog = page.getByRole('dialog', { name: q.offers.acceptTitle.replace('{{number}}', toAccept.number) });
      await acceptDialog.getByRole('button', { name: q.offers.confirmAccept }).click();
      await expect(acceptDialog.getByText(q.offers.noConflictRequired)).toBeVisible();
      await audit(page, 'mediator-queue-accept');
      await acceptDialog.getByRole('checkbox', { name: q.offers.noConflict }).check();
      await acceptDialog.getByLabel(q.offers.statement).fill(lang === 'en' ? 'I once spoke at a conference the applicant sponsored.' : '本人曾在申请人赞助的会议上发言。');
      await acceptDialog.getByRole('button', { name: q.offers.confirmAccept }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${toAccept.id}$`));
      await expect(page.getByTestId('my-role')).toHaveText(s.casePage.roles.mediator);

      // Back in the queue: both cases in the group of their next deadline, counted.
      const queue = (await (await request.get('/api/v1/assignment/queue', { headers: mediator.auth })).json()) as { cases: { caseId: string; nextDeadline: string | null }[] };
      const groupOf = (id: string) => expectedGroup(queue.cases.find((c) => c.caseId === id)?.nextDeadline ?? null);
      await page.goto('/mediator');
      await expect(page.getByTestId(`group-${groupOf(toAccept.id)}`).getByRole('link', { name: toAccept.number, exact: true })).toBeVisible();
      await expect(page.getByTestId(`group-${groupOf(mine.id)}`).getByRole('link', { name: mine.number, exact: true })).toBeVisible();
      for (const group of ['overdue', 'today', 'week', 'later', 'none'] as const) {
        const count = [toAccept.id, mine.id].filter((id) => groupOf(id) === group).length;
        await expect(page.getByTestId(`count-${group}`)).toContainText(String(count));
      }
      await expect(offer(toAccept.number)).toHaveCount(0);
      await audit(page, 'mediator-queue-cases');

      // A filter is held in the URL, and a reload keeps it.
      await chooseOption(page.getByLabel(q.cases.type), s.respondent.disputeTypes.trademark);
      await expect(page).toHaveURL(/[?&]type=trademark/);
      const cases = page.getByTestId('active-cases');
      await expect(cases.getByRole('link', { name: mine.number, exact: true })).toBeVisible();
      await expect(cases.getByRole('link', { name: toAccept.number, exact: true })).toHaveCount(0);
      await chooseOption(page.getByLabel(q.cases.sort), q.cases.sorts.number);
      await expect(page).toHaveURL(/[?&]sort=number/);
      await page.reload();
      await expect(page).toHaveURL(/[?&]type=trademark/);
      await expect(cases.getByRole('link', { name: mine.number, exact: true })).toBeVisible();
      await expect(cases.getByRole('link', { name: toAccept.number, exact: true })).toHaveCount(0);
      await expect(cases.getByText(s.respondent.disputeTypes.trademark, { exact: true }).first()).toBeVisible();

      // Text search too; nothing matches a made-up number.
      await page.getByLabel(q.cases.search).fill('NO-SUCH-CASE');
      await page.getByLabel(q.cases.search).press('Enter');
      await expect(page).toHaveURL(/[?&]q=NO-SUCH-CASE/);
      await expect(cases.getByText(q.cases.noMatch)).toBeVisible();
      await page.getByRole('button', { name: q.cases.clear }).click();
      await expect(page).toHaveURL(/\/mediator$/);
      await expect(cases.getByRole('link', { name: toAccept.number, exact: true })).toBeVisible();

      // Keyboard only: Tab to the case's link and to its room link, Enter opens the case.
      await page.keyboard.press('Escape');
      await page.locator('body').focus();
      await tabTo(page, `[data-testid="active-cases"] a[href$="/cases/${mine.id}"]`);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/cases/${mine.id}$`));
      await page.goBack();
      await expect(page.getByRole('heading', { level: 1, name: q.title })).toBeVisible();

      // Availability: off until a date.
      const availability = page.getByTestId('availability');
      await expect(availability.getByTestId('availability-state')).toHaveText(q.availability.available);
      await availability.getByRole('radio', { name: q.availability.off }).check();
      const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      // Typing the date moves the calendar to it; choosing its day closes the calendar.
      await availability.getByLabel(q.availability.until).click();
      await availability.getByLabel(q.availability.until).fill(until);
      // As with the filters' lists: the calendar at rest first, or the click on its day can be lost
      // and the typed date is dropped when the field loses focus.
      await settled(page);
      await page.locator(`.ant-picker-dropdown:visible td[title="${until}"]`).click();
      await expect(availability.getByLabel(q.availability.until)).toHaveValue(until);
      await availability.getByRole('button', { name: q.availability.save }).click();
      await expect(page.getByText(q.availability.saved)).toBeVisible();
      await expect(availability.getByTestId('availability-state')).toHaveText(template(q.availability.awayUntil));
      const profile = (await (await request.get(`/api/v1/mediators/${mediator.id}/profile`, { headers: mediator.auth })).json()) as { active: boolean; onLeaveUntil: string };
      expect(profile.active).toBe(true);
      expect(new Date(profile.onLeaveUntil).getTime()).toBeGreaterThan(new Date(`${until}T00:00:00Z`).getTime() - 86_400_000);
      // The profile as the matcher reads it.
      const card = page.getByTestId('mediator-profile');
      await expect(card).toContainText(s.respondent.disputeTypes.trademark);
      await expect(card).toContainText(q.profile.seniorities['3']);
      await expect(card).toContainText(q.profile.capacityValue.replace('{{open}}', '2').replace('{{capacity}}', '20'));
      await expect(page.getByText(q.availability.saved)).toBeHidden();
      await audit(page, 'mediator-availability');

      // A phone: the queue fits 375 px and passes axe.
      await page.setViewportSize({ width: 375, height: 740 });
      await page.reload();
      await expect(page.getByTestId('active-cases').getByRole('link', { name: toAccept.number, exact: true })).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(375);
      await audit(page, 'mediator-queue');
    });
  });
}

async function accept(request: APIRequestContext, caseId: string, auth: { Authorization: string }): Promise<void> {
  const res = await request.post(`/api/v1/cases/${caseId}/assignment/accept`, { headers: auth, data: { noConflict: true } });
  expect(res.status(), await res.text()).toBe(200);
}

/** The urgency group a deadline belongs in, worked out independently of the screen's code. */
function expectedGroup(due: string | null): 'overdue' | 'today' | 'week' | 'later' | 'none' {
  if (!due) return 'none';
  const at = new Date(due);
  const now = new Date();
  if (at < now) return 'overdue';
  const endOfToday = new Date(now);
  endOfToday.setHours(23, 59, 59, 999);
  if (at <= endOfToday) return 'today';
  const endOfWeek = new Date(endOfToday.getTime() + 7 * 86_400_000);
  return at <= endOfWeek ? 'week' : 'later';
}
