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
  /** Mediation content: messages, caucuses, offers (RULES.md B10). */
  ViewConfidential = 'view_confidential',
}

const COURT_ROLES = [CaseRole.ReferringCourt, CaseRole.ConfirmingCourt, CaseRole.ConfirmingJudge];
const PARTY_ROLES = [...APPLICANT_SIDE, ...RESPONDENT_SIDE];
const isCourtStaff = (user: AuthUser): boolean => user.roles.includes(GlobalRole.CourtClerk) || user.roles.includes(GlobalRole.Judge);
const memberOf = (user: AuthUser, organisationId: string | null): boolean =>
  organisationId !== null && user.memberships.some((m) => m.organisationId === organisationId);

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
      // Never the court, never an administrator as such (DESIGN.md §5).
      return has(...PARTY_ROLES, CaseRole.Mediator);
  }
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
      return has(CaseRole.Mediator) || (doc.side === 'applicant' ? applicantSide : respondentSide);
    case DocumentVisibility.AllParties:
      return applicantSide || respondentSide || has(CaseRole.Mediator) || (has(CaseRole.Intake) && FILING_MATERIALS.includes(doc.kind));
    case DocumentVisibility.Court:
      return applicantSide || respondentSide || has(CaseRole.Mediator, ...COURT_ROLES) || (has(CaseRole.Intake) && FILING_MATERIALS.includes(doc.kind));
  }
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
  const candidates = [
    `SELECT vp.case_id FROM case_parties vp WHERE vp.user_id = :viewerId`,
    `SELECT va.case_id FROM case_agents va WHERE va.user_id = :viewerId`,
  ];
  if (user.roles.includes(GlobalRole.Mediator)) {
    candidates.push(
      `SELECT vc.id FROM cases vc WHERE vc.mediator_id = :viewerId`,
      `SELECT vo.case_id FROM assignment_offers vo WHERE vo.mediator_id = :viewerId AND vo.status = 'pending'`,
    );
  }
  return { where: `(c.id IN (${candidates.join(' UNION ALL ')}) AND (${conditions.join(' OR ')}))`, params };
}
