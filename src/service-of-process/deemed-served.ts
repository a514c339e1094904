/**
 * When a service is complete (docs/procedural-rules.md F27; OLR 31, CPL 90). Pure: the caller reads the
 * delivery records and the reading/acting proof; this decides.
 *
 * - To a CONFIRMED address (the party confirmed it in the address-for-service form, agreed to it
 *   beforehand, or gave it in its own filing): served when the message reached the recipient's
 *   system, i.e. the provider accepted it. A delivery the platform only logged (no SMTP server
 *   configured: "logged; not sent") reached nobody and never counts.
 * - To an UNCONFIRMED address: served only when the recipient read the document (opened it through
 *   its signed link, or in the platform while signed in) or acted on it (answered the notice).
 * - The platform inbox is not an address a party designates: it counts only by reading or acting.
 * - Several channels: the earliest effective one counts.
 */

export type ServiceChannel = 'in_app' | 'email' | 'sms';

export interface DeliveryRecord {
  status: 'sending' | 'delivered' | 'failed' | 'interrupted';
  providerResponse: string | null;
  finishedAt: Date | null;
}

export interface ChannelFacts {
  channel: ServiceChannel;
  address: string;
  confirmed: boolean;
  deliveries: DeliveryRecord[];
}

export interface ServiceFacts {
  channels: ChannelFacts[];
  readAt: Date | null;
  actedAt: Date | null;
  /** Entered by staff after serving on paper (switch to offline, docs/procedural-rules.md A1). */
  offlineServedAt?: Date | null;
}

export enum EffectiveRule {
  ConfirmedAddressDelivered = 'confirmed_address_delivered',
  Read = 'read',
  ActedUpon = 'acted_upon',
  Offline = 'offline',
}

export interface ChannelOutcome {
  channel: ServiceChannel;
  address: string;
  confirmed: boolean;
  /** The provider's accepted time of the first real hand-over; null when none (or only logged). */
  deliveredAt: Date | null;
  /** When this channel alone made the service effective (confirmed address delivered). */
  effectiveAt: Date | null;
}

export interface ServiceOutcome {
  channels: ChannelOutcome[];
  effectiveAt: Date | null;
  rule: EffectiveRule | null;
  /** The channel of the effective delivery, when the rule is a delivery. */
  channel: ServiceChannel | null;
}

/** The server's reply when the platform wrote the e-mail to its log instead of sending it. */
export const isLoggedOnly = (providerResponse: string | null): boolean => (providerResponse ?? '').startsWith('logged; not sent');

/** The first attempt a provider really took. */
export function deliveredAt(deliveries: readonly DeliveryRecord[]): Date | null {
  const times = deliveries.filter((d) => d.status === 'delivered' && d.finishedAt !== null && !isLoggedOnly(d.providerResponse)).map((d) => d.finishedAt!.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

export function deemedServed(facts: ServiceFacts): ServiceOutcome {
  const channels: ChannelOutcome[] = facts.channels.map((c) => {
    const delivered = deliveredAt(c.deliveries);
    const counts = c.confirmed && c.channel !== 'in_app';
    return { channel: c.channel, address: c.address, confirmed: c.confirmed, deliveredAt: delivered, effectiveAt: counts ? delivered : null };
  });
  const candidates: { at: Date; rule: EffectiveRule; channel: ServiceChannel | null }[] = [];
  for (const c of channels) if (c.effectiveAt) candidates.push({ at: c.effectiveAt, rule: EffectiveRule.ConfirmedAddressDelivered, channel: c.channel });
  if (facts.readAt) candidates.push({ at: facts.readAt, rule: EffectiveRule.Read, channel: null });
  if (facts.actedAt) candidates.push({ at: facts.actedAt, rule: EffectiveRule.ActedUpon, channel: null });
  if (facts.offlineServedAt) candidates.push({ at: facts.offlineServedAt, rule: EffectiveRule.Offline, channel: null });
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = candidates[0];
  return { channels, effectiveAt: first?.at ?? null, rule: first?.rule ?? null, channel: first?.channel ?? null };
}
