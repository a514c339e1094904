import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { MembershipRole } from '../src/organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../src/organisations/organisation.entity';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { binary, pdfText } from './support/pdf-text';
import { settledCase } from './support/settled-case-fixture';
import { createTestApp, type TestApp, workerTestEnv } from './support/test-app';

/**
 * What the court portal needs besides the confirmation API itself: the judge reads the ruling
 * before issuing it, and a court's own administrator manages its clerks and judges.
 */
describe('the court desk: ruling preview and the court’s own staff', () => {
  let t: TestApp;
  let courtId: string;
  let otherCourtId: string;
  let clerk: SignedIn;
  let judge: SignedIn;
  let courtAdmin: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ env: workerTestEnv('desk') });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: `杭州市西湖区人民法院 ${randomUUID().slice(0, 4)}`, region: '330106' });
    await t.db.getRepository(Organisation).update({ id: court.id }, { courtLevel: CourtLevel.Basic });
    courtId = court.id;
    otherCourtId = (await createOrganisation(t.db, { kind: OrganisationKind.Court, name: `深圳市福田区人民法院 ${randomUUID().slice(0, 4)}`, region: '440304' })).id;
    clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    judge = await signedInUser(t, { roles: [GlobalRole.Judge], displayName: '王法官' });
    courtAdmin = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    await addMembership(t.db, clerk.user.id, courtId);
    await addMembership(t.db, judge.user.id, courtId);
    await addMembership(t.db, courtAdmin.user.id, courtId, MembershipRole.Admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (who: SignedIn, path: string, body: Record<string, unknown> = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);

  /** A settled case whose parties applied to the court, lodged with it. */
  async function lodged(): Promise<{ caseId: string; appId: string }> {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const s = await settledCase(t, { applicant, respondent, mediator });
    const started = await post(applicant, `/cases/${s.case.id}/confirmation-applications`, { courtId, subjectMatterRegion: '330106' }).expect(201);
    await post(respondent, `/confirmation-applications/${started.body.id}/consents`).expect(200);
    return { caseId: s.case.id, appId: started.body.id as string };
  }

  it('a judge previews the ruling, confirming or rejecting, before issuing it; nothing is stored or served', async () => {
    const { caseId, appId } = await lodged();
    const preview = (who: SignedIn, body: Record<string, unknown>) => post(who, `/confirmation-applications/${appId}/ruling-preview`, body);

    // Not before the application is docketed: there is no docket number to rule under.
    await preview(judge, { outcome: 'confirmed' }).expect(409);
    const docketed = await post(clerk, `/confirmation-applications/${appId}/docket`).expect(200);
    const number = docketed.body.docket.number as string;
    const documentsBefore = (await get(judge, `/cases/${caseId}/documents`).expect(200)).body.items.length as number;
    const servicesBefore = (await get(judge, `/cases/${caseId}/services`).expect(200)).body.items.length as number;

    const confirming = await preview(judge, { outcome: 'confirmed' }).buffer(true).parse(binary).expect(200);
    expect(confirming.headers['content-type']).toBe('application/pdf');
    const confirmText = await pdfText(confirming.body as Buffer);
    expect(confirmText).toContain(number);
    expect(confirmText).toContain('王法官');

    const rejecting = await preview(judge, { outcome: 'rejected', grounds: ['content_unclear'], language: 'en' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(await pdfText(rejecting.body as Buffer)).toContain('Its content is unclear');

    // A rejection needs its grounds, named by field; the clerk does not rule; another court sees nothing.
    const noGrounds = await preview(judge, { outcome: 'rejected', grounds: [] }).expect(400);
    expect(noGrounds.body.errors.map((e: { field: string }) => e.field)).toContain('grounds');
    const unexplained = await preview(judge, { outcome: 'rejected', grounds: ['other'] }).expect(400);
    expect(unexplained.body.errors.map((e: { field: string }) => e.field)).toContain('explanation');
    await preview(judge, { outcome: 'maybe' }).expect(400);
    await preview(clerk, { outcome: 'confirmed' }).expect(403);
    const elsewhere = await signedInUser(t, { roles: [GlobalRole.Judge] });
    await addMembership(t.db, elsewhere.user.id, otherCourtId);
    await preview(elsewhere, { outcome: 'confirmed' }).expect(404);

    // Previewing changed nothing: no document, no service, still awaiting the decision.
    expect((await get(judge, `/cases/${caseId}/documents`).expect(200)).body.items).toHaveLength(documentsBefore);
    expect((await get(judge, `/cases/${caseId}/services`).expect(200)).body.items).toHaveLength(servicesBefore);
    expect((await get(judge, `/confirmation-applications/${appId}`).expect(200)).body).toMatchObject({ status: 'docketed', decision: { decidedAt: null, rulingDocumentId: null } });
    // The issued ruling reads as the preview did.
    const confirmed = await post(judge, `/confirmation-applications/${appId}/confirm`).expect(200);
    const issued = await get(judge, `/documents/${confirmed.body.decision.rulingDocumentId}/content`).buffer(true).parse(binary).expect(200);
    expect(await pdfText(issued.body as Buffer)).toContain(number);
  });

  it('a court’s own administrator lists, adds, disables and enables its clerks and judges, and no one else’s', async () => {
    // Adds a judge to its own court.
    const email = `judge-${randomUUID().slice(0, 8)}@court.test`;
    const created = await post(courtAdmin, '/users', {
      email,
      displayName: '李法官',
      roles: ['judge'],
      initialPassword: 'correct horse battery staple',
      organisationId: courtId,
    }).expect(201);
    const newJudge = created.body.id as string;

    // The court's members with their roles and whether they may sign in.
    const members = (await get(courtAdmin, `/organisations/${courtId}/members`).expect(200)).body.items as { userId: string; roles: string[]; status: string; role: string }[];
    expect(members.find((m) => m.userId === newJudge)).toMatchObject({ roles: ['judge'], status: 'active', role: 'member' });
    expect(members.find((m) => m.userId === courtAdmin.user.id)).toMatchObject({ role: 'admin', roles: ['court_clerk'] });
    await get(clerk, `/organisations/${courtId}/members`).expect(403);
    await get(courtAdmin, `/organisations/${otherCourtId}/members`).expect(403);

    // Disables it: it can no longer sign in; enables it again.
    await post(courtAdmin, `/users/${newJudge}/disable`).expect(201);
    expect((await get(courtAdmin, `/organisations/${courtId}/members`).expect(200)).body.items.find((m: { userId: string }) => m.userId === newJudge).status).toBe('disabled');
    expect((await t.http.post('/api/v1/auth/login').send({ email, password: 'correct horse battery staple' })).status).toBe(401);
    await post(courtAdmin, `/users/${newJudge}/enable`).expect(201);
    await t.http.post('/api/v1/auth/login').send({ email, password: 'correct horse battery staple' }).expect(200);

    // Not another court's staff, not a party, not a mediator who is also a member; not as a mere clerk.
    const foreign = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, foreign.user.id, otherCourtId);
    const party = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    await addMembership(t.db, mediator.user.id, courtId);
    for (const target of [foreign, party, mediator]) {
      await post(courtAdmin, `/users/${target.user.id}/disable`).expect(403);
    }
    await post(clerk, `/users/${judge.user.id}/disable`).expect(403);
    await post(courtAdmin, `/users/${courtAdmin.user.id}/disable`).expect(409);
    // The platform administrator still may.
    await post(admin, `/users/${newJudge}/disable`).expect(201);
  });
});
