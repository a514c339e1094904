import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { GlobalRole, Language } from '../src/auth/roles';
import { DeadlineJobs } from '../src/deadlines/deadline.jobs';
import type { DeadlineJob } from '../src/deadlines/deadlines.service';
import { reminderAt } from '../src/deadlines/reminder-time';
import { thirdPartyObjectionWindow } from '../src/confirmation/court-procedure-rules';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { Clock } from '../src/infrastructure/clock/clock';
import { JobName } from '../src/infrastructure/queue/queue-names';
import { Notification } from '../src/notifications/notification.entity';
import { OutboxMessage } from '../src/outbox/outbox-message.entity';
import { pdfBytes, upload } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { binary, pdfText } from './support/pdf-text';
import { courtWithStaff, settledCase, type CourtStaff } from './support/settled-case-fixture';
import { createTestApp, eventually, type TestApp, workerTestEnv } from './support/test-app';

const HOUR = 3_600_000;

interface DeadlineRow {
  id: string;
  kind: string;
  dueAt: string;
  state: string;
}

/**
 * The court's procedure after an application is lodged (docs/procedural-rules.md D20, D21, D23): its own
 * deadlines with reminders and an overdue mark, summoning the parties to attend, and objections to the ruling.
 * The test clock moves across each boundary: the last moment allowed, and the day after.
 */
