import type { EntityManager } from 'typeorm';
import { Language } from '../auth/roles';
import type { Case } from '../cases/entities/case.entity';
import { eServiceConsentsOf } from '../cases/e-service-consents';
import { EServiceConsentBasis, type CaseParty } from '../cases/entities/case-party.entity';
import { servedElectronically, type OfflineMarker } from '../cases/offline-steps';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import type { ServiceChannel } from './deemed-served';

/** Whom one service is for, where they can be reached, and which of those addresses are confirmed. */
export interface Recipient {
  partyId: string | null;
  organisationId: string | null;
  name: string;
  language: PdfLanguage;
  /** The party's account… */
  user?: UserRow;
  /** …or, without one, the addresses on the party record… */
  partyAddress?: { email: string | null; phone: string | null };
  /** …or every member of a served organisation (a court). */
  members?: UserRow[];
  reachable: ReadonlySet<ServiceChannel>;
  /** The basis on which an address counts as confirmed (docs/procedural-rules.md F27), or null. */
  confirmed: (channel: ServiceChannel, address: string) => string | null;
}

export interface UserRow {
  id: string;
  email: string | null;
  phone: string | null;
  preferred_language: string;
  display_name: string;
}

/** Bases on which an address counts as confirmed (docs/procedural-rules.md F26): given in the form, agreed before, or in its own filing. */
const CONFIRMING_BASES: readonly string[] = [EServiceConsentBasis.Express, EServiceConsentBasis.PriorAgreement, EServiceConsentBasis.ImpliedByFiling];
const same = (a: string | null, b: string | null): boolean => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
export const pdfLanguage = (l: string | null | undefined): PdfLanguage => (l === Language.En ? 'en' : 'zh-CN');

/**
 * Whom serving a party reaches: its account (inbox, the account's e-mail and phone) or, for a
 * party without one (a respondent named in an application), the e-mail and phone on the party
 * record. A party that refused online handling or electronic service, or whose service was
 * switched offline (docs/procedural-rules.md A1), is reached by no channel: staff serve it on paper.
 * An address is confirmed by the party's consent for that address (F26), or, for an address
 * with no consent of its own on record, by the party's consent for the addresses on its record.
 */
export async function partyRecipient(tx: EntityManager, c: Case, party: CaseParty): Promise<Recipient> {
  const [user] = party.userId
    ? ((await tx.query(`SELECT id, email, phone, preferred_language, display_name FROM users WHERE id = $1 AND status = 'active'`, [party.userId])) as UserRow[])
    : [];
  const markers = (await tx.query(`SELECT step, party_id AS "partyId" FROM offline_steps WHERE case_id = $1`, [c.id])) as OfflineMarker[];
  const electronic = servedElectronically(party, markers);
  const reachable = new Set<ServiceChannel>();
  if (electronic && user) {
    reachable.add('in_app');
    if (user.email) reachable.add('email');
    if (user.phone) reachable.add('sms');
  } else if (electronic) {
    if (party.email) reachable.add('email');
    if (party.phone) reachable.add('sms');
  }
  const basis = party.consentEService === true && party.eServiceBasis !== null && CONFIRMING_BASES.includes(party.eServiceBasis) ? party.eServiceBasis : null;
  const perAddress = await eServiceConsentsOf(tx, party.id);
  return {
    partyId: party.id,
    organisationId: null,
    name: party.name,
    language: pdfLanguage(user?.preferred_language ?? c.preferredLanguage),
    user,
    partyAddress: user ? undefined : { email: party.email, phone: party.phone },
    reachable,
    confirmed: (channel, address) => {
      if (channel === 'in_app') return basis;
      const own = perAddress.find((x) => x.channel === channel && same(x.address, address));
      if (own) return CONFIRMING_BASES.includes(own.basis) ? own.basis : null;
      const onRecord = (channel === 'email' && same(address, party.email)) || (channel === 'sms' && same(address, party.phone));
      return onRecord ? basis : null;
    },
  };
}
