import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RequestOrigin } from '../common/request-origin';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, type Page } from '../common/pagination';
import { CreateUserRequest, SetRolesRequest, UsersQuery, UserView, VerifyIdentityRequest } from './user.dto';
import { UserStatus } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Create a mediator, court user or admin (admin); a court admin creates its own clerks and judges. */
  @Post()
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserRequest, @Origin() origin: RequestOrigin): Promise<UserView> {
    return UserView.of(await this.users.create(actor, body, origin));
  }

  @Get()
  @Roles(GlobalRole.Admin)
  @ApiPage(UserView)
  @ApiProblems(400, 401, 403)
  async list(@Query() query: UsersQuery): Promise<Page<UserView>> {
    const page = await this.users.list(query);
    return { items: page.items.map(UserView.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles(GlobalRole.Admin)
  @ApiOkResponse({ type: UserView })
  @ApiProblems(401, 403, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return UserView.of(await this.users.get(id));
  }

  /** Replace a person's global roles. Recorded in the security log. */
  @Put(':id/roles')
  @Roles(GlobalRole.Admin)
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404, 409)
  async setRoles(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: SetRolesRequest, @Origin() origin: RequestOrigin): Promise<UserView> {
    return UserView.of(await this.users.setRoles(actor, id, body.roles, origin));
  }

  /** Disable an account: its sessions end at once. A court's own administrator may disable its clerks and judges. */
  @Post(':id/disable')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(401, 403, 404, 409)
  async disable(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<UserView> {
    return UserView.of(await this.users.setStatus(actor, id, UserStatus.Disabled, origin));
  }

  /** Enable a disabled account again (a court's own administrator: its clerks and judges). */
  @Post(':id/enable')
  @ApiOkResponse({ type: UserView })
  @ApiProblems(401, 403, 404, 409)
  async enable(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<UserView> {
    return UserView.of(await this.users.setStatus(actor, id, UserStatus.Active, origin));
  }

  /** Record that an administrator verified this person's real identity (OLR 7, OMR 17). */
  @Post(':id/identity-verification')
  @Roles(GlobalRole.Admin)
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404)
  async verifyIdentity(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VerifyIdentityRequest,
    @Origin() origin: RequestOrigin,
  ): Promise<UserView> {
    return UserView.of(await this.users.verifyIdentity(actor, id, body, origin));
  }
}
