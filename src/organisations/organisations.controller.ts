import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RequestOrigin } from '../common/request-origin';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, type Page } from '../common/pagination';
import { AddMemberRequest, CreateOrganisationRequest, MemberListView, MembershipView, OrganisationsQuery, OrganisationView } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles(GlobalRole.Admin)
  @ApiCreatedResponse({ type: OrganisationView })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(@Body() body: CreateOrganisationRequest): Promise<OrganisationView> {
    return OrganisationView.of(await this.organisations.create(body));
  }

  /** Courts, mediation organisations and companies: public directory data, for choosing a court. */
  @Get()
  @ApiPage(OrganisationView)
  @ApiProblems(400, 401)
  async list(@Query() query: OrganisationsQuery): Promise<Page<OrganisationView>> {
    const page = await this.organisations.list(query.kind, query);
    return { items: page.items.map(OrganisationView.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationView })
  @ApiProblems(401, 404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OrganisationView> {
    return OrganisationView.of(await this.organisations.get(id));
  }

  /** The organisation's members (platform admin, or the organisation's own admin). */
  @Get(':id/members')
  @ApiOkResponse({ type: MemberListView })
  @ApiProblems(401, 403, 404)
  async members(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MemberListView> {
    return { items: await this.organisations.members(actor, id), nextCursor: null };
  }

  /** Add a person to the organisation (platform admin, or the organisation's own admin). */
  @Post(':id/members')
  @ApiCreatedResponse({ type: MembershipView })
  @ApiProblems(400, 401, 403, 404)
  async addMember(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddMemberRequest,
    @Origin() origin: RequestOrigin,
  ): Promise<MembershipView> {
    const m = await this.organisations.addMember(actor, id, body, origin);
    return { userId: m.userId, organisationId: m.organisationId, role: m.role };
  }
}
