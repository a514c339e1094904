import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import type { RequestOrigin } from '../common/request-origin';
import { IdentityVerifier } from './identity-verifier';
import { IdentityVerificationOutcomeView, MeView, SelfVerificationRequest, UpdateMeRequest, UserView } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly verifier: IdentityVerifier,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeView })
  @ApiProblems(401)
  async me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return { ...UserView.of(await this.users.get(user.id)), memberships: user.memberships };
  }

  /** Answers the same view as GET /me, so a client can replace what it holds. */
  @Patch()
  @ApiOkResponse({ type: MeView })
  @ApiProblems(400, 401)
  async update(@CurrentUser() user: AuthUser, @Body() body: UpdateMeRequest): Promise<MeView> {
    return { ...UserView.of(await this.users.updateMe(user.id, body)), memberships: user.memberships };
  }

  /** Ask for real-name verification through the configured provider. */
  @Post('identity-verification')
  @ApiCreatedResponse({ type: IdentityVerificationOutcomeView })
  @ApiProblems(400, 401)
  async verify(@CurrentUser() user: AuthUser, @Body() body: SelfVerificationRequest, @Origin() origin: RequestOrigin): Promise<IdentityVerificationOutcomeView> {
    const outcome = await this.verifier.verify(user.id, body);
    if (outcome.status !== 'verified') return { status: outcome.status, message: outcome.message };
    await this.users.verifyIdentity(user, user.id, { method: outcome.method, note: `provider reference ${outcome.reference}` }, origin);
    return { status: 'verified' };
  }
}
