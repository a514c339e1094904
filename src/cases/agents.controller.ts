import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsEmail, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { DataSource } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import { CaseDocument, DocumentKind } from '../documents/document.entity';
import { User } from '../users/user.entity';
import { CaseEventLog } from './case-event-log.service';
import { CaseReader } from './case-reader.service';
import { CaseView } from './case.view';
import { CaseAgent } from './entities/case-agent.entity';
import { CaseParty, PartySide } from './entities/case-party.entity';
import { formerMediatorRefusal } from './later-roles';
import { CaseRole } from './lifecycle/case-roles';
import { CaseStatus } from './lifecycle/case-states';

export class AuthoriseAgentRequest {
  /** The agent's account (a party account: lawyers register like parties); or give `agentEmail`. */
  @ApiPropertyOptional({ description: 'The agent’s account (a party account: lawyers register like parties); or give agentEmail' })
  @ValidateIf((o: AuthoriseAgentRequest) => o.agentEmail === undefined)
  @IsUUID()
  agentUserId?: string;

  /** The e-mail the agent signs in with, instead of `agentUserId`. */
  @ApiPropertyOptional({ description: 'The e-mail the agent signs in with, instead of agentUserId' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  agentEmail?: string;

  /** The power of attorney, uploaded to the case first as kind=power_of_attorney. */
  @ApiProperty()
  @IsUUID()
  powerOfAttorneyDocumentId: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  lawFirm?: string;
}

/** An agent of a party in a case, as the case's readers see it. */
export class AgentView {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['applicant', 'respondent'] }) side: string;
  @ApiProperty({ nullable: true, type: String }) lawFirm: string | null;
  @ApiProperty({ nullable: true, type: String }) powerOfAttorneyDocumentId: string | null;
  @ApiProperty({ format: 'date-time' }) appointedAt: string;
  /** The reader's own side appointed this agent, so the reader may remove it. */
  @ApiProperty({ description: "The reader's own side appointed this agent, so the reader may remove it" }) removable: boolean;
}

