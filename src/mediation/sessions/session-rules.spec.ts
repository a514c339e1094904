import { meetingUrlProblem } from '../../common/meeting-url';
import { CaseSource, CaseStatus, ReferralType } from '../../cases/lifecycle/case-states';
import type { RoomPerson } from '../room-people';
import {
  addressForServiceMissing,
  awaitingConfirmation,
  confirmersOf,
  describeBlockers,
  participantsOf,
  recordHash,
  scheduleProblems,
  sessionActionRefusal,
  SessionKind,
  SessionStatus,
  startBlockers,
  type ServiceAddressParty,
} from './session-rules';

const person = (over: Partial<RoomPerson>): RoomPerson => ({ userId: 'u', name: 'P', side: 'applicant', capacity: 'party', identityVerified: true, warningVersion: 'v1', ...over });
const people = [
  person({ userId: 'a', name: '杭州甲科技有限公司' }),
  person({ userId: 'aa', name: 'Lawyer A', capacity: 'agent' }),
  person({ userId: 'r', name: '深圳乙电子有限公司', side: 'respondent' }),
];
const now = new Date('2026-10-01T08:00:00Z');

describe('session rules', () => {
  it('takes both sides into a joint session and one side into a caucus', () => {
    expect(participantsOf(SessionKind.Joint, null, people).map((p) => p.userId)).toEqual(['a', 'aa', 'r']);
    expect(participantsOf(SessionKind.Caucus, 'respondent', people).map((p) => p.userId)).toEqual(['r']);
    expect(participantsOf(SessionKind.Caucus, 'applicant', people).map((p) => p.userId)).toEqual(['a', 'aa']);
  });

  it('accepts only https meeting links to a real host, without credentials', () => {
    expect(meetingUrlProblem('https://meeting.example.com/j/123?pwd=x')).toBeUndefined();
    expect(meetingUrlProblem('http://meeting.example.com/j/1')).toBe('must use https://');
    expect(meetingUrlProblem('not a url')).toMatch(/absolute https/);
    expect(meetingUrlProblem('https://user:secret@meeting.example.com/')).toMatch(/user name or password/);
    expect(meetingUrlProblem('https://localhost/room')).toMatch(/real host/);
    expect(meetingUrlProblem('javascript:alert(1)')).toBe('must use https://');
    expect(meetingUrlProblem(`https://m.example.com/${'x'.repeat(2000)}`)).toMatch(/at most 2000/);
  });

  it('names each field of a schedule that does not fit the clock or the limits', () => {
    expect(scheduleProblems({ startsAt: new Date('2026-10-01T09:00:00Z'), durationMinutes: 60, meetingUrl: 'https://m.example.com/1' }, now)).toEqual([]);
    expect(scheduleProblems({ startsAt: now, durationMinutes: 10, meetingUrl: 'ftp://m.example.com' }, now).map((e) => [e.field, e.rule])).toEqual([
      ['startsAt', 'isFuture'],
      ['durationMinutes', 'range'],
      ['meetingUrl', 'isMeetingUrl'],
    ]);
    expect(scheduleProblems({ startsAt: new Date('2026-10-02T00:00:00Z'), durationMinutes: 481 }, now).map((e) => e.field)).toEqual(['durationMinutes']);
  });

  it('blocks the start until everyone taking part is verified and acknowledged the current warning, naming who lacks what', () => {
    expect(startBlockers(people, 'v1')).toEqual([]);
    const blockers = startBlockers(
      [
        person({ userId: 'a', name: 'A Ltd', identityVerified: false, warningVersion: null }),
        person({ userId: 'r', name: 'R Ltd', side: 'respondent', warningVersion: 'v0' }),
        person({ userId: null, name: 'No Account', side: 'respondent' }),
      ],
      'v1',
    );
    expect(blockers.map((b) => [b.name, b.missing])).toEqual([
      ['A Ltd', ['identity_verification', 'sham_mediation_warning']],
      ['R Ltd', ['sham_mediation_warning']],
      ['No Account', ['account']],
    ]);
    expect(describeBlockers(blockers)).toBe(
      'A Ltd (applicant) has not completed real-name verification and has not acknowledged the sham-mediation warning; R Ltd (respondent) has not acknowledged the sham-mediation warning; No Account (respondent) has no account on the platform to take part online',
    );
    expect(describeBlockers(startBlockers([person({ name: 'Lawyer', capacity: 'agent', identityVerified: false })], 'v1'))).toBe(
      'Lawyer (applicant agent) has not completed real-name verification',
    );
  });

  describe('which action fits which state', () => {
    const session = (over: Partial<{ status: SessionStatus; startsAt: Date; recordRevision: number; recordFrozenAt: Date | null }> = {}) => ({
      status: SessionStatus.Scheduled,
      startsAt: new Date(now.getTime() + 10 * 60_000),
      recordRevision: 0,
      recordFrozenAt: null,
      ...over,
    });

    it('holds sessions only while the case is mediating', () => {
      expect(sessionActionRefusal('start', session(), CaseStatus.Mediating, now)).toBeUndefined();
      expect(sessionActionRefusal('start', session(), CaseStatus.Signing, now)).toBe('sessions are held while the case is mediating; it is signing');
      expect(sessionActionRefusal('reschedule', session(), CaseStatus.Closed, now)).toMatch(/it is closed/);
      // The record of a session held before can still be written and confirmed.
      expect(sessionActionRefusal('write_record', session({ status: SessionStatus.Ended }), CaseStatus.Signing, now)).toBeUndefined();
    });

    it('follows the session through its states', () => {
      expect(sessionActionRefusal('join', session(), CaseStatus.Mediating, now)).toBe('the session is scheduled: it cannot join (only when in progress)');
      expect(sessionActionRefusal('join', session({ status: SessionStatus.InProgress }), CaseStatus.Mediating, now)).toBeUndefined();
      expect(sessionActionRefusal('cancel', session({ status: SessionStatus.InProgress }), CaseStatus.Mediating, now)).toMatch(/in progress: it cannot cancel/);
      expect(sessionActionRefusal('mark_absent', session({ status: SessionStatus.Ended }), CaseStatus.Mediating, now)).toBeUndefined();
      expect(sessionActionRefusal('write_record', session({ status: SessionStatus.InProgress }), CaseStatus.Mediating, now)).toMatch(/only when ended/);
      expect(sessionActionRefusal('confirm_record', session({ status: SessionStatus.Ended }), CaseStatus.Mediating, now)).toBe('the mediator has not written the record yet');
      expect(sessionActionRefusal('write_record', session({ status: SessionStatus.Ended, recordRevision: 1, recordFrozenAt: now }), CaseStatus.Mediating, now)).toMatch(/frozen/);
      expect(sessionActionRefusal('start', session({ status: SessionStatus.Cancelled }), CaseStatus.Mediating, now)).toMatch(/cancelled/);
    });

    it('opens the room at most 30 minutes before the announced start', () => {
      expect(sessionActionRefusal('start', session({ startsAt: new Date(now.getTime() + 30 * 60_000) }), CaseStatus.Mediating, now)).toBeUndefined();
      expect(sessionActionRefusal('start', session({ startsAt: new Date(now.getTime() + 31 * 60_000) }), CaseStatus.Mediating, now)).toMatch(/from 30 minutes before/);
      expect(sessionActionRefusal('start', session({ startsAt: new Date(now.getTime() - 60 * 60_000) }), CaseStatus.Mediating, now)).toBeUndefined();
    });
  });

  it('has those who attended confirm the record, each revision afresh', () => {
    const confirmers = confirmersOf(['a', 'aa', 'r'], ['a', 'r', 'mediator']);
    expect(confirmers).toEqual(['a', 'r']);
    expect(awaitingConfirmation(confirmers, ['r'])).toEqual(['a']);
    expect(awaitingConfirmation(confirmers, ['r', 'a'])).toEqual([]);
    expect(confirmersOf(['a'], [])).toEqual([]);
  });

  it('binds a confirmation to the text, the revision and the session', () => {
    const base = { sessionId: 's1', revision: 1, text: '双方同意继续协商。' };
    expect(recordHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(recordHash(base)).toBe(recordHash({ ...base }));
    expect(recordHash({ ...base, text: '双方同意继续协商' })).not.toBe(recordHash(base));
    expect(recordHash({ ...base, revision: 2 })).not.toBe(recordHash(base));
    expect(recordHash({ ...base, sessionId: 's2' })).not.toBe(recordHash(base));
  });

  it('holds the first session of a pre-filing case until every party confirmed an address for service (A6, OMR 17)', () => {
    const party = (over: Partial<ServiceAddressParty>): ServiceAddressParty => ({
      id: 'p',
      name: 'P',
      side: 'applicant',
      addressConfirmedAt: null,
      consentEService: null,
      eServiceBasis: null,
      email: null,
      ...over,
    });
    const online = { source: CaseSource.OnlineApplication, referralType: null };
    const filedWithForm = party({ id: 'a', consentEService: true, eServiceBasis: 'express', email: 'a@example.com' });
    const respondent = party({ id: 'r', side: 'respondent', consentEService: true, eServiceBasis: 'express', email: 'r@example.com' });
    // The applicant's own application is its form; the address the applicant gave for a respondent is not the respondent's.
    expect(addressForServiceMissing(online, [filedWithForm, respondent], true).map((p) => p.id)).toEqual(['r']);
    expect(addressForServiceMissing(online, [party({ id: 'a', consentEService: true, eServiceBasis: 'implied_by_filing', email: 'a@x.com' })], true).map((p) => p.id)).toEqual([
      'a',
    ]);
    expect(addressForServiceMissing(online, [filedWithForm, { ...respondent, addressConfirmedAt: now }], true)).toEqual([]);
    const preFiling = { source: CaseSource.CourtReferral, referralType: ReferralType.PreFiling };
    expect(addressForServiceMissing(preFiling, [respondent], true)).toHaveLength(1);
    // After filing (委托) the court took the form; after the first session nothing more is asked.
    expect(addressForServiceMissing({ source: CaseSource.CourtReferral, referralType: ReferralType.PostFilingOrdinary }, [respondent], true)).toEqual([]);
    expect(addressForServiceMissing(online, [respondent], false)).toEqual([]);
  });
});
