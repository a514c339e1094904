import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, wholePage, type Page } from '../common/pagination';
import { SwitchStepOffline } from './actions/switch-step-offline.action';
import { OfflineStepView, SwitchStepOfflineRequest } from './offline-steps.dto';
import { OfflineSteps } from '../cases/offline-steps.service';

@ApiTags('offline handling')
@ApiBearerAuth()
@Controller('cases/:id/offline-steps')
export class OfflineHandlingController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly steps: OfflineSteps,
    private readonly switchOffline: SwitchStepOffline,
  ) {}

  /** The steps of the case switched to offline handling, oldest first, with who and why (docs/procedural-rules.md A1). */
  @Get()
  @ApiPage(OfflineStepView)
  @ApiProblems(400, 401, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<OfflineStepView>> {
    await this.access.require(user, id, CaseAction.View);
    return wholePage((await this.steps.list(this.db.manager, id)).map(OfflineStepView.of));
  }

  /** The mediator, the court or an administrator switches a step to offline handling, with the reason (OLR 5). */
  @Post()
  @ApiCreatedResponse({ type: OfflineStepView })
  @ApiProblems(400, 401, 403, 404)
  async switch(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: SwitchStepOfflineRequest): Promise<OfflineStepView> {
    return OfflineStepView.of(await this.switchOffline.run(user, id, body));
  }
}
