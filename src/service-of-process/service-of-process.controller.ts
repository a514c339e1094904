import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Public, Roles } from '../auth/decorators';
import type { TokenClaims } from '../auth/access-token';
import type { AccessTokenClaims } from '../auth/session-generation';
import { JwtStrategy } from '../auth/jwt.strategy';
import { GlobalRole } from '../auth/roles';
import { CaseReader } from '../cases/case-reader.service';
import { CaseView } from '../cases/case.view';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, PageQuery, wholePage, type Page } from '../common/pagination';
import { UnauthenticatedProblem } from '../common/errors/problem';
import type { CaseDocument } from '../documents/document.entity';
import { DocumentView } from '../documents/document.dto';
import {
  AddressForServiceRequest,
  AddressForServiceView,
  EServiceConsentView,
  ExhaustedServiceView,
  OfflineServiceRequest,
  RespondentConsentRequest,
  ServedNoticeView,
  ServiceView,
} from './service.dto';
import { AnswerNotice } from './actions/answer-notice.action';
import { ClaimParty } from './actions/claim-party.action';
import { ConfirmAddress } from './actions/confirm-address.action';
import { IssueCertificate } from './actions/issue-certificate.action';
import { OpenByLink } from './actions/open-by-link.action';
import { OpenInPlatform } from './actions/open-in-platform.action';
import { RecordOfflineService } from './actions/record-offline-service.action';
import type { RequestOrigin } from '../common/request-origin';
import { ServiceReader } from './service-reader';

