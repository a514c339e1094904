import type { EntityManager } from 'typeorm';
import { EServiceConsentBasis } from './entities/case-party.entity';

/** An address a party may be served at electronically (the inbox needs no address: it is the account). */
export interface ServiceAddressRef {
  channel: 'email' | 'sms';
  address: string;
}

export interface EServiceConsentRow extends ServiceAddressRef {
  basis: EServiceConsentBasis;
}

export const normaliseServiceAddress = (a: ServiceAddressRef): ServiceAddressRef => ({
  channel: a.channel,
  address: a.channel === 'email' ? a.address.trim().toLowerCase() : a.address.trim(),
});

/** The addresses on a party record (its e-mail and phone), as consent rows would name them. */
export function partyAddresses(p: { email: string | null; phone: string | null }): ServiceAddressRef[] {
  const out: ServiceAddressRef[] = [];
  if (p.email) out.push(normaliseServiceAddress({ channel: 'email', address: p.email }));
  if (p.phone) out.push(normaliseServiceAddress({ channel: 'sms', address: p.phone }));
  return out;
}

/**
 * Records consent to electronic service per address with its basis (OLR 29-30, Interp. 136;
 * docs/procedural-rules.md F26), in the caller's transaction. A consent shown by conduct never
 * replaces one given expressly, agreed before or implied by a filing; those replace it.
 */
export async function recordEServiceConsents(
  tx: EntityManager,
  input: { caseId: string; partyId: string; addresses: readonly ServiceAddressRef[]; basis: EServiceConsentBasis; givenBy: string | null; serviceId?: string | null; at: Date },
): Promise<void> {
  // One statement for every address; the same address twice would make ON CONFLICT touch a row twice.
  const addresses = [...new Map(input.addresses.map(normaliseServiceAddress).map((a) => [`${a.channel} ${a.address}`, a])).values()];
  if (!addresses.length) return;
  await tx.query(
    `INSERT INTO e_service_consents (case_id, party_id, channel, address, basis, given_at, given_by, service_id)
     SELECT $1::uuid, $2::uuid, a.channel, a.address, $5::text, $6::timestamptz, $7::uuid, $8::uuid FROM unnest($3::text[], $4::text[]) AS a(channel, address)
     ON CONFLICT (party_id, channel, address) DO UPDATE SET basis = EXCLUDED.basis, given_at = EXCLUDED.given_at, given_by = EXCLUDED.given_by, service_id = EXCLUDED.service_id
     WHERE EXCLUDED.basis <> $9::text OR e_service_consents.basis = $9::text`,
    [
      input.caseId,
      input.partyId,
      addresses.map((a) => a.channel),
      addresses.map((a) => a.address),
      input.basis,
      input.at,
      input.givenBy,
      input.serviceId ?? null,
      EServiceConsentBasis.ByConduct,
    ],
  );
}

/** A party's consents, address by address. */
export async function eServiceConsentsOf(manager: EntityManager, partyId: string): Promise<EServiceConsentRow[]> {
  return (await manager.query(`SELECT channel, address, basis FROM e_service_consents WHERE party_id = $1 ORDER BY channel, address`, [partyId])) as EServiceConsentRow[];
}
