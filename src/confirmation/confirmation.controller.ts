import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { CaseReader } from '../cases/case-reader.service';
import { CaseView } from '../cases/case.view';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { Idempotency } from '../common/idempotency/idempotency.service';
import { ApiPage, wholePage, type Page } from '../common/pagination';
import { DocumentView } from '../documents/document.dto';
import { Clock } from '../infrastructure/clock/clock';
import { AttestationService } from './attestation.service';
import {
  ApplicationView,
  CourtOptionsQuery,
  CourtOptionView,
  ExtensionRequest,
  OptionalReasonRequest,
  QueueEntryView,
  QueueQuery,
  ReasonRequest,
  RejectionRequest,
  RulingPreviewRequest,
  StartApplicationRequest,
  SupplementAnswer,
  SupplementRequestBody,
} from './confirmation.dto';
import { ApplyForConfirmation } from './actions/apply-for-confirmation.action';
import { CloseUnconfirmed } from './actions/close-unconfirmed.action';
import { ConsentToApplication } from './actions/consent-to-application.action';
import { ResumeMediationAfterRejection } from './actions/resume-mediation.action';
import { SupplementApplication } from './actions/supplement-application.action';
import { WithdrawApplication } from './actions/withdraw-application.action';
import { ConfirmationReader } from './confirmation-reader';
import type { RequestOrigin } from '../common/request-origin';
import { DocketApplication } from './actions/docket-application.action';
import { DeclineApplication } from './actions/decline-application.action';
import { RequestSupplement } from './actions/request-supplement.action';
import { ExtendDecisionPeriod } from './actions/extend-decision-period.action';
import { RuleOnApplication } from './actions/rule-on-application.action';
import { PreviewRuling } from './actions/preview-ruling.action';
import { CourtQueueReader } from './court-queue.reader';

/** The parties' side of judicial confirmation (docs/procedural-rules.md D15-D19, D21), and the attestation for enforcement abroad (H33). */
@ApiTags('judicial confirmation')
@ApiBearerAuth()
@Controller()
export class ConfirmationController {
  constructor(
    private readonly confirmations: ConfirmationReader,
    private readonly applyForConfirmation: ApplyForConfirmation,
    private readonly consentToApplication: ConsentToApplication,
    private readonly withdrawApplication: WithdrawApplication,
    private readonly supplementApplication: SupplementApplication,
    private readonly resumeMediationAfterRejection: ResumeMediationAfterRejection,
    private readonly closeUnconfirmedCase: CloseUnconfirmed,
    private readonly attestation: AttestationService,
    private readonly reader: CaseReader,
    private readonly idempotency: Idempotency,
  ) {}

