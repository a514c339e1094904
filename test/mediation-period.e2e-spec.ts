import { randomUUID } from 'node:crypto';
import { GlobalRole, Language } from '../src/auth/roles';
import { CaseEventRecord } from '../src/cases/entities/case-event.entity';
import { Case } from '../src/cases/entities/case.entity';
import { CaseParty, PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus, ReferralType } from '../src/cases/lifecycle/case-states';
import { DeadlineKind } from '../src/deadlines/deadline-kinds';
import { Deadline } from '../src/deadlines/deadline.entity';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { Clock } from '../src/infrastructure/clock/clock';
import { FailureReportRecord } from '../src/mediation/failure-report.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { ServiceRecord } from '../src/service-of-process/service.entity';
import { caseInState } from './support/case-fixtures';
import { binary, pdfText } from './support/pdf-text';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, eventually, type TestApp, workerTestEnv } from './support/test-app';

const DAY = 86_400_000;

interface PeriodBody {
  state: string;
  dueAt: string | null;
  remainingMs: number | null;
  pauses: { ground: string; endedHow: string | null }[];
  extensions: { id: string; status: string; waitingFor: string[]; newDueAt: string | null }[];
}

interface ServiceBody {
  id: string;
  purpose: string;
  partyId: string | null;
  recipientOrganisationId: string | null;
  documentId: string;
}

