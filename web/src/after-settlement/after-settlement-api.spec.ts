import type { ApplicationPartyView } from '../api/generated/types.gen';
import { awaitsConsentOf, performanceShown, sideOf } from './after-settlement-api';

describe('sideOf', () => {
  it('is the side a party or its agent acts for', () => {
    expect(sideOf({ yourRoles: ['applicant_agent'] })).toBe('applicant');
    expect(sideOf({ yourRoles: ['respondent'] })).toBe('respondent');
    expect(sideOf({ yourRoles: ['mediator'] })).toBeUndefined();
  });
});

describe('awaitsConsentOf', () => {
  const parties: ApplicationPartyView[] = [
    { partyId: 'a', name: 'A', side: 'applicant', consentedAt: '2026-12-01T00:00:00Z', consentedBy: 'u1' },
    { partyId: 'b', name: 'B', side: 'respondent', consentedAt: null, consentedBy: null },
  ];
  it('is true only while consents are collected and a party of that side has not consented', () => {
    expect(awaitsConsentOf({ status: 'collecting_consents', parties }, 'respondent')).toBe(true);
    expect(awaitsConsentOf({ status: 'collecting_consents', parties }, 'applicant')).toBe(false);
    expect(awaitsConsentOf({ status: 'lodged', parties }, 'respondent')).toBe(false);
    expect(awaitsConsentOf({ status: 'collecting_consents', parties }, undefined)).toBe(false);
  });
});

describe('performanceShown', () => {
  it('is shown while the agreement is in effect, and after a close that performance decided', () => {
    expect(performanceShown({ status: 'settled' })).toBe(true);
    expect(performanceShown({ status: 'confirmed' })).toBe(true);
    expect(performanceShown({ status: 'archived', outcome: 'fulfilled' })).toBe(true);
    expect(performanceShown({ status: 'closed', outcome: 'withdrawn' })).toBe(false);
    expect(performanceShown({ status: 'mediating' })).toBe(false);
  });
});
