import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expect, test, type Lang } from './support/fixtures';
import { mediatingCase, type Actor } from './support/mediating-case';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

const MEETING = 'https://meeting.example.com/j/';

/** What a page received from the API: every /api/ response body, and every event of its live streams. */
interface Wiretap {
  texts: () => Promise<string[]>;
}

/**
 * Listens to everything the API sends this page: response bodies (a live stream's body never
 * ends, so its events are read from Chromium's own EventSource log instead).
 */
async function wiretap(context: BrowserContext, page: Page): Promise<Wiretap> {
  const bodies: Promise<string>[] = [];
  const events: string[] = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    bodies.push(response.text().catch(() => ''));
  });
  const cdp = await context.newCDPSession(page);
  cdp.on('Network.eventSourceMessageReceived', (e) => events.push(`${e.eventName}: ${e.data}`));
  await cdp.send('Network.enable');
  return { texts: async () => [...(await Promise.all(bodies)), ...events] };
}

/** A person of the case in a browser of their own, signed in, in the room. */
async function enter(browser: Browser, baseURL: string, locale: string, lang: Lang, who: Actor, caseId: string) {
  const context = await browser.newContext({ baseURL, locale, timezoneId: 'UTC' });
  // The video meeting is elsewhere; here it is a page of our own.
  await context.route(`${MEETING}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Video meeting</title><h1>Video meeting</h1>' }));
  const page = await context.newPage();
  const tap = await wiretap(context, page);
  await signedInAt(page, who.email, `/cases/${caseId}/room`);
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/room`));
  await expect(page.getByRole('tab', { name: STRINGS[lang].room.panels.sessions })).toBeVisible();
  return { context, page, tap };
}

async function openRoom(page: Page, caseId: string, panel: 'messages' | 'sessions') {
  await page.goto(`/cases/${caseId}/room${panel === 'messages' ? '' : `?panel=${panel}`}`);
}

/** "YYYY-MM-DD HH:mm" in UTC (the contexts' time zone), as the date picker takes it typed. */
const typed = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString().slice(0, 16).replace('T', ' ');

