// Over 300 lines on purpose: this is the whole of who may see and do what on a case (each action,
// its rule and the words of its refusal), meant to be read in one place.
import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';
import { APPLICANT_SIDE, CaseRole, RESPONDENT_SIDE } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';

/** What the policy needs to know about one case. */
export interface CaseAccessFacts {
  status: CaseStatus;
  referringCourtId: string | null;
  confirmingCourtId: string | null;
  mediatorId: string | null;
  offeredMediatorIds: string[];
  respondentAccessFrom: Date | null;
  parties: { side: 'applicant' | 'respondent'; userId: string | null }[];
  agents: { side: 'applicant' | 'respondent'; userId: string }[];
}

export enum CaseAction {
  View = 'view',
  ViewTimeline = 'view_timeline',
  EditApplication = 'edit_application',
  UploadDocument = 'upload_document',
  ListDocuments = 'list_documents',
  /** Mediation content: messages, caucuses, offers (docs/procedural-rules.md B10). */
  ViewConfidential = 'view_confidential',
  /** Take part in the mediation room: post messages, join sessions, confirm records, acknowledge warnings. */
  TakePartInMediation = 'take_part_in_mediation',
  /** Make and answer offers (a party, its agent, or the mediator on a side's behalf). */
  Negotiate = 'negotiate',
  /** What only a party can commit itself to: a blind figure, consent to an extension. */
  CommitParty = 'commit_party',
  /** The mediator's own steps: schedule, start and end sessions, write records; blind bidding, the period's pauses and extensions, termination. The assigned mediator only. */
  ConductMediation = 'conduct_mediation',
  /** Recuse from the case (特邀 15; rule A5). The assigned mediator. */
  Recuse = 'recuse',
  /** See every assignment offer of the case with the matcher's explanations. Administrators. */
  ViewAssignmentOffers = 'view_assignment_offers',
  /** Authorise or remove one's own agent. A party in person, never an agent (an agent acts under the party's power of attorney, it does not appoint). */
  ManageAgents = 'manage_agents',
  /** Answer the notice of mediation, agreeing or declining (OMR 15; rule A3). A respondent or its agent. */
  AnswerNotice = 'answer_notice',
  /** Fill in the address-for-service form for one's own party (OMR 17, OLR 29-30; rules A6, F26). A party or its agent. */
  ConfirmServiceAddress = 'confirm_service_address',
  /** Acknowledge the warning on the consequences of sham mediation (OMR 17; rule A6). A party or its agent. */
  AcknowledgeWarning = 'acknowledge_warning',
  /** Draft, propose and revise the settlement agreement (OMR 19; rules C12, C13). The assigned mediator. */
  DraftAgreement = 'draft_agreement',
  /** E-sign the agreement being signed, and ask for the one-time code that does it (OMR 19; rule C12). The parties, their agents and the mediator. */
  SignAgreement = 'sign_agreement',
  /** Refuse to sign the agreement, with a reason; the mediator revises or terminates (rule C12). A party or its agent: the mediator never refuses. */
  RefuseToSign = 'refuse_to_sign',
  /** Apply for judicial confirmation, or consent to the joint application (CPL 205, Interp. 351; rules D15, D17). A party or its agent. */
  ApplyForConfirmation = 'apply_for_confirmation',
  /** Supply the material the court asked for (Interp. 357; rule D18). A party or its agent. */
  SupplementConfirmation = 'supplement_confirmation',
  /** Withdraw the application before the ruling (Interp. 357; rule D21). A party or its agent. */
  WithdrawConfirmation = 'withdraw_confirmation',
  /** Record the approved extension of the court's decision period (2011 Prov. 5; rule D20). A judge of the confirming court, not a clerk. */
  ExtendDecisionPeriod = 'extend_decision_period',
  /** Rule on the application, confirming or rejecting it, and preview the ruling first (CPL 206, Interp. 358; rules D22, D23). A judge of the confirming court, not a clerk. */
  RuleOnConfirmation = 'rule_on_confirmation',
  /** Summon the parties to attend, in person or by video, while the court reviews an application (Interp. 356; rule D21). The confirming court's clerks and judges. */
  SummonParties = 'summon_parties',
  /** Object to the court's ruling on the application, for one's own party (Interp. 372; rule D23). A party or its agent; an interested third party objects through mayObjectAsThirdParty. */
  FileObjection = 'file_objection',
  /** Record the court's review of an interested third party's objection: whether the objector has an interest (Interp. 372; rule D23). The confirming court's clerks and judges. */
  ReviewObjection = 'review_objection',
  /** Ask for the institution's attestation of an international settlement (Singapore Convention art. 4; rule H33). The parties, their agents and the mediator. */
  RequestAttestation = 'request_attestation',
  /** Report that an obligation was performed, with proof (PML 31; rule E24). A party or its agent; which obligation's obligor it acts for is the feature's check. */
  ReportPerformance = 'report_performance',
  /** Confirm or dispute a report of performance (PML 31-32; rule E24). A party or its agent; which obligation's beneficiary it acts for is the feature's check. */
  AnswerPerformanceReport = 'answer_performance_report',
  /** Declare a default on an overdue obligation (CPL 250; rule E25). The mediator, or a party or its agent; that the party is the beneficiary of an overdue obligation is the feature's check. */
  DeclareDefault = 'declare_default',
  /** Switch a step of the case (or every step of one party) to offline handling, with a reason (OLR 5; rule A1). The mediator, the court's staff and administrators, until the case is closed. */
  SwitchStepOffline = 'switch_step_offline',
}

