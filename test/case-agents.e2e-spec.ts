import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { caseInState, upload } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp, workerTestEnv } from './support/test-app';

describe('a case’s agents: appoint by e-mail, list, remove', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...workerTestEnv('agents') } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const agentsOf = (caseId: string, who: SignedIn) => t.http.get(`/api/v1/cases/${caseId}/agents`).set('Authorization', who.bearer);

  it('a party appoints a lawyer by the e-mail of the lawyer’s account, both parties see it, and only the appointing side removes it', async () => {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    const lawyer = await signedInUser(t, { displayName: 'Li Lawyer' });
    const c = await caseInState(t, {
      status: CaseStatus.AwaitingRespondent,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
    });
    const poa = await upload(t, applicant.bearer, c.id, { kind: 'power_of_attorney', filename: 'poa.pdf' }).expect(201);

    // An address without an account is named as the field that is wrong, and nothing changes.
    const unknown = await t.http
      .post(`/api/v1/cases/${c.id}/agents`)
      .set('Authorization', applicant.bearer)
      .send({ agentEmail: 'nobody@example.com', powerOfAttorneyDocumentId: poa.body.id })
      .expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'agentEmail', rule: 'isPartyAccount' })]);
    await t.http.post(`/api/v1/cases/${c.id}/agents`).set('Authorization', applicant.bearer).send({ powerOfAttorneyDocumentId: poa.body.id }).expect(400);
    expect((await agentsOf(c.id, applicant).expect(200)).body.items).toEqual([]);

    await t.http
      .post(`/api/v1/cases/${c.id}/agents`)
      .set('Authorization', applicant.bearer)
      .send({ agentEmail: lawyer.user.email.toUpperCase(), powerOfAttorneyDocumentId: poa.body.id, lawFirm: 'Zhong Lun' })
      .expect(201);
    const seen = (await agentsOf(c.id, applicant).expect(200)).body;
    expect(seen).toEqual({
      items: [
        expect.objectContaining({
          userId: lawyer.user.id,
          displayName: 'Li Lawyer',
          side: 'applicant',
          lawFirm: 'Zhong Lun',
          powerOfAttorneyDocumentId: poa.body.id,
          removable: true,
        }),
      ],
      nextCursor: null,
    });
    expect((await agentsOf(c.id, respondent).expect(200)).body.items).toEqual([expect.objectContaining({ userId: lawyer.user.id, removable: false })]);
    await agentsOf(c.id, await signedInUser(t)).expect(404);

    // The other side cannot remove it; the appointing side can, and the chain records it.
    await t.http.delete(`/api/v1/cases/${c.id}/agents/${lawyer.user.id}`).set('Authorization', respondent.bearer).expect(404);
    const removed = await t.http.delete(`/api/v1/cases/${c.id}/agents/${lawyer.user.id}`).set('Authorization', applicant.bearer).expect(200);
    expect(removed.body.agents).toEqual([]);
    expect((await agentsOf(c.id, applicant).expect(200)).body.items).toEqual([]);
    const events = (await t.http.get(`/api/v1/cases/${c.id}/events`).set('Authorization', applicant.bearer).expect(200)).body.items as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['agent_authorised', 'agent_revoked']));
  });
});
