import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CourtSystemPermission, type CourtSystemPrincipal } from '../access/court-system-access.policy';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ReferredCaseView } from '../court-referrals/court-referrals.dto';
import { CourtSystemRoute, CurrentCourtSystem } from './court-system-auth';
import { ReferralBatchRequest, ReferralBatchView } from './court-system-referrals.dto';
import { CourtSystemReferrals } from './court-system-referrals.service';

/** What a court's own system does with its API key: refer cases in batches, read their status and outcome. */
@ApiTags('court-systems')
@Controller('court-systems')
export class CourtSystemApiController {
  constructor(private readonly referrals: CourtSystemReferrals) {}

  /**
   * Refer a batch of cases. Idempotent per referral number at the court: a retry or re-post
   * creates nothing twice and answers each row with its case number. A wrong row is answered
   * with its errors (`referrals.<index>.<field>`); the batch's other rows are created.
   */
  @Post('referral-batches')
  @HttpCode(200)
  @CourtSystemRoute(CourtSystemPermission.ReferCases)
  @ApiOkResponse({ type: ReferralBatchView })
  @ApiProblems(400)
  referBatch(@CurrentCourtSystem() system: CourtSystemPrincipal, @Body() body: ReferralBatchRequest): Promise<ReferralBatchView> {
    return this.referrals.referBatch(system, body.referrals);
  }

  /** Status and outcome of a case the court referred, by its referral number (URL-encoded). */
  @Get('cases/:referralNumber')
  @CourtSystemRoute(CourtSystemPermission.ReadCases)
  @ApiOkResponse({ type: ReferredCaseView })
  @ApiProblems(404)
  caseByReference(@CurrentCourtSystem() system: CourtSystemPrincipal, @Param('referralNumber') referralNumber: string): Promise<ReferredCaseView> {
    return this.referrals.caseByReference(system, referralNumber);
  }
}
