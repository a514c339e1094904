import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { GlobalRole, Language } from '../src/auth/roles';
import { DeadlineJobs } from '../src/deadlines/deadline.jobs';
import type { DeadlineJob } from '../src/deadlines/deadlines.service';
import { reminderAt } from '../src/deadlines/reminder-time';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { Clock } from '../src/infrastructure/clock/clock';
import { JobName } from '../src/infrastructure/queue/queue-names';
import { Notification } from '../src/notifications/notification.entity';
import { OutboxMessage } from '../src/outbox/outbox-message.entity';
import { signedInUser, type SignedIn } from './support/factories';
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
});
