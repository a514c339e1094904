import { GlobalRole } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { Deadline } from '../src/deadlines/deadline.entity';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

interface Summary {
  id: string;
  pendingActions: string[];
  nextDeadline: { kind: string; dueAt: string } | null;
}

/**
 * "What I must do now" on My cases comes from the case list itself: each summary says what the
 * case asks of the caller and its next deadline, for the whole page in a fixed number of queries.
 */
describe('My cases: what I must do now', () => {
  let t: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    alice = await signedInUser(t, { roles: [GlobalRole.Party] });
    bob = await signedInUser(t, { roles: [GlobalRole.Party] });
  });

  afterAll(() => t.close());

  const mine = (status: CaseStatus, who: SignedIn) => caseInState(t, { status, createdBy: who.user.id, applicantUserId: who.user.id });

  const addDeadline = (caseId: string, kind: string, dueAt: Date, extra: Partial<Deadline> = {}) =>
    t.db.getRepository(Deadline).save({ caseId, kind: kind as never, event: 'correction_expired', dueAt, extendedByMs: 0, ...extra });

  async function listed(who: SignedIn, query = ''): Promise<Summary[]> {
    const res = await t.http.get(`/api/v1/cases?limit=50${query}`).set('Authorization', who.bearer).expect(200);
    return res.body.items;
  }

  /** The SQL statements one request runs. */
  async function statements(run: () => Promise<unknown>): Promise<number> {
    let count = 0;
    const spy = jest.spyOn(t.db.logger, 'logQuery').mockImplementation(() => {
      count++;
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return count;
  }

  it('says what each case asks of its party and when, and shows nothing of it to another party', async () => {
    const draft = await mine(CaseStatus.Draft, alice);
    const returned = await mine(CaseStatus.NeedsCorrection, alice);
    const submitted = await mine(CaseStatus.Submitted, alice);
    const soon = new Date(Date.now() + 3 * 86_400_000);
    await addDeadline(returned.id, 'supplement', new Date(Date.now() + 9 * 86_400_000));
    await addDeadline(returned.id, 'correction', soon);
    // Gone or stopped deadlines are not the next one.
    await addDeadline(returned.id, 'correction', new Date(Date.now() + 86_400_000), { cancelledAt: new Date() });
    await addDeadline(submitted.id, 'supplement', new Date(Date.now() + 86_400_000), { firedAt: new Date() });

    const byId = new Map((await listed(alice)).map((s) => [s.id, s]));
    expect(byId.get(draft.id)).toMatchObject({ pendingActions: ['submit'], nextDeadline: null });
    expect(byId.get(returned.id)).toMatchObject({ pendingActions: ['resubmit'], nextDeadline: { kind: 'correction', dueAt: soon.toISOString() } });
    expect(byId.get(submitted.id)).toMatchObject({ pendingActions: [], nextDeadline: null });

    const bobs = (await listed(bob)).map((s) => s.id);
    expect(bobs).not.toEqual(expect.arrayContaining([draft.id]));
    expect(bobs.filter((id) => [draft.id, returned.id, submitted.id].includes(id))).toEqual([]);
  });

  it('costs the same number of queries for one case and for twenty', async () => {
    const one = await signedInUser(t, { roles: [GlobalRole.Party] });
    const many = await signedInUser(t, { roles: [GlobalRole.Party] });
    const c = await mine(CaseStatus.NeedsCorrection, one);
    await addDeadline(c.id, 'correction', new Date(Date.now() + 86_400_000));
    for (let i = 0; i < 20; i++) {
      const d = await mine(i % 2 ? CaseStatus.NeedsCorrection : CaseStatus.Draft, many);
      await addDeadline(d.id, 'correction', new Date(Date.now() + (i + 1) * 86_400_000));
    }
    expect(await listed(many)).toHaveLength(20);

    const forOne = await statements(() => listed(one));
    const forTwenty = await statements(() => listed(many));
    expect(forTwenty).toBe(forOne);
    // The sign-in check, the list, its policy facts (parties, agents, offers: one statement) and the deadlines.
    expect(forOne).toBe(4);
  });
});