/** Which side a piece of mediation content is confined to; null: every participant (a joint session, the joint channel). */
export type ConfidentialSide = 'applicant' | 'respondent' | null;

/** The court's staff as the case knows them: the referring court, and the confirming court with its judges. */
export const COURT_ROLES: readonly CaseRole[] = [CaseRole.ReferringCourt, CaseRole.ConfirmingCourt, CaseRole.ConfirmingJudge];
const PARTY_ROLES = [...APPLICANT_SIDE, ...RESPONDENT_SIDE];
const isCourtStaff = (user: AuthUser): boolean => user.roles.includes(GlobalRole.CourtClerk) || user.roles.includes(GlobalRole.Judge);
const memberOf = (user: AuthUser, organisationId: string | null): boolean => organisationId !== null && user.memberships.some((m) => m.organisationId === organisationId);

/**
 * The one answer to "what is this person to this case?". Respondents and their agents count
 * only once the notice of mediation has been served on them.
 */
export function caseRolesFor(user: AuthUser, c: CaseAccessFacts): CaseRole[] {
  const roles = new Set<CaseRole>();
  const respondentsIn = c.respondentAccessFrom !== null;
  for (const p of c.parties) {
    if (p.userId !== user.id) continue;
    if (p.side === 'applicant') roles.add(CaseRole.Applicant);
    else if (respondentsIn) roles.add(CaseRole.Respondent);
  }
  for (const a of c.agents) {
    if (a.userId !== user.id) continue;
    if (a.side === 'applicant') roles.add(CaseRole.ApplicantAgent);
    else if (respondentsIn) roles.add(CaseRole.RespondentAgent);
  }
  if (c.mediatorId === user.id && user.roles.includes(GlobalRole.Mediator)) roles.add(CaseRole.Mediator);
  if (c.offeredMediatorIds.includes(user.id) && user.roles.includes(GlobalRole.Mediator)) roles.add(CaseRole.OfferedMediator);
  if (isCourtStaff(user)) {
    if (memberOf(user, c.referringCourtId)) roles.add(CaseRole.ReferringCourt);
    if (memberOf(user, c.confirmingCourtId)) {
      roles.add(CaseRole.ConfirmingCourt);
      if (user.roles.includes(GlobalRole.Judge)) roles.add(CaseRole.ConfirmingJudge);
    }
  }
  if (user.roles.includes(GlobalRole.Admin)) {
    roles.add(CaseRole.Admin);
    roles.add(CaseRole.Intake);
  }
  return [...roles];
}

const EDITABLE: readonly CaseStatus[] = [CaseStatus.Draft, CaseStatus.NeedsCorrection];
const SEALED: readonly CaseStatus[] = [CaseStatus.Closed, CaseStatus.Archived];