const file = (res: Response, { doc, stream }: { doc: CaseDocument; stream: Readable }): StreamableFile => {
  res.setHeader('X-Content-SHA256', doc.sha256);
  return new StreamableFile(stream, {
    type: doc.contentType,
    length: doc.size,
    disposition: `attachment; filename="${doc.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
  });
};

@ApiTags('service of process')
@ApiBearerAuth()
@Controller()
export class ServiceOfProcessController {
  constructor(
    private readonly services: ServiceReader,
    private readonly openByLinkAction: OpenByLink,
    private readonly openInPlatformAction: OpenInPlatform,
    private readonly claimParty: ClaimParty,
    private readonly issueCertificate: IssueCertificate,
    private readonly recordOffline: RecordOfflineService,
    private readonly answerNotice: AnswerNotice,
    private readonly confirmAddressAction: ConfirmAddress,
    private readonly jwt: JwtService,
    private readonly strategy: JwtStrategy,
    private readonly reader: CaseReader,
  ) {}

  /** Every service of a case, with its channels, addresses and computed times (docs/procedural-rules.md F27). */
  @Get('cases/:id/services')
  @ApiPage(ServiceView)
  @ApiProblems(400, 401, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<ServiceView>> {
    return wholePage((await this.services.listForCase(user, id)).map(ServiceView.of));
  }

  /** Each party's consents to electronic service, address by address, with their basis (docs/procedural-rules.md F26). */
  @Get('cases/:id/e-service-consents')
  @ApiPage(EServiceConsentView)
  @ApiProblems(400, 401, 404)
  async eServiceConsents(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<EServiceConsentView>> {
    return wholePage(await this.services.eServiceConsents(user, id));
  }

  /** Services no consented channel could make effective and not yet served offline, longest waiting first (administrators). */
  @Get('admin/services/exhausted')
  @Roles(GlobalRole.Admin)
  @ApiPage(ExhaustedServiceView)
  @ApiProblems(400, 401, 403)
  async exhausted(@Query() query: PageQuery): Promise<Page<ExhaustedServiceView>> {
    const page = await this.services.exhausted(query);
    return { items: page.items.map((r) => ({ ...ServiceView.of(r.service), caseNumber: r.caseNumber, caseTitle: r.caseTitle })), nextCursor: page.nextCursor };
  }

  @Get('services/:id')
  @ApiOkResponse({ type: ServiceView })
  @ApiProblems(400, 401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ServiceView> {
    return ServiceView.of(await this.services.get(user, id));
  }

  /** The recipient reads the served document in the platform: recorded as reading (time, IP, user agent). */
  @Get('services/:id/document')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The served document', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 403, 404)
  async openInPlatform(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Origin() origin: RequestOrigin,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return file(res, await this.openInPlatformAction.run(user, id, origin));
  }

  /**
   * The signed link sent to the recipient: opens the served document without signing in and
   * records the reading. A bearer token, if sent, must be the recipient's.
   */
  @Public()
  @Get('service-links/:token')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The served document', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(401, 403, 410)
  async openByLink(@Param('token') token: string, @Req() req: Request, @Origin() origin: RequestOrigin, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return file(res, await this.openByLinkAction.run(token, await this.optionalUser(req), origin));
  }

  /**
   * What the served-link landing page shows before anyone signs in: the notice's facts, the
   * reader's language, the answer deadline and whether the party is claimed. Anyone holding the
   * link may read it (a bearer token is ignored); it is not a reading of the served document.
   */
  @Public()
  @Get('service-links/:token/summary')
  @ApiOkResponse({ type: ServedNoticeView })
  @ApiProblems(403, 410)
  async summary(@Param('token') token: string): Promise<ServedNoticeView> {
    return ServedNoticeView.of(await this.services.servedNotice(token));
  }

  /**
   * A party served at its own address without an account links it to the signed-in account: the
   * link, which reached only that address, is the proof. The case then appears in the account.
   */
  @Post('service-links/:token/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView, description: 'The case, now with the caller as the party' })
  @ApiProblems(401, 403, 409, 410)
  async claim(@Param('token') token: string, @CurrentUser() user: AuthUser, @Origin() origin: RequestOrigin): Promise<CaseView> {
    const { caseId } = await this.claimParty.run(token, user, origin);
    return this.reader.viewAfterChange(user, caseId);
  }

  /** The electronic service certificate (送达回证) of a completed service, stored as a court-visible case document. */
  @Post('services/:id/certificate')
  @HttpCode(200)
  @ApiOkResponse({ type: DocumentView })
  @ApiProblems(400, 401, 404, 409)
  async certificate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return DocumentView.of(await this.issueCertificate.run(user, id));
  }

  /** Staff switch a service to offline (docs/procedural-rules.md A1), with who and why, and when it was served on paper. */
  @Post('services/:id/offline')
  @HttpCode(200)
  @Roles(GlobalRole.Admin)
  @ApiOkResponse({ type: ServiceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async offline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: OfflineServiceRequest): Promise<ServiceView> {
    return ServiceView.of(await this.recordOffline.run(user, id, body));
  }

  /** A respondent (or its agent), identity verified, agrees or declines to mediate (docs/procedural-rules.md A3). */
  @Post('cases/:id/respondent-consent')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView, description: 'The case view the answer produced' })
  @ApiProblems(400, 401, 403, 404, 409)
  async consent(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: RespondentConsentRequest, @Origin() origin: RequestOrigin): Promise<CaseView> {
    await this.answerNotice.run(user, id, body, origin);
    return this.reader.viewAfterChange(user, id);
  }

  /** The address-for-service form (送达地址确认书, docs/procedural-rules.md A6), for the caller's own party. */
  @Put('cases/:id/address-for-service')
  @ApiOkResponse({ type: AddressForServiceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async confirmAddress(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddressForServiceRequest,
    @Origin() origin: RequestOrigin,
  ): Promise<AddressForServiceView> {
    const p = await this.confirmAddressAction.run(user, id, body, origin);
    return { partyId: p.id, email: p.email, phone: p.phone, confirmedAt: p.addressConfirmedAt?.toISOString() ?? null };
  }

  private async optionalUser(req: Request): Promise<AuthUser | null> {
    const header = req.headers.authorization;
    if (!header) return null;
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    let payload: TokenClaims & AccessTokenClaims;
    try {
      payload = await this.jwt.verifyAsync<TokenClaims & AccessTokenClaims>(token ?? '', { algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedProblem();
    }
    // Outside the try: a database outage is a 503, not a bad token.
    const user = await this.strategy.validate(payload);
    if (!user) throw new UnauthenticatedProblem();
    return user;
  }
}
