import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AvailableAction } from './lifecycle/case-lifecycle';
import { APPLICANT_SIDE, CaseRole, RESPONDENT_SIDE } from './lifecycle/case-roles';
import type { CaseAgent } from './entities/case-agent.entity';
import type { Case } from './entities/case.entity';
import type { CaseEventRecord } from './entities/case-event.entity';
import type { CaseParty } from './entities/case-party.entity';
import type { IpRight } from './entities/ip-right.entity';

export class PartyView {
  @ApiProperty() id: string;
  @ApiProperty() side: string;
  @ApiProperty() kind: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) idType: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked for the other side' }) idNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) address: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "An organisation's legal representative (法定代表人); null for a person" })
  legalRepresentative: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Domicile, a 6-digit administrative division code (docs/procedural-rules.md D16)' }) domicileRegion:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() hasAccount: boolean;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) consentOnline: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) consentEService: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: String }) eServiceBasis: string | null;
}

export class ClaimView {
  @ApiProperty({ enum: ['monetary', 'stop_infringement', 'delist', 'assign', 'licence', 'apology', 'other'] })
  kind: 'monetary' | 'stop_infringement' | 'delist' | 'assign' | 'licence' | 'apology' | 'other';
  @ApiPropertyOptional({ description: 'Monetary claims: a decimal string, e.g. "120000.00"' }) amount?: string;
  @ApiPropertyOptional({ description: 'ISO 4217' }) currency?: string;
  @ApiPropertyOptional() description?: string;
}

export class IpRightView {
  @ApiProperty() kind: string;
  @ApiPropertyOptional({ nullable: true, type: String }) number: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) owner: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) title: string | null;
}

export class CaseAgentView {
  @ApiProperty({ enum: ['applicant', 'respondent'] }) side: string;
  @ApiProperty() userId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lawFirm: string | null;
}

export class AvailableActionView {
  @ApiProperty({ description: 'The lifecycle event to fire (POST /cases/{id}/transitions, or its own endpoint)' }) event: string;
  @ApiProperty({ description: 'The status it leads to' }) to: string;
  @ApiProperty({
    enum: ['api', 'feature', 'timer'],
    description: 'api: fire it through POST /cases/{id}/transitions; feature: through the step’s own endpoint; timer: a deadline fires it',
  })
  trigger: string;
  @ApiProperty() summary: string;
  @ApiPropertyOptional({ description: 'Present when you could fire it but a precondition is not met yet' }) blockedBy?: string;
}

/**
 * A case as its reader may see it. Every change of a case answers it; when the change ended the
 * actor's access (declining an offer, recusing, withdrawing) only `id` is present.
 */
export class CaseView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'ACC-2026-000123' }) number: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'Send back as expectedVersion (or If-Match) when changing the case' }) version: number;
  @ApiProperty() source: string;
  @ApiPropertyOptional({ nullable: true, type: String }) referralType: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) referralNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) referringCourtId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) mediatorId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() disputeType: string;
  @ApiPropertyOptional({ nullable: true, type: String }) statement: string | null;
  @ApiProperty({ type: [ClaimView] }) claims: ClaimView[];
  @ApiProperty({ type: [IpRightView] }) ipRights: IpRightView[];
  @ApiProperty({ type: [PartyView] }) applicants: PartyView[];
  @ApiProperty({ type: [PartyView] }) respondents: PartyView[];
  @ApiProperty({ type: [CaseAgentView] }) agents: CaseAgentView[];
  @ApiProperty() preferredLanguage: string;
  @ApiProperty() foreignElement: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcomeReason: string | null;
  @ApiProperty() returnedToCourt: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ isArray: true, enum: CaseRole, description: 'What you are to this case' }) yourRoles: CaseRole[];
  @ApiProperty({ type: [AvailableActionView], description: 'What you can do now, from the lifecycle table' })
  availableActions: AvailableActionView[];
  @ApiPropertyOptional({ type: [String], description: 'For the applicant side while editable: what submission still needs' })
  missingForSubmission?: string[];
}

const mask = (value: string | null): string | null => (value && value.length > 4 ? `${'*'.repeat(value.length - 4)}${value.slice(-4)}` : value);

