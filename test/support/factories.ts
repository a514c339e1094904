import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { GlobalRole, Language } from '../../src/auth/roles';
import { Membership, MembershipRole } from '../../src/organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../../src/organisations/organisation.entity';
import { User } from '../../src/users/user.entity';
import type { TestApp } from './test-app';

export const DEFAULT_PASSWORD = 'correct horse battery staple';
let defaultHash: Promise<string> | undefined;

const unique = (): string => randomUUID().slice(0, 8);

/** A person straight in the database (argon2 for the default password is computed once). */
export async function createUser(
  db: DataSource,
  options: { roles?: GlobalRole[]; email?: string; displayName?: string; verified?: boolean; language?: Language; phone?: string } = {},
): Promise<User> {
  defaultHash ??= hashPassword(DEFAULT_PASSWORD);
  const tag = unique();
  return db.getRepository(User).save({
    email: options.email ?? `user-${tag}@test.accord`,
    displayName: options.displayName ?? `Test User ${tag}`,
    phone: options.phone ?? '+8613800138000',
    preferredLanguage: options.language ?? Language.En,
    roles: options.roles ?? [GlobalRole.Party],
    passwordHash: await defaultHash,
    identityVerifiedAt: options.verified ? new Date() : null,
    identityVerificationMethod: options.verified ? 'in_person_id_card' : null,
  });
}

export async function createOrganisation(db: DataSource, options: { kind?: OrganisationKind; name?: string; parentId?: string; region?: string } = {}): Promise<Organisation> {
  const kind = options.kind ?? OrganisationKind.Company;
  const tag = unique();
  return db.getRepository(Organisation).save({
    kind,
    name: options.name ?? `${kind} ${tag}`,
    courtCode: kind === OrganisationKind.Court ? `C-${tag}` : null,
    courtLevel: kind === OrganisationKind.Court ? CourtLevel.Intermediate : null,
    region: options.region ?? '330100',
    parentId: options.parentId ?? null,
  });
}

export async function addMembership(db: DataSource, userId: string, organisationId: string, role = MembershipRole.Member): Promise<void> {
  await db.getRepository(Membership).save({ userId, organisationId, role });
}

export interface SignedIn {
  user: User;
  token: string;
  refreshToken: string;
  /** `Authorization` header value. */
  bearer: string;
}

/** Signs in over HTTP, as the person would. */
export async function signIn(t: TestApp, user: User, password = DEFAULT_PASSWORD): Promise<SignedIn> {
  const res = await t.http.post('/api/v1/auth/login').send({ email: user.email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { user, token: res.body.accessToken, refreshToken: res.body.refreshToken, bearer: `Bearer ${res.body.accessToken}` };
}

/** Creates a person with these roles and signs them in. */
export async function signedInUser(t: TestApp, options: Parameters<typeof createUser>[1] = {}): Promise<SignedIn> {
  return signIn(t, await createUser(t.db, options));
}

/** A mediator profile an administrator would save: patent disputes, zh-CN and en, serving `courtIds`. */
export function mediatorProfile(courtIds: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    active: true,
    disputeTypes: ['patent'],
    technicalFields: [],
    languages: ['zh-CN', 'en'],
    jurisdictions: ['CN'],
    accreditations: ['court_invited'],
    seniority: 3,
    capacity: 10,
    courtIds,
    organisationIds: [],
    organisationRelationships: [],
    personRelationships: [],
    pastInvolvement: [],
    ...over,
  };
}

/** A signed-in mediator whose profile `admin` saved over HTTP. */
export async function profiledMediator(t: TestApp, admin: SignedIn, profile: Record<string, unknown>, options: Parameters<typeof createUser>[1] = {}): Promise<SignedIn> {
  const mediator = await signedInUser(t, { ...options, roles: [GlobalRole.Mediator] });
  const res = await t.http.put(`/api/v1/mediators/${mediator.user.id}/profile`).set('Authorization', admin.bearer).send(profile);
  if (res.status !== 200) throw new Error(`saving the mediator profile failed: ${res.status} ${JSON.stringify(res.body)}`);
  return mediator;
}

/**
 * A court of its own with a clerk. The matcher offers a court's referrals only to mediators who
 * serve it, so a scenario's own court keeps its mediators apart from the rest of the file's.
 */
export async function courtWithClerk(t: TestApp): Promise<{ id: string; clerk: SignedIn }> {
  const org = await createOrganisation(t.db, { kind: OrganisationKind.Court });
  const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
  await addMembership(t.db, clerk.user.id, org.id, MembershipRole.Member);
  return { id: org.id, clerk };
}
