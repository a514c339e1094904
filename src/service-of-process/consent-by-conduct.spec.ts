import { consentByConduct, type ActedService } from './consent-by-conduct';

describe('consent to e-service by conduct (rule F26)', () => {
  const at = new Date('2026-12-01T02:00:00Z');
  const byLink: ActedService = {
    id: 's1',
    readVia: 'link',
    actedAt: at,
    addresses: [
      { channel: 'email', address: 'a@example.com', confirmed: false, basis: null },
      { channel: 'sms', address: '+8613800138000', confirmed: false, basis: null },
      { channel: 'email', address: 'a@example.com', confirmed: false, basis: null },
    ],
  };

  it('records the addresses a service read through its link reached, once each, when the party acted on it', () => {
    expect(consentByConduct(null, [byLink])).toEqual({
      serviceId: 's1',
      addresses: [
        { channel: 'email', address: 'a@example.com' },
        { channel: 'sms', address: '+8613800138000' },
      ],
    });
  });

  it('read in the platform: the inbox, no address', () => {
    const inApp: ActedService = { ...byLink, readVia: 'platform', addresses: [{ channel: 'in_app', address: 'u1', confirmed: false, basis: null }] };
    expect(consentByConduct(null, [inApp])).toEqual({ serviceId: 's1', addresses: [] });
  });

  it('records nothing over a consent or a refusal on record, nor without an act', () => {
    expect(consentByConduct(true, [byLink])).toBeNull();
    expect(consentByConduct(false, [byLink])).toBeNull();
    expect(consentByConduct(null, [{ ...byLink, actedAt: null }])).toBeNull();
    expect(consentByConduct(null, [])).toBeNull();
  });
});
