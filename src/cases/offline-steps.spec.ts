import { handledOffline, OfflineStep, servedElectronically } from './offline-steps';

describe('offline handling (rule A1)', () => {
  const party = { id: 'p1', consentOnline: true, consentEService: true };

  it('a marker for one party covers that party only; a marker without a party covers everyone', () => {
    const onlyP1 = [{ step: OfflineStep.Session, partyId: 'p1' }];
    expect(handledOffline(onlyP1, OfflineStep.Session, 'p1')).toBe(true);
    expect(handledOffline(onlyP1, OfflineStep.Session, 'p2')).toBe(false);
    expect(handledOffline(onlyP1, OfflineStep.Signature, 'p1')).toBe(false);
    const whole = [{ step: OfflineStep.Signature, partyId: null }];
    expect(handledOffline(whole, OfflineStep.Signature, 'p2')).toBe(true);
    expect(handledOffline(whole, OfflineStep.Signature, null)).toBe(true);
  });

  it('"all" switches every step of its party', () => {
    const all = [{ step: OfflineStep.All, partyId: 'p1' }];
    for (const step of Object.values(OfflineStep)) expect(handledOffline(all, step, 'p1')).toBe(true);
    expect(handledOffline(all, OfflineStep.Service, 'p2')).toBe(false);
    expect(handledOffline([], OfflineStep.Service, 'p1')).toBe(false);
  });

  it('serves electronically only a party that did not refuse online handling or e-service, and whose service is not offline', () => {
    expect(servedElectronically(party, [])).toBe(true);
    expect(servedElectronically({ ...party, consentOnline: null, consentEService: null }, [])).toBe(true);
    expect(servedElectronically({ ...party, consentOnline: false }, [])).toBe(false);
    expect(servedElectronically({ ...party, consentEService: false }, [])).toBe(false);
    expect(servedElectronically(party, [{ step: OfflineStep.Service, partyId: 'p1' }])).toBe(false);
    expect(servedElectronically(party, [{ step: OfflineStep.Session, partyId: 'p1' }])).toBe(true);
    expect(servedElectronically(party, [{ step: OfflineStep.Service, partyId: 'p2' }])).toBe(true);
    expect(servedElectronically(party, [{ step: OfflineStep.All, partyId: null }])).toBe(false);
  });
});
