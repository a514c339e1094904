import type { Claim, DisputeType } from '../cases/entities/case.entity';
import type { PartySide } from '../cases/entities/case-party.entity';
import type { IpRightKind } from '../cases/entities/ip-right.entity';
import type { CaseSource, ReferralType } from '../cases/lifecycle/case-states';

/**
 * A case as triage and the matcher see it: plain data the assignment service loads from the
 * case, its parties, agents and IP rights. Nothing here touches the database, so the same facts
 * can be replayed later to explain a decision.
 */
export interface CaseFacts {
  caseId: string;
  disputeType: DisputeType;
  claims: readonly Claim[];
  ipRights: readonly IpRightFacts[];
  /**
   * Technical fields of the rights concerned, normalised with `normaliseTechnicalField`:
   * IPC subclasses or groups for patents ('G06F', 'G06F16/00'), Nice classes for trademarks
   * ('9', '35'). Empty when unknown.
   */
  technicalFields?: readonly string[];
  /** Legal systems involved: ISO 3166 codes or regional offices of the rights ('CN', 'US', 'EP'). */
  jurisdictions?: readonly string[];
  parties: readonly PartyFacts[];
  agents?: readonly AgentFacts[];
  /** The language the mediation is conducted in (the case's preferred language, BCP 47). */
  language: string;
  /** Any further language the mediator must speak, e.g. a foreign party's language. */
  additionalLanguages?: readonly string[];
  foreignElement: boolean;
  source: CaseSource;
  referralType: ReferralType | null;
  /** Court referrals: the mediator must be on this court's roster (特邀; docs/procedural-rules.md A4). */
  referringCourtId: string | null;
  /** The mediation organisation handling the case, when the case is routed to one. */
  organisationId?: string | null;
  /**
   * Other identifiers of the same dispute: the court's case or referral number, related
   * litigation, earlier cases between the same parties about the same rights. A mediator who
   * acted in any of them in another role may not mediate (docs/procedural-rules.md A5).
   */
  disputeKeys?: readonly string[];
}

export interface IpRightFacts {
  kind: IpRightKind;
  jurisdiction?: string | null;
}

export interface PartyFacts {
  side: PartySide;
  kind: 'person' | 'organisation';
  name: string;
  /** The party's company on the platform: its corporate group is screened too. */
  organisationId?: string | null;
  userId?: string | null;
}

export interface AgentFacts {
  side: PartySide;
  name: string;
  userId?: string | null;
  /** The agent's law firm, when it is an organisation on the platform. */
  lawFirmOrganisationId?: string | null;
  /** The law firm's name as the agent gave it (case_agents.law_firm is free text). */
  lawFirmName?: string | null;
}
