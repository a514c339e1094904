import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { CaseEventRecord } from '../src/cases/entities/case-event.entity';
import { Case } from '../src/cases/entities/case.entity';
import { PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { Clock } from '../src/infrastructure/clock/clock';
import { JobName } from '../src/infrastructure/queue/queue-names';
import { Notification } from '../src/notifications/notification.entity';
import { MembershipRole } from '../src/organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../src/organisations/organisation.entity';
import { OutboxMessage } from '../src/outbox/outbox-message.entity';
import { enforcementWindow, reminderDates } from '../src/performance/performance-rules';
import { PerformanceReminder } from '../src/performance/performance-item.entity';
import { PerformanceJobs, PerformanceSweep } from '../src/performance/performance.jobs';
import { upload } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { confirmThroughCourt, settledCase, type CourtStaff } from './support/settled-case-fixture';
import { freshSweep } from './support/settled';
import { createTestApp, eventually, type TestApp, workerTestEnv } from './support/test-app';

interface Item {
  id: string;
  key: string;
  status: string;
  overdue: boolean;
  lastDay: string;
  dueAt: string;
  events: { type: string }[];
}

describe('performance of settlements: reports, reminders, overdue flags, fulfilment, default', () => {
  let t: TestApp;
  let clock: Clock;
  let calendar: WorkingDayCalendar;
  let court: CourtStaff;
  let centre: Organisation;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ...workerTestEnv('perf'),
        // Configured, not the default 3,1: the rows must follow the configuration.
        OBLIGATION_REMINDER_WORKING_DAYS_BEFORE: '2,1',
      },
    });
    clock = t.app.get(Clock);
    calendar = t.app.get(WorkingDayCalendar);
    const org = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: `杭州市西湖区人民法院 ${randomUUID().slice(0, 4)}`, region: '330106' });
    await t.db.getRepository(Organisation).update({ id: org.id }, { courtLevel: CourtLevel.Basic });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    const judge = await signedInUser(t, { roles: [GlobalRole.Judge] });
    await addMembership(t.db, clerk.user.id, org.id, MembershipRole.Member);
    await addMembership(t.db, judge.user.id, org.id, MembershipRole.Member);
    court = { courtId: org.id, clerk, judge };
    centre = await createOrganisation(t.db, { kind: OrganisationKind.MediationOrganisation, region: '330106' });
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
  });

  async function settled(options: Partial<Parameters<typeof settledCase>[1]> = {}) {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    await addMembership(t.db, mediator.user.id, centre.id);
    const sc = await settledCase(t, { applicant, respondent, mediator, ...options });
    return { ...sc, caseId: sc.case.id, applicant, respondent, mediator };
  }

  const post = (who: SignedIn, path: string, body: Record<string, unknown> = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);
  const items = async (who: SignedIn, caseId: string): Promise<Item[]> => (await get(who, `/cases/${caseId}/performance`).expect(200)).body.items as Item[];
  const proof = async (who: SignedIn, caseId: string, visibility?: string): Promise<string> =>
    (await upload(t, who.bearer, caseId, { kind: 'performance_proof', visibility, filename: 'bank-receipt.pdf' }).expect(201)).body.id as string;
  const templatesFor = async (userId: string, caseId: string): Promise<string[]> =>
    (await t.db.getRepository(Notification).find({ where: { userId, caseId }, order: { createdAt: 'ASC' } })).map((n) => n.template);

  it('the obligated side reports with proof, the beneficiary disputes or confirms; only the right side acts; bad input names the field', async () => {
    const s = await settled();
    const [pay1] = await items(s.applicant, s.caseId);
    expect(pay1).toMatchObject({ key: 'pay#1', status: 'pending', overdue: false, events: [] });

    await post(s.applicant, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, { documentIds: [await proof(s.applicant, s.caseId)] }).expect(403);
    await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, {})
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('documentIds'));
    const evidence = (await upload(t, s.respondent.bearer, s.caseId, { kind: 'evidence' }).expect(201)).body.id as string;
    await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, { documentIds: [evidence] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'documentIds.0', rule: 'kind' }));
    await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, { documentIds: [await proof(s.respondent, s.caseId, 'own_side_and_mediator')] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'documentIds.0', rule: 'visibility' }));
    await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, { documentIds: [randomUUID()] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'documentIds.0', rule: 'isCaseDocument' }));
    expect((await items(s.applicant, s.caseId))[0].events).toEqual([]);

    const receipt = await proof(s.respondent, s.caseId);
    const reported = (await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, { documentIds: [receipt], note: 'Paid by transfer' }).expect(200)).body
      .items as Item[];
    expect(reported[0]).toMatchObject({ status: 'reported', events: [{ type: 'reported', documentIds: [receipt], note: 'Paid by transfer' }] });
    // The beneficiary sees the proof and is told.
    await get(s.applicant, `/documents/${receipt}/content`).expect(200);
    await eventually(async () => ((await templatesFor(s.applicant.user.id, s.caseId)).includes('performance_reported') ? true : undefined));
    await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, { documentIds: [receipt] })
      .expect(409)
      .expect((res) => expect(res.body.detail).toMatch(/waiting for the beneficiary/));
    await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/confirm`).expect(403);

    await post(s.applicant, `/cases/${s.caseId}/performance/items/${pay1.id}/dispute`, { reason: '' })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('reason'));
    const disputed = (await post(s.applicant, `/cases/${s.caseId}/performance/items/${pay1.id}/dispute`, { reason: 'Only 15,000 arrived' }).expect(200)).body.items as Item[];
    expect(disputed[0].status).toBe('disputed');
    await eventually(async () => ((await templatesFor(s.respondent.user.id, s.caseId)).includes('performance_disputed') ? true : undefined));

    await post(s.respondent, `/cases/${s.caseId}/performance/items/${pay1.id}/report`, { documentIds: [await proof(s.respondent, s.caseId)] }).expect(200);
    const confirmed = (await post(s.applicant, `/cases/${s.caseId}/performance/items/${pay1.id}/confirm`).expect(200)).body;
    expect(confirmed.items[0]).toMatchObject({ status: 'confirmed' });
    expect(confirmed.allPerformed).toBe(false);
    await post(s.applicant, `/cases/${s.caseId}/performance/items/${pay1.id}/confirm`).expect(409);
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: s.caseId })).status).toBe(CaseStatus.Settled);

    // The mediator follows it; someone unrelated gets 404.
    expect((await items(s.mediator, s.caseId)).map((i) => i.status)).toEqual(['confirmed', 'pending', 'pending']);
    const stranger = await signedInUser(t);
    await get(stranger, `/cases/${s.caseId}/performance`).expect(404);
    await post(stranger, `/cases/${s.caseId}/performance/items/${pay1.id}/confirm`).expect(404);
  });

  it('an overdue obligation: reminders before its last day, then a flag and the mediator told; a default needs something overdue', async () => {
    const s = await settled({
      obligations: [
        { id: 'pay', kind: 'money', obligorSide: PartySide.Respondent, beneficiarySide: PartySide.Applicant, amount: '8000.00', currency: 'CNY', due: { daysAfterEffective: 10 } },
      ],
    });
    const [item] = await items(s.applicant, s.caseId);
    await post(s.applicant, `/cases/${s.caseId}/performance/default`, { reason: 'They will not pay' })
      .expect(409)
      .expect((res) => expect(res.body.detail).toMatch(/No obligation is overdue/));

    // Reminders as configured (2 and 1 working days before the last day, 09:00 local), each a row with its delayed job.
    const expected = reminderDates(new Date(item.dueAt), calendar, [2, 1], { after: new Date(Date.now() - 60_000) });
    const rows = await t.db.getRepository(PerformanceReminder).find({ where: { itemId: item.id }, order: { remindAt: 'ASC' } });
    expect(rows.map((r) => r.remindAt.toISOString())).toEqual(expected.map((d) => d.toISOString()));
    const jobs = await t.db
      .getRepository(OutboxMessage)
      .createQueryBuilder('o')
      .where(`o.data->>'itemId' = :id OR o.data->>'reminderId' = ANY(:reminders)`, { id: item.id, reminders: rows.map((r) => r.id) })
      .getMany();
    expect(jobs.map((j) => j.job).sort()).toEqual([JobName.FlagOverdueObligation, JobName.RemindObligation, JobName.RemindObligation].sort());

    // The clock reaches the first reminder: the obligated side is reminded, nobody else.
    clock.advance(expected[0].getTime() - clock.nowMs() + 60_000);
    await eventually(async () => ((await templatesFor(s.respondent.user.id, s.caseId)).includes('obligation_reminder') ? true : undefined), 15_000, 'the first reminder');
    expect(await templatesFor(s.applicant.user.id, s.caseId)).not.toContain('obligation_reminder');
    const inbox = (await get(s.respondent, '/notifications').expect(200)).body.items as { template: string; text: string }[];
    expect(inbox.find((n) => n.template === 'obligation_reminder')!.text).toContain('CNY 8,000.00');

    // The second reminder, once.
    clock.advance(expected[1].getTime() - clock.nowMs() + 60_000);
    await eventually(
      async () => ((await templatesFor(s.respondent.user.id, s.caseId)).filter((x) => x === 'obligation_reminder').length === 2 ? true : undefined),
      15_000,
      'the second reminder',
    );

    // Past the last day: flagged overdue, in the chain, the mediator (and both sides) told, once.
    clock.advance(Date.parse(item.dueAt) - clock.nowMs() + 2_000);
    const flagged = await eventually(
      async () => {
        const [now] = await items(s.applicant, s.caseId);
        return now.overdue ? now : undefined;
      },
      15_000,
      'the overdue flag',
    );
    expect(flagged.status).toBe('overdue');
    await eventually(async () => ((await templatesFor(s.mediator.user.id, s.caseId)).includes('obligation_overdue') ? true : undefined));
    expect(await t.db.getRepository(CaseEventRecord).countBy({ caseId: s.caseId, type: 'obligation_overdue' })).toBe(1);
    // Once only: the item's own check and a whole sweep run after the flag both leave it as it is.
    expect(await t.app.get(PerformanceJobs).checkOverdue(item.id)).not.toBe('flagged');
    await freshSweep(t.app.get(PerformanceSweep));
    expect((await templatesFor(s.mediator.user.id, s.caseId)).filter((x) => x === 'obligation_overdue')).toHaveLength(1);
    expect((await templatesFor(s.respondent.user.id, s.caseId)).filter((x) => x === 'obligation_reminder')).toHaveLength(2);

    // The obligor cannot declare the default; the mediator can. An unconfirmed settlement has no enforcement window.
    await post(s.respondent, `/cases/${s.caseId}/performance/default`, { reason: 'We give up' }).expect(403);
    const declared = (await post(s.mediator, `/cases/${s.caseId}/performance/default`, { reason: 'The payment is 3 days late and the respondent is silent' }).expect(200)).body;
    expect(declared).toMatchObject({ caseStatus: CaseStatus.Closed, default: { declaredRole: 'mediator', confirmed: false, enforcementWindow: null, overdueItemIds: [item.id] } });
    expect(await t.db.getRepository(Case).findOneByOrFail({ id: s.caseId })).toMatchObject({ status: CaseStatus.Closed, outcome: 'defaulted' });
  });

  it('a default on a confirmed case records the 2-year enforcement window, shown on the case', async () => {
    const s = await settled();
    await confirmThroughCourt(t, s.caseId, { applicant: s.applicant, respondent: s.respondent, ...court });
    const all = await items(s.applicant, s.caseId);
    const last = all.reduce((a, b) => (a.lastDay > b.lastDay ? a : b));
    clock.advance(Date.parse(last.dueAt) - clock.nowMs() + 2_000);

    await post(s.applicant, `/cases/${s.caseId}/performance/default`, { reason: 'x' })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('reason'));
    const declared = (await post(s.applicant, `/cases/${s.caseId}/performance/default`, { reason: 'Nothing was paid' }).expect(200)).body;
    const window = enforcementWindow(all, calendar, 2)!;
    expect(window.countedFrom).toBe(last.lastDay);
    expect(Number(window.lastDay.slice(0, 4))).toBe(Number(last.lastDay.slice(0, 4)) + 2);
    expect(declared.default).toMatchObject({
      declaredRole: 'beneficiary',
      confirmed: true,
      enforcementWindow: { courtId: court.courtId, countedFrom: last.lastDay, lastDay: window.lastDay, endsAt: window.endsAt.toISOString() },
    });
    const shown = (await get(s.respondent, `/cases/${s.caseId}`).expect(200)).body;
    expect(shown).toMatchObject({ status: CaseStatus.Closed, outcome: 'defaulted' });
    expect(shown.outcomeReason).toContain(window.lastDay);
    expect(shown.outcomeReason).toContain('杭州市西湖区人民法院');
    const event = await t.db.getRepository(CaseEventRecord).findOneByOrFail({ caseId: s.caseId, type: 'declare_default' });
    expect(event.payload.enforcementWindow).toMatchObject({ lastDay: window.lastDay, courtId: court.courtId });
  });

  it('an effective agreement nobody tracked yet is tracked by the sweep, its reminders scheduled', async () => {
    const s = await settled({ track: false });
    const tracked = await eventually(
      async () => {
        const rows = (await t.db.query(`SELECT id, item_key FROM performance_items WHERE case_id = $1 ORDER BY item_key`, [s.caseId])) as { id: string; item_key: string }[];
        return rows.length > 0 ? rows : undefined;
      },
      10_000,
      'the sweep to track the agreement',
    );
    expect(tracked.map((r) => r.item_key)).toEqual(['pay#1', 'pay#2', 'stop']);
    expect(await t.db.getRepository(PerformanceReminder).countBy({ itemId: tracked[0].id })).toBeGreaterThan(0);
    // Looking at it changes nothing: tracking is idempotent.
    expect(await items(s.applicant, s.caseId)).toHaveLength(3);
  });

  /** A settled case whose every obligation is performed and confirmed while the court has it; the court then confirms. */
  async function performedWhileTheCourtHasIt(s: Awaited<ReturnType<typeof settled>>): Promise<void> {
    const appId = (await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: court.courtId }).expect(201)).body.id as string;
    await post(s.respondent, `/confirmation-applications/${appId}/consents`).expect(200);
    for (const item of await items(s.respondent, s.caseId)) {
      await post(s.respondent, `/cases/${s.caseId}/performance/items/${item.id}/report`, { documentIds: [await proof(s.respondent, s.caseId)] }).expect(200);
      await post(s.applicant, `/cases/${s.caseId}/performance/items/${item.id}/confirm`).expect(200);
    }
    expect((await get(s.applicant, `/cases/${s.caseId}/performance`).expect(200)).body).toMatchObject({ allPerformed: true, caseStatus: CaseStatus.ConfirmationRequested });
    await post(court.clerk, `/confirmation-applications/${appId}/docket`).expect(200);
    await post(court.judge, `/confirmation-applications/${appId}/confirm`).expect(200);
  }

  it('performance finished while the court has the case closes it once the court confirms', async () => {
    const s = await settled();
    await performedWhileTheCourtHasIt(s);
    expect(await t.db.getRepository(Case).findOneByOrFail({ id: s.caseId })).toMatchObject({ status: CaseStatus.Closed, outcome: 'fulfilled' });
    const types = (await t.db.getRepository(CaseEventRecord).find({ where: { caseId: s.caseId }, order: { sequence: 'ASC' } })).map((e) => e.type);
    expect(types.slice(types.indexOf('confirm'))).toEqual(expect.arrayContaining(['confirm', 'obligations_fulfilled']));
  });

  it('a case closed from within the court’s confirmation files its mediation transcripts after the commit, before it is archived', async () => {
    const s = await settled();
    // The mediation's messages (posted while it was mediating; written here directly).
    await t.db.query(`INSERT INTO mediation_messages (case_id, channel, author_id, author_role, text) VALUES ($1, 'joint', $2, 'mediator', 'Shall we meet on Monday?')`, [
      s.caseId,
      s.mediator.user.id,
    ]);
    await performedWhileTheCourtHasIt(s);
    const archived = await eventually(
      async () => ((await t.db.getRepository(Case).findOneByOrFail({ id: s.caseId })).status === CaseStatus.Archived ? true : undefined),
      30_000,
      'the archive job',
    );
    expect(archived).toBe(true);
    const transcripts = (await t.db.query(`SELECT filename, visibility FROM documents WHERE case_id = $1 AND kind = 'message_transcript'`, [s.caseId])) as {
      filename: string;
      visibility: string;
    }[];
    expect(transcripts).toEqual([{ filename: `transcript-joint-${s.case.number}.txt`, visibility: 'mediation_confidential' }]);
    // Filed once, and inside the sealed archive: the archive job waited for the transcripts.
    const [counts] = (await t.db.query(`SELECT a.documents, (SELECT count(*)::int FROM documents d WHERE d.case_id = a.case_id) AS filed FROM archives a WHERE a.case_id = $1`, [
      s.caseId,
    ])) as { documents: number; filed: number }[];
    expect(counts.documents).toBe(counts.filed);
  });
});
