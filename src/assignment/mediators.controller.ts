import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ForbiddenProblem } from '../common/errors/problem';
import { AvailabilityInput, MediatorProfileInput, OutcomeCountsView } from './mediator-profile.dto';
import { MediatorDirectory } from './mediator-directory.service';
import { MediatorProfileRecord } from './mediator-profile.entity';

@ApiTags('mediators')
@ApiBearerAuth()
@ApiExtraModels(OutcomeCountsView)
@Controller('mediators')
export class MediatorsController {
  constructor(private readonly directory: MediatorDirectory) {}

  /** Create or replace a mediator's profile (expertise, languages, capacity, declared relationships). */
  @Put(':userId/profile')
  @Roles(GlobalRole.Admin)
  @ApiOkResponse({ type: MediatorProfileRecord })
  @ApiProblems(400, 401, 403, 404)
  put(@Param('userId', ParseUUIDPipe) userId: string, @Body() body: MediatorProfileInput): Promise<MediatorProfileRecord> {
    return this.directory.put(userId, body);
  }

  /** A profile: administrators see any, a mediator its own. */
  @Get(':userId/profile')
  @ApiOkResponse({ type: MediatorProfileRecord })
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('userId', ParseUUIDPipe) userId: string): Promise<MediatorProfileRecord> {
    if (user.id !== userId && !user.roles.includes(GlobalRole.Admin)) throw new ForbiddenProblem('Only administrators see other mediators’ profiles');
    return this.directory.get(userId);
  }

  /** A mediator marks itself available, or on leave until a date. */
  @Put('me/availability')
  @Roles(GlobalRole.Mediator)
  @ApiOkResponse({ type: MediatorProfileRecord })
  @ApiProblems(400, 401, 403, 404)
  availability(@CurrentUser() user: AuthUser, @Body() body: AvailabilityInput): Promise<MediatorProfileRecord> {
    return this.directory.setAvailability(user.id, body);
  }
}
