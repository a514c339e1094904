import type { DisputeType } from '../cases/entities/case.entity';

/**
 * A mediator as the matcher sees it: everything needed to decide, without I/O, whether a
 * mediator may take a case and how well they fit. The assignment service loads profiles from
 * the database (pre-filtered on indexed columns) and passes them in; strings are expected
 * already normalised (see `normaliseTechnicalField`), so matching thousands of candidates
 * allocates nothing per candidate.
 */
export interface MediatorProfile {
  /** The mediator's user id: also used to notice a mediator who is a party or agent. */
  id: string;
  /** Administrators switch a mediator off (retired, suspended, removed from a roster). */
  active: boolean;
  /** Start of a planned leave; absent or null means the leave in `onLeaveUntil` has begun. */
  onLeaveFrom?: Date | null;
  /** On leave until this instant (exclusive); null when not on leave. */
  onLeaveUntil: Date | null;
  expertise: MediatorExpertise;
  /** BCP 47 tags the mediator can mediate in: 'zh-CN', 'en', 'ja'… */
  languages: readonly string[];
  /** Regions and legal systems the mediator knows: 'CN', 'US', 'EP', or region codes ('330100'). */
  jurisdictions: readonly string[];
  accreditations: readonly Accreditation[];
  /** 1 junior, 2 experienced, 3 senior: which tracks the mediator may take (see MatchRules). */
  seniority: Seniority;
  /** Most cases the mediator may have open at once. */
  capacity: number;
  /** Cases assigned (offered and accepted) and not yet closed. */
  openCases: number;
  /** Courts whose roster of specially-invited mediators (特邀调解员名册) lists this mediator. */
  courtIds: readonly string[];
  /** Mediation organisations the mediator works for on the platform. */
  organisationIds: readonly string[];
  /** What the mediator declared for conflict checks (docs/procedural-rules.md A5; OMR 13). */
  relationships: DeclaredRelationships;
  /** Disputes in which the mediator acted in another role (docs/procedural-rules.md A5; 特邀 16). */
  pastInvolvement: readonly PastInvolvement[];
  stats: MediatorStats;
}

export type Seniority = 1 | 2 | 3;

export interface MediatorExpertise {
  disputeTypes: readonly DisputeType[];
  /** IPC subclasses or groups ('G06F', 'H04L'), Nice classes ('9', '35'); normalised. */
  technicalFields: readonly string[];
}

export enum Accreditation {
  /** On a people's court roster of specially-invited mediators (特邀调解员). */
  CourtInvited = 'court_invited',
  WipoNeutral = 'wipo_neutral',
  /** People's mediator (人民调解员) under the People's Mediation Law. */
  PeoplesMediator = 'peoples_mediator',
  Lawyer = 'lawyer',
  PatentAttorney = 'patent_attorney',
  RetiredJudge = 'retired_judge',
  CommercialMediator = 'commercial_mediator',
}

export interface DeclaredRelationships {
  organisations: readonly OrganisationRelationship[];
  /** People the mediator is close to (relatives, clients, partners), by name. */
  people: readonly PersonRelationship[];
}

export type OrganisationRelationshipKind = 'employer' | 'client' | 'law_firm' | 'party' | 'shareholding' | 'other';

export interface OrganisationRelationship {
  organisationId: string;
  kind: OrganisationRelationshipKind;
  /**
   * The organisation's name, so that a party or law firm that is not (yet) an organisation on
   * the platform is still caught by name.
   */
  name?: string | null;
}

export type PersonRelationshipKind = 'relative' | 'client' | 'colleague' | 'other';

export interface PersonRelationship {
  name: string;
  kind: PersonRelationshipKind;
}

/** Roles that bar a mediator from the same dispute (特邀 16), plus the judge who tried it. */
export enum PriorRole {
  Juror = 'juror',
  Judge = 'judge',
  Agent = 'agent',
  Witness = 'witness',
  Expert = 'expert',
  Translator = 'translator',
  Other = 'other',
}

/** One earlier involvement: the platform case id, or a key of the dispute (e.g. a court case number). */
export interface PastInvolvement {
  caseId?: string | null;
  disputeKey?: string | null;
  role: PriorRole;
}

export interface OutcomeCounts {
  /** Cases in this category that ended in an effective agreement. */
  settled: number;
  /** Cases in this category the mediator closed, whatever the outcome (settled included). */
  closed: number;
}

export interface MediatorStats {
  outcomes: Partial<Record<DisputeType, OutcomeCounts>>;
  /** Offers accepted in the last 30 days: equally good mediators should share the work. */
  assignmentsLast30Days: number;
}

/**
 * The one spelling of a technical field that profiles and case facts store, so matching can
 * compare characters without normalising per candidate: upper-case, no spaces ('g06f 16/00'
 * → 'G06F16/00'), leading zeros dropped from Nice classes ('09' → '9').
 */
export function normaliseTechnicalField(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return /^\d+$/.test(compact) ? String(Number(compact)) : compact;
}
