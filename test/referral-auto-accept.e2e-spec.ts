import { GlobalRole } from '../src/auth/roles';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { referralBody } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

describe('court referrals accepted automatically (COURT_REFERRALS_AUTO_ACCEPT=true)', () => {
  let t: TestApp;
  const saved = process.env.COURT_REFERRALS_AUTO_ACCEPT;
  beforeAll(async () => {
    process.env.COURT_REFERRALS_AUTO_ACCEPT = 'true';
    t = await createTestApp({ runWorkers: false });
  });
  afterAll(async () => {
    await t?.close();
    process.env.COURT_REFERRALS_AUTO_ACCEPT = saved;
  });

  it('skips intake review: the referral goes straight to assignment, accepted by the system', async () => {
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, court.id, MembershipRole.Member);
    const referred = await t.http.post('/api/v1/referrals').set('Authorization', clerk.bearer).send(referralBody(clerk.user.email)).expect(201);
    expect(referred.body).toMatchObject({ status: 'assigning', version: 2 });
    const events = await t.http.get(`/api/v1/cases/${referred.body.id}/events`).set('Authorization', clerk.bearer).expect(200);
    expect(events.body.items.map((e: { type: string; actorRole: string }) => [e.type, e.actorRole])).toEqual([
      ['case_referred', 'referring_court'],
      ['accept', 'system'],
    ]);
  });
});
