import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import {
  canApplyForConfirmation,
  CONFIRMATION_DEFAULTS,
  confirmationWindow,
  decisionDeadline,
  decisionExtensionProblem,
  docketDeadline,
  partyObjectionDeadline,
  REJECTION_GROUND_LABELS,
  RejectionGround,
  thirdPartyObjectionDeadline,
  validateRejection,
  type ConfirmationApplicationFacts,
} from './confirmation-rules';

/** TEST DATA: part of the 2026 State Council holiday schedule (see working-day-calendar.spec.ts). */
const china = new WorkingDayCalendar({
  timeZone: 'Asia/Shanghai',
  holidays: [
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  extraWorkingDays: ['2026-05-09', '2026-09-20', '2026-10-10'],
});
const weekendsOnly = new WorkingDayCalendar({ timeZone: 'Asia/Shanghai' });

/** An instant given in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);

const PARTIES = [
  { partyId: 'p-a', name: '杭州甲科技有限公司' },
  { partyId: 'p-b', name: 'Shenzhen B Electronics Co., Ltd.' },
];
const consentOf = (partyId: string, at = bj('2026-03-03T09:00:00')) => ({ partyId, consentedBy: `u-${partyId}`, consentedAt: at });

const facts = (over: Partial<ConfirmationApplicationFacts> = {}): ConfirmationApplicationFacts => ({
  effectiveAt: bj('2026-03-02T10:00:00'), // a Monday
  now: bj('2026-03-10T10:00:00'),
  confirmsOwnership: false,
  consents: [consentOf('p-a'), consentOf('p-b')],
  parties: PARTIES,
  calendar: china,
  ...over,
});

describe('confirmation rules', () => {
  it('keeps the statutory figures as defaults', () => {
    expect(CONFIRMATION_DEFAULTS).toEqual({
      applicationWindowDays: 30,
      docketDays: 3,
      decisionDays: 15,
      decisionExtensionDays: 10,
      partyObjectionDays: 15,
      thirdPartyObjectionMonths: 6,
    });
  });

  describe('the 30-day application window (D15)', () => {
    it('does not count the effective day and ends at the end of day 30', () => {
      expect(confirmationWindow(bj('2026-03-02T23:59:00'), china)).toEqual({
        opensAt: bj('2026-03-02T23:59:00'),
        lastDay: '2026-04-01',
        closesAt: bj('2026-04-02T00:00:00'),
      });
    });

    it('allows an application on day 30 and refuses one on day 31', () => {
      expect(canApplyForConfirmation(facts({ now: bj('2026-04-01T23:59:59.999') }))).toMatchObject({ ok: true, window: { lastDay: '2026-04-01' } });
      expect(canApplyForConfirmation(facts({ now: bj('2026-04-02T00:00:00') }))).toEqual({
        ok: false,
        refusals: [
          {
            code: 'window_passed',
            message: 'The 30-day window for applying closed at the end of 2026-04-01 (CPL 205)',
            lastDay: '2026-04-01',
            closedAt: bj('2026-04-02T00:00:00'),
          },
        ],
        reason: 'The 30-day window for applying closed at the end of 2026-04-01 (CPL 205)',
      });
    });

    it('moves a day 30 that falls in the National Day holiday to the first working day after it', () => {
      const effective = bj('2026-09-01T10:00:00'); // day 30 = 2026-10-01, a holiday until 10-07
      expect(confirmationWindow(effective, china).lastDay).toBe('2026-10-08');
      // Day 31 (10-02) and even day 37 (10-08) are still in time; 10-09 is not.
      expect(canApplyForConfirmation(facts({ effectiveAt: effective, now: bj('2026-10-02T12:00:00') })).ok).toBe(true);
      expect(canApplyForConfirmation(facts({ effectiveAt: effective, now: bj('2026-10-08T23:59:59') })).ok).toBe(true);
      expect(canApplyForConfirmation(facts({ effectiveAt: effective, now: bj('2026-10-09T00:00:00') }))).toMatchObject({
        ok: false,
        refusals: [{ code: 'window_passed', lastDay: '2026-10-08' }],
      });
      // Without the holiday schedule, day 30 is an ordinary Thursday and day 31 is late.
      expect(canApplyForConfirmation(facts({ effectiveAt: effective, calendar: weekendsOnly, now: bj('2026-10-02T00:00:00') })).ok).toBe(false);
    });

    it('takes the window length as a parameter', () => {
      expect(confirmationWindow(bj('2026-03-02T10:00:00'), china, 10).lastDay).toBe('2026-03-12');
      expect(canApplyForConfirmation(facts({ windowDays: 10, now: bj('2026-03-13T00:00:00') }))).toMatchObject({
        refusals: [{ code: 'window_passed', message: expect.stringContaining('10-day window') }],
      });
    });
  });

  it('refuses a 确权 agreement whatever else holds (D19)', () => {
    expect(canApplyForConfirmation(facts({ confirmsOwnership: true }))).toEqual({
      ok: false,
      refusals: [
        {
          code: 'confirms_ownership',
          message: 'The agreement confirms ownership of property or intellectual-property rights (确权): a court cannot confirm it (Interp. 355)',
        },
      ],
      reason: 'The agreement confirms ownership of property or intellectual-property rights (确权): a court cannot confirm it (Interp. 355)',
    });
  });

  it('names the parties whose consent is missing', () => {
    const decision = canApplyForConfirmation(facts({ consents: [consentOf('p-a')] }));
    expect(decision).toEqual({
      ok: false,
      refusals: [
        {
          code: 'missing_consents',
          message: 'Still waiting for the consent of: Shenzhen B Electronics Co., Ltd. (every party must consent to the joint application)',
          parties: [PARTIES[1]],
        },
      ],
      reason: 'Still waiting for the consent of: Shenzhen B Electronics Co., Ltd. (every party must consent to the joint application)',
    });
    // A consent recorded after the moment asked about does not count yet.
    expect(canApplyForConfirmation(facts({ consents: [consentOf('p-a'), consentOf('p-b', bj('2026-03-11T00:00:00'))] })).ok).toBe(false);
    // A consent for someone who is not a party does not stand in for a party.
    expect(canApplyForConfirmation(facts({ consents: [consentOf('p-a'), consentOf('p-x')] })).ok).toBe(false);
  });

  it('lists every reason at once, the permanent ones first', () => {
    const decision = canApplyForConfirmation(facts({ confirmsOwnership: true, consents: [], now: bj('2026-05-01T00:00:00') }));
    expect(!decision.ok && decision.refusals.map((r) => r.code)).toEqual(['confirms_ownership', 'window_passed', 'missing_consents']);
    expect(!decision.ok && decision.reason.split('; ')).toHaveLength(3);
  });

  it('refuses before the agreement is in effect', () => {
    expect(canApplyForConfirmation(facts({ effectiveAt: null }))).toMatchObject({ ok: false, refusals: [{ code: 'not_effective' }] });
    expect(() => canApplyForConfirmation(facts({ parties: [] }))).toThrow(RangeError);
  });

  describe('court deadlines (D20)', () => {
    it('gives the court 3 calendar days to docket, moved past a holiday', () => {
      expect(docketDeadline(bj('2026-03-02T15:00:00'), china)).toEqual({ lastDay: '2026-03-05', dueAt: bj('2026-03-06T00:00:00') });
      // Applied on Monday 09-28: day 3 is 10-01, National Day; the court has until 10-08.
      expect(docketDeadline(bj('2026-09-28T10:00:00'), china).lastDay).toBe('2026-10-08');
      expect(docketDeadline(bj('2026-09-28T10:00:00'), weekendsOnly).lastDay).toBe('2026-10-01');
      // Friday + 3 = Monday.
      expect(docketDeadline(bj('2026-03-13T10:00:00'), china).lastDay).toBe('2026-03-16');
    });

    it('gives the judge 15 days from docketing', () => {
      expect(decisionDeadline(bj('2026-03-02T10:00:00'), china)).toEqual({
        lastDay: '2026-03-17',
        dueAt: bj('2026-03-18T00:00:00'),
        extended: false,
        originalDueAt: bj('2026-03-18T00:00:00'),
      });
    });

    it('adds 10 days with a recorded approval, counted on from the end of the first period', () => {
      const approval = { approvedBy: 'u-president', approvedAt: bj('2026-03-16T10:00:00'), reason: 'site inspection needed' };
      expect(decisionDeadline(bj('2026-03-02T10:00:00'), china, { extension: approval })).toEqual({
        lastDay: '2026-03-27',
        dueAt: bj('2026-03-28T00:00:00'),
        extended: true,
        originalDueAt: bj('2026-03-18T00:00:00'),
      });
      // Docketed 09-16: day 15 is 10-01 → 10-08 after the holiday; +10 → 10-18, a Sunday → 10-19.
      const autumn = decisionDeadline(bj('2026-09-16T10:00:00'), china, { extension: approval });
      expect(autumn.originalDueAt).toEqual(bj('2026-10-09T00:00:00'));
      expect(autumn.lastDay).toBe('2026-10-19');
    });

    it('records an extension only once, with approver and reason, before the period ends', () => {
      const docketed = bj('2026-03-02T10:00:00');
      const approval = { approvedBy: 'u-president', approvedAt: bj('2026-03-17T23:59:00'), reason: 'complex' };
      expect(decisionExtensionProblem(docketed, approval, china, { alreadyExtended: false })).toBeUndefined();
      expect(decisionExtensionProblem(docketed, { ...approval, approvedAt: bj('2026-03-18T00:00:00') }, china, { alreadyExtended: false })).toBe(
        'The decision period ended with 2026-03-17; it can only be extended before it ends',
      );
      expect(decisionExtensionProblem(docketed, approval, china, { alreadyExtended: true })).toMatch(/already been extended/);
      expect(decisionExtensionProblem(docketed, { ...approval, reason: ' ' }, china, { alreadyExtended: false })).toMatch(/reason/);
      expect(decisionExtensionProblem(docketed, { ...approval, approvedBy: '' }, china, { alreadyExtended: false })).toMatch(/approver/);
    });
  });

  describe('rejection grounds (D22)', () => {
    it('has the six grounds of Interp. 358, labelled in both languages', () => {
      expect(Object.values(RejectionGround)).toEqual([
        'violates_mandatory_law',
        'harms_state_public_or_others_interests',
        'against_public_order_and_good_morals',
        'not_voluntary',
        'content_unclear',
        'other',
      ]);
      for (const ground of Object.values(RejectionGround)) {
        expect(REJECTION_GROUND_LABELS[ground]['zh-CN']).toBeTruthy();
        expect(REJECTION_GROUND_LABELS[ground].en).toBeTruthy();
      }
    });

    it('needs at least one known ground, each once, and free text with "other"', () => {
      expect(validateRejection({ grounds: [RejectionGround.ContentUnclear] })).toEqual([]);
      expect(validateRejection({ grounds: [RejectionGround.Other], explanation: 'the obligor is insolvent' })).toEqual([]);
      expect(validateRejection({ grounds: [] }).map((e) => e.rule)).toEqual(['min_items']);
      expect(validateRejection({ grounds: [RejectionGround.Other], explanation: '  ' }).map((e) => `${e.field}:${e.rule}`)).toEqual(['explanation:required']);
      expect(validateRejection({ grounds: [RejectionGround.NotVoluntary, 'fraud' as RejectionGround, RejectionGround.NotVoluntary] }).map((e) => `${e.field}:${e.rule}`)).toEqual([
        'grounds.1:enum',
        'grounds.2:unique',
      ]);
    });
  });

  describe('objection windows (D23)', () => {
    it('gives a party 15 days from receiving the ruling', () => {
      // Received Monday 04-20; day 15 is 05-05, inside the Labour Day holiday → 05-06.
      expect(partyObjectionDeadline(bj('2026-04-20T10:00:00'), china)).toEqual({ lastDay: '2026-05-06', dueAt: bj('2026-05-07T00:00:00') });
      expect(partyObjectionDeadline(bj('2026-04-20T10:00:00'), weekendsOnly).lastDay).toBe('2026-05-05');
    });

    it('gives a third party 6 months from knowing of the harm', () => {
      expect(thirdPartyObjectionDeadline(bj('2026-04-20T10:00:00'), china)).toEqual({ lastDay: '2026-10-20', dueAt: bj('2026-10-21T00:00:00') });
      // From 08-31: 6 months later has no 31st → the month's last day, 2027-02-28 (a Sunday) → Monday 03-01.
      expect(thirdPartyObjectionDeadline(bj('2026-08-31T10:00:00'), weekendsOnly).lastDay).toBe('2027-03-01');
    });
  });
});
