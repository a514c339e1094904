import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, wholePage, type Page } from '../common/pagination';
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
  @ApiPage(DeadlineView)
  @ApiProblems(400, 401, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<DeadlineView>> {
    await this.access.require(user, id, CaseAction.ViewTimeline);
    return wholePage((await this.deadlines.listForCase(id)).map(DeadlineView.of));
  }
}
