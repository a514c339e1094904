import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import type { RequestOrigin } from '../common/request-origin';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, type Page } from '../common/pagination';
import { CourtSystemKeysQuery, IssueCourtSystemKeyRequest } from './court-system-keys.dto';
import { CourtSystemKeys } from './court-system-keys.service';
import { CourtSystemKeyView, IssuedCourtSystemKeyView } from './court-system.entity';

/** Administrators issue, list and revoke the API keys of courts' own systems. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/court-systems/keys')
@Roles(GlobalRole.Admin)
export class CourtSystemKeysController {
  constructor(private readonly keys: CourtSystemKeys) {}

  /** Issue a key to a court's system, scoped to that court and to named permissions. The answer is the only time the key is shown. */
  @Post()
  @ApiCreatedResponse({ type: IssuedCourtSystemKeyView })
  @ApiProblems(400, 401, 403)
  issue(@CurrentUser() admin: AuthUser, @Body() body: IssueCourtSystemKeyRequest, @Origin() origin: RequestOrigin): Promise<IssuedCourtSystemKeyView> {
    return this.keys.issue(admin, body, origin);
  }

  /** Every key, newest first, with its last use; never a secret. */
  @Get()
  @ApiPage(CourtSystemKeyView)
  @ApiProblems(400, 401, 403)
  list(@Query() query: CourtSystemKeysQuery): Promise<Page<CourtSystemKeyView>> {
    return this.keys.list(query);
  }

  /** Revoke a key: refused from the next request on. */
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: CourtSystemKeyView })
  @ApiProblems(401, 403, 404)
  revoke(@CurrentUser() admin: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<CourtSystemKeyView> {
    return this.keys.revoke(admin, id, origin);
  }
}