/** May someone with these case roles do this? */
export function can(roles: readonly CaseRole[], action: CaseAction, c: Pick<CaseAccessFacts, 'status'>): boolean {
  const has = (...wanted: CaseRole[]): boolean => wanted.some((r) => roles.includes(r));
  switch (action) {
    case CaseAction.View:
    case CaseAction.ViewTimeline:
    case CaseAction.ListDocuments:
      return roles.length > 0;
    case CaseAction.EditApplication:
      return has(...APPLICANT_SIDE) && EDITABLE.includes(c.status);
    case CaseAction.UploadDocument:
      return has(...PARTY_ROLES, CaseRole.Mediator, ...COURT_ROLES) && !SEALED.includes(c.status);
    case CaseAction.ViewConfidential:
    case CaseAction.TakePartInMediation:
      // Never the court, never an administrator as such (DESIGN.md §5).
      return canSeeMediationContent(roles, null);
    // Mediation content again: never the court or an administrator. Whether the case is still
    // mediating is the feature's 409, not a permission.
    case CaseAction.Negotiate:
      return canSeeMediationContent(roles, null);
    case CaseAction.CommitParty:
      return has(...PARTY_ROLES);
    case CaseAction.ConductMediation:
    case CaseAction.Recuse:
    case CaseAction.DraftAgreement:
      return has(CaseRole.Mediator);
    case CaseAction.ViewAssignmentOffers:
      return has(CaseRole.Admin);
    case CaseAction.ManageAgents:
      return has(CaseRole.Applicant, CaseRole.Respondent);
    case CaseAction.AnswerNotice:
      return has(...RESPONDENT_SIDE);
    case CaseAction.ConfirmServiceAddress:
    case CaseAction.AcknowledgeWarning:
    case CaseAction.RefuseToSign:
    case CaseAction.ApplyForConfirmation:
    case CaseAction.SupplementConfirmation:
    case CaseAction.WithdrawConfirmation:
    case CaseAction.ReportPerformance:
    case CaseAction.AnswerPerformanceReport:
      return has(...PARTY_ROLES);
    case CaseAction.SignAgreement:
    case CaseAction.RequestAttestation:
    case CaseAction.DeclareDefault:
      return has(...PARTY_ROLES, CaseRole.Mediator);
    case CaseAction.ExtendDecisionPeriod:
    case CaseAction.RuleOnConfirmation:
      return has(CaseRole.ConfirmingJudge);
    case CaseAction.SwitchStepOffline:
      return has(CaseRole.Mediator, ...COURT_ROLES, CaseRole.Admin) && !SEALED.includes(c.status);
    case CaseAction.SummonParties:
    case CaseAction.ReviewObjection:
      return has(CaseRole.ConfirmingCourt, CaseRole.ConfirmingJudge);
    case CaseAction.FileObjection:
      return has(...PARTY_ROLES);
  }
}

/** What each action is, in words, and who may do it: for the 403 that refuses it. */
const ACTION_WORDS: Record<CaseAction, { what: string; who: string }> = {
  [CaseAction.View]: { what: 'see this case', who: 'only the people named in it may' },
  [CaseAction.ViewTimeline]: { what: 'see the timeline of this case', who: 'only the people named in it may' },
  [CaseAction.ListDocuments]: { what: 'see the documents of this case', who: 'only the people named in it may' },
  [CaseAction.EditApplication]: {
    what: 'edit the application of this case',
    who: 'only the applicant or its agent may, while it is a draft or needs correction',
  },
  [CaseAction.UploadDocument]: {
    what: 'upload documents to this case',
    who: 'only its parties, their agents, the mediator and the court may, until it is closed',
  },
  [CaseAction.ViewConfidential]: {
    what: 'see the confidential mediation content of this case',
    who: 'it is for the parties, their agents and the mediator only',
  },
  [CaseAction.TakePartInMediation]: {
    what: 'take part in the mediation of this case',
    who: 'only the parties, their agents and the mediator may',
  },
  [CaseAction.Negotiate]: { what: 'make or answer offers in this case', who: 'only the parties, their agents and the mediator may' },
  [CaseAction.CommitParty]: { what: 'commit a party of this case', who: 'only a party or its agent may' },
  [CaseAction.ConductMediation]: { what: 'conduct the mediation of this case', who: "only the case's mediator may" },
  [CaseAction.Recuse]: { what: 'recuse from this case', who: 'only its assigned mediator may' },
  [CaseAction.ViewAssignmentOffers]: { what: "see the matcher's explanations for this case", who: 'only administrators may' },
  [CaseAction.ManageAgents]: { what: 'authorise or remove an agent in this case', who: 'only a party may, for itself' },
  [CaseAction.AnswerNotice]: { what: 'answer the notice of mediation of this case', who: 'only a respondent or its agent may' },
  [CaseAction.ConfirmServiceAddress]: { what: "confirm a party's address for service in this case", who: 'only a party or its agent may' },
  [CaseAction.AcknowledgeWarning]: { what: 'acknowledge the warning on sham mediation in this case', who: 'only the parties and their agents may' },
  [CaseAction.DraftAgreement]: { what: 'draft or propose the agreement of this case', who: "only the case's mediator may" },
  [CaseAction.SignAgreement]: { what: 'sign the agreement of this case', who: 'only the parties, their agents and the mediator may' },
  [CaseAction.RefuseToSign]: { what: 'refuse to sign the agreement of this case', who: 'only a party or its agent may: the mediator revises the agreement or ends the mediation' },
  [CaseAction.ApplyForConfirmation]: { what: 'apply for judicial confirmation of this case', who: 'only a party or its agent may' },
  [CaseAction.SupplementConfirmation]: { what: 'supply material to the court in this case', who: 'only a party or its agent may' },
  [CaseAction.WithdrawConfirmation]: { what: 'withdraw the application for confirmation of this case', who: 'only a party or its agent may' },
  [CaseAction.ExtendDecisionPeriod]: { what: 'extend the decision period of this case', who: 'only a judge of the confirming court may' },
  [CaseAction.RuleOnConfirmation]: { what: 'rule on the confirmation of this case', who: 'only a judge of the confirming court may' },
  [CaseAction.SummonParties]: { what: 'summon the parties of this case to attend', who: 'only the clerks and judges of the confirming court may' },
  [CaseAction.FileObjection]: { what: 'object as a party to the ruling in this case', who: 'only a party or its agent may' },
  [CaseAction.ReviewObjection]: { what: 'review an objection to the ruling in this case', who: 'only the clerks and judges of the confirming court may' },
  [CaseAction.RequestAttestation]: { what: 'ask for the attestation of this case', who: 'only the parties, their agents and the mediator may' },
  [CaseAction.ReportPerformance]: { what: 'report performance in this case', who: 'only the obligated party or its agent may' },
  [CaseAction.AnswerPerformanceReport]: { what: 'answer a report of performance in this case', who: 'only the beneficiary or its agent may' },
  [CaseAction.DeclareDefault]: {
    what: 'declare a default in this case',
    who: 'only the beneficiary of an overdue obligation, its agent, or the mediator may',
  },
  [CaseAction.SwitchStepOffline]: {
    what: 'switch a step of this case to offline handling',
    who: 'only its mediator, the court and administrators may, until it is closed',
  },
};

