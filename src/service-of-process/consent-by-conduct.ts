import type { ServiceAddressRef } from '../cases/e-service-consents';
import type { ServiceAddress } from './service.entity';

export interface ActedService {
  id: string;
  readVia: 'link' | 'platform' | null;
  actedAt: Date | null;
  addresses: readonly ServiceAddress[];
}

/**
 * Consent to electronic service shown by conduct (Interp. 136; docs/procedural-rules.md F26): a
 * party with no consent or refusal on record that acts on a document served on it electronically
 * (answers the notice) has accepted electronic service. The addresses it accepted are those the
 * service reached it at when it was read through the link sent there; read in the platform, it is
 * the account's inbox, which needs no address. Null when nothing is to be recorded. Pure.
 */
export function consentByConduct(recorded: boolean | null, services: readonly ActedService[]): { serviceId: string; addresses: ServiceAddressRef[] } | null {
  if (recorded !== null) return null;
  const acted = services.find((s) => s.actedAt !== null);
  if (!acted) return null;
  const addresses: ServiceAddressRef[] = [];
  if (acted.readVia === 'link') {
    for (const a of acted.addresses) {
      if (a.channel === 'in_app') continue;
      if (!addresses.some((x) => x.channel === a.channel && x.address === a.address)) addresses.push({ channel: a.channel, address: a.address });
    }
  }
  return { serviceId: acted.id, addresses };
}
