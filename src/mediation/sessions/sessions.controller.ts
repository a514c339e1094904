import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser, Origin } from '../../auth/decorators';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { Idempotency } from '../../common/idempotency/idempotency.service';
import { ApiPage, wholePage, type Page } from '../../common/pagination';
import {
  CancelSessionRequest,
  ConfirmRecordRequest,
  MarkAbsentRequest,
  RescheduleSessionRequest,
  ScheduleSessionRequest,
  SessionView,
  WarningView,
  WriteRecordRequest,
} from './session.dto';
import { SessionReader } from './session-reader';
import type { RequestOrigin } from '../../common/request-origin';
import { ScheduleSession } from './actions/schedule-session.action';
import { RescheduleSession } from './actions/reschedule-session.action';
import { CancelSession } from './actions/cancel-session.action';
import { StartSession } from './actions/start-session.action';
import { JoinSession } from './actions/join-session.action';
import { MarkAbsent } from './actions/mark-absent.action';
import { EndSession } from './actions/end-session.action';
import { WriteRecord } from './actions/write-record.action';
import { ConfirmRecord } from './actions/confirm-record.action';
import { AcknowledgeWarning } from './actions/acknowledge-warning.action';

/** Sessions of the mediation room; confidential to the participants (the court and administrators get 403). */
@ApiTags('mediation room')
@ApiBearerAuth()
@Controller('cases/:id/mediation')
export class SessionsController {
  constructor(
    private readonly scheduleSession: ScheduleSession,
    private readonly rescheduleSession: RescheduleSession,
    private readonly cancelSession: CancelSession,
    private readonly startSession: StartSession,
    private readonly joinSession: JoinSession,
    private readonly absence: MarkAbsent,
    private readonly endSession: EndSession,
    private readonly recordWriter: WriteRecord,
    private readonly recordConfirmer: ConfirmRecord,
    private readonly acknowledgeWarning: AcknowledgeWarning,
    private readonly reader: SessionReader,
    private readonly idempotency: Idempotency,
  ) {}

  /** The mediator schedules a joint session or a caucus with one side; the participants are invited and reminded. */
  @Post('sessions')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 422, 423)
  schedule(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScheduleSessionRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<SessionView> {
    return this.scheduleSession.run(user, id, body, this.idempotency.request(user.id, key, 'POST', req.path, body));
  }

  /** Every joint session, and the caucuses of your side (the mediator: all). */
  @Get('sessions')
  @ApiPage(SessionView)
  @ApiProblems(400, 401, 403, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<SessionView>> {
    return wholePage(await this.reader.list(user, id));
  }

  @Get('sessions/:sessionId')
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<SessionView> {
    return this.reader.get(user, id, sessionId);
  }

  /** Move a scheduled session; the participants are told. */
  @Post('sessions/:sessionId/reschedule')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  reschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: RescheduleSessionRequest,
  ): Promise<SessionView> {
    return this.rescheduleSession.run(user, id, sessionId, body);
  }

  @Post('sessions/:sessionId/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: CancelSessionRequest,
  ): Promise<SessionView> {
    return this.cancelSession.run(user, id, sessionId, body.reason);
  }

  /** Open the session: refused (409, naming who lacks what) until every party and agent taking part is verified and has acknowledged the warning. */
  @Post('sessions/:sessionId/start')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Origin() origin: RequestOrigin,
  ): Promise<SessionView> {
    return this.startSession.run(user, id, sessionId, origin);
  }

  /** Enter the running session: who, when and from which address is recorded. */
  @Post('sessions/:sessionId/join')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  join(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Origin() origin: RequestOrigin,
  ): Promise<SessionView> {
    return this.joinSession.run(user, id, sessionId, origin);
  }

  /** The mediator records that a participant did not come. */
  @Post('sessions/:sessionId/absences')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  markAbsent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: MarkAbsentRequest,
  ): Promise<SessionView> {
    return this.absence.run(user, id, sessionId, body.userId);
  }

  @Post('sessions/:sessionId/end')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  end(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<SessionView> {
    return this.endSession.run(user, id, sessionId);
  }

  /** The mediator writes (or rewrites, as a new revision) the record of an ended session. */
  @Put('sessions/:sessionId/record')
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  writeRecord(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: WriteRecordRequest,
  ): Promise<SessionView> {
    return this.recordWriter.run(user, id, sessionId, body.text);
  }

  /** Confirm online the revision you read (docs/procedural-rules.md B11); the last confirmation freezes the record as a confidential PDF. */
  @Post('sessions/:sessionId/record/confirmations')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  confirmRecord(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: ConfirmRecordRequest,
    @Origin() origin: RequestOrigin,
  ): Promise<SessionView> {
    return this.recordConfirmer.run(user, id, sessionId, body.revision, origin);
  }

  /** The warning on sham mediation (虚假调解, docs/procedural-rules.md A6), in zh-CN and en, and whether you acknowledged it for this case. */
  @Get('sham-mediation-warning')
  @ApiOkResponse({ type: WarningView })
  @ApiProblems(400, 401, 404)
  warning(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<WarningView> {
    return this.reader.warning(user, id);
  }

  /** A party or agent acknowledges the warning for this case (needed before any session starts). */
  @Post('sham-mediation-warning/acknowledgement')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: WarningView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<WarningView> {
    return this.acknowledgeWarning.run(user, id, origin);
  }
}
