import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DeadlineView } from './deadline.view';
import { Deadlines } from './deadlines.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class DeadlinesController {
  constructor(
    private readonly access: CaseAccess,
    private readonly deadlines: Deadlines,
  ) {}

  /** The case's deadlines, running and past, for anyone who may see its timeline. */
  @Get(':id/deadlines')
  @ApiOkResponse({ type: [DeadlineView] })
  @ApiProblems(400, 401, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DeadlineView[]> {
    await this.access.require(user, id, CaseAction.ViewTimeline);
    return (await this.deadlines.listForCase(id)).map(DeadlineView.of);
  }
}
