import { extensionOutcome } from './extension-consent';

describe('extensionOutcome', () => {
  const parties = ['p-applicant', 'p-respondent-1', 'p-respondent-2'];

  it('waits for every party, and is granted by the last consent only', () => {
    expect(extensionOutcome(parties, [])).toEqual({ state: 'pending', waitingFor: parties });
    expect(extensionOutcome(parties, [{ partyId: 'p-respondent-1', consent: true }])).toEqual({ state: 'pending', waitingFor: ['p-applicant', 'p-respondent-2'] });
    expect(
      extensionOutcome(parties, [
        { partyId: 'p-respondent-1', consent: true },
        { partyId: 'p-applicant', consent: true },
        { partyId: 'p-respondent-2', consent: true },
      ]),
    ).toEqual({ state: 'granted' });
  });

  it('is refused by any one party declining, whatever the others said', () => {
    expect(
      extensionOutcome(parties, [
        { partyId: 'p-applicant', consent: true },
        { partyId: 'p-respondent-2', consent: false },
        { partyId: 'p-respondent-1', consent: true },
      ]),
    ).toEqual({ state: 'declined', declinedBy: ['p-respondent-2'] });
  });

  it('counts only the case’s parties, and never grants with none', () => {
    expect(
      extensionOutcome(
        ['p-a'],
        [
          { partyId: 'someone-else', consent: false },
          { partyId: 'p-a', consent: true },
        ],
      ),
    ).toEqual({ state: 'granted' });
    expect(extensionOutcome([], [{ partyId: 'x', consent: true }])).toEqual({ state: 'pending', waitingFor: [] });
  });
});
