import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, wholePage, type Page } from '../common/pagination';
import { FileObjection } from './actions/file-objection.action';
import { FileThirdPartyObjection } from './actions/file-third-party-objection.action';
import { ReviewObjection } from './actions/review-objection.action';
import { SummonParties } from './actions/summon-parties.action';
import { ConfirmationReader } from './confirmation-reader';
import { ApplicationView } from './confirmation.dto';
import { ObjectionReviewRequest, ObjectionView, PartyObjectionRequest, SummonsRequest, ThirdPartyObjectionRequest } from './court-procedure.dto';

/**
 * The court's procedure around its ruling (docs/procedural-rules.md D21, D23): the court summons the parties to
 * attend; parties, and interested third parties who are nothing to the case, object to the ruling; the court reviews
 * a third party's interest. Summonses and objections are served through the one service path.
 */
@ApiTags('judicial confirmation: court')
@ApiBearerAuth()
@Controller()
export class CourtProcedureController {
  constructor(
    private readonly summoning: SummonParties,
    private readonly partyObjection: FileObjection,
    private readonly thirdPartyObjection: FileThirdPartyObjection,
    private readonly objectionReview: ReviewObjection,
    private readonly confirmations: ConfirmationReader,
  ) {}

  /** The court summons the parties to attend, at a place or by video, before its period to decide ends (Interp. 356); served on every party. */
  @Post('confirmation-applications/:id/summonses')
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async summon(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: SummonsRequest): Promise<ApplicationView> {
    await this.summoning.run(user, id, body);
    return ApplicationView.of(await this.confirmations.get(user, id));
  }

  /**
   * A party objects to the ruling within OBJECTION_DAYS of its service (Interp. 372); served on the court. Late:
   * `urn:accord:problem:objection-window-passed` with `deadline` (its setting, last day and closing instant).
   */
  @Post('confirmation-applications/:id/objections')
  @ApiCreatedResponse({ type: ObjectionView })
  @ApiProblems(400, 401, 403, 404, 409)
  async object(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: PartyObjectionRequest): Promise<ObjectionView> {
    const objection = await this.partyObjection.run(user, id, body);
    return ObjectionView.of(objection, (await this.confirmations.get(user, id)).application.docketNumber);
  }

  /**
   * Anyone registered who is nothing to the case objects to a ruling, named by its 调确 number, as an interested third
   * party: within THIRD_PARTY_OBJECTION_MONTHS of the day it knew of the harm (Interp. 372); served on the court, which
   * reviews the stated interest. Late: `urn:accord:problem:objection-window-passed`.
   */
  @Post('ruling-objections')
  @ApiCreatedResponse({ type: ObjectionView })
  @ApiProblems(400, 401, 403, 404, 409)
  async objectAsThirdParty(@CurrentUser() user: AuthUser, @Body() body: ThirdPartyObjectionRequest): Promise<ObjectionView> {
    const { objection, docketNumber } = await this.thirdPartyObjection.run(user, body);
    return ObjectionView.of(objection, docketNumber);
  }

  /** The objections you filed, newest first (a third party follows its own here: it cannot open the case). */
  @Get('ruling-objections')
  @ApiPage(ObjectionView)
  @ApiProblems(401)
  async mine(@CurrentUser() user: AuthUser): Promise<Page<ObjectionView>> {
    return wholePage((await this.confirmations.objectionsFiledBy(user)).map((o) => ObjectionView.of(o.objection, o.docketNumber)));
  }

  /** The court records whether a third party has the interest it claims: admitted or dismissed, once. */
  @Post('ruling-objections/:id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: ObjectionView })
  @ApiProblems(400, 401, 403, 404, 409)
  async review(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ObjectionReviewRequest): Promise<ObjectionView> {
    const objection = await this.objectionReview.run(user, id, body);
    return ObjectionView.of(objection, (await this.confirmations.get(user, objection.applicationId)).application.docketNumber);
  }
}
