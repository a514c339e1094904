import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { knewOnProblem, objectionLate, partyObjectionWindow, summonsProblems, thirdPartyObjectionWindow } from './court-procedure-rules';

const calendar = new WorkingDayCalendar({ timeZone: 'Asia/Shanghai' });
const bj = (local: string): Date => new Date(`${local}+08:00`);

describe('summonses (D21)', () => {
  const now = bj('2026-04-20T10:00:00');
  const decision = { dueAt: bj('2026-05-06T00:00:00'), lastDay: '2026-05-05' };

  it('takes a time to come within the period to decide, at a place or by an https link', () => {
    expect(summonsProblems({ attendAt: bj('2026-05-05T23:00:00'), place: 'Court room 3', videoLink: null }, now, decision)).toEqual([]);
    expect(summonsProblems({ attendAt: bj('2026-04-22T09:30:00'), place: null, videoLink: 'https://meet.court.example/room/7' }, now, decision)).toEqual([]);
  });

  it('refuses a time past, a time after the last day to decide, no place or link, and a link that is not https, naming the field', () => {
    expect(summonsProblems({ attendAt: bj('2026-04-20T09:00:00'), place: 'Room 3', videoLink: null }, now, decision).map((e) => `${e.field}:${e.rule}`)).toEqual([
      'attendAt:future',
    ]);
    const late = summonsProblems({ attendAt: bj('2026-05-06T09:00:00'), place: 'Room 3', videoLink: null }, now, decision);
    expect(late.map((e) => `${e.field}:${e.rule}`)).toEqual(['attendAt:within_decision_period']);
    expect(late[0].message).toContain('2026-05-05');
    expect(summonsProblems({ attendAt: bj('2026-04-22T09:30:00'), place: ' ', videoLink: null }, now, decision).map((e) => `${e.field}:${e.rule}`)).toEqual(['place:required']);
    expect(summonsProblems({ attendAt: bj('2026-04-22T09:30:00'), place: null, videoLink: 'http://meet.example/x' }, now, decision).map((e) => `${e.field}:${e.rule}`)).toEqual([
      'videoLink:isUrl',
    ]);
  });
});

describe('objection windows as filed (D23)', () => {
  it('a party’s runs OBJECTION_DAYS from the ruling’s service; late the day after its last day, naming it', () => {
    const w = partyObjectionWindow(bj('2026-04-20T10:00:00'), calendar, 15);
    expect(w).toMatchObject({ kind: 'party_objection', setting: 'OBJECTION_DAYS', lastDay: '2026-05-05' });
    expect(objectionLate(w, bj('2026-05-05T23:59:00'))).toBeUndefined();
    expect(objectionLate(w, bj('2026-05-06T00:00:00'))).toBe('The 15-day period to object after receiving the ruling ended with 2026-05-05 (OBJECTION_DAYS, Interp. 372)');
  });

  it('a third party’s runs THIRD_PARTY_OBJECTION_MONTHS from the day it knew of the harm', () => {
    const w = thirdPartyObjectionWindow('2026-04-20', calendar, 6);
    expect(w).toMatchObject({ kind: 'third_party_objection', lastDay: '2026-10-20', dueAt: bj('2026-10-21T00:00:00') });
    expect(objectionLate(w, bj('2026-10-20T18:00:00'))).toBeUndefined();
    expect(objectionLate(w, bj('2026-10-21T08:00:00'))).toContain('6-month period to object after knowing of the harm ended with 2026-10-20');
  });

  it('a third party’s day of knowledge is a date between the ruling and today', () => {
    expect(knewOnProblem('2026-04-21', '2026-04-20', '2026-04-22')).toBeUndefined();
    expect(knewOnProblem('21/04/2026', '2026-04-20', '2026-04-22')?.rule).toBe('isDate');
    expect(knewOnProblem('2026-04-19', '2026-04-20', '2026-04-22')?.rule).toBe('not_before_ruling');
    expect(knewOnProblem('2026-04-23', '2026-04-20', '2026-04-22')?.rule).toBe('not_future');
  });
});
