import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, PageQuery, wholePage, type Page } from '../common/pagination';
import { NotificationInbox } from './notification-inbox.service';
import { DeliveryView, FailedDeliveryView } from './notification.view';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(GlobalRole.Admin)
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly inbox: NotificationInbox) {}

  /** Deliveries that failed for good (refused by the server or out of retries), newest first. */
  @Get('failed-deliveries')
  @ApiPage(FailedDeliveryView)
  @ApiProblems(400, 401, 403)
  failed(@Query() query: PageQuery): Promise<Page<FailedDeliveryView>> {
    return this.inbox.failedDeliveries(query);
  }

  /** Every attempt to deliver one notification, on every channel. */
  @Get(':id/deliveries')
  @ApiPage(DeliveryView)
  @ApiProblems(400, 401, 403, 404)
  async deliveries(@Param('id', ParseUUIDPipe) id: string): Promise<Page<DeliveryView>> {
    return wholePage(await this.inbox.deliveries(id));
  }
}
