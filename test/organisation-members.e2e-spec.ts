import { GlobalRole } from '../src/auth/roles';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { addMembership, createOrganisation, signedInUser } from './support/factories';
import { createTestApp, type TestApp, workerTestEnv } from './support/test-app';

describe('organisation members: an organisation’s administrator adds people by e-mail and sees them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...workerTestEnv('orgmembers') } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a law firm’s administrator adds a lawyer by e-mail; outsiders may neither add nor list', async () => {
    const firm = await createOrganisation(t.db, { kind: OrganisationKind.LawFirm, name: 'Zhong Lun' });
    const head = await signedInUser(t, { displayName: 'Alice Head' });
    await addMembership(t.db, head.user.id, firm.id, MembershipRole.Admin);
    const lawyer = await signedInUser(t, { displayName: 'Bob Lawyer' });
    const outsider = await signedInUser(t);
    // Memberships are read at sign-in: sign in again to carry the new one.
    const admin = await t.http.post('/api/v1/auth/login').send({ email: head.user.email, password: 'correct horse battery staple' }).expect(200);
    const bearer = `Bearer ${admin.body.accessToken as string}`;

    const unknown = await t.http.post(`/api/v1/organisations/${firm.id}/members`).set('Authorization', bearer).send({ email: 'no-account@example.com' }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'email', rule: 'isAccount' })]);
    await t.http.post(`/api/v1/organisations/${firm.id}/members`).set('Authorization', outsider.bearer).send({ email: lawyer.user.email }).expect(403);
    await t.http.get(`/api/v1/organisations/${firm.id}/members`).set('Authorization', outsider.bearer).expect(403);

    const added = await t.http.post(`/api/v1/organisations/${firm.id}/members`).set('Authorization', bearer).send({ email: lawyer.user.email.toUpperCase() }).expect(201);
    expect(added.body).toEqual({ userId: lawyer.user.id, organisationId: firm.id, role: 'member' });
    const members = await t.http.get(`/api/v1/organisations/${firm.id}/members`).set('Authorization', bearer).expect(200);
    expect(members.body).toEqual({
      items: [
        { userId: head.user.id, displayName: 'Alice Head', email: head.user.email, role: 'admin', roles: ['party'], status: 'active' },
        { userId: lawyer.user.id, displayName: 'Bob Lawyer', email: lawyer.user.email, role: 'member', roles: ['party'], status: 'active' },
      ],
      nextCursor: null,
    });
    const platformAdmin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    await t.http.get(`/api/v1/organisations/${firm.id}/members`).set('Authorization', platformAdmin.bearer).expect(200);
  });
});
