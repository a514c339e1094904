import { randomUUID } from 'node:crypto';
import { GlobalRole, Language } from '../src/auth/roles';
import { CaseEventRecord } from '../src/cases/entities/case-event.entity';
import { Case } from '../src/cases/entities/case.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { DeadlineKind } from '../src/deadlines/deadline-kinds';
import { Deadline } from '../src/deadlines/deadline.entity';
import { Deadlines } from '../src/deadlines/deadlines.service';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { Clock } from '../src/infrastructure/clock/clock';
import { JobQueue } from '../src/infrastructure/queue/job-queue.service';
import { JobName } from '../src/infrastructure/queue/queue-names';
import { Notification } from '../src/notifications/notification.entity';
import { OutboxMessage } from '../src/outbox/outbox-message.entity';
import { CaseParty, EServiceConsentBasis, PartySide } from '../src/cases/entities/case-party.entity';
import { IpRight, IpRightKind } from '../src/cases/entities/ip-right.entity';
import { caseInState, upload } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const DAY = 86_400_000;

describe('deadlines: fired by their job or the sweep, paused, extended, cancelled, raced', () => {
  let t: TestApp;
  let intake: SignedIn;
  let applicant: SignedIn;
  let deadlines: Deadlines;
  let clock: Clock;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        QUEUE_PREFIX: `deadl${randomUUID().slice(0, 6)}`,
        OUTBOX_POLL_INTERVAL_MS: '200',
        DEADLINE_SWEEP_INTERVAL_MS: '250',
        // Long enough for a deadline's own job to fire it first; short enough for a quick test.
        DEADLINE_SWEEP_GRACE_MS: '2000',
      },
    });
    intake = await signedInUser(t, { roles: [GlobalRole.Admin] });
    applicant = await signedInUser(t, { language: Language.ZhCN });
    deadlines = t.app.get(Deadlines);
    clock = t.app.get(Clock);
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
  });

  const fire = (who: SignedIn, caseId: string, body: Record<string, unknown>) => t.http.post(`/api/v1/cases/${caseId}/transitions`).set('Authorization', who.bearer).send(body);
  const deadlinesOf = async (caseId: string) => (await t.http.get(`/api/v1/cases/${caseId}/deadlines`).set('Authorization', applicant.bearer).expect(200)).body.items;
  const eventsOf = async (caseId: string) => (await t.db.getRepository(CaseEventRecord).find({ where: { caseId }, order: { sequence: 'ASC' } })).map((e) => e.type);
  const needsCorrection = () => caseInState(t, { status: CaseStatus.NeedsCorrection, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
  /** What resubmitting needs besides the fixture (docs/procedural-rules.md A2): identity, phone, e-service basis, an IP right, a document. */
  const makeComplete = async (caseId: string): Promise<void> => {
    await t.db
      .getRepository(CaseParty)
      .update(
        { caseId, side: PartySide.Applicant },
        { idType: 'resident_id_card', idNumber: '110101199003071234', phone: '+8613800138000', eServiceBasis: EServiceConsentBasis.Express },
      );
    await t.db.getRepository(IpRight).save({ caseId, position: 0, kind: IpRightKind.Trademark, number: 'TM-1', jurisdiction: 'CN', owner: 'Fixture Applicant' });
    await upload(t, applicant.bearer, caseId).expect(201);
  };
  /** The outbox rows of a deadline's fire job, oldest first. */
  const fireJobsOf = async (deadlineId: string): Promise<OutboxMessage[]> =>
    t.db
      .getRepository(OutboxMessage)
      .createQueryBuilder('o')
      .where('o.job = :job', { job: JobName.FireDeadline })
      .andWhere(`o.data->>'deadlineId' = :deadlineId`, { deadlineId })
      .orderBy('o.created_at')
      .getMany();
  const startCorrection = (caseId: string, dueAt: Date) => t.db.transaction((tx) => deadlines.start(tx, { caseId, kind: DeadlineKind.Correction, dueAt }));

  it('request_correction starts the correction deadline at the due date it announced; resubmitting or withdrawing cancels it', async () => {
    const c = await caseInState(t, { status: CaseStatus.Submitted, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
    await fire(intake, c.id, { event: 'request_correction', expectedVersion: 1, reason: 'Attach the licence' }).expect(200);
    const announced = (await t.db.getRepository(CaseEventRecord).findOneByOrFail({ caseId: c.id, type: 'request_correction' })).payload.dueAt as string;
    const [running] = await deadlinesOf(c.id);
    expect(running).toMatchObject({ kind: 'correction', event: 'correction_expired', state: 'running', dueAt: announced });
    // CORRECTION_PERIOD_DAYS (7) calendar days from tomorrow, a last day on a weekend moving to Monday.
    expect(Date.parse(announced) - Date.now()).toBeGreaterThan(7 * DAY);
    expect(Date.parse(announced) - Date.now()).toBeLessThan(11 * DAY);
    // Its delayed job went through the outbox, scheduled for the due time.
    const [job] = await fireJobsOf(running.id);
    expect(job.runAt?.toISOString()).toBe(announced);

    await makeComplete(c.id);
    await fire(applicant, c.id, { event: 'resubmit', expectedVersion: 2 }).expect(200);
    const [cancelled] = await deadlinesOf(c.id);
    expect(cancelled.state).toBe('cancelled');

    // Withdrawing while the correction is pending cancels it too.
    const other = await caseInState(t, { status: CaseStatus.Submitted, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
    await fire(intake, other.id, { event: 'request_correction', expectedVersion: 1, reason: 'Attach the licence' }).expect(200);
    await fire(applicant, other.id, { event: 'withdraw', expectedVersion: 2 }).expect(200);
    expect((await t.db.getRepository(Deadline).findOneByOrFail({ caseId: other.id })).cancelledAt).not.toBeNull();
  }, 30_000);

  it('a deadline fires its transition at its due time, by its own delayed job, and the applicant is told', async () => {
    const c = await needsCorrection();
    const dueAt = new Date(Date.now() + 1500);
    const d = await startCorrection(c.id, dueAt);
    const fired = await eventually(
      async () => {
        const row = await t.db.getRepository(Deadline).findOneByOrFail({ id: d.id });
        return row.firedAt ? row : undefined;
      },
      15_000,
      'the deadline to fire',
    );
    expect(fired.firedBy).toBe('job');
    expect(fired.fireResult).toBe('fired');
    expect(fired.firedAt!.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    const after = await t.db.getRepository(Case).findOneByOrFail({ id: c.id });
    expect(after).toMatchObject({ status: 'closed', outcome: 'not_corrected' });
    const last = await t.db.getRepository(CaseEventRecord).findOneOrFail({ where: { caseId: c.id }, order: { sequence: 'DESC' } });
    expect(last).toMatchObject({ type: 'correction_expired', actorId: null, actorRole: 'system' });
    expect(last.payload).toMatchObject({ deadlineId: d.id, deadlineKind: 'correction', from: 'needs_correction', to: 'closed' });
    const told = await eventually(async () => (await t.db.getRepository(Notification).findOneBy({ caseId: c.id, template: 'correction_expired' as never })) ?? undefined);
    expect(told.userId).toBe(applicant.user.id);
    expect(told.language).toBe('zh-CN');
  }, 30_000);

  it('with the clock moved past the due date, the sweep fires a deadline set through the API', async () => {
    const c = await caseInState(t, { status: CaseStatus.Submitted, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
    await fire(intake, c.id, { event: 'request_correction', expectedVersion: 1, reason: 'Sign the form' }).expect(200);
    // Move the clock only once the deadline's delayed job is in BullMQ, scheduled for the real due
    // time: relayed after the move, it would be due at once and could beat the sweep to it.
    const [running] = await deadlinesOf(c.id);
    await eventually(async () => ((await fireJobsOf(running.id))[0]?.relayedAt ? true : undefined), 15_000, 'the fire job relayed');
    clock.advance(9 * DAY);
    await eventually(async () => ((await t.db.getRepository(Case).findOneByOrFail({ id: c.id })).status === 'closed' ? true : undefined), 15_000, 'the sweep');
    const [d] = await deadlinesOf(c.id);
    expect(d).toMatchObject({ state: 'fired', fireResult: 'fired' });
    expect((await t.db.getRepository(Deadline).findOneByOrFail({ id: d.id })).firedBy).toBe('sweep');
    // The closed case may already be sealed by the archive job, which appends its own event.
    expect((await eventsOf(c.id)).filter((type) => type !== 'archive')).toEqual(['case_created', 'request_correction', 'correction_expired']);
  }, 30_000);

  it('pausing keeps the time left and resuming moves the due time by the pause; extending moves it by whole days', async () => {
    const c = await caseInState(t, { status: CaseStatus.Mediating, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
    const started = await t.db.transaction((tx) => deadlines.start(tx, { caseId: c.id, kind: DeadlineKind.MediationPeriod }));
    // A pre-filing (default) mediation runs MEDIATION_DAYS_PRE_FILING = 30 calendar days.
    expect(started.dueAt.getTime()).toBe(t.app.get(WorkingDayCalendar).computeDueAt(started.createdAt, { days: 30, unit: 'calendar' }).getTime());
    const left = started.dueAt.getTime() - clock.nowMs();

    await t.db.transaction((tx) => deadlines.pause(tx, c.id, DeadlineKind.MediationPeriod));
    const [paused] = await deadlinesOf(c.id);
    expect(paused.state).toBe('paused');
    expect(Math.abs(paused.remainingMs - left)).toBeLessThan(5_000);

    clock.advance(3 * DAY); // three days of appraisal do not count (docs/procedural-rules.md B7)
    await t.db.transaction((tx) => deadlines.resume(tx, c.id, DeadlineKind.MediationPeriod));
    const [resumed] = await deadlinesOf(c.id);
    expect(resumed.state).toBe('running');
    expect(Math.abs(Date.parse(resumed.dueAt) - (started.dueAt.getTime() + 3 * DAY))).toBeLessThan(5_000);

    await t.db.transaction((tx) => deadlines.extend(tx, c.id, DeadlineKind.MediationPeriod, { days: 10, unit: 'calendar' }));
    const [extended] = await deadlinesOf(c.id);
    const expected = t.app.get(WorkingDayCalendar).computeDueAt(new Date(Date.parse(resumed.dueAt) - 1), { days: 10, unit: 'calendar' });
    expect(extended.dueAt).toBe(expected.toISOString());
    expect(extended.extendedByMs).toBe(expected.getTime() - Date.parse(resumed.dueAt));
    // Each move scheduled a new job; the old ones will find the row moved and do nothing.
    const jobs = await fireJobsOf(started.id);
    expect(jobs.map((j) => j.runAt?.toISOString()).sort()).toEqual([started.dueAt.toISOString(), resumed.dueAt, extended.dueAt].sort());
    expect(await deadlines.fire(started.id, 'job', started.dueAt)).toBe('moved');
  }, 30_000);

  it('a deadline whose BullMQ job was deleted still fires, by the sweep', async () => {
    const c = await needsCorrection();
    const d = await startCorrection(c.id, new Date(Date.now() + 1000));
    const row = await eventually(
      async () => {
        const [r] = await fireJobsOf(d.id);
        return r?.relayedAt ? r : undefined;
      },
      10_000,
      'the job to be relayed',
    );
    const job = await t.app.get(JobQueue).getJob(JobName.FireDeadline, row.id);
    expect(await job?.getState()).toBe('delayed');
    await job!.remove();
    expect(await t.app.get(JobQueue).getJob(JobName.FireDeadline, row.id)).toBeUndefined();

    const fired = await eventually(
      async () => {
        const r = await t.db.getRepository(Deadline).findOneByOrFail({ id: d.id });
        return r.firedAt ? r : undefined;
      },
      15_000,
      'the sweep to fire it',
    );
    expect(fired.firedBy).toBe('sweep');
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: c.id })).status).toBe('closed');
  }, 30_000);

  it('a reminder tells the applicant the deadline is near, once, however often its job runs', async () => {
    const c = await needsCorrection();
    const d = await startCorrection(c.id, new Date(Date.now() + 5 * DAY));
    const jobs = t.app.get(JobQueue);
    const run = async (jobId: string) => {
      const job = await jobs.add(JobName.RemindDeadline, { deadlineId: d.id, dueAt: d.dueAt.toISOString() }, { jobId });
      return eventually(
        async () => ((await job.getState()) === 'completed' ? (await jobs.getJob(JobName.RemindDeadline, jobId))!.returnvalue : undefined),
        10_000,
        'the reminder job',
      );
    };
    expect(await run(`remind-${d.id}-1`)).toEqual({ reminded: 1 });
    expect(await run(`remind-${d.id}-2`)).toEqual({ reminded: 0 });
    const reminders = await t.db.getRepository(Notification).findBy({ caseId: c.id, template: 'deadline_reminder' as never });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ userId: applicant.user.id, language: 'zh-CN', data: { deadlineKind: 'correction', dueAt: d.dueAt.toISOString() } });
    // A reminder for a due time the deadline no longer has does nothing.
    const stale = await jobs.add(JobName.RemindDeadline, { deadlineId: d.id, dueAt: new Date(0).toISOString() }, { jobId: `remind-${d.id}-stale` });
    expect(await eventually(async () => ((await stale.getState()) === 'completed' ? (await jobs.getJob(JobName.RemindDeadline, stale.id!))!.returnvalue : undefined))).toEqual({
      skipped: 'the deadline moved',
    });
  }, 30_000);

  it('a user action racing its deadline: exactly one of them wins, on every case', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, () => needsCorrection()));
    for (const c of cases) await makeComplete(c.id);
    const dueAt = new Date(Date.now() + 400);
    const started = await Promise.all(cases.map((c) => startCorrection(c.id, dueAt)));
    const after = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, dueAt.getTime() + ms - Date.now())));
    // Around the due time: the applicant resubmits, from a little before to a little after it,
    // while the deadline fires by its job, and by this direct call as a job would.
    const results = await Promise.all(
      cases.map((c, i) =>
        Promise.all([
          after((i % 3) * 5).then(() => deadlines.fire(started[i].id, 'job', started[i].dueAt)),
          after(-150 + i * 25).then(() => fire(applicant, c.id, { event: 'resubmit', expectedVersion: 1 })),
        ]),
      ),
    );
    let deadlineWins = 0;
    for (const [i, c] of cases.entries()) {
      const [outcome, response] = results[i];
      const events = await eventsOf(c.id);
      const winners = events.filter((e) => e === 'correction_expired' || e === 'resubmit');
      expect(winners).toHaveLength(1);
      const row = await t.db.getRepository(Deadline).findOneByOrFail({ id: started[i].id });
      if (winners[0] === 'correction_expired') {
        deadlineWins++;
        // Fired by this call, or already by the deadline's own job, which races too.
        expect(['fired', 'already_done']).toContain(outcome);
        expect(response.status).toBe(409);
        expect(row.firedAt).not.toBeNull();
      } else {
        expect(response.status).toBe(200);
        expect(['already_done', 'refused']).toContain(outcome);
        expect(row.cancelledAt).not.toBeNull();
        expect(row.firedAt).toBeNull();
      }
    }
    // Which side wins each race is up to the scheduler; the figure is printed, not asserted.
    console.log(`race: the deadline won ${deadlineWins} of ${cases.length}, the applicant ${cases.length - deadlineWins}`);
  });
});