describe('the court’s procedure: its deadlines, summonses and objections to the ruling', () => {
  let t: TestApp;
  let clock: Clock;
  let court: CourtStaff;
  let otherCourt: CourtStaff;

  beforeAll(async () => {
    t = await createTestApp({ env: workerTestEnv('cproc') });
    clock = t.app.get(Clock);
    court = await courtWithStaff(t, `杭州市西湖区人民法院 ${randomUUID().slice(0, 4)}`, '330106');
    otherCourt = await courtWithStaff(t, `深圳市福田区人民法院 ${randomUUID().slice(0, 4)}`, '440304');
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
  });

  const post = (who: SignedIn, path: string, body: Record<string, unknown> = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);
  /** The test clock moved to an instant (the deadline sweep fires what is due by then). */
  const clockAt = (at: number): void => clock.advance(at - clock.nowMs());
  const deadline = async (who: SignedIn, caseId: string, kind: string, state = 'running'): Promise<DeadlineRow> =>
    eventually(
      async () => ((await get(who, `/cases/${caseId}/deadlines`).expect(200)).body.items as DeadlineRow[]).find((d) => d.kind === kind && d.state === state),
      15_000,
      `the ${kind} deadline ${state}`,
    );
  const notified = async (userId: string, caseId: string, template: string) => t.db.getRepository(Notification).find({ where: { userId, caseId, template: template as never } });
  const remind = (d: DeadlineRow) => t.app.get(DeadlineJobs).remind({ data: { deadlineId: d.id, dueAt: d.dueAt } } as Job<DeadlineJob>);
  const application = async (who: SignedIn, appId: string) => (await get(who, `/confirmation-applications/${appId}`).expect(200)).body;
  const queueEntry = async (who: SignedIn, appId: string) =>
    ((await get(who, '/court/confirmation-queue?include=all').expect(200)).body.items as { applicationId: string; overdue: boolean }[]).find((e) => e.applicationId === appId);
  const eventTypes = async (who: SignedIn, caseId: string): Promise<string[]> =>
    ((await get(who, `/cases/${caseId}/events`).expect(200)).body.items as { type: string }[]).map((e) => e.type);

  async function settled() {
    const applicant = await signedInUser(t, { language: Language.ZhCN });
    const respondent = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const sc = await settledCase(t, { applicant, respondent, mediator, referringCourtId: court.courtId });
    return { ...sc, caseId: sc.case.id, applicant, respondent, mediator };
  }

  /** A settled case applied for and lodged with the court, both parties consenting. */
  async function lodged() {
    const s = await settled();
    const appId = (await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: court.courtId }).expect(201)).body.id as string;
    await post(s.respondent, `/confirmation-applications/${appId}/consents`).expect(200);
    return { ...s, appId };
  }

  it('D20: the court is reminded before its days to docket and to decide end; past them the application is marked overdue and the court told', async () => {
    const s = await lodged();
    const lodgedApp = await application(court.clerk, s.appId);

    // Lodging starts the court's docketing deadline at the due time the application shows.
    const docket = await deadline(court.clerk, s.caseId, 'court_docket');
    expect(docket.dueAt).toBe(lodgedApp.docket.dueAt);
    // Its reminder is scheduled COURT_REMINDER_WORKING_DAYS_BEFORE (1) working day before the last day, when that is still ahead.
    const remindAt = reminderAt(t.app.get(WorkingDayCalendar), new Date(docket.dueAt), 1);
    const reminderJobs = await t.db
      .getRepository(OutboxMessage)
      .createQueryBuilder('o')
      .where('o.job = :job', { job: JobName.RemindDeadline })
      .andWhere(`o.data->>'deadlineId' = :id`, { id: docket.id })
      .getMany();
    expect(reminderJobs.map((j) => j.runAt?.toISOString())).toEqual(remindAt && remindAt.getTime() > Date.now() ? [remindAt.toISOString()] : []);
    // The reminder goes to the court's clerks and judges, not to the parties.
    expect(await remind(docket)).toEqual({ reminded: 2 });
    expect((await notified(court.clerk.user.id, s.caseId, 'deadline_reminder'))[0]?.data).toMatchObject({ deadlineKind: 'court_docket', dueAt: docket.dueAt });
    expect(await notified(s.applicant.user.id, s.caseId, 'deadline_reminder')).toEqual([]);

    // The last hour of the last day: not overdue.
    clockAt(Date.parse(docket.dueAt) - HOUR);
    await new Promise((r) => setTimeout(r, 1_500)); // a sweep or two
    expect((await application(court.clerk, s.appId)).docket.overdueAt).toBeNull();
    expect(await queueEntry(court.clerk, s.appId)).toMatchObject({ overdue: false });
    await deadline(court.clerk, s.caseId, 'court_docket', 'running');

    // The day after: marked overdue, the court told; the court may still docket.
    clockAt(Date.parse(docket.dueAt) + HOUR);
    await deadline(court.clerk, s.caseId, 'court_docket', 'fired');
    const overdue = await application(court.judge, s.appId);
    expect(overdue.status).toBe('lodged');
    expect(Date.parse(overdue.docket.overdueAt)).toBeGreaterThanOrEqual(Date.parse(docket.dueAt));
    expect(await queueEntry(court.clerk, s.appId)).toMatchObject({ overdue: true });
    await eventually(async () => ((await notified(court.judge.user.id, s.caseId, 'court_docket_overdue')).length ? true : undefined));
    expect(await eventTypes(court.clerk, s.caseId)).toContain('court_docket_overdue');

    // Docketing starts the decision deadline, reminded to the court as well.
    const docketed = (await post(court.clerk, `/confirmation-applications/${s.appId}/docket`).expect(200)).body;
    expect(docketed.docket.overdueAt).toEqual(overdue.docket.overdueAt);
    const decision = await deadline(court.clerk, s.caseId, 'court_decision');
    expect(decision.dueAt).toBe(docketed.decision.dueAt);
    expect(await remind(decision)).toEqual({ reminded: 2 });

    // The judge's approved extension moves the deadline by COURT_DECISION_EXTENSION_DAYS, as the application shows.
    const extended = (await post(court.judge, `/confirmation-applications/${s.appId}/decision-extension`, { approvedBy: 'President Zhou', reason: 'Appraisal' }).expect(200)).body;
    const moved = await deadline(court.clerk, s.caseId, 'court_decision');
    expect(moved.dueAt).toBe(extended.decision.dueAt);
    expect(Date.parse(moved.dueAt)).toBeGreaterThan(Date.parse(decision.dueAt));
    expect(await eventTypes(s.applicant, s.caseId)).toContain('extend_decision');

    // The last hour of the extended period: not overdue; the day after: overdue, and the judge told.
    clockAt(Date.parse(moved.dueAt) - HOUR);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await application(court.judge, s.appId)).decision.overdueAt).toBeNull();
    clockAt(Date.parse(moved.dueAt) + HOUR);
    await deadline(court.clerk, s.caseId, 'court_decision', 'fired');
    expect((await application(court.judge, s.appId)).decision.overdueAt).toEqual(expect.any(String));
    expect(await queueEntry(court.judge, s.appId)).toMatchObject({ overdue: true });
    await eventually(async () => ((await notified(court.judge.user.id, s.caseId, 'court_decision_overdue')).length ? true : undefined));

    // A ruling in time cancels the deadline instead.
    clock.reset();
    const inTime = await lodged();
    await post(court.clerk, `/confirmation-applications/${inTime.appId}/docket`).expect(200);
    await deadline(court.clerk, inTime.caseId, 'court_docket', 'cancelled');
    await deadline(court.clerk, inTime.caseId, 'court_decision');
    await post(court.judge, `/confirmation-applications/${inTime.appId}/confirm`).expect(200);
    await deadline(court.clerk, inTime.caseId, 'court_decision', 'cancelled');
    expect(otherCourt.courtId).not.toBe(court.courtId);
  }, 90_000);

  interface ServiceRow {
    id: string;
    purpose: string;
    partyId: string | null;
    recipientOrganisationId: string | null;
    documentId: string;
    effectiveAt: string | null;
  }
  const services = async (who: SignedIn, caseId: string, purpose: string) =>
    ((await get(who, `/cases/${caseId}/services`).expect(200)).body.items as ServiceRow[]).filter((x) => x.purpose === purpose);
  const download = async (who: SignedIn, documentId: string): Promise<Buffer> =>
    (await get(who, `/documents/${documentId}/content`).buffer(true).parse(binary).expect(200)).body as Buffer;

  it('D21: the court summons the parties to attend, at a place or by video, within its period to decide; served on each party, in the timeline', async () => {
    const s = await lodged();
    const docketed = (await post(court.clerk, `/confirmation-applications/${s.appId}/docket`).expect(200)).body;
    const decisionDueAt = Date.parse(docketed.decision.dueAt);
    const summon = (who: SignedIn, body: Record<string, unknown>) => post(who, `/confirmation-applications/${s.appId}/summonses`, body);
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();

    // Bad input names the field, and nothing is served.
    const fields = async (body: Record<string, unknown>) => ((await summon(court.clerk, body).expect(400)).body.errors as { field: string }[]).map((e) => e.field);
    expect(await fields({ attendAt: soon })).toEqual(['place']);
    expect(await fields({ attendAt: soon, videoLink: 'http://meet.example.com/x' })).toEqual(['videoLink']);
    expect(await fields({ attendAt: new Date(Date.now() - HOUR).toISOString(), place: 'Court room 3' })).toEqual(['attendAt']);
    expect(await fields({ attendAt: 'next Tuesday', place: 'Court room 3' })).toEqual(['attendAt']);
    // Only the confirming court's clerks and judges summon; another court does not see the application.
    await summon(s.applicant, { attendAt: soon, place: 'Court room 3' }).expect(403);
    await summon(s.mediator, { attendAt: soon, place: 'Court room 3' }).expect(403);
    await summon(otherCourt.clerk, { attendAt: soon, place: 'Court room 3' }).expect(404);
    expect(await services(court.clerk, s.caseId, 'summons')).toEqual([]);

    // The last hours of the court's last day to decide: a summons for its last hour is allowed.
    clockAt(decisionDueAt - 2 * HOUR);
    const attendAt = new Date(decisionDueAt - HOUR).toISOString();
    const summoned = (
      await summon(court.judge, { attendAt, place: '西湖区人民法院第三法庭', videoLink: 'https://meet.court.example/room/7', note: '请携带身份证件原件' }).expect(201)
    ).body;
    expect(summoned.summonses).toEqual([expect.objectContaining({ attendAt, place: '西湖区人民法院第三法庭', videoLink: 'https://meet.court.example/room/7' })]);
    // Past the period to decide, no summons can be for a time within it.
    clockAt(decisionDueAt + HOUR);
    const late = (await summon(court.clerk, { attendAt: new Date(decisionDueAt + 2 * HOUR).toISOString(), place: 'Court room 3' }).expect(400)).body;
    expect(late.errors).toEqual([expect.objectContaining({ field: 'attendAt', rule: 'within_decision_period', message: expect.stringContaining(docketed.decision.lastDay) })]);
    clock.reset();

    // Served on each party through the one service path, with proofs; the parties read it; it is in the timeline.
    const served = await services(court.clerk, s.caseId, 'summons');
    expect(served.map((x) => x.partyId).sort()).toEqual([s.applicantPartyId, s.respondentPartyId].sort());
    const zh = served.find((x) => x.partyId === s.applicantPartyId)!;
    const text = await pdfText(await download(s.applicant, zh.documentId));
    expect(text).toContain('到场通知书');
    expect(text).toContain('西湖区人民法院第三法庭');
    expect(text).toContain(docketed.docket.number);
    const en = served.find((x) => x.partyId === s.respondentPartyId)!;
    expect(await pdfText(await download(s.respondent, en.documentId))).toContain('Summons to Attend');
    await eventually(async () => ((await notified(s.respondent.user.id, s.caseId, 'document_served')).length ? true : undefined));
    expect(await eventTypes(s.respondent, s.caseId)).toContain('court_summons_issued');
    // Once ruled on, nobody is summoned.
    await post(court.judge, `/confirmation-applications/${s.appId}/confirm`).expect(200);
    await summon(court.clerk, { attendAt: soon, place: 'Court room 3' }).expect(409);
  }, 90_000);

  /** A confirmed application whose ruling both parties opened (service effective when read): the windows run from then. */
  async function ruled() {
    const s = await lodged();
    await post(court.clerk, `/confirmation-applications/${s.appId}/docket`).expect(200);
    // Before the ruling there is nothing to object to.
    await post(s.applicant, `/confirmation-applications/${s.appId}/objections`, { text: 'The agreement was not voluntary.' }).expect(409);
    const confirmed = (await post(court.judge, `/confirmation-applications/${s.appId}/confirm`).expect(200)).body;
    const rulings = await services(court.clerk, s.caseId, 'ruling');
    for (const [who, partyId] of [
      [s.applicant, s.applicantPartyId],
      [s.respondent, s.respondentPartyId],
    ] as const) {
      await get(who, `/services/${rulings.find((x) => x.partyId === partyId)!.id}/document`).expect(200);
    }
    const effective = await services(court.clerk, s.caseId, 'ruling');
    return { ...s, docketNumber: confirmed.docket.number as string, servedAt: effective.map((x) => Date.parse(x.effectiveAt!)) };
  }

  it('D23: a party objects within OBJECTION_DAYS of receiving the ruling, served on the court; the day after, refused naming the deadline', async () => {
    const s = await ruled();
    const calendar = t.app.get(WorkingDayCalendar);
    const windows = s.servedAt.map((at) => calendar.computePeriod(new Date(at), { days: 15, unit: 'calendar' }));
    expect(new Set(windows.map((w) => w.lastDay)).size).toBe(1);
    const [window] = windows;
    const object = (who: SignedIn, body: Record<string, unknown>) => post(who, `/confirmation-applications/${s.appId}/objections`, body);
    const text = '本裁定所确认的调解协议并非当事人真实意思表示。\n\n请求撤销该裁定。';

    // Bad input names the field; only a party or its agent objects.
    expect(((await object(s.applicant, { text: 'no' }).expect(400)).body.errors as { field: string }[]).map((e) => e.field)).toEqual(['text']);
    expect((await object(s.applicant, { text, documentIds: [randomUUID()] }).expect(400)).body.errors[0].field).toBe('documentIds.0');
    await object(s.mediator, { text }).expect(403);
    await object(court.clerk, { text }).expect(403);

    // The last hour of the last day: the applicant objects, attaching a document of the case.
    clockAt(windows.reduce((a, w) => Math.min(a, w.dueAt.getTime()), Infinity) - HOUR);
    const attachment = (await upload(t, s.applicant.bearer, s.caseId, { kind: 'evidence', bytes: pdfBytes('bank statement'), filename: 'statement.pdf' }).expect(201)).body
      .id as string;
    const filed = (await object(s.applicant, { text, documentIds: [attachment] }).expect(201)).body;
    expect(filed).toMatchObject({ kind: 'party', partyId: s.applicantPartyId, windowLastDay: window.lastDay, attachmentIds: [attachment], docketNumber: s.docketNumber });
    await object(s.applicant, { text }).expect(409);

    // Served on the court through the one service path; the court reads it; everyone in the case sees it.
    const onCourt = await services(court.clerk, s.caseId, 'ruling_objection');
    expect(onCourt).toEqual([expect.objectContaining({ partyId: null, recipientOrganisationId: court.courtId, documentId: filed.documentId })]);
    const pdf = await pdfText(await download(court.clerk, filed.documentId));
    expect(pdf).toContain('异议申请书');
    expect(pdf).toContain('请求撤销该裁定');
    expect(pdf).toContain('statement.pdf');
    expect((await application(s.respondent, s.appId)).objections).toEqual([expect.objectContaining({ id: filed.id, kind: 'party' })]);
    expect(await eventTypes(court.judge, s.caseId)).toContain('ruling_objection_filed');

    // The day after the last day: refused, the problem naming the deadline.
    clockAt(windows.reduce((a, w) => Math.max(a, w.dueAt.getTime()), 0) + HOUR);
    const late = await object(s.respondent, { text }).expect(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(late.body).toMatchObject({
      type: 'urn:accord:problem:objection-window-passed',
      deadline: { kind: 'party_objection', setting: 'OBJECTION_DAYS', length: 15, lastDay: window.lastDay },
    });
    expect(late.body.detail).toContain(window.lastDay);
    expect(await services(court.clerk, s.caseId, 'ruling_objection')).toHaveLength(1);
  }, 90_000);

  it('D23: an interested third party objects by the 调确 number within THIRD_PARTY_OBJECTION_MONTHS of knowing of the harm; the court reviews its interest', async () => {
    const s = await ruled();
    const calendar = t.app.get(WorkingDayCalendar);
    const today = calendar.localDate(clock.now());
    const window = thirdPartyObjectionWindow(today, calendar, 6);
    const outsider = await signedInUser(t, { displayName: 'Zhao Third-Party' });
    const another = await signedInUser(t);
    const body = {
      docketNumber: s.docketNumber,
      interest: 'The goods the respondent must hand over are mine: I bought them in March.',
      knewOn: today,
      text: 'The agreement disposes of goods the respondent does not own. I ask the court to set the ruling aside.',
    };
    const object = (who: SignedIn, b: Record<string, unknown>) => post(who, '/ruling-objections', b);

    // Bad input names the field; an unknown number is 404; a party of the case objects as a party, not here.
    expect(((await object(outsider, { ...body, knewOn: '2001-01-01' }).expect(400)).body.errors as { field: string }[]).map((e) => e.field)).toEqual(['knewOn']);
    expect(((await object(outsider, { ...body, interest: '' }).expect(400)).body.errors as { field: string }[]).map((e) => e.field)).toEqual(['interest']);
    await object(outsider, { ...body, docketNumber: '(2026)浙0106民特调确999999号' }).expect(404);
    await object(s.respondent, body).expect(403);
    await object(s.mediator, body).expect(403);

    // The last hour of the last day of the 6 months: in time.
    clockAt(window.dueAt.getTime() - HOUR);
    const filed = (await object(outsider, body).expect(201)).body;
    expect(filed).toMatchObject({ kind: 'third_party', partyId: null, objectorName: 'Zhao Third-Party', knewOn: today, windowLastDay: window.lastDay, review: null });
    await object(outsider, body).expect(409);
    expect(((await get(outsider, '/ruling-objections').expect(200)).body.items as { id: string }[]).map((o) => o.id)).toEqual([filed.id]);
    // The third party still cannot open the case; the court was served and sees the interest.
    await get(outsider, `/cases/${s.caseId}`).expect(404);
    expect((await services(court.clerk, s.caseId, 'ruling_objection')).map((x) => x.documentId)).toEqual([filed.documentId]);
    expect(await pdfText(await download(court.judge, filed.documentId))).toContain('does not own');

    // The day after: refused, naming the deadline.
    clockAt(window.dueAt.getTime() + HOUR);
    const late = (await object(another, body).expect(409)).body;
    expect(late).toMatchObject({
      type: 'urn:accord:problem:objection-window-passed',
      deadline: { kind: 'third_party_objection', setting: 'THIRD_PARTY_OBJECTION_MONTHS', lastDay: window.lastDay },
    });
    clock.reset();

    // The court reviews the third party's interest, once; a party does not.
    await post(s.applicant, `/ruling-objections/${filed.id}/review`, { decision: 'admitted', note: 'Ownership shown' }).expect(403);
    await post(otherCourt.judge, `/ruling-objections/${filed.id}/review`, { decision: 'admitted', note: 'Ownership shown' }).expect(404);
    await post(court.clerk, `/ruling-objections/${filed.id}/review`, { decision: 'maybe', note: 'Ownership shown' }).expect(400);
    const reviewed = (await post(court.clerk, `/ruling-objections/${filed.id}/review`, { decision: 'admitted', note: 'Ownership shown by the invoice' }).expect(200)).body;
    expect(reviewed.review).toMatchObject({ decision: 'admitted', note: 'Ownership shown by the invoice' });
    await post(court.judge, `/ruling-objections/${filed.id}/review`, { decision: 'dismissed', note: 'again' }).expect(409);
    expect(((await get(outsider, '/ruling-objections').expect(200)).body.items as { review: unknown }[])[0].review).toMatchObject({ decision: 'admitted' });
    expect(await eventTypes(s.applicant, s.caseId)).toEqual(expect.arrayContaining(['ruling_objection_filed', 'ruling_objection_reviewed']));

    // Two courts' rulings with alike numbers: the objector names the court.
    const alike = await ruled();
    await t.db.query(`UPDATE confirmation_applications SET docket_number = $1, court_id = $2 WHERE id = $3`, [s.docketNumber, otherCourt.courtId, alike.appId]);
    expect((await object(another, body).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'courtId' })]);
    expect((await object(another, { ...body, courtId: court.courtId }).expect(201)).body).toMatchObject({ applicationId: s.appId, docketNumber: s.docketNumber });
  }, 90_000);
});
