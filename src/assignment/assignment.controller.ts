import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Equals, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { RequestOrigin } from '../audit/security-audit.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { AssignmentService } from './assignment.service';

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
  constructor(private readonly assignment: AssignmentService) {}

  /** The offered mediator accepts the case, with its disclosure. */
  @Post('cases/:id/assignment/accept')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles(GlobalRole.Mediator)
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  async accept(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptOfferRequest, @Origin() origin: RequestOrigin): Promise<void> {
    await this.assignment.accept(user, id, body, origin);
  }

  /** The offered mediator declines, with a reason; the next candidate is offered the case. */
  @Post('cases/:id/assignment/decline')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles(GlobalRole.Mediator)
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  async decline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineOfferRequest): Promise<void> {
    await this.assignment.decline(user, id, body.reason);
  }

  /** A party names the mediator it wants; when both sides name the same one in time, that mediator is offered the case. */
  @Post('cases/:id/assignment/nominations')
  @Roles(GlobalRole.Party)
  @ApiOkResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  nominate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: NominationRequest) {
    return this.assignment.nominate(user, id, body.mediatorId);
  }

  /** An administrator assigns by hand, with a reason (conflicts are never overridden). */
  @Post('cases/:id/assignment/manual')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles(GlobalRole.Admin)
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  async manual(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ManualAssignmentRequest): Promise<void> {
    await this.assignment.assignManually(user, id, body.mediatorId, body.reason);
  }

  /** The assigned mediator recuses, with a reason; the case is assigned again (never to it). */
  @Post('cases/:id/assignment/recuse')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles(GlobalRole.Mediator)
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  async recuse(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecuseRequest): Promise<void> {
    await this.assignment.recuse(user, id, body.reason);
  }

  /** An administrator takes the case from its mediator, with a reason, optionally naming the next. */
  @Post('cases/:id/assignment/reassign')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles(GlobalRole.Admin)
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  async reassign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReassignRequest): Promise<void> {
    await this.assignment.reassign(user, id, body.reason, body.mediatorId);
  }

  /** Every offer of the case with the matcher's explanation (administrators). */
  @Get('cases/:id/assignment/offers')
  @Roles(GlobalRole.Admin)
  @ApiOkResponse()
  @ApiProblems(401, 403, 404)
  offers(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.assignment.offersOf(user, id);
  }

  /** A mediator's work queue: open offers, then its cases by next deadline (overdue first). */
  @Get('assignment/queue')
  @Roles(GlobalRole.Mediator)
  @ApiOkResponse()
  @ApiProblems(401, 403)
  queue(@CurrentUser() user: AuthUser) {
    return this.assignment.queueOf(user);
  }

  /** Cases waiting for an administrator: flagged, or with no offer out. */
  @Get('admin/assignment/unassigned')
  @Roles(GlobalRole.Admin)
  @ApiOkResponse()
  @ApiProblems(401, 403)
  unassigned() {
    return this.assignment.unassigned();
  }

  /** Each mediator's load against its capacity. */
  @Get('admin/assignment/workload')
  @Roles(GlobalRole.Admin)
  @ApiOkResponse()
  @ApiProblems(401, 403)
  workload() {
    return this.assignment.workload();
  }
}