/** Why `can` said no, as one English sentence: the state when another state would allow it, else who may. */
export function refusalReason(roles: readonly CaseRole[], action: CaseAction, c: Pick<CaseAccessFacts, 'status'>): string {
  const words = ACTION_WORDS[action];
  const inAnotherState = Object.values(CaseStatus).some((status) => can(roles, action, { status }));
  if (inAnotherState) return `You may not ${words.what} while it is ${c.status.replace(/_/g, ' ')}`;
  return `You may not ${words.what}: ${words.who}`;
}

/**
 * Mediation content (docs/procedural-rules.md B10, DESIGN.md §5): joint content (side null) is for the parties,
 * their agents and the mediator; a caucus of one side is for that side and the mediator. Never
 * the court, never an administrator as such: a role held besides (an admin who is also the
 * mediator) is what counts.
 */
export function canSeeMediationContent(roles: readonly CaseRole[], side: ConfidentialSide): boolean {
  const has = (...wanted: CaseRole[]): boolean => wanted.some((r) => roles.includes(r));
  if (has(CaseRole.Mediator)) return true;
  if (side === 'applicant') return has(...APPLICANT_SIDE);
  if (side === 'respondent') return has(...RESPONDENT_SIDE);
  return has(...PARTY_ROLES);
}

/**
 * May this person object to the case's ruling as an interested third party (Interp. 372; rule D23)? Only someone
 * who is nothing to the case: a party or its agent objects as a party, and the mediator, the court's staff and
 * the platform's administrators have no interest of their own in it. The interest the objector states is for the
 * court to review.
 */
export function mayObjectAsThirdParty(roles: readonly CaseRole[]): boolean {
  return roles.length === 0;
}

/** Who sees an entry of the case's event chain (the timeline): confidential entries follow the mediation-content rule. */
export function canSeeEvent(roles: readonly CaseRole[], e: { confidential: boolean; confidentialSide?: ConfidentialSide }): boolean {
  if (!e.confidential) return roles.length > 0;
  return canSeeMediationContent(roles, e.confidentialSide ?? null);
}

/** Documents intake reviews: the filing materials, never what was exchanged in mediation. */
const FILING_MATERIALS: readonly DocumentKind[] = [
  DocumentKind.Application,
  DocumentKind.Evidence,
  DocumentKind.IdentityProof,
  DocumentKind.PowerOfAttorney,
  DocumentKind.ReferralLetter,
  DocumentKind.CorrectionMaterial,
];

