import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { GlobalRole } from '../src/auth/roles';
import { CaseEventRecord } from '../src/cases/entities/case-event.entity';
import { Case } from '../src/cases/entities/case.entity';
import { PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { MediationSession } from '../src/mediation/sessions/session.entity';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { readZip } from './support/archive-fixtures';
import { caseInState, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { makeTempDir } from './setup/test-services';
import { openStream } from './support/sse';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/** Collects a binary response body (a PDF, a ZIP) as a Buffer. */
const binary: Parameters<ReturnType<TestApp['http']['get']>['parse']>[0] = (res, cb) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const MINUTE = 60_000;
const inMinutes = (n: number) => new Date(Date.now() + n * MINUTE).toISOString();

describe('mediation room: sessions, caucuses, messages, confidentiality', () => {
  let t: TestApp;
  let admin: SignedIn;
  let mediator: SignedIn;
  let clerk: SignedIn;
  let courtId: string;
  const dir = makeTempDir('accord-room-e2e-');
  const prefix = `room${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    // Reminders a minute before a session, so the test sees one within seconds.
    t = await createTestApp({ env: { QUEUE_PREFIX: prefix, OUTBOX_POLL_INTERVAL_MS: '100', SESSION_REMINDER_MINUTES: '1' } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], displayName: 'Mediator Li' });
    clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    courtId = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
    await addMembership(t.db, clerk.user.id, courtId, MembershipRole.Member);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A mediating court referral with an applicant (verified), its agent (verified) and a respondent (not verified). */
  async function mediatingCase(status = CaseStatus.Mediating) {
    const applicant = await signedInUser(t, { verified: true, displayName: 'Applicant Wang' });
    const agent = await signedInUser(t, { verified: true, displayName: 'Lawyer Zhao' });
    const respondent = await signedInUser(t, { verified: false, displayName: 'Respondent Chen' });
    const c = await caseInState(t, {
      status,
      createdBy: clerk.user.id,
      referringCourtId: courtId,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
      agents: [{ userId: agent.user.id, side: PartySide.Applicant }],
      mediatorId: mediator.user.id,
    });
    // Both parties confirmed their addresses for service, which the first session needs (A6).
    for (const party of [applicant, respondent]) {
      await t.http.put(`/api/v1/cases/${c.id}/address-for-service`).set('Authorization', party.bearer).send({ email: party.user.email, consentEService: true }).expect(200);
    }
    return { c, applicant, agent, respondent };
  }

  const as = (who: SignedIn) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set('Authorization', who.bearer).send(body),
  });
  const schedule = (caseId: string, body: Record<string, unknown>) =>
    as(mediator).post(`/cases/${caseId}/mediation/sessions`, {
      kind: 'joint',
      startsAt: inMinutes(20),
      durationMinutes: 60,
      meetingUrl: 'https://meet.example.com/j/2718',
      ...body,
    });
  const inbox = async (who: SignedIn) => (await as(who).get('/notifications?limit=100').expect(200)).body.items as { template: string; text: string; caseId: string }[];
  const templatesOf = async (who: SignedIn, caseId: string) =>
    (await inbox(who))
      .filter((n) => n.caseId === caseId)
      .map((n) => n.template)
      .sort();
  const chainLength = async (caseId: string) => t.db.getRepository(CaseEventRecord).count({ where: { caseId } });

  it('refuses bad schedules field by field, changing nothing; only the mediator schedules, and only while mediating', async () => {
    const { c, applicant } = await mediatingCase();
    const before = await chainLength(c.id);
    const bad: [Record<string, unknown>, string][] = [
      [{ startsAt: new Date(Date.now() - MINUTE).toISOString() }, 'startsAt'],
      [{ meetingUrl: 'http://meet.example.com/j/1' }, 'meetingUrl'],
      [{ meetingUrl: 'not a link' }, 'meetingUrl'],
      [{ kind: 'caucus' }, 'side'],
      [{ kind: 'caucus', side: 'court' }, 'side'],
      [{ kind: 'joint', side: 'applicant' }, 'side'],
      [{ durationMinutes: 5 }, 'durationMinutes'],
      [{ kind: 'plenary' }, 'kind'],
    ];
    for (const [body, field] of bad) {
      const res = await schedule(c.id, body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([body, res.body.errors.map((e: { field: string }) => e.field)]).toEqual([body, [field]]);
    }
    await schedule(c.id, {}).set('Authorization', applicant.bearer).expect(403);
    await as(clerk)
      .post(`/cases/${c.id}/mediation/sessions`, { kind: 'joint', startsAt: inMinutes(20), durationMinutes: 60, meetingUrl: 'https://meet.example.com/j/1' })
      .expect(403);
    await as(admin)
      .post(`/cases/${c.id}/mediation/sessions`, { kind: 'joint', startsAt: inMinutes(20), durationMinutes: 60, meetingUrl: 'https://meet.example.com/j/1' })
      .expect(403);
    expect((await as(mediator).get(`/cases/${c.id}/mediation/sessions`).expect(200)).body).toEqual({ items: [], nextCursor: null });
    expect(await chainLength(c.id)).toBe(before);
    expect(await t.db.getRepository(MediationSession).count({ where: { caseId: c.id } })).toBe(0);

    for (const status of [CaseStatus.AwaitingRespondent, CaseStatus.Signing]) {
      const other = await mediatingCase(status);
      const res = await schedule(other.c.id, {}).expect(409);
      expect(res.body.detail).toBe(`Sessions are held while the case is mediating; it is ${status}`);
      expect(await t.db.getRepository(MediationSession).count({ where: { caseId: other.c.id } })).toBe(0);
    }
  });

  it('schedules a joint session and a caucus: invitations reach exactly their participants; moving and cancelling tells them', async () => {
    const { c, applicant, agent, respondent } = await mediatingCase();
    const jointBody = { startsAt: inMinutes(20) };
    const joint = await schedule(c.id, jointBody).set('Idempotency-Key', `joint-${c.id}`).expect(201);
    expect(joint.body).toMatchObject({ kind: 'joint', side: null, status: 'scheduled', durationMinutes: 60, meetingUrl: 'https://meet.example.com/j/2718' });
    expect(joint.body.participants.map((p: { name: string; side: string; capacity: string }) => [p.name, p.side, p.capacity])).toEqual([
      ['Mediator Li', 'mediator', 'mediator'],
      ['Fixture Applicant', 'applicant', 'party'],
      ['Lawyer Zhao', 'applicant', 'agent'],
      ['Fixture Respondent Ltd', 'respondent', 'party'],
    ]);
    // A retry with the same key is the same session.
    expect((await schedule(c.id, jointBody).set('Idempotency-Key', `joint-${c.id}`).expect(201)).body.id).toBe(joint.body.id);
    expect(await t.db.getRepository(MediationSession).count({ where: { caseId: c.id } })).toBe(1);
    const caucus = await schedule(c.id, { kind: 'caucus', side: 'applicant', startsAt: inMinutes(90) }).expect(201);
    expect(caucus.body.participants.map((p: { side: string }) => p.side)).toEqual(['mediator', 'applicant', 'applicant']);

    await eventually(async () => ((await templatesOf(agent, c.id)).length === 2 ? true : undefined), 10_000, 'the invitations');
    expect(await templatesOf(applicant, c.id)).toEqual(['mediation_session_invitation', 'mediation_session_invitation']);
    expect(await templatesOf(respondent, c.id)).toEqual(['mediation_session_invitation']);
    for (const outsider of [clerk, admin, mediator]) expect(await templatesOf(outsider, c.id)).toEqual([]);
    const invitation = (await inbox(respondent)).find((n) => n.caseId === c.id)!;
    expect(invitation.text).toContain('https://meet.example.com/j/2718');
    expect(invitation.text).toContain('joint mediation session');

    // The respondent does not see the applicant's caucus at all.
    expect((await as(respondent).get(`/cases/${c.id}/mediation/sessions`).expect(200)).body.items.map((s: { id: string }) => s.id)).toEqual([joint.body.id]);
    await as(respondent).get(`/cases/${c.id}/mediation/sessions/${caucus.body.id}`).expect(404);
    expect((await as(agent).get(`/cases/${c.id}/mediation/sessions`).expect(200)).body.items.map((s: { id: string }) => s.id)).toEqual([joint.body.id, caucus.body.id]);
    await as(clerk).get(`/cases/${c.id}/mediation/sessions`).expect(403);
    await as(admin).get(`/cases/${c.id}/mediation/sessions`).expect(403);

    // Moving to the past is refused and changes nothing; a good move tells the caucus's side.
    const past = await as(mediator)
      .post(`/cases/${c.id}/mediation/sessions/${caucus.body.id}/reschedule`, { startsAt: new Date(Date.now() - MINUTE).toISOString() })
      .expect(400);
    expect(past.body.errors[0].field).toBe('startsAt');
    const moved = await as(mediator)
      .post(`/cases/${c.id}/mediation/sessions/${caucus.body.id}/reschedule`, { startsAt: inMinutes(120), meetingUrl: 'https://meet.example.com/j/3141' })
      .expect(200);
    expect(moved.body).toMatchObject({ meetingUrl: 'https://meet.example.com/j/3141', startsAt: expect.any(String) });
    await as(mediator).post(`/cases/${c.id}/mediation/sessions/${caucus.body.id}/cancel`, { reason: 'The applicant asked to postpone' }).expect(200);
    await as(mediator).post(`/cases/${c.id}/mediation/sessions/${caucus.body.id}/cancel`, { reason: 'again' }).expect(409);
    await eventually(async () => ((await templatesOf(agent, c.id)).length === 4 ? true : undefined), 10_000, 'the change and the cancellation');
    expect(await templatesOf(applicant, c.id)).toEqual([
      'mediation_session_cancelled',
      'mediation_session_invitation',
      'mediation_session_invitation',
      'mediation_session_rescheduled',
    ]);
    expect(await templatesOf(respondent, c.id)).toEqual(['mediation_session_invitation']);
    const cancelled = (await inbox(agent)).find((n) => n.template === 'mediation_session_cancelled')!;
    expect(cancelled.text).toContain('The applicant asked to postpone');
  });

  it('reminds the participants and the mediator shortly before the session', async () => {
    const { c, applicant, respondent } = await mediatingCase();
    // SESSION_REMINDER_MINUTES=1: the reminder job is due in about eight seconds (a margin for a loaded machine:
    // a reminder that would be due before the session is even stored is not sent, the invitation being fresh).
    await schedule(c.id, { startsAt: new Date(Date.now() + MINUTE + 8_000).toISOString(), durationMinutes: 30 }).expect(201);
    expect(await templatesOf(mediator, c.id)).toEqual([]);
    await eventually(async () => ((await templatesOf(mediator, c.id)).includes('mediation_session_reminder') ? true : undefined), 40_000, 'the reminder');
    await eventually(async () => ((await templatesOf(respondent, c.id)).includes('mediation_session_reminder') ? true : undefined), 10_000, 'the reminder');
    expect((await templatesOf(applicant, c.id)).filter((k) => k === 'mediation_session_reminder')).toHaveLength(1);
    expect(await templatesOf(clerk, c.id)).toEqual([]);
  }, 60_000);

  it('starts a session only once everyone taking part is verified and acknowledged the sham-mediation warning; records attendance and a confirmed, frozen record', async () => {
    const { c, applicant, agent, respondent } = await mediatingCase();
    const s = (await schedule(c.id, { startsAt: inMinutes(10) }).expect(201)).body;
    const path = `/cases/${c.id}/mediation/sessions/${s.id}`;

    const refused = await as(mediator).post(`${path}/start`).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.type).toBe('urn:accord:problem:session-not-ready');
    expect(refused.body.detail).toBe(
      'The session cannot start yet: Fixture Applicant (applicant) has not acknowledged the sham-mediation warning; Lawyer Zhao (applicant agent) has not acknowledged the sham-mediation warning; Fixture Respondent Ltd (respondent) has not completed real-name verification and has not acknowledged the sham-mediation warning',
    );
    expect(refused.body.missing.map((m: { userId: string; missing: string[] }) => [m.userId, m.missing])).toEqual([
      [applicant.user.id, ['sham_mediation_warning']],
      [agent.user.id, ['sham_mediation_warning']],
      [respondent.user.id, ['identity_verification', 'sham_mediation_warning']],
    ]);

    // The warning: its text in both languages; parties and agents acknowledge, others may not.
    const warning = await as(applicant).get(`/cases/${c.id}/mediation/sham-mediation-warning`).expect(200);
    expect(warning.body.texts['zh-CN'].text).toContain('虚假');
    expect(warning.body.texts.en.text).toContain('Civil Procedure Law');
    expect(warning.body.acknowledgedAt).toBeNull();
    const acked = await as(applicant).post(`/cases/${c.id}/mediation/sham-mediation-warning/acknowledgement`).expect(200);
    expect(acked.body.acknowledgedAt).toEqual(expect.any(String));
    await as(applicant).post(`/cases/${c.id}/mediation/sham-mediation-warning/acknowledgement`).expect(200);
    await as(agent).post(`/cases/${c.id}/mediation/sham-mediation-warning/acknowledgement`).expect(200);
    await as(mediator).post(`/cases/${c.id}/mediation/sham-mediation-warning/acknowledgement`).expect(403);
    await as(clerk).post(`/cases/${c.id}/mediation/sham-mediation-warning/acknowledgement`).expect(403);
    const chain = await t.db.getRepository(CaseEventRecord).find({ where: { caseId: c.id, type: 'sham_mediation_warning_acknowledged' } });
    expect(chain.map((e) => e.actorId).sort()).toEqual([applicant.user.id, agent.user.id].sort());

    const stillRefused = await as(mediator).post(`${path}/start`).expect(409);
    expect(stillRefused.body.detail).toBe(
      'The session cannot start yet: Fixture Respondent Ltd (respondent) has not completed real-name verification and has not acknowledged the sham-mediation warning',
    );
    expect((await as(mediator).get(path).expect(200)).body.status).toBe('scheduled');

    await as(admin)
      .post(`/users/${respondent.user.id}/identity-verification`, { method: 'in_person_id_card' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    await as(respondent).post(`/cases/${c.id}/mediation/sham-mediation-warning/acknowledgement`).expect(200);
    await as(applicant).post(`${path}/start`).expect(403);
    await as(respondent).post(`${path}/join`).expect(409); // not started yet
    const started = await as(mediator).post(`${path}/start`).expect(200);
    expect(started.body.status).toBe('in_progress');
    expect(started.body.participants[0]).toMatchObject({ capacity: 'mediator', attendance: 'joined' });

    // Attendance: who and when (and from where, for the mediator's eyes).
    await as(applicant).post(`${path}/join`).set('User-Agent', 'AccordTest/1.0').expect(200);
    const twice = await as(applicant).post(`${path}/join`).expect(200);
    await as(respondent).post(`${path}/join`).expect(200);
    await as(clerk).post(`${path}/join`).expect(403);
    const applicantRow = twice.body.participants.find((p: { userId: string }) => p.userId === applicant.user.id);
    expect(applicantRow).toMatchObject({ attendance: 'joined', joinedAt: expect.any(String) });
    expect(applicantRow.joinedFromIp).toBeUndefined();
    const mediatorView = (await as(mediator).get(path).expect(200)).body;
    expect(mediatorView.participants.find((p: { userId: string }) => p.userId === applicant.user.id).joinedFromIp).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    // The agent never came: the mediator records it. A joined person cannot be marked absent.
    const badAbsent = await as(mediator).post(`${path}/absences`, { userId: clerk.user.id }).expect(400);
    expect(badAbsent.body.errors[0].field).toBe('userId');
    await as(mediator).post(`${path}/absences`, { userId: applicant.user.id }).expect(409);
    const absent = await as(mediator).post(`${path}/absences`, { userId: agent.user.id }).expect(200);
    expect(absent.body.participants.find((p: { userId: string }) => p.userId === agent.user.id)).toMatchObject({ attendance: 'absent', joinedAt: null });

    // The record: after the session; confirmed by those who attended; rewriting asks again.
    await as(mediator).put(`${path}/record`, { text: 'too early' }).expect(409);
    await as(mediator).post(`${path}/end`).expect(200);
    await as(mediator).put(`${path}/record`, { text: '   ' }).expect(400);
    const first = await as(mediator).put(`${path}/record`, { text: 'Both sides set out their positions on the licence fee.' }).expect(200);
    expect(first.body.record.revision).toBe(1);
    expect(new Set(first.body.record.awaiting)).toEqual(new Set([applicant.user.id, respondent.user.id]));
    await as(applicant).post(`${path}/record/confirmations`, { revision: 1 }).expect(200);
    await as(agent).post(`${path}/record/confirmations`, { revision: 1 }).expect(403); // absent: cannot vouch for it
    const second = await as(mediator).put(`${path}/record`, { text: 'Both sides set out their positions on the licence fee; they meet again next week.' }).expect(200);
    expect(second.body.record).toMatchObject({ revision: 2, confirmations: [] });
    const stale = await as(respondent).post(`${path}/record/confirmations`, { revision: 1 }).expect(409);
    expect(stale.body).toMatchObject({ currentRevision: 2 });
    await eventually(
      async () => ((await templatesOf(respondent, c.id)).filter((k) => k === 'mediation_session_record_to_confirm').length === 2 ? true : undefined),
      10_000,
      'the requests to confirm',
    );
    expect(await templatesOf(agent, c.id)).not.toContain('mediation_session_record_to_confirm');
    await as(applicant).post(`${path}/record/confirmations`, { revision: 2 }).expect(200);
    const frozen = await as(respondent).post(`${path}/record/confirmations`, { revision: 2 }).expect(200);
    expect(frozen.body.record).toMatchObject({ revision: 2, awaiting: [], frozenAt: expect.any(String), documentId: expect.any(String) });
    await as(mediator).put(`${path}/record`, { text: 'changed' }).expect(409);

    // The frozen PDF: a confidential case document for the participants, never the court or an admin.
    const docId = frozen.body.record.documentId as string;
    const doc = await as(agent).get(`/documents/${docId}`).expect(200);
    expect(doc.body).toMatchObject({ kind: 'session_record', visibility: 'mediation_confidential' });
    const pdf = await as(respondent).get(`/documents/${docId}/content`).buffer(true).parse(binary).expect(200);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body as Buffer)), { mergePages: true });
    expect(text).toContain('they meet again next week');
    expect(text).toContain('Fixture Respondent Ltd');
    for (const outsider of [clerk, admin]) {
      await as(outsider).get(`/documents/${docId}`).expect(404);
      await as(outsider).get(`/documents/${docId}/content`).expect(404);
      expect((await as(outsider).get(`/cases/${c.id}/documents`).expect(200)).body.items.map((d: { id: string }) => d.id)).not.toContain(docId);
      // The timeline shows the court nothing of the room.
      const events = (await as(outsider).get(`/cases/${c.id}/events`).expect(200)).body.items as { type: string }[];
      expect(events.filter((e) => e.type.startsWith('session_') || e.type === 'document_added')).toEqual([]);
      expect(events.map((e) => e.type)).toContain('sham_mediation_warning_acknowledged');
    }
    const partyTimeline = (await as(respondent).get(`/cases/${c.id}/events`).expect(200)).body.items as { type: string }[];
    expect(partyTimeline.map((e) => e.type)).toEqual(expect.arrayContaining(['session_scheduled', 'session_started', 'session_joined', 'session_record_frozen']));
    expect(JSON.stringify(partyTimeline)).not.toContain('licence fee');
  }, 60_000);

  it('keeps a caucus and its messages away from the other side, the court and administrators, on every endpoint', async () => {
    const { c, applicant, agent, respondent } = await mediatingCase();
    const secret = `ZEBRA-FLOOR-${randomUUID().slice(0, 6)}`;
    const privateDoc = (await upload(t, applicant.bearer, c.id, { kind: 'other', visibility: 'own_side_and_mediator', filename: `${secret}.pdf` }).expect(201)).body.id as string;
    const sharedDoc = (await upload(t, applicant.bearer, c.id, { kind: 'evidence', filename: 'licence.pdf' }).expect(201)).body.id as string;
    const room = `/cases/${c.id}/mediation`;

    // Bad messages change nothing.
    expect((await as(applicant).post(`${room}/channels/caucus_court/messages`, { text: 'x' }).expect(400)).body.errors[0].field).toBe('channel');
    expect((await as(applicant).post(`${room}/channels/joint/messages`, { text: ' ' }).expect(400)).body.errors[0].field).toBe('text');
    const notIn = await as(respondent).post(`${room}/channels/caucus_applicant/messages`, { text: 'let me in' }).expect(403);
    expect(notIn.body.detail).toMatch(/caucus with the mediator: you are not in it/);
    const acrossJoint = await as(applicant)
      .post(`${room}/channels/joint/messages`, { text: 'see attached', attachmentIds: [privateDoc] })
      .expect(400);
    expect(acrossJoint.body.errors).toEqual([{ field: 'attachmentIds.0', rule: 'fitsChannel', message: expect.stringMatching(/private to the applicant side/) }]);
    const unseen = await as(respondent)
      .post(`${room}/channels/caucus_respondent/messages`, { text: 'see attached', attachmentIds: [privateDoc, randomUUID()] })
      .expect(400);
    expect(unseen.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([
      ['attachmentIds.0', 'isCaseDocument'],
      ['attachmentIds.1', 'isCaseDocument'],
    ]);
    // The mediator sees the applicant's private document but may not carry it into the respondent's caucus.
    await as(mediator)
      .post(`${room}/channels/caucus_respondent/messages`, { text: 'x', attachmentIds: [privateDoc] })
      .expect(400);
    await as(clerk).post(`${room}/channels/joint/messages`, { text: 'the court speaks' }).expect(403);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM mediation_messages WHERE case_id = $1`, [c.id])).toEqual([{ n: 0 }]);

    const posted = await as(applicant)
      .post(`${room}/channels/caucus_applicant/messages`, { text: `Our floor is ${secret}: do not tell them`, attachmentIds: [privateDoc] })
      .set('Idempotency-Key', `caucus-${c.id}`)
      .expect(201);
    expect(posted.body).toMatchObject({ channel: 'caucus_applicant', authorRole: 'applicant', attachments: [{ id: privateDoc, filename: `${secret}.pdf` }] });
    expect(
      (
        await as(applicant)
          .post(`${room}/channels/caucus_applicant/messages`, { text: `Our floor is ${secret}: do not tell them`, attachmentIds: [privateDoc] })
          .set('Idempotency-Key', `caucus-${c.id}`)
          .expect(201)
      ).body.id,
    ).toBe(posted.body.id);
    await as(mediator)
      .post(`${room}/channels/joint/messages`, { text: 'Welcome both; see the licence', attachmentIds: [sharedDoc] })
      .expect(201);

    // Who is where, and what is unread.
    const channels = async (who: SignedIn) => (await as(who).get(`${room}/channels`).expect(200)).body.items as { channel: string; unread: number }[];
    expect(await channels(respondent)).toEqual([
      { channel: 'joint', side: null, unread: 1, lastMessageAt: expect.any(String) },
      { channel: 'caucus_respondent', side: 'respondent', unread: 0, lastMessageAt: null },
    ]);
    expect((await channels(agent)).map((ch) => [ch.channel, ch.unread])).toEqual([
      ['joint', 1],
      ['caucus_applicant', 1],
    ]);
    expect((await channels(applicant)).map((ch) => [ch.channel, ch.unread])).toEqual([
      ['joint', 1],
      ['caucus_applicant', 0],
    ]);
    expect((await channels(mediator)).map((ch) => [ch.channel, ch.unread])).toEqual([
      ['joint', 0],
      ['caucus_applicant', 1],
      ['caucus_respondent', 0],
    ]);
    expect((await as(mediator).post(`${room}/channels/caucus_applicant/read`).expect(200)).body.unread).toBe(0);
    const caucusForMediator = (await as(mediator).get(`${room}/channels/caucus_applicant/messages`).expect(200)).body;
    expect(caucusForMediator.items.map((m: { text: string }) => m.text)).toEqual([`Our floor is ${secret}: do not tell them`]);

    // Every endpoint that could carry it, as the other side, the court and an administrator.
    for (const outsider of [respondent, clerk, admin]) {
      const seen: string[] = [];
      const look = async (path: string, expected: number[]) => {
        const res = await as(outsider).get(path).buffer(true);
        expect([path, expected.includes(res.status)]).toEqual([path, true]);
        seen.push(typeof res.body === 'object' && !Buffer.isBuffer(res.body) ? JSON.stringify(res.body) : String(res.text ?? res.body));
      };
      const party = outsider === respondent;
      await look(`${room}/channels`, party ? [200] : [403]);
      for (const channel of ['joint', 'caucus_applicant', 'caucus_respondent']) {
        await look(`${room}/channels/${channel}/messages`, party && channel !== 'caucus_applicant' ? [200] : [403]);
      }
      await look(`${room}/sessions`, party ? [200] : [403]);
      await look(`/cases/${c.id}`, [200]);
      await look(`/cases/${c.id}/events`, [200]);
      await look(`/cases/${c.id}/documents`, [200]);
      await look(`/documents/${privateDoc}`, [404]);
      await look(`/documents/${privateDoc}/content`, [404]);
      await look(`/cases?q=${encodeURIComponent(secret.toLowerCase())}&limit=100`, [200]);
      await look(`/cases?q=floor&limit=100`, [200]);
      await look('/notifications?limit=100', [200]);
      await look('/notifications/unread-count', [200]);
      if (!party) await look('/reports/statistics?format=csv', [200]);
      if (!party) await look('/reports/statistics', [200]);
      expect(seen.join('\n')).not.toContain(secret);
      expect(seen.join('\n')).not.toContain('do not tell them');
      const searched = (
        await as(outsider)
          .get(`/cases?q=${encodeURIComponent(secret.toLowerCase())}&limit=100`)
          .expect(200)
      ).body.items;
      expect(searched).toEqual([]);
    }
    // Not even its author finds the case by the text of a message: search never indexes the room.
    expect(
      (
        await as(applicant)
          .get(`/cases?q=${encodeURIComponent(secret.toLowerCase())}`)
          .expect(200)
      ).body.items,
    ).toEqual([]);
    // The applicant side sees its own caucus entries in the timeline; the respondent none of them.
    const applicantEvents = (await as(agent).get(`/cases/${c.id}/events`).expect(200)).body.items as { type: string; payload: { filename?: string } }[];
    expect(applicantEvents.some((e) => e.payload.filename === `${secret}.pdf`)).toBe(true);
    const respondentEvents = (await as(respondent).get(`/cases/${c.id}/events`).expect(200)).body.items as { type: string }[];
    expect(respondentEvents.length).toBe(applicantEvents.length - 1);

    // A caucus session's record is that side's and the mediator's only.
    await as(applicant).post(`${room}/sham-mediation-warning/acknowledgement`).expect(200);
    await as(agent).post(`${room}/sham-mediation-warning/acknowledgement`).expect(200);
    const caucus = (await schedule(c.id, { kind: 'caucus', side: 'applicant', startsAt: inMinutes(5) }).expect(201)).body;
    const caucusPath = `${room}/sessions/${caucus.id}`;
    await as(mediator).post(`${caucusPath}/start`).expect(200);
    await as(respondent).post(`${caucusPath}/join`).expect(404);
    await as(applicant).post(`${caucusPath}/join`).expect(200);
    await as(mediator).post(`${caucusPath}/end`).expect(200);
    await as(mediator)
      .put(`${caucusPath}/record`, { text: `The applicant would accept ${secret}.` })
      .expect(200);
    const caucusRecord = (await as(applicant).post(`${caucusPath}/record/confirmations`, { revision: 1 }).expect(200)).body.record;
    expect(caucusRecord.frozenAt).toEqual(expect.any(String));
    expect((await as(agent).get(`/documents/${caucusRecord.documentId}`).expect(200)).body).toMatchObject({ kind: 'session_record', visibility: 'own_side_and_mediator' });
    for (const outsider of [respondent, clerk, admin]) {
      await as(outsider).get(`/documents/${caucusRecord.documentId}`).expect(404);
      await as(outsider)
        .get(`${caucusPath}`)
        .expect(outsider === respondent ? 404 : 403);
      const events = JSON.stringify((await as(outsider).get(`/cases/${c.id}/events`).expect(200)).body);
      expect(events).not.toContain(caucus.id);
      expect(events).not.toContain(secret);
    }

    // Closed and archived: the sealed ZIP goes whole only to those who could see every item in it.
    await as(applicant)
      .post(`/cases/${c.id}/transitions`, { event: 'withdraw', expectedVersion: (await t.db.getRepository(Case).findOneByOrFail({ id: c.id })).version })
      .expect(200);
    await eventually(async () => ((await t.db.getRepository(Case).findOneByOrFail({ id: c.id })).status === 'archived' ? true : undefined), 30_000, 'the archive job');
    await as(mediator).post(`${room}/channels/joint/messages`, { text: 'after the end' }).expect(423);
    // Closing filed each channel's messages as a transcript in that channel's tier.
    const transcripts = async (who: SignedIn) =>
      ((await as(who).get(`/cases/${c.id}/documents`).expect(200)).body.items as { id: string; kind: string; filename: string; visibility: string }[]).filter(
        (d) => d.kind === 'message_transcript',
      );
    const forAgent = await transcripts(agent);
    expect(forAgent.map((d) => [d.filename, d.visibility]).sort()).toEqual([
      [`transcript-caucus_applicant-${c.number}.txt`, 'own_side_and_mediator'],
      [`transcript-joint-${c.number}.txt`, 'mediation_confidential'],
    ]);
    const caucusTranscript = forAgent.find((d) => d.filename.includes('caucus_applicant'))!;
    const transcriptText = (await as(agent).get(`/documents/${caucusTranscript.id}/content`).buffer(true).parse(binary).expect(200)).body.toString('utf8');
    expect(transcriptText).toContain(`Our floor is ${secret}: do not tell them`);
    expect(transcriptText).toContain(`${secret}.pdf`);
    expect((await transcripts(respondent)).map((d) => d.filename)).toEqual([`transcript-joint-${c.number}.txt`]);
    for (const outsider of [clerk, admin]) expect(await transcripts(outsider)).toEqual([]);
    await as(respondent).get(`/documents/${caucusTranscript.id}/content`).expect(404);
    for (const outsider of [respondent, clerk, admin]) await as(outsider).get(`/cases/${c.id}/archive/content`).expect(403);
    const zip = await as(agent).get(`/cases/${c.id}/archive/content`).buffer(true).parse(binary).expect(200);
    const file = join(dir, 'room.zip');
    await writeFile(file, zip.body as Buffer);
    const names = (await readZip(file)).map((e) => e.name);
    // The private exhibit, the caucus record and both transcripts are sealed; none is filed under its name.
    expect(names.filter((n) => n.startsWith('sealed/'))).toHaveLength(4);
    expect(names.join('\n')).not.toContain(secret);
    await as(mediator).get(`/cases/${c.id}/archive/content`).expect(200);
    // The room stays readable to its members after the case is archived.
    expect((await as(agent).get(`${room}/channels/caucus_applicant/messages`).expect(200)).body.items).toHaveLength(1);
  }, 90_000);

  it('pages a channel with a cursor, newest first', async () => {
    const { c, respondent } = await mediatingCase();
    const room = `/cases/${c.id}/mediation`;
    for (const n of [1, 2, 3])
      await as(mediator)
        .post(`${room}/channels/joint/messages`, { text: `message ${n}` })
        .expect(201);
    const first = (await as(respondent).get(`${room}/channels/joint/messages?limit=2`).expect(200)).body;
    expect(first.items.map((m: { text: string }) => m.text)).toEqual(['message 3', 'message 2']);
    const second = (await as(respondent).get(`${room}/channels/joint/messages?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second).toEqual({ items: [expect.objectContaining({ text: 'message 1' })], nextCursor: null });
    await as(respondent).get(`${room}/channels/joint/messages?cursor=nope`).expect(400);
    // Read up to message 2: one left unread.
    expect((await as(respondent).post(`${room}/channels/joint/read`, { upToSeq: first.items[1].seq }).expect(200)).body.unread).toBe(1);
    expect((await as(respondent).post(`${room}/channels/joint/read`).expect(200)).body.unread).toBe(0);
  });

  // Last in this file: passport keeps its strategies in one process-wide registry (see notifications.e2e-spec.ts).
  it("delivers messages live over SSE to the channel members connected to another API instance, and to nobody else; and sessions' changes to their participants", async () => {
    const { c, applicant, agent, respondent } = await mediatingCase();
    const other = await createTestApp({ runWorkers: false, env: { QUEUE_PREFIX: prefix } });
    const server = other.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/cases/${c.id}/mediation/stream`;
    const streams: Awaited<ReturnType<typeof openStream>>[] = [];
    try {
      const ticket = async (who: SignedIn) => (await other.http.post('/api/v1/notifications/stream-tickets').set('Authorization', who.bearer).expect(201)).body.ticket as string;
      const open = async (who: SignedIn) => {
        const stream = await openStream(`${base}?ticket=${await ticket(who)}`);
        expect(stream.status).toBe(200);
        streams.push(stream);
        await eventually(async () => stream.events.find((e) => e.event === 'ready'), 5_000, 'the ready event');
        return stream;
      };
      const [forApplicant, forRespondent] = [await open(applicant), await open(respondent)];
      const forAgent = await openStream(base, { authorization: agent.bearer });
      streams.push(forAgent);
      await eventually(async () => forAgent.events.find((e) => e.event === 'ready'), 5_000, 'the ready event');
      expect(forRespondent.events[0].data).toMatchObject({ channels: [{ channel: 'joint' }, { channel: 'caucus_respondent' }] });
      // The court may not open the room's stream at all.
      expect((await openStream(`${base}?ticket=${await ticket(clerk)}`)).status).toBe(403);
      expect((await openStream(base)).status).toBe(401);

      // Posted through the first instance; the streams are on the second.
      await as(mediator).post(`/cases/${c.id}/mediation/channels/caucus_applicant/messages`, { text: 'Private: would you take 300k?' }).expect(201);
      await as(mediator).post(`/cases/${c.id}/mediation/channels/joint/messages`, { text: 'Joint: next session on Monday' }).expect(201);
      const messages = (s: typeof forApplicant) => s.events.filter((e) => e.event === 'message').map((e) => e.data.text);
      await eventually(async () => (messages(forApplicant).length === 2 ? true : undefined), 10_000, 'both messages for the applicant');
      expect(messages(forApplicant)).toEqual(['Private: would you take 300k?', 'Joint: next session on Monday']);
      await eventually(async () => (messages(forAgent).length === 2 ? true : undefined), 10_000, 'both messages for the agent');
      // Redis keeps the order of one connection's publishes: the joint message came after the private one.
      await eventually(async () => (messages(forRespondent).length === 1 ? true : undefined), 10_000, 'the joint message for the respondent');
      expect(messages(forRespondent)).toEqual(['Joint: next session on Monday']);
      expect(forRespondent.events.find((e) => e.event === 'message')!.data).toMatchObject({ channel: 'joint', authorName: 'Mediator Li', caseId: c.id });

      // Sessions are live too: a session's change reaches its participants' open rooms as `sessions`
      // with the session's id only; a caucus of one side never reaches the other side.
      const sessionEvents = (s: typeof forApplicant) => s.events.filter((e) => e.event === 'sessions').map((e) => e.data);
      const caucus = (await schedule(c.id, { kind: 'caucus', side: 'applicant' }).expect(201)).body as { id: string };
      const joint = (await schedule(c.id, {}).expect(201)).body as { id: string };
      await eventually(async () => (sessionEvents(forApplicant).length === 2 ? true : undefined), 10_000, 'both sessions for the applicant');
      expect(sessionEvents(forApplicant)).toEqual([{ sessionId: caucus.id }, { sessionId: joint.id }]);
      await eventually(async () => (sessionEvents(forAgent).length === 2 ? true : undefined), 10_000, 'both sessions for the agent');
      await eventually(async () => (sessionEvents(forRespondent).length === 1 ? true : undefined), 10_000, 'the joint session for the respondent');
      await as(mediator)
        .post(`/cases/${c.id}/mediation/sessions/${joint.id}/reschedule`, { startsAt: inMinutes(90) })
        .expect(200);
      await as(mediator).post(`/cases/${c.id}/mediation/sessions/${caucus.id}/cancel`, { reason: 'The applicant asked to move it' }).expect(200);
      await eventually(async () => (sessionEvents(forApplicant).length === 4 ? true : undefined), 10_000, 'the move and the cancellation for the applicant');
      await eventually(async () => (sessionEvents(forRespondent).length === 2 ? true : undefined), 10_000, 'the move for the respondent');
      // Whatever else arrives, the respondent's stream never names the applicant's caucus.
      await new Promise((r) => setTimeout(r, 300));
      expect(sessionEvents(forRespondent)).toEqual([{ sessionId: joint.id }, { sessionId: joint.id }]);
      expect(JSON.stringify(forRespondent.events)).not.toContain(caucus.id);
    } finally {
      for (const s of streams) s.close();
      await new Promise((r) => setTimeout(r, 50));
      await other.close();
    }
  });
});
