import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Equals, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { RequestOrigin } from '../common/request-origin';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { CaseReader } from '../cases/case-reader.service';
import { CaseView } from '../cases/case.view';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, wholePage, type Page } from '../common/pagination';
import { AssignmentOffer } from './assignment-offer.entity';
import { AcceptOffer } from './actions/accept-offer.action';
import { DeclineOffer } from './actions/decline-offer.action';
import { NominateMediator } from './actions/nominate-mediator.action';
import { AssignManually } from './actions/assign-manually.action';
import { Recuse } from './actions/recuse.action';
import { Reassign } from './actions/reassign.action';
import { AssignmentReader } from './assignment-reader';
import { MediatorQueueView, NominationStateView, NominationView, UnassignedCaseView, WorkloadView } from './assignment.view';

export class AcceptOfferRequest {
  /** The conflict-of-interest disclosure (OMR 13): I have no conflict with any party, agent or their group. */
  @ApiProperty({ example: true })
  @IsBoolean()
  @Equals(true, { message: 'noConflict must be true to accept; a mediator with a conflict declines' })
  noConflict: boolean;

  @ApiPropertyOptional({ description: 'Anything the parties should know (past contacts that are not conflicts)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  statement?: string;
}

export class DeclineOfferRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ManualAssignmentRequest {
  @ApiProperty() @IsUUID() mediatorId: string;
  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
}

export class RecuseRequest {
  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
}

export class ReassignRequest {
  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
  /** Offer the case to this mediator; without it the matcher chooses. */
  @ApiPropertyOptional() @IsOptional() @IsUUID() mediatorId?: string;
}

export class NominationRequest {
  @ApiProperty() @IsUUID() mediatorId: string;
}

@ApiTags('assignment')
@ApiBearerAuth()
@Controller()
export class AssignmentController {
  constructor(
    private readonly acceptOffer: AcceptOffer,
    private readonly declineOffer: DeclineOffer,
    private readonly nomination: NominateMediator,
    private readonly manualAssignment: AssignManually,
    private readonly recusal: Recuse,
    private readonly reassignment: Reassign,
    private readonly assignmentReader: AssignmentReader,
    private readonly reader: CaseReader,
  ) {}

  /** The offered mediator accepts the case, with its disclosure. Answers the case view it produced, as every change of a case. */
  @Post('cases/:id/assignment/accept')
  @HttpCode(HttpStatus.OK)
  @Roles(GlobalRole.Mediator)
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async accept(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptOfferRequest, @Origin() origin: RequestOrigin): Promise<CaseView> {
    await this.acceptOffer.run(user, id, body, origin);
    return this.reader.viewAfterChange(user, id);
  }

  /** The offered mediator declines, with a reason; the next candidate is offered the case. */
  @Post('cases/:id/assignment/decline')
  @HttpCode(HttpStatus.OK)
  @Roles(GlobalRole.Mediator)
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async decline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineOfferRequest): Promise<CaseView> {
    await this.declineOffer.run(user, id, body.reason);
    return this.reader.viewAfterChange(user, id);
  }

  /** Where the joint nomination stands for my side, its deadline, and the mediators I may name. */
  @Get('cases/:id/assignment/nominations')
  @Roles(GlobalRole.Party)
  @ApiOkResponse({ type: NominationStateView })
  @ApiProblems(401, 403, 404)
  nominationState(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NominationStateView> {
    return this.assignmentReader.nominationState(user, id);
  }

  /** A party names the mediator it wants; when both sides name the same one in time, that mediator is offered the case. */
  @Post('cases/:id/assignment/nominations')
  @Roles(GlobalRole.Party)
  @ApiCreatedResponse({ type: NominationView })
  @ApiProblems(400, 401, 403, 404, 409)
  nominate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: NominationRequest): Promise<NominationView> {
    return this.nomination.run(user, id, body.mediatorId);
  }

  /** An administrator assigns by hand, with a reason (conflicts are never overridden). */
  @Post('cases/:id/assignment/manual')
  @HttpCode(HttpStatus.OK)
  @Roles(GlobalRole.Admin)
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async manual(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ManualAssignmentRequest): Promise<CaseView> {
    await this.manualAssignment.run(user, id, body.mediatorId, body.reason);
    return this.reader.viewAfterChange(user, id);
  }

  /** The assigned mediator recuses, with a reason; the case is assigned again (never to it). */
  @Post('cases/:id/assignment/recuse')
  @HttpCode(HttpStatus.OK)
  @Roles(GlobalRole.Mediator)
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async recuse(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecuseRequest): Promise<CaseView> {
    await this.recusal.run(user, id, body.reason);
    return this.reader.viewAfterChange(user, id);
  }

  /** An administrator takes the case from its mediator, with a reason, optionally naming the next. */
  @Post('cases/:id/assignment/reassign')
  @HttpCode(HttpStatus.OK)
  @Roles(GlobalRole.Admin)
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async reassign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReassignRequest): Promise<CaseView> {
    await this.reassignment.run(user, id, body.reason, body.mediatorId);
    return this.reader.viewAfterChange(user, id);
  }

  /** Every offer of the case with the matcher's explanation (administrators). */
  @Get('cases/:id/assignment/offers')
  @Roles(GlobalRole.Admin)
  @ApiPage(AssignmentOffer)
  @ApiProblems(401, 403, 404)
  async offers(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<AssignmentOffer>> {
    return wholePage(await this.assignmentReader.offersOf(user, id));
  }

  /** A mediator's work queue: open offers, then its cases by next deadline (overdue first). */
  @Get('assignment/queue')
  @Roles(GlobalRole.Mediator)
  @ApiOkResponse({ type: MediatorQueueView })
  @ApiProblems(401, 403)
  queue(@CurrentUser() user: AuthUser): Promise<MediatorQueueView> {
    return this.assignmentReader.queueOf(user);
  }

  /** Cases waiting for an administrator: flagged, or with no offer out. */
  @Get('admin/assignment/unassigned')
  @Roles(GlobalRole.Admin)
  @ApiPage(UnassignedCaseView)
  @ApiProblems(401, 403)
  async unassigned(): Promise<Page<UnassignedCaseView>> {
    return wholePage(await this.assignmentReader.unassigned());
  }

  /** Each mediator's load against its capacity. */
  @Get('admin/assignment/workload')
  @Roles(GlobalRole.Admin)
  @ApiPage(WorkloadView)
  @ApiProblems(401, 403)
  async workload(): Promise<Page<WorkloadView>> {
    return wholePage(await this.assignmentReader.workload());
  }
}
