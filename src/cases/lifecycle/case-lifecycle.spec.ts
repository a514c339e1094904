import { CaseRole } from './case-roles';
import { availableActions, CaseEvent, decide, TRANSITIONS, type GuardContext } from './case-lifecycle';
import { CaseSource, CaseStatus } from './case-states';

const ALL_FACTS = {
  disclosureSigned: true,
  allRespondentsAgreed: true,
  allPartiesConsented: true,
  allSigned: true,
  confirmable: true,
};
const ctx = (status: CaseStatus, overrides: Partial<GuardContext> = {}): GuardContext => ({
  status,
  source: CaseSource.OnlineApplication,
  referralType: null,
  missingForSubmission: [],
  facts: ALL_FACTS,
  ...overrides,
});
const ALL_ROLES = Object.values(CaseRole);
const STATES = Object.values(CaseStatus);
const EVENTS = Object.values(CaseEvent);

describe('case lifecycle table', () => {
  it('declares every event, each at most once per state, and every state somewhere', () => {
    expect([...new Set(TRANSITIONS.map((t) => t.event))].sort()).toEqual([...EVENTS].sort());
    for (const event of EVENTS) {
      const froms = TRANSITIONS.filter((t) => t.event === event).flatMap((t) => t.from);
      expect(new Set(froms).size).toBe(froms.length);
    }
    const mentioned = new Set(TRANSITIONS.flatMap((t) => [...t.from, t.to]));
    expect([...mentioned].sort()).toEqual([...STATES].sort());
  });

  describe.each(TRANSITIONS.flatMap((t) => t.from.map((from) => [t.event, from, t] as const)))('%s from %s', (event, from, t) => {
    it(`goes to ${t.to} for each role allowed, and for no other role`, () => {
      for (const role of ALL_ROLES) {
        const decision = decide(event, ctx(from), [role]);
        if (t.by.includes(role)) {
          expect(decision).toMatchObject({ ok: true, to: t.to, outcome: t.outcome });
        } else {
          expect(decision).toMatchObject({ ok: false, code: 'not_allowed' });
        }
      }
    });
  });

  it('allows no transition the table does not declare', () => {
    for (const status of STATES) {
      for (const event of EVENTS) {
        const declared = TRANSITIONS.some((t) => t.event === event && t.from.includes(status));
        const decision = decide(event, ctx(status), ALL_ROLES);
        if (declared) expect(decision.ok).toBe(true);
        else expect(decision).toMatchObject({ ok: false, code: 'wrong_state' });
      }
    }
    expect(decide('teleport', ctx(CaseStatus.Draft), ALL_ROLES)).toMatchObject({ ok: false, code: 'unknown_event' });
  });

  it('reaches every state from a draft and leaves only the archive as a dead end', () => {
    const seen = new Set<CaseStatus>([CaseStatus.Draft]);
    const queue = [CaseStatus.Draft];
    while (queue.length) {
      const s = queue.shift()!;
      for (const t of TRANSITIONS.filter((x) => x.from.includes(s))) {
        if (!seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...STATES].sort());
    const deadEnds = STATES.filter((s) => !TRANSITIONS.some((t) => t.from.includes(s)));
    expect(deadEnds).toEqual([CaseStatus.Archived]);
    expect(TRANSITIONS.filter((t) => t.from.includes(CaseStatus.Closed)).map((t) => t.event)).toEqual([CaseEvent.Archive]);
  });

  it('gives every transition into closed an outcome, and no other transition one', () => {
    for (const t of TRANSITIONS) expect(t.outcome !== undefined).toBe(t.to === CaseStatus.Closed);
  });

  it('keeps timers to the system', () => {
    for (const t of TRANSITIONS.filter((x) => x.trigger === 'timer')) expect(t.by).toEqual([CaseRole.System]);
  });

  it('refuses to submit an incomplete application and says what is missing', () => {
    const decision = decide(CaseEvent.Submit, ctx(CaseStatus.Draft, { missingForSubmission: ['a respondent', 'consent to online handling'] }), [CaseRole.Applicant]);
    expect(decision).toEqual({
      ok: false,
      code: 'guard',
      reason: 'The application is incomplete: a respondent; consent to online handling',
    });
  });

  it('needs a service fact before the later stages may move', () => {
    const noFacts = ctx(CaseStatus.AwaitingRespondent, { facts: {} });
    expect(decide(CaseEvent.StartMediation, noFacts, [CaseRole.System])).toMatchObject({ ok: false, code: 'guard' });
  });

  it('lists what each person may do, with the reason when blocked, and never timers', () => {
    const draft = ctx(CaseStatus.Draft, { missingForSubmission: ['a statement of facts'] });
    expect(availableActions(draft, [CaseRole.Applicant]).map((a) => [a.event, a.blockedBy])).toEqual([
      [CaseEvent.Submit, 'The application is incomplete: a statement of facts'],
      [CaseEvent.Withdraw, undefined],
    ]);
    expect(availableActions(ctx(CaseStatus.Submitted), [CaseRole.Intake]).map((a) => a.event)).toEqual([CaseEvent.Accept, CaseEvent.RequestCorrection, CaseEvent.Reject]);
    expect(availableActions(ctx(CaseStatus.NeedsCorrection), [CaseRole.System]).map((a) => a.event)).toEqual([]);
    expect(availableActions(ctx(CaseStatus.Submitted), [CaseRole.Respondent])).toEqual([]);
  });
});