  /** The courts a joint application may name, each with why (docs/procedural-rules.md D16). */
  @Get('cases/:id/confirmation/court-options')
  @ApiPage(CourtOptionView)
  @ApiProblems(400, 401, 404)
  async courtOptions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: CourtOptionsQuery): Promise<Page<CourtOptionView>> {
    return wholePage((await this.confirmations.courtOptions(user, id, query.subjectMatterRegion)).map(CourtOptionView.of));
  }

  /**
   * A party starts the joint application (its own consent included). Refused with
   * `urn:accord:problem:confirmation-refused` and `refusals[].code` (`confirms_ownership`,
   * `window_passed`, `not_effective`) when it may not be made.
   */
  @Post('cases/:id/confirmation-applications')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StartApplicationRequest,
    @Origin() origin: RequestOrigin,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApplicationView> {
    const appId = await this.applyForConfirmation.run(user, id, body, origin, this.idempotency.request(user.id, key, 'POST', req.path, body));
    res.setHeader('Location', `/api/v1/confirmation-applications/${appId}`);
    return ApplicationView.of(await this.confirmations.get(user, appId));
  }

  @Get('cases/:id/confirmation-applications')
  @ApiPage(ApplicationView)
  @ApiProblems(400, 401, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<ApplicationView>> {
    return wholePage((await this.confirmations.list(user, id)).map(ApplicationView.of));
  }

  @Get('confirmation-applications/:id')
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationView> {
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** A party (or its agent) consents online; the last consent lodges the application with the court. */
  @Post('confirmation-applications/:id/consents')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async consent(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<ApplicationView> {
    await this.consentToApplication.run(user, id, origin);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** A party withdraws the application before the ruling (Interp. 357). */
  @Post('confirmation-applications/:id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonRequest): Promise<ApplicationView> {
    await this.withdrawApplication.run(user, id, body);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** A party supplies the material the court asked for (documents uploaded as `supplement_material`). */
  @Post('confirmation-applications/:id/supplement-requests/:requestId/supplement')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async supplement(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() body: SupplementAnswer,
  ): Promise<ApplicationView> {
    await this.supplementApplication.run(user, id, requestId, body);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** After a rejection: back to mediation to amend the agreement (the rejected version stops being in effect). */
  @Post('cases/:id/confirmation/resume-mediation')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async resumeMediation(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: OptionalReasonRequest): Promise<CaseView> {
    await this.resumeMediationAfterRejection.run(user, id, body);
    return this.reader.view(user, id);
  }

  /** After a rejection: give up confirmation; the case closes (settled without confirmation). */
  @Post('cases/:id/confirmation/close-unconfirmed')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async closeUnconfirmed(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: OptionalReasonRequest): Promise<CaseView> {
    await this.closeUnconfirmedCase.run(user, id, body);
    return this.reader.view(user, id);
  }

  /** The institution's attestation of an international settlement (docs/procedural-rules.md H33), in English and Chinese; issued once per agreement. */
  @Post('cases/:id/attestation')
  @HttpCode(200)
  @ApiPage(DocumentView, { description: 'The attestation documents issued (English and Chinese)' })
  @ApiProblems(400, 401, 403, 404, 409)
  async attest(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<DocumentView>> {
    return wholePage((await this.attestation.issue(user, id)).map(DocumentView.of));
  }
}

/**
 * The court's side (docs/procedural-rules.md D20-D23): only clerks and judges of the court an application was
 * lodged with; anyone else gets 404. Rulings need a judge.
 */
@ApiTags('judicial confirmation: court')
@ApiBearerAuth()
@Controller()
export class CourtReviewController {
  constructor(
    private readonly docketing: DocketApplication,
    private readonly declining: DeclineApplication,
    private readonly supplementRequest: RequestSupplement,
    private readonly decisionExtension: ExtendDecisionPeriod,
    private readonly ruling: RuleOnApplication,
    private readonly rulingPreview: PreviewRuling,
    private readonly courtQueue: CourtQueueReader,
    private readonly confirmations: ConfirmationReader,
    private readonly clock: Clock,
  ) {}

  /** Applications lodged with your courts, the most urgent deadline first. */
  @Get('court/confirmation-queue')
  @Roles(GlobalRole.CourtClerk, GlobalRole.Judge)
  @ApiPage(QueueEntryView)
  @ApiProblems(400, 401, 403)
  async queue(@CurrentUser() user: AuthUser, @Query() query: QueueQuery): Promise<Page<QueueEntryView>> {
    const now = this.clock.now();
    return wholePage((await this.courtQueue.queue(user, query.include ?? 'open')).map((e) => QueueEntryView.of(e, now)));
  }

  /** Docket the application with the court's next 调确 number (docs/procedural-rules.md D20). */
  @Post('confirmation-applications/:id/docket')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async docket(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationView> {
    await this.docketing.run(user, id);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** Decline to docket (jurisdiction), with the reason. */
  @Post('confirmation-applications/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async decline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonRequest): Promise<ApplicationView> {
    await this.declining.run(user, id, body);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** Ask the parties for more material by a deadline (Interp. 356-357). */
  @Post('confirmation-applications/:id/supplement-requests')
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async requestSupplement(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: SupplementRequestBody): Promise<ApplicationView> {
    await this.supplementRequest.run(user, id, body);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** A judge records the approved 10-day extension of the decision period (2011 Prov. 5). */
  @Post('confirmation-applications/:id/decision-extension')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async extend(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ExtensionRequest): Promise<ApplicationView> {
    await this.decisionExtension.run(user, id, body);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** A judge rules the agreement valid: the ruling is generated and served on the parties. */
  @Post('confirmation-applications/:id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async confirm(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationView> {
    await this.ruling.confirm(user, id);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /** A judge reads the ruling before issuing it: the PDF as confirming or rejecting would issue it now; nothing is stored or served. */
  @Post('confirmation-applications/:id/ruling-preview')
  @HttpCode(200)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The draft ruling (PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 403, 404, 409)
  async previewRuling(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RulingPreviewRequest): Promise<StreamableFile> {
    const { bytes, filename } = await this.rulingPreview.run(user, id, body, body.language ?? 'zh-CN');
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      length: bytes.length,
      disposition: `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    });
  }

  /** A judge rejects the application on grounds of Interp. 358 (docs/procedural-rules.md D22). */
  @Post('confirmation-applications/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async reject(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RejectionRequest): Promise<ApplicationView> {
    await this.ruling.reject(user, id, body);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }
}
