import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import type { Repository } from 'typeorm';
import { Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, decodeCursor, PageQuery, TIME_AND_ID, toPage, type Page } from '../common/pagination';
import { SecurityEvent, SecurityEventType } from './security-event.entity';

export class SecurityEventsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SecurityEventType })
  @IsOptional()
  @IsEnum(SecurityEventType)
  type?: SecurityEventType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  userId?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/security-events')
@Roles(GlobalRole.Admin)
export class SecurityEventsController {
  constructor(@InjectRepository(SecurityEvent) private readonly events: Repository<SecurityEvent>) {}

  /** Logins, failures, lockouts, token reuse, role changes… newest first. */
  @Get()
  @ApiPage(SecurityEvent)
  @ApiProblems(400, 401, 403)
  async list(@Query() query: SecurityEventsQuery): Promise<Page<SecurityEvent>> {
    const limit = query.limit ?? 20;
    const qb = this.events
      .createQueryBuilder('e')
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit + 1);
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.userId) qb.andWhere('e.user_id = :userId', { userId: query.userId });
    const after = decodeCursor(query.cursor, TIME_AND_ID);
    if (after) qb.andWhere('(e.occurred_at, e.id) < (:at, :id)', { at: after[0], id: after[1] });
    return toPage(await qb.getMany(), limit, (e) => [e.occurredAt.toISOString(), e.id]);
  }
}
