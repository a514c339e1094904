import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Sse, UseGuards, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser, Public } from '../../auth/decorators';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { Idempotency } from '../../common/idempotency/idempotency.service';
import { ApiEventStream, liveStream } from '../../common/live-stream';
import { ApiPage, PageQuery, wholePage, type Page } from '../../common/pagination';
import { StreamAuthGuard } from '../../notifications/stream-auth.guard';
import { ChannelView, MarkReadRequest, MessageView, parseChannel, PostMessageRequest } from './message.dto';
import { MediationMessages } from './messages.service';
import { MediationPush } from './mediation-push.service';

@ApiTags('mediation room')
@ApiBearerAuth()
@Controller('cases/:id/mediation')
export class MessagesController {
  constructor(
    private readonly messages: MediationMessages,
    private readonly push: MediationPush,
    private readonly access: CaseAccess,
    private readonly idempotency: Idempotency,
  ) {}

  /** The channels you are in (the joint channel; your side's caucus; the mediator: both caucuses), with unread counts. */
  @Get('channels')
  @ApiPage(ChannelView)
  @ApiProblems(400, 401, 403, 404)
  async channels(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<ChannelView>> {
    return wholePage(await this.messages.channels(user, id));
  }

  /** A channel's messages, newest first; pass `nextCursor` as `cursor` for older ones. */
  @Get('channels/:channel/messages')
  @ApiPage(MessageView)
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('channel') channel: string, @Query() query: PageQuery): Promise<Page<MessageView>> {
    return this.messages.list(user, id, parseChannel(channel), query);
  }

  /** Post to a channel you are in, optionally attaching case documents everyone in it can open. */
  @Post('channels/:channel/messages')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: MessageView })
  @ApiProblems(400, 401, 403, 404, 409, 422, 423)
  post(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('channel') channel: string,
    @Body() body: PostMessageRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<MessageView> {
    return this.messages.post(user, id, parseChannel(channel), body, this.idempotency.request(user.id, key, 'POST', req.path, body));
  }

  @Post('channels/:channel/read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ChannelView })
  @ApiProblems(400, 401, 403, 404)
  markRead(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('channel') channel: string, @Body() body: MarkReadRequest): Promise<ChannelView> {
    return this.messages.markRead(user, id, parseChannel(channel), body.upToSeq);
  }

  /**
   * Server-sent events of this case's room: `ready`, then `message` for each message posted in a
   * channel you are in, from whichever API instance took it, and `sessions` ({ sessionId }) when a
   * session you take part in is scheduled, moved, cancelled, started, ended or its record written
   * or confirmed; `heartbeat` every 25 s. Open it with
   * `?ticket=` (POST /notifications/stream-tickets) from a browser, or a bearer header.
   */
  @Public()
  @UseGuards(StreamAuthGuard)
  @Sse('stream')
  @ApiEventStream(
    '`ready` ({ channels }), then `message` (a MessageView) for each message in your channels, `sessions` ({ sessionId }) when a session you take part in changes, `heartbeat` every 25 s',
  )
  @ApiQuery({ name: 'ticket', required: false })
  @ApiProblems(401, 403, 404)
  async stream(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Observable<MessageEvent>> {
    await this.access.require(user, id, CaseAction.ViewConfidential);
    return liveStream(
      // Everyone gets only their own channel's events; this stream keeps those of this case.
      (emit) =>
        this.push.listen(user.id, (e) => {
          if (e.caseId !== id) return;
          emit(e.type === 'message' ? { type: e.type, id: e.data.id, data: e.data } : { type: e.type, data: e.data });
        }),
      async () => ({ channels: await this.messages.channels(user, id) }),
    );
  }
}
