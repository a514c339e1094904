import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { CaseEventLog } from '../src/cases/case-event-log.service';
import { CaseEventRecord } from '../src/cases/entities/case-event.entity';
import { Case } from '../src/cases/entities/case.entity';
import { CaseDocument } from '../src/documents/document.entity';
import { MembershipRole } from '../src/organisations/membership.entity';
import { refreshSearchText } from '../src/intake/application-writer';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { applicationBody, pdfBytes, referralBody, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, eventually, type TestApp } from './support/test-app';

describe('online application, court referral, intake review', () => {
  let t: TestApp;
  let intake: SignedIn;
  let applicant: SignedIn;
  let clerk: SignedIn;
  let courtId: string;

  beforeAll(async () => {
    t = await createTestApp();
    intake = await signedInUser(t, { roles: [GlobalRole.Admin] });
    applicant = await signedInUser(t, { roles: [GlobalRole.Party] });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: '杭州市中级人民法院' });
    courtId = court.id;
    const clerkUser = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerkUser.user.id, court.id, MembershipRole.Member);
    clerk = clerkUser;
  });
  afterAll(async () => {
    await t?.close();
  });

  const fire = (who: SignedIn, caseId: string, body: Record<string, unknown>) => t.http.post(`/api/v1/cases/${caseId}/transitions`).set('Authorization', who.bearer).send(body);

  it('a party files with evidence, intake asks for a correction, the party resubmits, intake accepts; the chain verifies', async () => {
    const created = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'draft', version: 1, source: 'online_application', yourRoles: ['applicant'] });
    expect(created.body.number).toMatch(/^ACC-\d{4}-\d{6}$/);
    expect(created.body.missingForSubmission).toEqual(['filing materials (upload at least one document)']);
    expect(created.body.availableActions.find((a: { event: string }) => a.event === 'submit').blockedBy).toContain('filing materials');

    // Submitting without evidence is refused with the reason.
    const early = await fire(applicant, id, { event: 'submit', expectedVersion: 1 }).expect(409);
    expect(early.body.detail).toContain('filing materials');

    const doc = await upload(t, applicant.bearer, id, { filename: '专利证书.pdf' }).expect(201);
    expect(doc.body).toMatchObject({ contentType: 'application/pdf', filename: '专利证书.pdf', size: pdfBytes().length });
    expect(doc.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const submitted = await fire(applicant, id, { event: 'submit', expectedVersion: 1 }).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });

    // Intake sees it and asks for a correction.
    const list = await t.http.get('/api/v1/cases?status=submitted').set('Authorization', intake.bearer).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const refused = await fire(intake, id, { event: 'request_correction', expectedVersion: 2 }).expect(400);
    expect(refused.body.errors[0].field).toBe('reason');
    await fire(intake, id, { event: 'request_correction', expectedVersion: 2, reason: 'Attach the patent register extract', items: ['patent register extract'] }).expect(200);

    const editable = await t.http.get(`/api/v1/cases/${id}`).set('Authorization', applicant.bearer).expect(200);
    expect(editable.body.status).toBe('needs_correction');
    expect(editable.headers.etag).toBe('"3"');
    // The ETag is the version, the same for every viewer: a browser must never keep one person's view for the next.
    expect(editable.headers['cache-control']).toBe('no-store');
    await upload(t, applicant.bearer, id, { kind: 'correction_material', filename: 'register-extract.pdf' }).expect(201);
    const edited = await t.http
      .put(`/api/v1/cases/${id}/application`)
      .set('Authorization', applicant.bearer)
      .set('If-Match', '"3"')
      .send(applicationBody(applicant.user.email, { statement: 'Corrected: the respondent sells chargers using the patented method; register extract attached.' }))
      .expect(200);
    expect(edited.body.version).toBe(4);
    await fire(applicant, id, { event: 'resubmit', expectedVersion: 4 }).expect(200);
    const accepted = await fire(intake, id, { event: 'accept', expectedVersion: 5 }).expect(200);
    expect(accepted.body.status).toBe('assigning');

    const timeline = await t.http.get(`/api/v1/cases/${id}/events`).set('Authorization', applicant.bearer).expect(200);
    // After `accept` the assignment job may already have added its own step (an offer or the flag).
    const types = timeline.body.items.map((e: { type: string }) => e.type) as string[];
    expect(types.slice(8).every((x) => ['offer_to_mediator', 'flag_for_manual_assignment'].includes(x))).toBe(true);
    expect(types.slice(0, 8)).toEqual(['case_created', 'document_added', 'submit', 'request_correction', 'document_added', 'application_updated', 'resubmit', 'accept']);
    const correction = timeline.body.items.find((e: { type: string }) => e.type === 'request_correction');
    expect(correction.payload).toMatchObject({ from: 'submitted', to: 'needs_correction', reason: 'Attach the patent register extract' });
    expect(Date.parse(correction.payload.dueAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const verified = await t.http.get(`/api/v1/cases/${id}/events/verification`).set('Authorization', applicant.bearer).expect(200);
    // The assignment job may append its own event (an offer, or the manual-assignment flag) meanwhile.
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.events).toBeGreaterThanOrEqual(8);

    // Editing one stored event is detected, and the verification names it.
    await t.db.query(`UPDATE case_events SET payload = jsonb_set(payload, '{reason}', '"nothing to correct"') WHERE case_id = $1 AND sequence = 4`, [id]);
    const broken = await t.http.get(`/api/v1/cases/${id}/events/verification`).set('Authorization', applicant.bearer).expect(200);
    expect(broken.body).toMatchObject({ ok: false, brokenAt: 4, reason: 'hash' });
  });

  it('a court clerk refers a case; intake rejects another referral, which goes back to the court', async () => {
    const referred = await t.http.post('/api/v1/referrals').set('Authorization', clerk.bearer).send(referralBody(applicant.user.email)).expect(201);
    expect(referred.body).toMatchObject({ status: 'submitted', source: 'court_referral', referralType: 'pre_filing', referringCourtId: courtId });
    expect(referred.body.yourRoles).toEqual(['referring_court']);
    // The applicant's account was linked by its e-mail: the applicant sees the referral too.
    await t.http.get(`/api/v1/cases/${referred.body.id}`).set('Authorization', applicant.bearer).expect(200);
    const courtList = await t.http.get(`/api/v1/cases?courtId=${courtId}`).set('Authorization', clerk.bearer).expect(200);
    expect(courtList.body.items.map((c: { id: string }) => c.id)).toContain(referred.body.id);

    const other = await t.http
      .post('/api/v1/referrals')
      .set('Authorization', clerk.bearer)
      .send(referralBody(`nobody-${randomUUID()}@test.accord`))
      .expect(201);
    const rejected = await fire(intake, other.body.id, { event: 'reject', expectedVersion: 1, reason: 'Not an IP or commercial dispute' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'closed', outcome: 'rejected_at_intake', outcomeReason: 'Not an IP or commercial dispute', returnedToCourt: true });
    const events = await t.http.get(`/api/v1/cases/${other.body.id}/events`).set('Authorization', clerk.bearer).expect(200);
    // A closed case is archived by a job: that step may already be there too.
    const types = events.body.items.map((e: { type: string }) => e.type) as string[];
    expect(types.slice(0, 2)).toEqual(['case_referred', 'reject']);
    expect(types.slice(2).every((x) => x === 'archive')).toBe(true);
  });

  it('a party cannot refer a case, and a referral with missing data is refused', async () => {
    await t.http.post('/api/v1/referrals').set('Authorization', applicant.bearer).send(referralBody(applicant.user.email)).expect(403);
    const incomplete = await t.http
      .post('/api/v1/referrals')
      .set('Authorization', clerk.bearer)
      .send(referralBody(applicant.user.email, { respondents: [], statement: 'short' }))
      .expect(400);
    expect(incomplete.body.errors.map((e: { message: string }) => e.message)).toEqual(['missing a statement of facts (at least 20 characters)', 'missing at least one respondent']);
  });

  it('two concurrent transitions on the same version: exactly one wins, the other gets 409', async () => {
    const referred = await t.http.post('/api/v1/referrals').set('Authorization', clerk.bearer).send(referralBody(applicant.user.email)).expect(201);
    const id = referred.body.id as string;
    const results = await Promise.all([
      fire(intake, id, { event: 'accept', expectedVersion: 1 }),
      fire(intake, id, { event: 'reject', expectedVersion: 1, reason: 'duplicate' }),
      fire(intake, id, { event: 'request_correction', expectedVersion: 1, reason: 'unclear' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.body.version).toBe(2);
    // The losers wrote nothing: after its creation the case's chain holds the winner's event as
    // its second, and no other event by the intake officer. (What follows it is the platform's own
    // reaction: an accepted case goes on to assignment, and the workers of this file run.)
    const events = await t.db.getRepository(CaseEventRecord).find({ where: { caseId: id }, order: { sequence: 'ASC' } });
    const firedEvent = ['accept', 'reject', 'request_correction'][results.indexOf(winner)];
    expect(events[1]).toMatchObject({ sequence: 2, actorId: intake.user.id, type: firedEvent });
    expect(events.filter((e) => e.actorId === intake.user.id)).toHaveLength(1);
    const row = await t.db.getRepository(Case).findOneByOrFail({ id });
    if (row.version === 2) expect(row.status).toBe(winner.body.status);
  });

  it('concurrent applications get distinct, consecutive numbers, stored, searchable and in their first event', async () => {
    // The number is taken at the end of the creating transaction (the counter row is locked
    // until commit); each case must still end up with its own, and no number is skipped.
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http
          .post('/api/v1/cases')
          .set('Authorization', applicant.bearer)
          .send(applicationBody(applicant.user.email, { title: `Concurrent filing ${i}` })),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    const sequence = created.map((r) => Number((r.body.number as string).slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(sequence.map((_, i) => sequence[0] + i));
    const { id, number } = created[3].body as { id: string; number: string };
    const found = await t.http.get(`/api/v1/cases?q=${number}`).set('Authorization', applicant.bearer).expect(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const events = await t.http.get(`/api/v1/cases/${id}/events`).set('Authorization', applicant.bearer).expect(200);
    expect(events.body.items[0]).toMatchObject({ sequence: 1, type: 'case_created', payload: { number } });
    // The search text written with the number is the one an edit writes from the stored rows.
    const searchText = async (): Promise<string[]> =>
      ((await t.db.query('SELECT search_text FROM cases WHERE id = $1', [id])) as { search_text: string }[])[0].search_text.split(' ').sort();
    const written = await searchText();
    expect(written).toEqual(expect.arrayContaining([number.toLowerCase(), 'concurrent', '杭州甲科技有限公司', '深圳乙电子有限公司', 'zl202310012345.6']));
    await refreshSearchText(t.db.manager, id);
    expect(await searchText()).toEqual(written);
  });

  /** A case's chain as the applicant reads it, once the platform has verified it. */
  const verifiedChain = async (id: string): Promise<{ sequence: number; type: string }[]> => {
    const verification = await t.http.get(`/api/v1/cases/${id}/events/verification`).set('Authorization', applicant.bearer).expect(200);
    expect(verification.body.ok).toBe(true);
    return (await t.http.get(`/api/v1/cases/${id}/events`).set('Authorization', applicant.bearer).expect(200)).body.items as { sequence: number; type: string }[];
  };

  it('uploads at once to one case each get their own link of the chain, and the chain verifies', async () => {
    const { id } = (await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201)).body as { id: string };
    // Each reads the chain's head after taking the case's lock; read before the lock, the later
    // ones would all follow the same head and fail on the chain's key.
    const uploads = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(t, applicant.bearer, id, { filename: `exhibit-${i}.pdf` })));
    expect(uploads.map((r) => r.status)).toEqual(uploads.map(() => 201));
    const events = await verifiedChain(id);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events.filter((e) => e.type === 'document_added')).toHaveLength(6);
  });

  it('a submit whose chain grew between its read and its lock runs again from a fresh read: one link each, the chain verifies', async () => {
    const { id } = (await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201)).body as { id: string };
    await upload(t, applicant.bearer, id, { filename: 'evidence.pdf' }).expect(201);
    // Another change holds the case's lock and adds a link, as an upload does.
    const runner = t.db.createQueryRunner();
    await runner.startTransaction();
    let submit: Promise<{ status: number; body: { status?: string } }> | undefined;
    try {
      await runner.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [id]);
      await t.app.get(CaseEventLog).append(runner.manager, id, 'sha256', { type: 'document_added', actorId: applicant.user.id, actorRole: 'applicant', payload: { probe: true } });
      // The submit reads the case and the chain's head (2 links), then waits for the lock in its UPDATE.
      // Sent now: a supertest request goes out once something waits for it.
      submit = fire(applicant, id, { event: 'submit', expectedVersion: 1 }).then((res) => res);
      await eventually(
        async () =>
          ((await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE cases SET status%'`)) as { n: number }[])[0]
            .n === 1 || undefined,
        10_000,
        "the submit's UPDATE waiting for the lock",
      );
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    const submitted = await submit!;
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect((await verifiedChain(id)).map((e) => `${e.sequence} ${e.type}`)).toEqual(['1 case_created', '2 document_added', '3 document_added', '4 submit']);
  });

  it('a number past 999999 in a year gets a seventh digit, never a cut one', async () => {
    const first = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
    const year = Number((first.body.number as string).split('-')[1]);
    await t.db.query('UPDATE case_number_counters SET last = 999999 WHERE year = $1', [year]);
    const next = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
    expect(next.body.number).toBe(`ACC-${year}-1000000`);
  });

  it('a repeated POST with the same Idempotency-Key creates one case; the same key for another body is refused', async () => {
    const key = `create-${randomUUID()}`;
    const body = applicationBody(applicant.user.email, { title: `Idempotent ${key}` });
    const first = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).set('Idempotency-Key', key).send(body).expect(201);
    const again = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    const concurrent = await Promise.all([1, 2, 3].map(() => t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).set('Idempotency-Key', `${key}-c`).send(body)));
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(await t.db.getRepository(Case).count({ where: { title: `Idempotent ${key}` } })).toBe(2);
    const reused = await t.http
      .post('/api/v1/cases')
      .set('Authorization', applicant.bearer)
      .set('Idempotency-Key', key)
      .send({ ...body, title: 'something else' })
      .expect(422);
    expect(reused.body.type).toBe('urn:accord:problem:idempotency-key-reused');
  });

  describe('bad input gets a precise problem and changes nothing', () => {
    let id: string;
    const snapshot = async () => ({
      case: await t.db.getRepository(Case).findOneByOrFail({ id }),
      events: await t.db.getRepository(CaseEventRecord).count({ where: { caseId: id } }),
      documents: await t.db.getRepository(CaseDocument).count({ where: { caseId: id } }),
    });

    beforeAll(async () => {
      const created = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
      id = created.body.id;
    });

    it('missing required fields and wrong enum values', async () => {
      const res = await t.http
        .post('/api/v1/cases')
        .set('Authorization', applicant.bearer)
        .send({ disputeType: 'piracy', claims: [{ kind: 'monetary', currency: 'yuan' }], applicant: { kind: 'robot' } })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'disputeType', 'claims.0.amount', 'claims.0.currency', 'applicant.kind', 'applicant.name']));
    });

    it('a 21 MB file over the 20 MB limit → 413, nothing stored', async () => {
      const before = await snapshot();
      const big = Buffer.concat([pdfBytes(), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
      const res = await upload(t, applicant.bearer, id, { bytes: big, filename: 'huge.pdf' }).expect(413);
      expect(res.body.type).toBe('urn:accord:problem:payload-too-large');
      expect(await snapshot()).toEqual(before);
    });

    it('an executable renamed .pdf → 415', async () => {
      const before = await snapshot();
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(8192, 1)]);
      const res = await upload(t, applicant.bearer, id, { bytes: elf, filename: 'invoice.pdf' }).expect(415);
      expect(res.body.detail).toContain('application/x-elf');
      expect(await snapshot()).toEqual(before);
    });

    it('a path-traversal file name → 400 naming the filename', async () => {
      const before = await snapshot();
      const res = await upload(t, applicant.bearer, id, { filename: '../../etc/passwd' }).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'filename' });
      expect(await snapshot()).toEqual(before);
    });

    it('a transition not allowed in the current state → 409', async () => {
      const before = await snapshot();
      const res = await fire(applicant, id, { event: 'resubmit', expectedVersion: 1 }).expect(409);
      expect(res.body).toMatchObject({ type: 'urn:accord:problem:transition-refused', status: 409 });
      expect(res.body.detail).toContain('not possible while the case is draft');
      expect(await snapshot()).toEqual(before);
    });

    it('a transition by a role not allowed → 403; an unknown event → 400; a stale version → 409', async () => {
      await upload(t, applicant.bearer, id).expect(201);
      const before = await snapshot();
      const wrongRole = await t.http.post(`/api/v1/cases/${id}/transitions`).set('Authorization', applicant.bearer).send({ event: 'accept', expectedVersion: 1 });
      // The applicant may not even see what intake could do: the draft is not submitted, so 409 first.
      expect([403, 409]).toContain(wrongRole.status);
      await fire(applicant, id, { event: 'submit', expectedVersion: 1 }).expect(200);
      const afterSubmit = await snapshot();
      const forbidden = await fire(applicant, id, { event: 'accept', expectedVersion: 2 }).expect(403);
      expect(forbidden.body.type).toBe('urn:accord:problem:forbidden');
      const unknown = await fire(applicant, id, { event: 'teleport', expectedVersion: 2 }).expect(400);
      expect(unknown.body.errors[0].field).toBe('event');
      const stale = await fire(intake, id, { event: 'accept', expectedVersion: 1 }).expect(409);
      expect(stale.body).toMatchObject({ type: 'urn:accord:problem:stale-version', currentVersion: 2 });
      expect(await snapshot()).toEqual(afterSubmit);
      expect(before.case.version).toBe(1);
    });
  });
});