export class AgentListView {
  @ApiProperty({ type: [AgentView] }) items: AgentView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A party authorises a lawyer or other agent for this case (Interp. 351). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id/agents')
export class AgentsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly reader: CaseReader,
  ) {}

  /** The agents of every party in the case, oldest first. */
  @Get()
  @ApiOkResponse({ type: AgentListView })
  @ApiProblems(401, 403, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) caseId: string): Promise<AgentListView> {
    await this.access.load(user, caseId);
    const mine = await this.db.getRepository(CaseParty).find({ where: { caseId, userId: user.id } });
    const rows = (await this.db.query(
      `SELECT a.user_id, u.display_name, a.side, a.law_firm, a.power_of_attorney_document_id, a.created_at, a.party_id
         FROM case_agents a JOIN users u ON u.id = a.user_id WHERE a.case_id = $1 ORDER BY a.created_at, a.id`,
      [caseId],
    )) as { user_id: string; display_name: string; side: string; law_firm: string | null; power_of_attorney_document_id: string | null; created_at: Date; party_id: string }[];
    return {
      items: rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        side: r.side,
        lawFirm: r.law_firm,
        powerOfAttorneyDocumentId: r.power_of_attorney_document_id,
        appointedAt: r.created_at.toISOString(),
        removable: mine.some((p) => p.id === r.party_id),
      })),
      nextCursor: null,
    };
  }

  /** A party ends its own agent's authority in this case. Answers the case view. */
  @Delete(':agentUserId')
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(401, 403, 404, 409)
  async revoke(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) caseId: string, @Param('agentUserId', ParseUUIDPipe) agentUserId: string): Promise<CaseView> {
    const { roles, case: c } = await this.access.require(user, caseId, CaseAction.ManageAgents);
    const side = roles.includes(CaseRole.Applicant) ? PartySide.Applicant : PartySide.Respondent;
    if ([CaseStatus.Closed, CaseStatus.Archived].includes(c.status)) throw new ConflictProblem(`The case is ${c.status}`);
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const party = await tx.findOneOrFail(CaseParty, { where: { caseId, side, userId: user.id } });
      const agent = await tx.findOne(CaseAgent, { where: { caseId, partyId: party.id, userId: agentUserId } });
      if (!agent) throw new NotFoundProblem('No such agent of yours in this case');
      await tx.delete(CaseAgent, { id: agent.id });
      await this.events.append(tx, caseId, c.hashAlgorithm as 'sha256', {
        type: 'agent_revoked',
        actorId: user.id,
        actorRole: side === PartySide.Applicant ? CaseRole.Applicant : CaseRole.Respondent,
        payload: { agentUserId, partyId: party.id, side },
      });
    });
    return this.reader.view(user, caseId);
  }

  /** Answers the case view, its agents now including this one. */
  @Post()
  @ApiCreatedResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async authorise(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) caseId: string, @Body() body: AuthoriseAgentRequest): Promise<CaseView> {
    const { roles, case: c } = await this.access.require(user, caseId, CaseAction.ManageAgents);
    const side = roles.includes(CaseRole.Applicant) ? PartySide.Applicant : PartySide.Respondent;
    if ([CaseStatus.Closed, CaseStatus.Archived].includes(c.status)) throw new ConflictProblem(`The case is ${c.status}`);
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const byEmail = body.agentEmail !== undefined;
      const agent = await tx.findOne(User, { where: byEmail ? { email: body.agentEmail!.trim().toLowerCase() } : { id: body.agentUserId } });
      if (!agent || !agent.roles.includes(GlobalRole.Party)) {
        const field = byEmail ? 'agentEmail' : 'agentUserId';
        throw new ValidationProblem([{ field, rule: 'isPartyAccount', message: `${field} must be an existing party account` }]);
      }
      // A5: whoever mediated this dispute, now or before, may not act in it as an agent.
      const mediators = (await tx.query(`SELECT mediator_id FROM cases WHERE id = $1 UNION SELECT mediator_id FROM assignment_offers WHERE case_id = $1 AND status = 'accepted'`, [
        caseId,
      ])) as { mediator_id: string | null }[];
      const formerMediator = formerMediatorRefusal(
        agent.id,
        mediators.map((m) => m.mediator_id),
        byEmail ? 'agentEmail' : 'agentUserId',
      );
      if (formerMediator) throw new ValidationProblem([formerMediator]);
      const poa = await tx.findOne(CaseDocument, { where: { id: body.powerOfAttorneyDocumentId, caseId, kind: DocumentKind.PowerOfAttorney } });
      if (!poa) {
        throw new ValidationProblem([
          { field: 'powerOfAttorneyDocumentId', rule: 'isPowerOfAttorney', message: 'powerOfAttorneyDocumentId must be a power_of_attorney document of this case' },
        ]);
      }
      const party = await tx.findOneOrFail(CaseParty, { where: { caseId, side, userId: user.id } });
      const existing = await tx.findOne(CaseAgent, { where: { caseId, partyId: party.id, userId: agent.id } });
      if (existing) throw new ConflictProblem('This agent is already authorised for you in this case');
      await tx.insert(CaseAgent, { caseId, partyId: party.id, side, userId: agent.id, lawFirm: body.lawFirm ?? null, powerOfAttorneyDocumentId: poa.id });
      await this.events.append(tx, caseId, c.hashAlgorithm as 'sha256', {
        type: 'agent_authorised',
        actorId: user.id,
        actorRole: side === PartySide.Applicant ? CaseRole.Applicant : CaseRole.Respondent,
        payload: { agentUserId: agent.id, partyId: party.id, side, powerOfAttorneyDocumentId: poa.id, powerOfAttorneySha256: poa.sha256 },
      });
    });
    return this.reader.view(user, caseId);
  }
}