export function partyView(p: CaseParty, viewerRoles: readonly CaseRole[]): PartyView {
  const ownSide = p.side === 'applicant' ? APPLICANT_SIDE.some((r) => viewerRoles.includes(r)) : RESPONDENT_SIDE.some((r) => viewerRoles.includes(r));
  const staff = viewerRoles.some((r) => [CaseRole.Mediator, CaseRole.Intake, CaseRole.ReferringCourt, CaseRole.ConfirmingCourt].includes(r));
  return {
    id: p.id,
    side: p.side,
    kind: p.kind,
    name: p.name,
    idType: p.idType,
    idNumber: ownSide || staff ? p.idNumber : mask(p.idNumber),
    phone: p.phone,
    email: p.email,
    address: p.address,
    legalRepresentative: p.legalRepresentative,
    domicileRegion: p.domicileRegion,
    organisationId: p.organisationId,
    hasAccount: p.userId !== null,
    consentOnline: p.consentOnline,
    consentEService: p.consentEService,
    eServiceBasis: p.eServiceBasis,
  };
}

export function caseView(
  c: Case,
  parts: { parties: CaseParty[]; agents: CaseAgent[]; ipRights: IpRight[] },
  roles: CaseRole[],
  actions: AvailableAction[],
  missing?: string[],
): CaseView {
  const sorted = [...parts.parties].sort((a, b) => a.position - b.position);
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    version: c.version,
    source: c.source,
    referralType: c.referralType,
    referralNumber: c.referralNumber,
    referringCourtId: c.referringCourtId,
    mediatorId: c.mediatorId,
    title: c.title,
    disputeType: c.disputeType,
    statement: c.statement,
    claims: c.claims,
    ipRights: [...parts.ipRights]
      .sort((a, b) => a.position - b.position)
      .map((r) => ({ kind: r.kind, number: r.number, jurisdiction: r.jurisdiction, owner: r.owner, title: r.title })),
    applicants: sorted.filter((p) => p.side === 'applicant').map((p) => partyView(p, roles)),
    respondents: sorted.filter((p) => p.side === 'respondent').map((p) => partyView(p, roles)),
    agents: parts.agents.map((a) => ({ side: a.side, userId: a.userId, lawFirm: a.lawFirm })),
    preferredLanguage: c.preferredLanguage,
    foreignElement: c.foreignElement,
    outcome: c.outcome,
    outcomeReason: c.outcomeReason,
    returnedToCourt: c.returnedToCourt,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    yourRoles: roles,
    availableActions: actions,
    ...(missing ? { missingForSubmission: missing } : {}),
  };
}

export class CaseEventView {
  @ApiProperty() sequence: number;
  @ApiProperty() type: string;
  @ApiProperty() actorRole: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() hash: string;
  @ApiProperty() prevHash: string;

  static of(e: CaseEventRecord): CaseEventView {
    return {
      sequence: e.sequence,
      type: e.type,
      actorRole: e.actorRole,
      actorId: e.actorId,
      occurredAt: e.occurredAt.toISOString(),
      payload: e.payload,
      hash: e.hash,
      prevHash: e.prevHash,
    };
  }
}

export class NextDeadlineView {
  @ApiProperty() kind: string;
  @ApiProperty() dueAt: string;
}

export class CaseSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() status: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty() disputeType: string;
  @ApiProperty() source: string;
  @ApiPropertyOptional({ nullable: true, type: String }) referringCourtId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [String], description: 'Lifecycle events the caller may fire now that ask something of them (submit, resubmit, sign…)' })
  pendingActions: string[];
  @ApiProperty({ type: () => NextDeadlineView, nullable: true, description: "The case's earliest running deadline" })
  nextDeadline: NextDeadlineView | null;

  static of(c: Case, pendingActions: string[] = [], nextDeadline: NextDeadlineView | null = null): CaseSummaryView {
    return {
      id: c.id,
      number: c.number,
      status: c.status,
      version: c.version,
      title: c.title,
      disputeType: c.disputeType,
      source: c.source,
      referringCourtId: c.referringCourtId,
      outcome: c.outcome,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      pendingActions,
      nextDeadline,
    };
  }
}

/** Whether the case's hash chain, recomputed from the stored events, is intact. */
export class ChainVerificationView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Events in the chain' }) events: number;
  @ApiProperty({ nullable: true, type: String, description: 'Hash of the last event; null for an empty chain' }) lastHash: string | null;
  @ApiPropertyOptional({ description: 'When broken: the sequence of the first bad event' }) brokenAt?: number;
  @ApiPropertyOptional({ description: 'When broken: why, as a code' }) reason?: string;
  @ApiPropertyOptional({ description: 'When broken: what was found' }) detail?: string;
}
