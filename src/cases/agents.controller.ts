import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ConflictProblem, ForbiddenProblem, ValidationProblem } from '../common/errors/problem';
import { CaseDocument, DocumentKind } from '../documents/document.entity';
import { User } from '../users/user.entity';
import { CaseEventLog } from './case-event-log.service';
import { CaseReader } from './case-reader.service';
import { CaseView } from './case.view';
import { CaseAgent } from './entities/case-agent.entity';
import { CaseParty, PartySide } from './entities/case-party.entity';
import { CaseRole } from './lifecycle/case-roles';
import { CaseStatus } from './lifecycle/case-states';

export class AuthoriseAgentRequest {
  /** The agent's account (a party account: lawyers register like parties). */
  @ApiProperty()
  @IsUUID()
  agentUserId: string;

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

  /** Answers the case view, its agents now including this one. */
  @Post()
  @ApiCreatedResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async authorise(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) caseId: string, @Body() body: AuthoriseAgentRequest): Promise<CaseView> {
    const { roles, case: c } = await this.access.load(user, caseId);
    const side = roles.includes(CaseRole.Applicant) ? PartySide.Applicant : roles.includes(CaseRole.Respondent) ? PartySide.Respondent : null;
    if (!side) throw new ForbiddenProblem('Only a party can authorise an agent for itself');
    if ([CaseStatus.Closed, CaseStatus.Archived].includes(c.status)) throw new ConflictProblem(`The case is ${c.status}`);
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const agent = await tx.findOne(User, { where: { id: body.agentUserId } });
      if (!agent || !agent.roles.includes(GlobalRole.Party)) {
        throw new ValidationProblem([{ field: 'agentUserId', rule: 'isPartyAccount', message: 'agentUserId must be an existing party account' }]);
      }
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
