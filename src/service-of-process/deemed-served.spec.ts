import { deemedServed, EffectiveRule, type DeliveryRecord } from './deemed-served';

const at = (iso: string): Date => new Date(iso);
const delivered = (iso: string, providerResponse = '250 2.0.0 Ok: queued'): DeliveryRecord => ({ status: 'delivered', providerResponse, finishedAt: at(iso) });
const failed = (iso: string): DeliveryRecord => ({ status: 'failed', providerResponse: null, finishedAt: at(iso) });

describe('deemedServed (rule F27)', () => {
  it('to a confirmed e-mail address: served when the provider accepted it', () => {
    const out = deemedServed({
      channels: [{ channel: 'email', address: 'a@x.test', confirmed: true, deliveries: [failed('2026-10-08T01:00:00Z'), delivered('2026-10-08T01:05:00Z')] }],
      readAt: null,
      actedAt: null,
    });
    expect(out).toMatchObject({ effectiveAt: at('2026-10-08T01:05:00Z'), rule: EffectiveRule.ConfirmedAddressDelivered, channel: 'email' });
    expect(out.channels[0].deliveredAt).toEqual(at('2026-10-08T01:05:00Z'));
  });

  it('a delivery the platform only logged never counts', () => {
    const out = deemedServed({
      channels: [{ channel: 'email', address: 'a@x.test', confirmed: true, deliveries: [delivered('2026-10-08T01:05:00Z', 'logged; not sent (SMTP_URL is not set)')] }],
      readAt: null,
      actedAt: null,
    });
    expect(out).toMatchObject({ effectiveAt: null, rule: null });
    expect(out.channels[0].deliveredAt).toBeNull();
  });

  it('to an unconfirmed address: delivery is not enough; reading is', () => {
    const channels = [{ channel: 'email' as const, address: 'a@x.test', confirmed: false, deliveries: [delivered('2026-10-08T01:05:00Z')] }];
    expect(deemedServed({ channels, readAt: null, actedAt: null }).effectiveAt).toBeNull();
    expect(deemedServed({ channels, readAt: at('2026-10-09T08:00:00Z'), actedAt: null })).toMatchObject({
      effectiveAt: at('2026-10-09T08:00:00Z'),
      rule: EffectiveRule.Read,
      channel: null,
    });
    expect(deemedServed({ channels, readAt: null, actedAt: at('2026-10-10T08:00:00Z') })).toMatchObject({ rule: EffectiveRule.ActedUpon });
  });

  it('the platform inbox counts only by reading, even for a party that consented', () => {
    const out = deemedServed({
      channels: [{ channel: 'in_app', address: 'user-1', confirmed: true, deliveries: [delivered('2026-10-08T01:00:00Z', 'in the inbox')] }],
      readAt: null,
      actedAt: null,
    });
    expect(out.effectiveAt).toBeNull();
    expect(out.channels[0].deliveredAt).toEqual(at('2026-10-08T01:00:00Z'));
  });

  it('several channels: the earliest effective one counts', () => {
    const out = deemedServed({
      channels: [
        { channel: 'in_app', address: 'user-1', confirmed: true, deliveries: [delivered('2026-10-08T00:59:00Z', 'in the inbox')] },
        { channel: 'email', address: 'a@x.test', confirmed: true, deliveries: [delivered('2026-10-08T01:05:00Z')] },
        { channel: 'sms', address: '+86138', confirmed: true, deliveries: [delivered('2026-10-08T01:02:00Z', 'accepted at …')] },
      ],
      readAt: at('2026-10-08T01:30:00Z'),
      actedAt: null,
    });
    expect(out).toMatchObject({ effectiveAt: at('2026-10-08T01:02:00Z'), rule: EffectiveRule.ConfirmedAddressDelivered, channel: 'sms' });
    const read = deemedServed({
      channels: [{ channel: 'email', address: 'a@x.test', confirmed: true, deliveries: [delivered('2026-10-08T01:05:00Z')] }],
      readAt: at('2026-10-08T01:00:00Z'),
      actedAt: null,
    });
    expect(read).toMatchObject({ rule: EffectiveRule.Read, effectiveAt: at('2026-10-08T01:00:00Z') });
  });

  it('an offline service entered by staff counts from the time given', () => {
    const out = deemedServed({ channels: [], readAt: null, actedAt: null, offlineServedAt: at('2026-10-12T02:00:00Z') });
    expect(out).toMatchObject({ rule: EffectiveRule.Offline, effectiveAt: at('2026-10-12T02:00:00Z') });
  });
});
