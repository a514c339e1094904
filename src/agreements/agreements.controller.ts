import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin } from '../auth/decorators';
import { CaseReader } from '../cases/case-reader.service';
import { CaseView } from '../cases/case.view';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { Idempotency } from '../common/idempotency/idempotency.service';
import { IfMatchVersion } from '../common/if-match';
import { ApiPage, wholePage, type Page } from '../common/pagination';
import type { RequestOrigin } from '../common/request-origin';
import {
  AgreementDraftView,
  AgreementVersionView,
  CreateDraftRequest,
  ProposeAgreementRequest,
  RefusalView,
  RefuseToSignRequest,
  ReviseAgreementRequest,
  SignatureCodeRequest,
  SignatureCodeView,
  SignatureView,
  SignedView,
  SignRequest,
  UpdateDraftRequest,
} from './agreement.dto';
import { AGREEMENT_CONTENT_MODELS } from './agreement-content.dto';
import { AgreementReader } from './agreement-reader.service';
import { CreateDraft } from './actions/create-draft.action';
import { ProposeAgreement } from './actions/propose-agreement.action';
import { RefuseToSign } from './actions/refuse-to-sign.action';
import { RequestSignatureCode } from './actions/request-signature-code.action';
import { ReviseAgreement } from './actions/revise-agreement.action';
import { SignAgreement } from './actions/sign-agreement.action';
import { UpdateDraft } from './actions/update-draft.action';

/**
 * The settlement agreement of a case (docs/procedural-rules.md C12-C14): the mediator drafts and proposes it,
 * the parties and the mediator e-sign it with one-time codes, and it takes effect at the last
 * signature. The PDFs are case documents: GET /api/v1/documents/{id}/content.
 */
@ApiTags('agreements')
@ApiBearerAuth()
@ApiExtraModels(...AGREEMENT_CONTENT_MODELS)
@Controller('cases/:id/agreement')
export class AgreementsController {
  constructor(
    private readonly createDraftAction: CreateDraft,
    private readonly updateDraftAction: UpdateDraft,
    private readonly proposeAgreement: ProposeAgreement,
    private readonly reviseAgreement: ReviseAgreement,
    private readonly requestSignatureCode: RequestSignatureCode,
    private readonly signAgreement: SignAgreement,
    private readonly refuseToSign: RefuseToSign,
    private readonly reader: AgreementReader,
    private readonly idempotency: Idempotency,
    private readonly cases: CaseReader,
  ) {}

  /** The mediator starts the draft from the template (zh-CN or en), filled from the case. */
  @Post('draft')
  @ApiCreatedResponse({ type: AgreementDraftView })
  @ApiProblems(400, 401, 403, 404, 409)
  async createDraft(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateDraftRequest): Promise<AgreementDraftView> {
    const { draft, problems } = await this.createDraftAction.run(user, id, body.language);
    return AgreementDraftView.of(draft, problems);
  }

  /** The draft, with what it still lacks; the parties and the mediator only (mediation content). */
  @Get('draft')
  @ApiOkResponse({ type: AgreementDraftView })
  @ApiProblems(400, 401, 403, 404)
  async draft(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AgreementDraftView> {
    const { draft, problems } = await this.reader.draft(user, id);
    return AgreementDraftView.of(draft, problems);
  }

  /** The mediator saves the whole agreement, performance schedule and 确权 flag included; invalid content is refused per field. */
  @Put('draft')
  @ApiOkResponse({ type: AgreementDraftView })
  @ApiProblems(400, 401, 403, 404, 409)
  async updateDraft(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateDraftRequest): Promise<AgreementDraftView> {
    return AgreementDraftView.of(await this.updateDraftAction.run(user, id, body), []);
  }

  /**
   * propose_agreement: freezes the draft as a new version (PDF, hash) for signature. While a
   * version is being signed, a changed draft replaces it and voids its signatures.
   */
  @Post('versions')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case version (ETag) the mediator saw' })
  @ApiCreatedResponse({ type: AgreementVersionView })
  @ApiProblems(400, 401, 403, 404, 409)
  async propose(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProposeAgreementRequest,
    @IfMatchVersion() ifMatch: number | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<AgreementVersionView> {
    const idem = this.idempotency.request(user.id, key, 'POST', req.path, body);
    const version = await this.proposeAgreement.run(user, id, body.expectedVersion ?? ifMatch, idem);
    return (await this.reader.list(user, id)).find((v) => v.id === version.id)!;
  }

  /** Every version, newest first, with its signatures (who, when, how authenticated; never a code) and refusals. */
  @Get('versions')
  @ApiPage(AgreementVersionView)
  @ApiProblems(400, 401, 404)
  async versions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<AgreementVersionView>> {
    return wholePage(await this.reader.list(user, id));
  }

  /** The version being signed or in effect, with effectiveAt and the confirmation window. */
  @Get()
  @ApiOkResponse({ type: AgreementVersionView })
  @ApiProblems(400, 401, 404)
  current(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AgreementVersionView> {
    return this.reader.current(user, id);
  }

  /** The mediator takes the version being signed back to mediation (revise_agreement): it and its signatures become void. */
  @Post('revise')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView, description: 'The case view the revision produced (back to mediating)' })
  @ApiProblems(400, 401, 403, 404, 409)
  async revise(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReviseAgreementRequest): Promise<CaseView> {
    await this.reviseAgreement.run(user, id, body.reason);
    return this.cases.viewAfterChange(user, id);
  }

  /** Sends a one-time code to the signer's own phone or e-mail, bound to the signer and the version hash. */
  @Post('signature-codes')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SignatureCodeView })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  async requestCode(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SignatureCodeRequest,
    @Origin() origin: RequestOrigin,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<SignatureCodeView> {
    const idem = this.idempotency.request(user.id, key, 'POST', req.path, body);
    return SignatureCodeView.of(await this.requestSignatureCode.run(user, id, body, origin, idem));
  }

  /** E-signs the version with the code: a signature record binding the signer, the version hash, the time, IP and user agent. */
  @Post('signatures')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SignedView })
  @ApiProblems(400, 401, 403, 404, 409)
  async sign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SignRequest,
    @Origin() origin: RequestOrigin,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<SignedView> {
    const idem = this.idempotency.request(user.id, key, 'POST', req.path, body);
    const { signature } = await this.signAgreement.run(user, id, body, origin, idem);
    const agreement = (await this.reader.list(user, id)).find((v) => v.id === signature.versionId)!;
    return { signature: SignatureView.of(signature), agreement };
  }

  /** A party (or its agent) refuses to sign, with a reason: the mediator then revises or ends the mediation. */
  @Post('refusals')
  @ApiCreatedResponse({ type: RefusalView })
  @ApiProblems(400, 401, 403, 404, 409)
  async refuse(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RefuseToSignRequest): Promise<RefusalView> {
    return RefusalView.of(await this.refuseToSign.run(user, id, body));
  }
}