/** Who sees which document (the visibility tiers of DESIGN.md §5). */
export function canSeeDocument(
  roles: readonly CaseRole[],
  doc: { visibility: DocumentVisibility; side: 'applicant' | 'respondent' | null; kind: DocumentKind; uploadedBy: string | null },
  userId: string,
): boolean {
  const has = (...wanted: CaseRole[]): boolean => wanted.some((r) => roles.includes(r));
  if (doc.uploadedBy === userId) return true;
  const applicantSide = has(...APPLICANT_SIDE);
  const respondentSide = has(...RESPONDENT_SIDE);
  switch (doc.visibility) {
    case DocumentVisibility.OwnSideAndMediator:
      // A caucus document: that side and the mediator (a side-less one is nobody's but the mediator's).
      return doc.side === null ? has(CaseRole.Mediator) : canSeeMediationContent(roles, doc.side);
    case DocumentVisibility.MediationConfidential:
      return canSeeMediationContent(roles, null);
    case DocumentVisibility.AllParties:
      return applicantSide || respondentSide || has(CaseRole.Mediator) || (has(CaseRole.Intake) && FILING_MATERIALS.includes(doc.kind));
    case DocumentVisibility.Court:
      return applicantSide || respondentSide || has(CaseRole.Mediator, ...COURT_ROLES) || (has(CaseRole.Intake) && FILING_MATERIALS.includes(doc.kind));
  }
}

/**
 * Whether someone may take a record holding all these documents and events whole (the sealed
 * archive): only if they could see every one of them before. A record with another side's
 * caucus material in it is for the mediator alone.
 */
export function canSeeWholeRecord(
  roles: readonly CaseRole[],
  userId: string,
  record: { documents: readonly Parameters<typeof canSeeDocument>[1][]; events: readonly Parameters<typeof canSeeEvent>[1][] },
): boolean {
  return record.documents.every((d) => canSeeDocument(roles, d, userId)) && record.events.every((e) => canSeeEvent(roles, e));
}

/**
 * The same rules as caseRolesFor, as SQL over `cases c`: every case listing uses it, so a
 * list never shows a case its reader could not open. Returns a condition and its parameters.
 */
export function caseVisibilitySql(user: AuthUser): { where: string; params: Record<string, unknown> } {
  if (user.roles.includes(GlobalRole.Admin)) return { where: 'TRUE', params: {} };
  const conditions = [
    `EXISTS (SELECT 1 FROM case_parties vp WHERE vp.case_id = c.id AND vp.user_id = :viewerId
       AND (vp.side = 'applicant' OR c.respondent_access_from IS NOT NULL))`,
    `EXISTS (SELECT 1 FROM case_agents va WHERE va.case_id = c.id AND va.user_id = :viewerId
       AND (va.side = 'applicant' OR c.respondent_access_from IS NOT NULL))`,
  ];
  const params: Record<string, unknown> = { viewerId: user.id };
  if (user.roles.includes(GlobalRole.Mediator)) {
    conditions.push(`c.mediator_id = :viewerId`);
    conditions.push(`EXISTS (SELECT 1 FROM assignment_offers vo WHERE vo.case_id = c.id AND vo.mediator_id = :viewerId AND vo.status = 'pending')`);
  }
  if (isCourtStaff(user) && user.memberships.length > 0) {
    conditions.push(`c.referring_court_id = ANY(:viewerOrgs)`, `c.confirming_court_id = ANY(:viewerOrgs)`);
    params.viewerOrgs = user.memberships.map((m) => m.organisationId);
    // A court's cases are a large share of all: walking cases newest first finds a page soon.
    return { where: `(${conditions.join(' OR ')})`, params };
  }
  // Everyone else sees only cases they are named in, a few among all. Without the candidate list,
  // PostgreSQL walks every case newest first testing the conditions above until it has a page
  // (seconds with a million cases: `npm run bench queues`); with it, it reads those few cases
  // through their indexes and sorts them. The conditions still decide, so the rules are unchanged.
  const candidates = [`SELECT vp.case_id FROM case_parties vp WHERE vp.user_id = :viewerId`, `SELECT va.case_id FROM case_agents va WHERE va.user_id = :viewerId`];
  if (user.roles.includes(GlobalRole.Mediator)) {
    candidates.push(
      `SELECT vc.id FROM cases vc WHERE vc.mediator_id = :viewerId`,
      `SELECT vo.case_id FROM assignment_offers vo WHERE vo.mediator_id = :viewerId AND vo.status = 'pending'`,
    );
  }
  return { where: `(c.id IN (${candidates.join(' UNION ALL ')}) AND (${conditions.join(' OR ')}))`, params };
}
