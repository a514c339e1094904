import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { RequestOrigin } from '../common/request-origin';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { UnauthenticatedProblem } from '../common/errors/problem';
import { User } from '../users/user.entity';
import { UserView } from '../users/user.dto';
import { ChangePasswordRequest, CompletePasswordResetRequest, LoginRequest, PasswordResetRequest, RefreshRequest, RegisterRequest, SessionResponse } from './auth.dto';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth-user';
import { ApiBrowserClient, ApiRefreshCookie, BrowserSessions, refreshCookieHeader } from './browser-session';
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
    private readonly browser: BrowserSessions,
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

  /**
   * Sign in with e-mail and password: a short-lived access token and a refresh token (for the
   * web app, in the HttpOnly cookie instead of the body).
   */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LocalAuthGuard)
  @ApiBrowserClient()
  @ApiOkResponse({ type: SessionResponse, headers: refreshCookieHeader('sets') })
  @ApiProblems(400, 401, 403, 429)
  async login(
    @Body() _body: LoginRequest,
    @Req() req: Request & { user: User },
    @Res({ passthrough: true }) res: Response,
    @Origin() origin: RequestOrigin,
  ): Promise<SessionResponse> {
    const browser = this.browser.isBrowser(req);
    return this.browser.answer(res, await this.tokens.issue(req.user, origin), browser);
  }

  /** Exchange a refresh token (the body's, or the web app's cookie) for a new pair. Each refresh token works once. */
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiRefreshCookie()
  @ApiOkResponse({ type: SessionResponse, headers: refreshCookieHeader('sets') })
  @ApiProblems(400, 401, 403, 429)
  async refresh(@Body() body: RefreshRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response, @Origin() origin: RequestOrigin): Promise<SessionResponse> {
    const browser = this.browser.isBrowser(req);
    const token = this.browser.presented(req, body.refreshToken, browser);
    if (token === undefined) throw new UnauthenticatedProblem('There is no session cookie: sign in again');
    return this.browser.answer(res, await this.tokens.rotate(token, origin), browser);
  }

  /** End the session the refresh token (the body's, or the web app's cookie) belongs to. */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiRefreshCookie()
  @ApiNoContentResponse({ headers: refreshCookieHeader('clears') })
  @ApiProblems(400, 403)
  async logout(@Body() body: RefreshRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response, @Origin() origin: RequestOrigin): Promise<void> {
    const browser = this.browser.isBrowser(req);
    const token = this.browser.presented(req, body.refreshToken, browser);
    if (token !== undefined) await this.auth.logout(token, origin);
    if (browser) this.browser.clear(res);
  }

  /** Sign out everywhere: every session of the account ends, and its access tokens stop working. */
  @ApiBearerAuth()
  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBrowserClient()
  @ApiNoContentResponse({ headers: refreshCookieHeader('clears') })
  @ApiProblems(401, 403)
  async logoutAll(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response, @Origin() origin: RequestOrigin): Promise<void> {
    const browser = this.browser.isBrowser(req);
    await this.auth.logoutEverywhere(user.id, origin);
    if (browser) this.browser.clear(res);
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
