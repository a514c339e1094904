import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Sse, UseGuards, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiEventStream, liveStream } from '../common/live-stream';
import { ApiPage, PageQuery, type Page } from '../common/pagination';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationPush } from './notification-push.service';
import { NotificationView, StreamTicketView, UnreadCountView } from './notification.view';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamTickets } from './stream-tickets.service';

export class InboxQuery extends PageQuery {
  /** Only notifications not read yet. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly push: NotificationPush,
    private readonly tickets: StreamTickets,
  ) {}

  /** Your notifications, newest first, cursor-paginated, in your language. */
  @Get()
  @ApiPage(NotificationView)
  @ApiProblems(400, 401)
  list(@CurrentUser() user: AuthUser, @Query() query: InboxQuery): Promise<Page<NotificationView>> {
    return this.inbox.list(user.id, query);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountView })
  @ApiProblems(401)
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountView> {
    return { unread: await this.inbox.unreadCount(user.id) };
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: NotificationView })
  @ApiProblems(400, 401, 404)
  markRead(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationView> {
    return this.inbox.markRead(user.id, id);
  }

  /**
   * A one-time ticket to open the stream from a browser: `new EventSource('/api/v1/notifications/stream?ticket=…')`.
   * EventSource cannot send the bearer header; the ticket works once, within a minute.
   */
  @Post('stream-tickets')
  @ApiOkResponse({ type: StreamTicketView })
  @ApiProblems(401)
  issueTicket(@CurrentUser() user: AuthUser): Promise<StreamTicketView> {
    return this.tickets.issue(user);
  }

  /**
   * Server-sent events: `ready` (with the unread count) once listening, then `notification` for
   * each new notification, from whichever worker delivered it; `heartbeat` every 25 s.
   * Authenticate with `?ticket=` or a bearer header.
   */
  @Public()
  @UseGuards(StreamAuthGuard)
  @Sse('stream')
  @ApiEventStream('`ready` ({ unread }), then `notification` (a NotificationView) for each new one, `heartbeat` every 25 s')
  @ApiQuery({ name: 'ticket', required: false })
  @ApiProblems(401)
  stream(@CurrentUser() user: AuthUser): Observable<MessageEvent> {
    return liveStream(
      (emit) => this.push.listen(user.id, (n) => emit({ type: 'notification', id: n.id, data: n })),
      async () => ({ unread: await this.inbox.unreadCount(user.id) }),
    );
  }
}
