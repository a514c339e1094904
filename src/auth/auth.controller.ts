import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { RequestOrigin } from '../audit/security-audit.service';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { User } from '../users/user.entity';
import { UserView } from '../users/user.dto';
import {
  ChangePasswordRequest,
  CompletePasswordResetRequest,
  LoginRequest,
  PasswordResetRequest,
  RefreshRequest,
  RegisterRequest,
  SessionResponse,
} from './auth.dto';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth-user';
import { CurrentUser, Origin, Public } from './decorators';
import { LocalAuthGuard } from './local-auth.guard';
import { PasswordResetDelivery } from './password-reset-delivery';
import { SessionTokens } from './session-tokens.service';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: SessionTokens,
    private readonly resetDelivery: PasswordResetDelivery,
  ) {}

  /** Create a party account (applicants, respondents, their agents). */
  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(400, 409, 429)
  async register(@Body() body: RegisterRequest, @Origin() origin: RequestOrigin): Promise<UserView> {
    return UserView.of(await this.auth.register(body, origin));
  }

  /** Sign in with e-mail and password: a short-lived access token and a refresh token. */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LocalAuthGuard)
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, 401, 429)
  async login(@Body() _body: LoginRequest, @Req() req: Request & { user: User }, @Origin() origin: RequestOrigin): Promise<SessionResponse> {
    return this.tokens.issue(req.user, origin);
  }

  /** Exchange a refresh token for a new pair. Each refresh token works once. */
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, 401, 429)
  refresh(@Body() body: RefreshRequest, @Origin() origin: RequestOrigin): Promise<SessionResponse> {
    return this.tokens.rotate(body.refreshToken, origin);
  }

  /** End the session the refresh token belongs to. */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiProblems(400)
  async logout(@Body() body: RefreshRequest, @Origin() origin: RequestOrigin): Promise<void> {
    await this.auth.logout(body.refreshToken, origin);
  }

  /** Change the password; every session of the account ends. */
  @ApiBearerAuth()
  @Post('password/change')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiProblems(400, 401)
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordRequest, @Origin() origin: RequestOrigin): Promise<void> {
    await this.auth.changePassword(user.id, body, origin);
  }

  /** Send a one-time reset link. Answers 202 whether or not the e-mail is registered. */
  @Public()
  @Post('password/reset-request')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['accepted'] } } } })
  @ApiProblems(400, 429)
  async requestReset(@Body() body: PasswordResetRequest, @Origin() origin: RequestOrigin): Promise<{ status: 'accepted' }> {
    const issued = await this.auth.requestPasswordReset(body.email, origin);
    if (issued) await this.resetDelivery.deliver(issued.user, issued.link, issued.ttlMinutes);
    return { status: 'accepted' };
  }

  /** Set a new password with the one-time token from the link; every session ends. */
  @Public()
  @Post('password/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiProblems(400, 429)
  async reset(@Body() body: CompletePasswordResetRequest, @Origin() origin: RequestOrigin): Promise<void> {
    await this.auth.completePasswordReset(body, origin);
  }
}
