import { CourtLevel } from '../organisations/organisation.entity';

/**
 * Which court a joint application may go to (CPL 205; 2011 Prov. 2; docs/procedural-rules.md D16). Pure: the
 * service loads the courts and the regions around the case, this decides.
 */
export enum CourtGround {
  /** The court that referred (委派) or invited the mediation: the only choice then. */
  ReferringCourt = 'referring_court',
  /** A basic court where a party is domiciled. */
  PartyDomicile = 'party_domicile',
  /** A basic court where the subject matter is. */
  SubjectMatter = 'subject_matter',
  /** A basic court where the mediation organisation is. */
  MediationOrganisation = 'mediation_organisation',
}

export interface CourtFacts {
  id: string;
  name: string;
  level: CourtLevel | null;
  /** 6-digit administrative division code (330106 = Hangzhou, Xihu district). */
  region: string | null;
}

export interface CourtOption {
  courtId: string;
  name: string;
  level: CourtLevel | null;
  region: string | null;
  grounds: CourtGround[];
}

export interface CourtOptionFacts {
  /** Set for court referrals: then it is the one court. */
  referringCourt: CourtFacts | null;
  /** Every court on the platform. */
  courts: readonly CourtFacts[];
  partyRegions: readonly string[];
  subjectMatterRegions: readonly string[];
  mediationOrganisationRegions: readonly string[];
}

/** What places a party: its kind, the domicile given for it, and the region of its platform organisation. */
export interface PartyPlace {
  kind: 'person' | 'organisation';
  domicileRegion: string | null;
  organisationRegion: string | null;
}

/**
 * Where the parties are domiciled (CPL 205 "a basic court where a party lives"): a natural person's
 * own domicile; an organisation's registered region, or the domicile given for it when its
 * platform organisation has none. A person given no domicile falls back to the region of the
 * organisation it is linked to, as before domiciles were asked. Each region once.
 */
export function partyDomicileRegions(parties: readonly PartyPlace[]): string[] {
  const regions = new Set<string>();
  for (const p of parties) {
    const region = p.kind === 'person' ? (p.domicileRegion ?? p.organisationRegion) : (p.organisationRegion ?? p.domicileRegion);
    if (region) regions.add(region);
  }
  return [...regions];
}

/**
 * Does a court sit where this region is? Exactly the same division; or, when the region is only
 * known to the city (its last two digits 00, as a company's registered region often is), any
 * district of that city. A province-level region (xx0000) is too coarse to place anyone.
 */
export function courtCovers(courtRegion: string | null, region: string): boolean {
  if (!courtRegion || !/^\d{6}$/.test(courtRegion) || !/^\d{6}$/.test(region)) return false;
  if (courtRegion === region) return true;
  if (region.endsWith('0000')) return false;
  return region.endsWith('00') && courtRegion.slice(0, 4) === region.slice(0, 4);
}

/**
 * The courts a joint application may name, each with the grounds that make it competent: the
 * referring court alone for a referral; otherwise the basic courts covering a party's domicile,
 * the subject matter, or the mediation organisation.
 */
export function courtOptions(facts: CourtOptionFacts): CourtOption[] {
  if (facts.referringCourt) {
    const c = facts.referringCourt;
    return [{ courtId: c.id, name: c.name, level: c.level, region: c.region, grounds: [CourtGround.ReferringCourt] }];
  }
  const bases: [CourtGround, readonly string[]][] = [
    [CourtGround.PartyDomicile, facts.partyRegions],
    [CourtGround.SubjectMatter, facts.subjectMatterRegions],
    [CourtGround.MediationOrganisation, facts.mediationOrganisationRegions],
  ];
  return facts.courts
    .filter((c) => c.level === CourtLevel.Basic)
    .map((c) => ({
      courtId: c.id,
      name: c.name,
      level: c.level,
      region: c.region,
      grounds: bases.filter(([, regions]) => regions.some((r) => courtCovers(c.region, r))).map(([ground]) => ground),
    }))
    .filter((o) => o.grounds.length > 0)
    .sort((a, b) => (a.region ?? '').localeCompare(b.region ?? '') || a.name.localeCompare(b.name));
}