/** Presses Tab until `target` has the focus: the keyboard's way there. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the keyboard never reached the target');
}

for (const { lang, locale } of LANGS) {
  test.describe(`the mediation room's messages and sessions (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const r = s.room;

    test('sessions are scheduled and held; messages arrive live; a caucus never reaches the other side', async ({ browser, request, accord, audit }) => {
      test.setTimeout(480_000);
      const room = await mediatingCase(request, accord, lang);
      const tag = Math.random().toString(36).slice(2, 8);

      // Older messages, to be paged: the mediator wrote 32 in the respondent's caucus before.
      for (let i = 1; i <= 32; i++) {
        const res = await request.post(`/api/v1/cases/${room.caseId}/mediation/channels/caucus_respondent/messages`, {
          headers: room.mediator.auth,
          data: { text: `Earlier note ${i} ${tag}` },
        });
        expect(res.status(), await res.text()).toBe(201);
      }

      const mediator = await enter(browser, accord.url, locale, lang, room.mediator, room.caseId);
      const applicant = await enter(browser, accord.url, locale, lang, room.applicant, room.caseId);
      const respondent = await enter(browser, accord.url, locale, lang, room.respondent, room.caseId);

      // ── Sessions: the mediator schedules a joint session (soon) and a caucus with the respondent side.
      const m = mediator.page;
      await openRoom(m, room.caseId, 'sessions');
      await expect(m.getByText(r.sessions.noneMediator)).toBeVisible();
      const schedule = async (kind: 'joint' | 'caucus', minutes: number, link: string) => {
        await m.getByRole('button', { name: r.sessions.schedule }).click();
        const dialog = m.getByRole('dialog', { name: r.sessions.schedule });
        if (kind === 'caucus') {
          await dialog.getByRole('radio', { name: r.sessions.caucus }).check();
          await dialog.getByRole('radio', { name: r.sessions.sides.respondent }).check();
        }
        await dialog.getByLabel(r.sessions.startsAt).fill(typed(minutes));
        await dialog.getByLabel(r.sessions.startsAt).press('Enter');
        await dialog.getByLabel(r.sessions.durationMinutes).fill('90');
        await dialog.getByLabel(r.sessions.meetingUrl).fill(link);
        await dialog.getByRole('button', { name: r.sessions.scheduleSubmit }).click();
        await expect(dialog).toBeHidden();
      };
      // A link that is not https is refused beside its field.
      await m.getByRole('button', { name: r.sessions.schedule }).click();
      await m.getByLabel(r.sessions.meetingUrl).fill('http://meeting.example.com/x');
      await m.getByRole('button', { name: r.sessions.scheduleSubmit }).click();
      await expect(m.getByRole('dialog').getByText(r.sessions.meetingUrlHelp, { exact: true }).last()).toBeVisible();
      await m.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: r.sessions.close }).click();
      await expect(m.getByRole('dialog')).toBeHidden();

      // The respondent already has the sessions open: what the mediator schedules shows there live.
      await openRoom(respondent.page, room.caseId, 'sessions');
      await expect(respondent.page.getByText(r.sessions.none)).toBeVisible();
      await schedule('joint', 10, `${MEETING}joint-${tag}`);
      await expect(respondent.page.getByTestId('session').filter({ hasText: r.sessions.joint })).toBeVisible();
      await schedule('caucus', 120, `${MEETING}caucus-${tag}`);
      await expect(respondent.page.getByTestId('session')).toHaveCount(2);
      const joint = m.getByTestId('session').filter({ hasText: r.sessions.joint });
      const caucus = m.getByTestId('session').filter({ hasText: r.sessions.caucusWith.replace('{{side}}', r.sessions.sides.respondent) });
      await expect(joint).toBeVisible();
      await expect(caucus).toBeVisible();
      // The start button says who still keeps it from starting: both parties, the warning unacknowledged.
      await expect(joint.getByRole('button', { name: r.sessions.start })).toBeDisabled();
      await expect(joint.getByTestId('start-blockers')).toContainText(room.applicant.name);
      await expect(joint.getByTestId('start-blockers')).toContainText(room.respondent.name);
      await expect(joint.getByTestId('start-blockers')).toContainText(r.sessions.missing.sham_mediation_warning);
      await expect(caucus.getByTestId('start-blockers')).not.toContainText(room.applicant.name);
      await audit(m, 'room-sessions-scheduled');

      // The caucus moves: a new start and length, told to the participants.
      await caucus.getByRole('button', { name: r.sessions.reschedule }).click();
      const moving = m.getByRole('dialog', { name: r.sessions.reschedule });
      const later = typed(240);
      await moving.getByLabel(r.sessions.startsAt).fill(later);
      await moving.getByLabel(r.sessions.startsAt).press('Enter');
      await moving.getByLabel(r.sessions.durationMinutes).fill('45');
      await moving.getByRole('button', { name: r.sessions.rescheduleSubmit }).click();
      await expect(moving).toBeHidden();
      await expect(caucus).toContainText(r.sessions.minutes_other.replace('{{count}}', '45'));
      // The move reaches the respondent's open page too, without a reload.
      await expect(respondent.page.getByTestId('session').filter({ hasText: r.sessions.minutes_other.replace('{{count}}', '45') })).toBeVisible();

      // ── The parties acknowledge the sham-mediation warning, shown in full until they do.
      for (const party of [applicant, respondent]) {
        await openRoom(party.page, room.caseId, 'messages');
        const warning = party.page.getByTestId('sham-mediation-warning');
        await expect(warning).toBeVisible();
        await expect(warning).toContainText(lang === 'en' ? 'Warning on sham mediation' : '虚假调解风险告知');
        if (party === applicant) await audit(party.page, 'room-warning');
        await warning.getByRole('button', { name: r.warning.acknowledge }).click();
        await expect(warning).toBeHidden();
      }

      // Now the joint session can start (the mediator's page fetches the sessions again).
      await m.reload();
      await expect(joint.getByTestId('start-blockers')).toHaveCount(0);
      await joint.getByRole('button', { name: r.sessions.start }).click();
      await expect(joint.getByText(r.sessions.status.in_progress)).toBeVisible();

      // The applicant joins through the link: the join is recorded, then the meeting opens.
      const a = applicant.page;
      await a.getByRole('tab', { name: r.panels.sessions }).click();
      const jointForApplicant = a.getByTestId('session').filter({ hasText: r.sessions.joint });
      const meeting = applicant.context.waitForEvent('page');
      await jointForApplicant.getByRole('button', { name: r.sessions.join }).click();
      await expect(await meeting).toHaveURL(`${MEETING}joint-${tag}`);
      await expect(
        jointForApplicant.getByRole('listitem').filter({ hasText: room.applicant.name }).getByText(r.sessions.joined.replace(' {{time}}', '').replace('{{time}} ', '')),
      ).toBeVisible();
      // The caucus is the respondent side's: the applicant never sees it.
      await expect(a.getByTestId('session')).toHaveCount(1);

      // The mediator marks the respondent absent, ends the session and writes the record.
      await m.reload();
      await joint.getByRole('button', { name: r.sessions.markAbsent.replace('{{name}}', room.respondent.name) }).click();
      await expect(joint.getByText(r.sessions.absent, { exact: true })).toBeVisible();
      await joint.getByRole('button', { name: r.sessions.end }).click();
      await expect(joint.getByText(r.sessions.status.ended)).toBeVisible();
      const recordText = lang === 'en' ? `Both sides set out their positions on the licence fee (${tag}).` : `双方就许可费陈述了各自立场（${tag}）。`;
      await joint.getByLabel(r.sessions.writeRecord).fill(recordText);
      await joint.getByRole('button', { name: r.sessions.saveRecord }).click();
      await expect(joint.getByTestId('session-record')).toHaveText(recordText);
      await expect(joint.getByText(r.sessions.awaiting.replace('{{names}}', room.applicant.name))).toBeVisible();
      await audit(m, 'room-sessions');

      // The applicant, who attended, confirms the revision read; the record is then frozen.
      await a.reload();
      await expect(jointForApplicant.getByTestId('session-record')).toHaveText(recordText);
      await jointForApplicant.getByRole('button', { name: r.sessions.confirmRecord.replace('{{revision}}', '1') }).click();
      await expect(jointForApplicant.getByText(r.sessions.frozen.split('{{date}}')[1].trim())).toBeVisible();

      // The mediator cancels the caucus, with a reason the participants are told.
      await openRoom(m, room.caseId, 'sessions');
      await caucus.getByRole('button', { name: r.sessions.cancel }).click();
      const cancelling = m.getByRole('dialog', { name: r.sessions.cancel });
      await cancelling.getByLabel(r.sessions.cancelReason).fill(lang === 'en' ? 'The respondent asked for more time' : '被申请人申请延后');
      await cancelling.getByRole('button', { name: r.sessions.cancelSubmit }).click();
      await expect(cancelling).toBeHidden();
      await expect(caucus.getByText(r.sessions.status.cancelled)).toBeVisible();

      // ── Messages: the rail shows each person their channels, and who can read each.
      await a.getByRole('tab', { name: r.panels.messages }).click();
      const rp = respondent.page;
      await openRoom(m, room.caseId, 'messages');
      await expect(m.getByRole('tab', { name: r.channels.caucus_applicant })).toBeVisible();
      await expect(m.getByRole('tab', { name: r.channels.caucus_respondent })).toBeVisible();
      for (const page of [a, rp]) {
        await expect(page.getByRole('tab', { name: r.channels.joint })).toBeVisible();
        await expect(page.getByRole('tab', { name: r.channels.myCaucus })).toBeVisible();
        await expect(page.getByRole('tab', { name: r.channels.caucus_applicant })).toHaveCount(0);
        await expect(page.getByRole('tab', { name: r.channels.caucus_respondent })).toHaveCount(0);
        await expect(page.getByTestId('channel-readers')).toHaveText(r.channels.readers.joint);
      }

      // The applicant writes in the joint channel, with a document of the case: both others see it live.
      const hello = `Joint hello ${tag}`;
      await a.getByLabel(r.channels.message).fill(hello);
      await a.getByLabel(r.channels.attachments).click();
      // Ant Design lists the options twice (a hidden list for screen readers): the visible one.
      await a.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'patent-certificate.pdf' }).click();
      await a.keyboard.press('Escape');
      await a.getByRole('button', { name: r.channels.send }).click();
      await expect(a.getByTestId('messages-joint')).toContainText(hello);
      for (const page of [m, rp]) {
        await expect(page.getByTestId('messages-joint')).toContainText(hello);
        await expect(page.getByTestId('messages-joint').getByRole('button', { name: 'patent-certificate.pdf' })).toBeVisible();
      }

      // The respondent answers with the keyboard only.
      const answer = `Joint answer ${tag}`;
      await rp.getByRole('tab', { name: r.channels.joint }).focus();
      await tabTo(rp, rp.getByLabel(r.channels.message));
      await rp.keyboard.type(answer);
      await tabTo(rp, rp.getByRole('button', { name: r.channels.send }));
      await rp.keyboard.press('Enter');
      for (const page of [a, m, rp]) await expect(page.getByTestId('messages-joint')).toContainText(answer);
      await audit(rp, 'room-messages');

      // The applicant writes a secret in its caucus; the mediator sees it arrive, the respondent never does.
      const secret = `CAUCUS-SECRET-${tag}`;
      await a.getByRole('tab', { name: r.channels.myCaucus }).click();
      await expect(a.getByTestId('channel-readers')).toHaveText(r.channels.readers.myCaucus);
      await a.getByLabel(r.channels.message).fill(`Our bottom line is 80000. ${secret}`);
      await a.getByLabel(r.channels.message).press('Control+Enter');
      await expect(a.getByTestId('messages-caucus_applicant')).toContainText(secret);
      // The mediator's rail counts it unread, live; opening the channel reads it.
      const mediatorsCaucus = m.getByRole('tab', { name: r.channels.caucus_applicant });
      const oneUnread = r.channels.unread_one.replace('{{count}}', '1');
      await expect(mediatorsCaucus.getByTestId('unread-count')).toHaveText(oneUnread);
      await mediatorsCaucus.click();
      await expect(m.getByTestId('messages-caucus_applicant')).toContainText(secret);
      await expect(m.getByTestId('channel-readers')).toHaveText(r.channels.readers.caucus_applicant);
      await expect(mediatorsCaucus.getByTestId('unread-count')).toHaveCount(0);
      const reply = `Noted, I will not tell them ${tag}`;
      await m.getByLabel(r.channels.message).fill(reply);
      await m.getByRole('button', { name: r.channels.send }).click();
      await expect(a.getByTestId('messages-caucus_applicant')).toContainText(reply);
      // A later joint message reaches the respondent live: its stream was open all along.
      const after = `After the caucus ${tag}`;
      await m.getByRole('tab', { name: r.channels.joint }).click();
      await m.getByLabel(r.channels.message).fill(after);
      await m.getByRole('button', { name: r.channels.send }).click();
      await expect(rp.getByTestId('messages-joint')).toContainText(after);

      // The respondent's own caucus: the mediator's earlier notes, older ones on request.
      await rp.getByRole('tab', { name: r.channels.myCaucus }).click();
      await expect(rp.getByTestId('channel-readers')).toHaveText(r.channels.readers.myCaucus);
      await expect(rp.getByTestId('messages-caucus_respondent')).toContainText(`Earlier note 32 ${tag}`);
      await expect(rp.getByText(`Earlier note 1 ${tag}`, { exact: true })).toHaveCount(0);
      await expect(rp.getByTestId('unread-marker')).toBeVisible();
      await rp.getByRole('button', { name: r.channels.loadEarlier }).click();
      await expect(rp.getByText(`Earlier note 1 ${tag}`, { exact: true })).toBeVisible();
      await expect(rp.getByRole('button', { name: r.channels.loadEarlier })).toHaveCount(0);

      // Nothing of the applicant's caucus ever reached the respondent: not the page, not one response, not one event.
      await expect(rp.getByText(secret)).toHaveCount(0);
      await expect(rp.getByText(reply)).toHaveCount(0);
      const heard = await respondent.tap.texts();
      expect(
        heard.some((text) => text.includes(after)),
        'the respondent heard the later joint message',
      ).toBe(true);
      expect(heard.filter((text) => text.includes(secret) || text.includes(reply))).toEqual([]);
      // …while the applicant's own page did get it over the wire (the check can fail).
      expect((await applicant.tap.texts()).some((text) => text.includes(reply))).toBe(true);

      for (const person of [mediator, applicant, respondent]) await person.context.close();
    });
  });
}

for (const { lang, locale } of LANGS) {
  test.describe(`the first session waits for the addresses for service (${lang})`, () => {
    test.use({ locale });
    const r = STRINGS[lang].room;

    test('a start refused for a respondent without a confirmed address says who; confirmed, it starts', async ({ browser, request, accord, audit }) => {
      test.setTimeout(240_000);
      const room = await mediatingCase(request, accord, lang, { respondentConfirmsAddress: false });
      const scheduled = await request.post(`/api/v1/cases/${room.caseId}/mediation/sessions`, {
        headers: room.mediator.auth,
        data: { kind: 'joint', startsAt: new Date(Date.now() + 10 * 60_000).toISOString(), durationMinutes: 60, meetingUrl: `${MEETING}a6` },
      });
      expect(scheduled.status(), await scheduled.text()).toBe(201);
      for (const party of [room.applicant, room.respondent]) {
        const acked = await request.post(`/api/v1/cases/${room.caseId}/mediation/sham-mediation-warning/acknowledgement`, { headers: party.auth });
        expect(acked.status(), await acked.text()).toBe(200);
      }

      const mediator = await enter(browser, accord.url, locale, lang, room.mediator, room.caseId);
      const m = mediator.page;
      await openRoom(m, room.caseId, 'sessions');
      const joint = m.getByTestId('session').filter({ hasText: r.sessions.joint });
      await joint.getByRole('button', { name: r.sessions.start }).click();
      await expect(joint.getByText(r.sessions.noAddressForService.replace('{{names}}', room.respondent.name))).toBeVisible();
      await expect(joint.getByText(r.sessions.status.scheduled)).toBeVisible();
      await audit(m, 'room-sessions-no-address');

      const confirmed = await request.put(`/api/v1/cases/${room.caseId}/address-for-service`, {
        headers: room.respondent.auth,
        data: { email: room.respondent.email, consentEService: true },
      });
      expect(confirmed.status(), await confirmed.text()).toBe(200);
      await joint.getByRole('button', { name: r.sessions.start }).click();
      await expect(joint.getByText(r.sessions.status.in_progress)).toBeVisible();
      await mediator.context.close();
    });
  });
}
