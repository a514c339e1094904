import { PartySide } from '../cases/entities/case-party.entity';
import type { PerformanceSchedule } from '../agreements/agreement-model';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import {
  allPerformed,
  enforcementWindow,
  obligationStatusAt,
  ObligationStatus,
  PERFORMANCE_DEFAULTS,
  performanceEventProblem,
  reminderDates,
  resolveDue,
  trackObligations,
  type PerformanceEvent,
  type TrackedObligation,
} from './performance-rules';

/** TEST DATA: part of the 2026 State Council holiday schedule (see working-day-calendar.spec.ts). */
const china = new WorkingDayCalendar({
  timeZone: 'Asia/Shanghai',
  holidays: [
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
const bj = (local: string) => new Date(`${local}+08:00`);

const A = PartySide.Applicant;
const R = PartySide.Respondent;

const SCHEDULE: PerformanceSchedule = {
  obligations: [
    {
      id: 'ob-pay',
      kind: 'money',
      obligorSide: R,
      beneficiarySide: A,
      amount: '300000.00',
      currency: 'CNY',
      instalments: [
        { amount: '100000.00', due: { date: '2026-05-15' } },
        { amount: '200000.00', due: { date: '2026-06-15' } },
      ],
    },
    { id: 'ob-delist', kind: 'act', obligorSide: R, beneficiarySide: A, obligorPartyIds: ['p-r'], act: 'Take the listings down', due: { daysAfterEffective: 5 } },
    { id: 'ob-costs', kind: 'money', obligorSide: A, beneficiarySide: R, amount: '5000', currency: 'CNY', due: { daysAfterEffective: 10 } },
  ],
};
const EFFECTIVE = bj('2026-04-28T16:30:00'); // a Tuesday

const tracked = () => trackObligations(SCHEDULE, EFFECTIVE, china);
const item = (over: Partial<TrackedObligation> = {}): TrackedObligation => ({
  id: 'ob-pay#1',
  obligationId: 'ob-pay',
  instalment: 1,
  kind: 'money',
  obligorSide: R,
  beneficiarySide: A,
  amount: '100000.00',
  currency: 'CNY',
  lastDay: '2026-05-15',
  dueAt: bj('2026-05-16T00:00:00'),
  ...over,
});

const reported = (at: Date, over: Partial<PerformanceEvent> = {}): PerformanceEvent =>
  ({ type: 'reported', obligationId: 'ob-pay#1', at, by: 'u-r', side: R, documentIds: ['doc-receipt'], ...over }) as PerformanceEvent;
const confirmed = (at: Date, over: Partial<PerformanceEvent> = {}): PerformanceEvent =>
  ({ type: 'confirmed', obligationId: 'ob-pay#1', at, by: 'u-a', side: A, ...over }) as PerformanceEvent;
const disputed = (at: Date, over: Partial<PerformanceEvent> = {}): PerformanceEvent =>
  ({ type: 'disputed', obligationId: 'ob-pay#1', at, by: 'u-a', side: A, reason: 'nothing arrived', ...over }) as PerformanceEvent;

describe('performance rules', () => {
  describe('tracking the schedule', () => {
    it('makes one item per instalment and per other obligation, with concrete due instants', () => {
      expect(tracked()).toEqual([
        {
          id: 'ob-pay#1',
          obligationId: 'ob-pay',
          instalment: 1,
          kind: 'money',
          obligorSide: R,
          beneficiarySide: A,
          amount: '100000.00',
          currency: 'CNY',
          lastDay: '2026-05-15',
          dueAt: bj('2026-05-16T00:00:00'),
        },
        {
          id: 'ob-pay#2',
          obligationId: 'ob-pay',
          instalment: 2,
          kind: 'money',
          obligorSide: R,
          beneficiarySide: A,
          amount: '200000.00',
          currency: 'CNY',
          lastDay: '2026-06-15',
          dueAt: bj('2026-06-16T00:00:00'),
        },
        {
          // Day 5 after 04-28 is 05-03, inside the Labour Day holiday: the period ends on 05-06.
          id: 'ob-delist',
          obligationId: 'ob-delist',
          instalment: null,
          kind: 'act',
          obligorSide: R,
          beneficiarySide: A,
          obligorPartyIds: ['p-r'],
          act: 'Take the listings down',
          lastDay: '2026-05-06',
          dueAt: bj('2026-05-07T00:00:00'),
        },
        {
          id: 'ob-costs',
          obligationId: 'ob-costs',
          instalment: null,
          kind: 'money',
          obligorSide: A,
          beneficiarySide: R,
          amount: '5000',
          currency: 'CNY',
          lastDay: '2026-05-08',
          dueAt: bj('2026-05-09T00:00:00'),
        },
      ]);
    });

    it('keeps an agreed calendar date even when it is a rest day', () => {
      expect(resolveDue({ date: '2026-05-16' }, EFFECTIVE, china)).toEqual({ lastDay: '2026-05-16', dueAt: bj('2026-05-17T00:00:00') });
      expect(() => resolveDue({ date: '2026-02-30' }, EFFECTIVE, china)).toThrow(RangeError);
    });
  });

  describe('obligationStatusAt', () => {
    const due = bj('2026-05-16T00:00:00');
    const before = bj('2026-05-10T10:00:00');

    it('is pending until due and overdue from the due instant on', () => {
      expect(obligationStatusAt(item(), [], before)).toBe(ObligationStatus.Pending);
      expect(obligationStatusAt(item(), [], new Date(due.getTime() - 1))).toBe(ObligationStatus.Pending);
      expect(obligationStatusAt(item(), [], due)).toBe(ObligationStatus.Overdue);
    });

    it('is reported while the beneficiary has not answered, even past due', () => {
      expect(obligationStatusAt(item(), [reported(before)], bj('2026-05-11T00:00:00'))).toBe(ObligationStatus.Reported);
      expect(obligationStatusAt(item(), [reported(before)], bj('2026-05-20T00:00:00'))).toBe(ObligationStatus.Reported);
    });

    it('is confirmed for good once the beneficiary confirms, on time or late', () => {
      const late = bj('2026-05-25T10:00:00');
      expect(obligationStatusAt(item(), [reported(before), confirmed(bj('2026-05-11T09:00:00'))], late)).toBe(ObligationStatus.Confirmed);
      expect(obligationStatusAt(item(), [confirmed(late)], late)).toBe(ObligationStatus.Confirmed);
      expect(obligationStatusAt(item(), [confirmed(bj('2026-05-11T09:00:00')), disputed(bj('2026-05-12T09:00:00'))], late)).toBe(ObligationStatus.Confirmed);
    });

    it('is disputed before the due date and overdue after it', () => {
      const events = [reported(before), disputed(bj('2026-05-11T09:00:00'))];
      expect(obligationStatusAt(item(), events, bj('2026-05-12T00:00:00'))).toBe(ObligationStatus.Disputed);
      expect(obligationStatusAt(item(), events, due)).toBe(ObligationStatus.Overdue);
      expect(obligationStatusAt(item(), [...events, reported(bj('2026-05-13T09:00:00'))], due)).toBe(ObligationStatus.Reported);
    });

    it('ignores events after `now` and events of other items, whatever their order', () => {
      expect(obligationStatusAt(item(), [confirmed(bj('2026-05-12T00:00:00'))], before)).toBe(ObligationStatus.Pending);
      expect(obligationStatusAt(item(), [confirmed(before, { obligationId: 'ob-pay#2' })], before)).toBe(ObligationStatus.Pending);
      expect(obligationStatusAt(item(), [disputed(bj('2026-05-11T09:00:00')), reported(before)], bj('2026-05-12T00:00:00'))).toBe(ObligationStatus.Disputed);
    });
  });

  describe('performanceEventProblem', () => {
    const before = bj('2026-05-10T10:00:00');
    it('lets the obligor report and the beneficiary confirm or dispute', () => {
      expect(performanceEventProblem(item(), [], reported(before))).toBeUndefined();
      expect(performanceEventProblem(item(), [reported(before)], confirmed(bj('2026-05-11T00:00:00')))).toBeUndefined();
      expect(performanceEventProblem(item(), [reported(before)], disputed(bj('2026-05-11T00:00:00')))).toBeUndefined();
      expect(performanceEventProblem(item(), [], confirmed(before))).toBeUndefined();
    });

    it.each<[string, PerformanceEvent[], PerformanceEvent, RegExp]>([
      ['a report by the beneficiary', [], reported(bj('2026-05-10T10:00:00'), { side: A }), /obligated side/],
      ['a confirmation by the obligor', [], confirmed(bj('2026-05-10T10:00:00'), { side: R }), /beneficiary side confirms/],
      ['a dispute by the obligor', [reported(bj('2026-05-10T10:00:00'))], disputed(bj('2026-05-11T10:00:00'), { side: R }), /beneficiary side disputes/],
      ['a dispute with nothing reported', [], disputed(bj('2026-05-10T10:00:00')), /no report/],
      ['a dispute without a reason', [reported(bj('2026-05-10T10:00:00'))], disputed(bj('2026-05-11T10:00:00'), { reason: ' ' } as never), /why/],
      ['a second report before an answer', [reported(bj('2026-05-10T10:00:00'))], reported(bj('2026-05-11T10:00:00')), /still waiting/],
      ['anything after confirmation', [confirmed(bj('2026-05-10T10:00:00'))], reported(bj('2026-05-11T10:00:00')), /already confirmed/],
      ['an event dated before the last', [reported(bj('2026-05-10T10:00:00'))], confirmed(bj('2026-05-09T10:00:00')), /dated before/],
      ['an event of another item', [], reported(bj('2026-05-10T10:00:00'), { obligationId: 'ob-pay#2' }), /not ob-pay#1/],
    ])('refuses %s', (_label, history, event, message) => {
      expect(performanceEventProblem(item(), history, event)).toMatch(message);
    });
  });

  it('is all performed only when there is something and all of it is confirmed', () => {
    expect(allPerformed([])).toBe(false);
    expect(allPerformed([{ status: ObligationStatus.Confirmed }, { status: ObligationStatus.Confirmed }])).toBe(true);
    expect(allPerformed([{ status: ObligationStatus.Confirmed }, { status: ObligationStatus.Reported }])).toBe(false);
  });

  describe('reminderDates', () => {
    it('reminds 3 and 1 working days before the last day, at 09:00 local, by default', () => {
      expect(PERFORMANCE_DEFAULTS.reminderWorkingDaysBefore).toEqual([3, 1]);
      // Last day Friday 05-15.
      expect(reminderDates(bj('2026-05-16T00:00:00'), china)).toEqual([bj('2026-05-12T09:00:00'), bj('2026-05-14T09:00:00')]);
    });

    it('skips the National Day holiday and uses make-up working days', () => {
      // Last day Friday 10-09: one working day before is 10-08, three are 09-29 (10-01…10-07 are holidays).
      expect(reminderDates(bj('2026-10-10T00:00:00'), china)).toEqual([bj('2026-09-29T09:00:00'), bj('2026-10-08T09:00:00')]);
      // Last day Monday 10-12: the Saturday before (10-10) is a make-up working day.
      expect(reminderDates(bj('2026-10-13T00:00:00'), china, [1])).toEqual([bj('2026-10-10T09:00:00')]);
    });

    it('takes the days, the time and a lower bound as parameters', () => {
      const due = bj('2026-05-16T00:00:00');
      expect(reminderDates(due, china, [0, 1, 1], { localTime: '18:30' })).toEqual([bj('2026-05-14T18:30:00'), bj('2026-05-15T18:30:00')]);
      expect(reminderDates(due, china, [3, 1], { after: bj('2026-05-13T00:00:00') })).toEqual([bj('2026-05-14T09:00:00')]);
      expect(() => reminderDates(due, china, [-1])).toThrow(RangeError);
      expect(() => reminderDates(due, china, [1], { localTime: '9am' })).toThrow(RangeError);
    });
  });

  describe('enforcementWindow (CPL 250)', () => {
    it('runs 2 years from the last instalment, whichever obligation it belongs to', () => {
      expect(enforcementWindow(tracked(), weekendsOnly)).toEqual({
        countedFrom: '2026-06-15',
        lastDay: '2028-06-15',
        endsAt: bj('2028-06-16T00:00:00'),
      });
    });

    it('moves a last day on a weekend, and clamps 29 February', () => {
      expect(enforcementWindow([{ lastDay: '2026-06-17' }], weekendsOnly)?.lastDay).toBe('2028-06-19'); // 2028-06-17 is a Saturday
      expect(enforcementWindow([{ lastDay: '2028-02-29' }], weekendsOnly)?.lastDay).toBe('2030-02-28');
    });

    it('takes the number of years as a parameter, and is null without obligations', () => {
      expect(enforcementWindow([{ lastDay: '2026-06-15' }], weekendsOnly, 1)?.lastDay).toBe('2027-06-15');
      expect(enforcementWindow([], weekendsOnly)).toBeNull();
    });
  });
});