describe('the mediation period (pause, extension, expiry) and the end of mediation with its failure report', () => {
  let t: TestApp;
  let clock: Clock;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ...workerTestEnv('period'),
        MEDIATION_EXTENSION_MAX_DAYS: '20',
      },
    });
    clock = t.app.get(Clock);
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
  });

  /**
   * A court referral that reached mediation as people do it: the mediator accepts over HTTP (the
   * notice is served), the respondent agrees (the mediation period starts). The applicant has a lawyer.
   */
  async function mediating(options: { referralType?: ReferralType; respondentAnswersAfterMs?: number } = {}) {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t, { verified: true, language: Language.ZhCN });
    const lawyer = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], displayName: 'Mediator Lin' });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: `杭州市中级人民法院 ${randomUUID().slice(0, 4)}` });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, court.id);
    const c = await caseInState(t, {
      status: CaseStatus.Assigning,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      referringCourtId: court.id,
      agents: [{ userId: lawyer.user.id, side: PartySide.Applicant }],
    });
    if (options.referralType) await t.db.getRepository(Case).update({ id: c.id }, { referralType: options.referralType });
    await t.db.query(`INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at) VALUES ($1, $2, 1, 'matcher', 'pending', now() + interval '3 days')`, [
      c.id,
      mediator.user.id,
    ]);
    await t.http.post(`/api/v1/cases/${c.id}/assignment/accept`).set('Authorization', mediator.bearer).send({ noConflict: true }).expect(200);
    if (options.respondentAnswersAfterMs) clock.advance(options.respondentAnswersAfterMs);
    await t.http.post(`/api/v1/cases/${c.id}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: true }).expect(200);
    const parties = await t.db.getRepository(CaseParty).find({ where: { caseId: c.id } });
    return {
      caseId: c.id,
      applicant,
      respondent,
      lawyer,
      mediator,
      clerk,
      courtId: court.id,
      applicantParty: parties.find((p) => p.side === PartySide.Applicant)!.id,
      respondentParty: parties.find((p) => p.side === PartySide.Respondent)!.id,
    };
  }

  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);
  const post = (who: SignedIn, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const period = async (who: SignedIn, caseId: string) => (await get(who, `/cases/${caseId}/mediation-period`).expect(200)).body as PeriodBody;
  const events = async (caseId: string) => (await t.db.getRepository(CaseEventRecord).find({ where: { caseId }, order: { sequence: 'ASC' } })).map((e) => e.type);
  const templatesOf = async (who: SignedIn) => ((await get(who, '/notifications').expect(200)).body.items as { template: string }[]).map((n) => n.template);
  // Lines wrap where the layout wants: compare words, not line breaks.
  const pdfOf = async (who: SignedIn, path: string) => (await pdfText((await get(who, path).buffer(true).parse(binary).expect(200)).body as Buffer)).replace(/\s+/g, ' ');

  it('the period runs from the mediator’s acceptance, not from the respondents’ consent days later (docs/procedural-rules.md B7)', async () => {
    const { caseId, clerk } = await mediating({ respondentAnswersAfterMs: 2 * DAY });
    const calendar = t.app.get(WorkingDayCalendar);
    // Started in the acceptance's transaction, before the test clock moved on to the respondent's answer.
    const started = await t.db.getRepository(Deadline).findOneByOrFail({ caseId, kind: DeadlineKind.MediationPeriod });
    const fromAcceptance = calendar.computeDueAt(started.createdAt, { days: 30, unit: 'calendar' });
    expect((await period(clerk, caseId)).dueAt).toBe(fromAcceptance.toISOString());
    expect(fromAcceptance.getTime()).toBeLessThan(calendar.computeDueAt(new Date(started.createdAt.getTime() + 2 * DAY), { days: 30, unit: 'calendar' }).getTime());
    expect(await events(caseId)).toEqual(expect.arrayContaining(['mediator_accept', 'start_mediation']));
  }, 60_000);

  it('the mediator pauses the period for appraisal and resumes it: the end moves later by exactly the time paused', async () => {
    const { caseId, applicant, respondent, mediator, clerk } = await mediating();
    const running = await period(clerk, caseId);
    expect(running).toMatchObject({ state: 'running', remainingMs: null, pauses: [], extensions: [] });
    const dueAt = Date.parse(running.dueAt!);
    // A court referral before filing mediates for MEDIATION_DAYS_PRE_FILING (30) calendar days.
    expect(dueAt - Date.now()).toBeGreaterThan(29 * DAY);

    await post(applicant, `/cases/${caseId}/mediation-period/pause`, { ground: 'appraisal', reason: 'Valuation of the patent' }).expect(403);
    const bad = await post(mediator, `/cases/${caseId}/mediation-period/pause`, { ground: 'holiday', reason: 'x' }).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['ground', 'reason']);
    expect((await period(clerk, caseId)).state).toBe('running');

    const paused = (
      await post(mediator, `/cases/${caseId}/mediation-period/pause`, { ground: 'appraisal', reason: 'Technical appraisal of the X200 charger by 浙江知识产权鉴定中心' }).expect(
        200,
      )
    ).body as PeriodBody;
    expect(paused).toMatchObject({ state: 'paused', pauses: [{ ground: 'appraisal', endedHow: null }] });
    expect(Math.abs(paused.remainingMs! - (dueAt - Date.now()))).toBeLessThan(5_000);
    await post(mediator, `/cases/${caseId}/mediation-period/pause`, { ground: 'valuation', reason: 'Another one' }).expect(409);

    clock.advance(6 * DAY); // six days of appraisal do not count (OMR 26)
    // While paused the deadline cannot fire, however late it is.
    const resumed = (await post(mediator, `/cases/${caseId}/mediation-period/resume`).expect(200)).body as PeriodBody;
    expect(resumed).toMatchObject({ state: 'running', remainingMs: null, pauses: [{ endedHow: 'resumed' }] });
    expect(Math.abs(Date.parse(resumed.dueAt!) - (dueAt + 6 * DAY))).toBeLessThan(5_000);
    await post(mediator, `/cases/${caseId}/mediation-period/resume`).expect(409);
    expect((await get(applicant, `/cases/${caseId}/deadlines`).expect(200)).body.items.find((d: { kind: string }) => d.kind === 'mediation_period')).toMatchObject({
      state: 'running',
      dueAt: resumed.dueAt,
    });
    expect(await events(caseId)).toEqual(expect.arrayContaining(['pause_period', 'resume_period']));
    await eventually(async () => ((await templatesOf(respondent)).includes('pause_period') ? true : undefined));
  }, 60_000);

  it('an extension one party refuses is refused: the period is unchanged', async () => {
    const { caseId, applicant, respondent, mediator, respondentParty } = await mediating();
    const before = await period(applicant, caseId);
    await post(applicant, `/cases/${caseId}/mediation-period/extensions`, { days: 10, reason: 'More time' }).expect(403);
    const tooLong = await post(mediator, `/cases/${caseId}/mediation-period/extensions`, { days: 21, reason: 'Three more weeks' }).expect(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'days' })]);
    expect((await period(applicant, caseId)).extensions).toEqual([]);

    const proposed = await post(mediator, `/cases/${caseId}/mediation-period/extensions`, { days: 10, reason: 'The parties are close on the royalty rate' }).expect(201);
    expect(proposed.body).toMatchObject({ status: 'pending', days: 10 });
    await post(mediator, `/cases/${caseId}/mediation-period/extensions`, { days: 5, reason: 'A second one' }).expect(409);
    await eventually(async () => ((await templatesOf(respondent)).includes('period_extension_proposed') ? true : undefined));
    // The mediator cannot consent for a party.
    await post(mediator, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: true }).expect(403);

    const half = await post(applicant, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: true }).expect(200);
    expect(half.body).toMatchObject({ status: 'pending', waitingFor: [respondentParty] });
    await post(applicant, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: true }).expect(409);
    const refused = await post(respondent, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: false, reason: '不同意延长' }).expect(200);
    expect(refused.body).toMatchObject({ status: 'declined', waitingFor: [], newDueAt: null });
    // Closed (409), or already archived by the archive job (423): either way refused.
    const late = await post(respondent, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: true });
    expect([409, 423]).toContain(late.status);

    const after = await period(applicant, caseId);
    expect(after.dueAt).toBe(before.dueAt);
    expect(after.extensions).toEqual([expect.objectContaining({ status: 'declined' })]);
    expect(await events(caseId)).not.toContain('extend_period');
    expect(await events(caseId)).toEqual(expect.arrayContaining(['period_extension_proposed', 'period_extension_consented', 'period_extension_declined']));
    await eventually(async () => ((await templatesOf(mediator)).includes('period_extension_declined') ? true : undefined));
  }, 60_000);

  it('with every party consenting (a lawyer for its party), the extension takes effect and the period ends later', async () => {
    const { caseId, respondent, lawyer, mediator, clerk } = await mediating();
    const before = await period(clerk, caseId);
    const proposed = await post(mediator, `/cases/${caseId}/mediation-period/extensions`, { days: 10, reason: 'Licence terms nearly agreed' })
      .set('Idempotency-Key', `ext-${randomUUID()}`)
      .expect(201);
    await post(respondent, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: true }).expect(200);
    expect((await period(clerk, caseId)).dueAt).toBe(before.dueAt);
    const granted = await post(lawyer, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: true }).expect(200);
    // Ten calendar days counted from the current last day (CPL art. 85).
    const expected = t.app.get(WorkingDayCalendar).computeDueAt(new Date(Date.parse(before.dueAt!) - 1), { days: 10, unit: 'calendar' });
    expect(granted.body).toMatchObject({ status: 'granted', waitingFor: [], newDueAt: expected.toISOString() });
    const after = await period(clerk, caseId);
    expect(after).toMatchObject({ state: 'running', dueAt: expected.toISOString() });
    expect(after.extensions[0].status).toBe('granted');
    const extended = await t.db.getRepository(CaseEventRecord).findOneByOrFail({ caseId, type: 'extend_period' });
    expect(extended).toMatchObject({ actorId: null, actorRole: 'system', payload: { extensionId: proposed.body.id, extendDays: 10 } });
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).status).toBe('mediating');
    await eventually(async () => ((await templatesOf(respondent)).includes('extend_period') ? true : undefined));
  }, 60_000);

  it('the period expiring with no extension closes the case as mediation_failed; the report is served on the parties and handed to the court', async () => {
    const { caseId, applicant, respondent, mediator, clerk, courtId } = await mediating();
    const proposed = await post(mediator, `/cases/${caseId}/mediation-period/extensions`, { days: 5, reason: 'One more session' }).expect(201);
    clock.advance(35 * DAY);
    // The sweep fires every deadline the moved clock made due, other tests' included, oldest first.
    const closed = await eventually(
      async () => {
        const c = await t.db.getRepository(Case).findOneByOrFail({ id: caseId });
        return c.status === 'closed' ? c : undefined;
      },
      60_000,
      'the period to expire',
    );
    expect(closed).toMatchObject({ outcome: 'mediation_failed', returnedToCourt: true });
    expect(await t.db.getRepository(Deadline).findOneByOrFail({ caseId, kind: 'mediation_period' as never })).toMatchObject({ fireResult: 'fired' });
    // The pending proposal lapsed with the period; answering it now is refused.
    expect((await period(applicant, caseId)).extensions[0]).toMatchObject({ id: proposed.body.id, status: 'lapsed' });
    // Closed (409), or already archived by the archive job (423): either way refused.
    const late = await post(respondent, `/cases/${caseId}/mediation-period/extensions/${proposed.body.id}/answer`, { consent: true });
    expect([409, 423]).toContain(late.status);

    const report = (await get(clerk, `/cases/${caseId}/failure-report`).expect(200)).body;
    expect(report).toMatchObject({ event: 'period_expired', reasons: ['period_expired'], preparedBy: null, handOff: 'court_registration' });
    const services = (await get(clerk, `/cases/${caseId}/services`).expect(200)).body.items as ServiceBody[];
    const toCourt = services.find((s) => s.purpose === 'failure_report' && s.recipientOrganisationId === courtId)!;
    expect(toCourt).toBeDefined();
    expect(services.filter((s) => s.purpose === 'failure_report' && s.partyId !== null)).toHaveLength(2);
    const text = await pdfOf(clerk, `/services/${toCourt.id}/document`);
    expect(text).toContain('The period expired without an agreed extension');
    expect(text).toContain('for registration');
  }, 120_000);

  it('the mediator previews the failure report before ending: the PDF carries the grounds, and nothing is stored, served or changed', async () => {
    const { caseId, applicant, respondent, mediator, clerk, respondentParty } = await mediating();
    await post(applicant, `/cases/${caseId}/offers`, {
      terms: { money: { amount: '777777', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } }, nonMonetary: [] },
    }).expect(201);
    const preview = (who: SignedIn, body: object) => post(who, `/cases/${caseId}/termination/report-preview`, body);
    const before = async () => ({
      case: await t.db
        .getRepository(Case)
        .findOneByOrFail({ id: caseId })
        .then((c) => ({ status: c.status, version: c.version })),
      documents: Number((await t.db.query(`SELECT count(*) AS n FROM documents WHERE case_id = $1`, [caseId]))[0].n),
      services: await t.db.getRepository(ServiceRecord).countBy({ caseId }),
      reports: await t.db.getRepository(FailureReportRecord).countBy({ caseId }),
      events: (await events(caseId)).length,
    });
    const was = await before();

    const base = {
      reason: 'refuses_to_continue',
      partiesConcerned: [respondentParty],
      explanation: 'The respondent said at the second session that it would not continue.',
      costRaisingConduct: [{ partyId: respondentParty, kind: 'failed_to_attend', description: 'Missed the first session without notice' }],
    };
    const en = await preview(mediator, { ...base, language: 'en' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(en.headers['content-type']).toMatch(/application\/pdf/);
    expect(en.headers['content-disposition']).toContain('preview-notice-of-termination-');
    const text = (await pdfText(en.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('Notice of Termination of Mediation');
    expect(text).toContain('A party refused to continue (Fixture Respondent Ltd)');
    expect(text).toContain('The respondent said at the second session that it would not continue.');
    expect(text).toContain('Failed to attend without good reason');
    expect(text).toContain('Mediator Lin');
    expect(text).not.toContain('777777');
    // Chinese unless asked otherwise.
    const zh = (await pdfText((await preview(mediator, base).buffer(true).parse(binary).expect(200)).body as Buffer)).replace(/\s+/g, ' ');
    expect(zh).toContain('调解终结书');
    expect(zh).toContain('当事人明确拒绝继续调解');

    // Bad input: 400 naming the field, as termination would answer.
    const invalid: [object, string][] = [
      [{ ...base, reason: 'withdrawal' }, 'reason'],
      [{ ...base, partiesConcerned: undefined }, 'partiesConcerned'],
      [{ ...base, explanation: '' }, 'explanation'],
      [{ ...base, costRaisingConduct: [{ partyId: randomUUID(), kind: 'failed_to_attend', description: 'x' }] }, 'costRaisingConduct.0.partyId'],
      [{ ...base, language: 'fr' }, 'language'],
    ];
    for (const [body, field] of invalid) {
      const res = await preview(mediator, body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ field, errors: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({ field, errors: expect.arrayContaining([field]) });
    }
    // Only the mediator: the parties and the court may not, and someone outside the case does not see it.
    await preview(applicant, base).expect(403);
    await preview(respondent, base).expect(403);
    await preview(clerk, base).expect(403);
    await preview(await signedInUser(t), base).expect(404);

    expect(await before()).toEqual(was);
    expect(was).toMatchObject({ case: { status: 'mediating' }, reports: 0 });
    await get(mediator, `/cases/${caseId}/failure-report`).expect(404);
  }, 90_000);

  it('the mediator terminates a court referral with a reason: the failure report names it, is served on the parties and the court, and carries no offer', async () => {
    const { caseId, applicant, respondent, lawyer, mediator, clerk, courtId, respondentParty } = await mediating();
    // Negotiation content that must never reach the report.
    await post(applicant, `/cases/${caseId}/offers`, {
      terms: { money: { amount: '777777', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } }, nonMonetary: [] },
    }).expect(201);
    await post(mediator, `/cases/${caseId}/blind-bidding`, { currency: 'CNY' }).expect(201);
    await post(respondent, `/cases/${caseId}/blind-bidding/bids`, { amount: '333333' }).expect(200);
    const evidence = (await t.db.query(`SELECT id FROM documents WHERE case_id = $1 LIMIT 1`, [caseId]))[0].id as string;

    const base = { reason: 'refuses_to_continue', partiesConcerned: [respondentParty], explanation: 'After two sessions the respondent said it would not continue.' };
    const invalid: [object, string][] = [
      [{ ...base, reason: 'withdrawal' }, 'reason'],
      [{ ...base, partiesConcerned: undefined }, 'partiesConcerned'],
      [{ ...base, partiesConcerned: [randomUUID()] }, 'partiesConcerned.0'],
      [{ ...base, explanation: '' }, 'explanation'],
      [{ ...base, costRaisingConduct: [{ partyId: respondentParty, kind: 'sulking', description: 'x' }] }, 'costRaisingConduct.0.kind'],
      [
        { ...base, costRaisingConduct: [{ partyId: respondentParty, kind: 'failed_to_attend', description: 'x', documentIds: [randomUUID()] }] },
        'costRaisingConduct.0.documentIds.0',
      ],
    ];
    for (const [body, field] of invalid) {
      const res = await post(mediator, `/cases/${caseId}/termination`, body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ field, errors: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({ field, errors: expect.arrayContaining([field]) });
    }
    await post(applicant, `/cases/${caseId}/termination`, base).expect(403);
    await post(clerk, `/cases/${caseId}/termination`, base).expect(403);
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).status).toBe('mediating');
    expect(await t.db.getRepository(FailureReportRecord).countBy({ caseId })).toBe(0);
    await get(clerk, `/cases/${caseId}/failure-report`).expect(404);

    const done = await post(mediator, `/cases/${caseId}/termination`, {
      ...base,
      costRaisingConduct: [{ partyId: respondentParty, kind: 'failed_to_attend', description: 'Did not attend the session of 10 April despite notice', documentIds: [evidence] }],
    }).expect(200);
    expect(done.body).toMatchObject({
      event: 'terminate',
      reasons: ['refuses_to_continue'],
      partiesConcerned: [{ partyId: respondentParty, reason: 'refuses_to_continue' }],
      preparedBy: mediator.user.id,
      handOff: 'court_registration',
    });
    expect(await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).toMatchObject({
      status: 'closed',
      outcome: 'mediation_failed',
      outcomeReason: 'refuses_to_continue',
      returnedToCourt: true,
    });
    // Refused as closed (409), or as archived (423) when the archive job already sealed it.
    expect([409, 423]).toContain((await post(mediator, `/cases/${caseId}/termination`, base)).status);
    expect([409, 423]).toContain((await post(applicant, `/cases/${caseId}/offers`, { terms: { nonMonetary: [{ kind: 'apology', description: 'Sorry' }] } })).status);

    // The hand-off: the court clerk sees the service on the court and opens the report.
    const services = (await get(clerk, `/cases/${caseId}/services`).expect(200)).body.items as ServiceBody[];
    const toCourt = services.find((s) => s.purpose === 'failure_report' && s.recipientOrganisationId === courtId)!;
    const courtText = await pdfOf(clerk, `/services/${toCourt.id}/document`);
    expect(courtText).toContain('Notice of Termination of Mediation');
    expect(courtText).toContain('A party refused to continue (Fixture Respondent Ltd)');
    expect(courtText).toContain('Failed to attend without good reason');
    expect(courtText).toContain('Mediator Lin');
    expect(courtText).not.toMatch(/777777|333333/);
    expect((await get(clerk, `/documents/${toCourt.documentId}`).expect(200)).body).toMatchObject({ kind: 'failure_report', visibility: 'court' });
    expect((await t.db.getRepository(ServiceRecord).findOneByOrFail({ id: toCourt.id })).readAt).not.toBeNull();

    // Each party is served too, in its own language: the respondent reads Chinese.
    const mine = async (who: SignedIn, partyId?: string) => {
      const list = (await get(who, `/cases/${caseId}/services`).expect(200)).body.items as ServiceBody[];
      return list.find((s) => s.purpose === 'failure_report' && s.partyId !== null && (partyId === undefined || s.partyId === partyId))!;
    };
    const respondentService = await mine(respondent, respondentParty);
    const zh = await pdfOf(respondent, `/services/${respondentService.id}/document`);
    expect(zh).toContain('调解终结书');
    expect(zh).toContain('当事人明确拒绝继续调解');
    expect(zh).not.toMatch(/777777|333333/);
    const applicantService = services.find((s) => s.purpose === 'failure_report' && s.partyId !== null && s.id !== respondentService.id)!;
    expect(await pdfOf(applicant, `/services/${applicantService.id}/document`)).toContain('After two sessions the respondent said it would not continue.');
    await eventually(async () => ((await templatesOf(lawyer)).includes('terminate') ? true : undefined));
    expect(await events(caseId)).toEqual(expect.arrayContaining(['terminate', 'failure_report_issued']));
    // The chain is valid, and what the court can read of it holds no figure.
    expect((await get(clerk, `/cases/${caseId}/events/verification`).expect(200)).body).toMatchObject({ ok: true });
    expect(JSON.stringify((await get(clerk, `/cases/${caseId}/events`).expect(200)).body)).not.toMatch(/777777|333333|blind_bid|settlement_offer/);
  }, 90_000);

  it('a party withdraws from the mediation: closed as withdrawn, and the report naming the withdrawal goes back to the court for trial', async () => {
    const { caseId, respondent, mediator, clerk, courtId, respondentParty } = await mediating({ referralType: ReferralType.PostFilingOrdinary });
    // After filing (ordinary procedure) the period is MEDIATION_DAYS_POST_FILING_ORDINARY (15) days.
    expect(Date.parse((await period(clerk, caseId)).dueAt!) - Date.now()).toBeLessThan(18 * DAY);
    await post(mediator, `/cases/${caseId}/mediation-period/pause`, { ground: 'valuation', reason: 'Valuation of the trademark' }).expect(200);
    await post(respondent, `/cases/${caseId}/transitions`, { event: 'withdraw', reason: '决定通过诉讼解决' }).expect(200);
    expect(await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).toMatchObject({ status: 'closed', outcome: 'withdrawn', returnedToCourt: true });
    // The pause ended with the mediation.
    expect((await period(clerk, caseId)).pauses).toEqual([expect.objectContaining({ endedHow: 'closed' })]);

    const report = (await get(clerk, `/cases/${caseId}/failure-report`).expect(200)).body;
    expect(report).toMatchObject({ event: 'withdraw', reasons: ['withdrawal'], partiesConcerned: [{ partyId: respondentParty, reason: 'withdrawal' }], handOff: 'back_to_trial' });
    const toCourt = ((await get(clerk, `/cases/${caseId}/services`).expect(200)).body.items as ServiceBody[]).find(
      (s) => s.purpose === 'failure_report' && s.recipientOrganisationId === courtId,
    )!;
    const text = await pdfOf(clerk, `/services/${toCourt.id}/document`);
    expect(text).toContain('A party withdrew (Fixture Respondent Ltd)');
    expect(text).toContain('go back to that court for trial');
    expect(text).toContain('决定通过诉讼解决');
  }, 60_000);
});
