import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate } from '../common/iso-date';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ValidationProblem } from '../common/errors/problem';
import { StatisticsService, statisticsCsv, type PlatformStatistics } from './statistics.service';
import { PlatformStatisticsView } from './statistics.view';

export class StatisticsRequest {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Start (inclusive); default one year before `to`' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'End (exclusive); default now' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the cases of this court (referred by it or lodged with it); court staff may name only their own courts' })
  @IsOptional()
  @IsUUID()
  courtId?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  /** Received, accepted, settled, confirmed, performed, rates, median days, deadlines, mediators: JSON or CSV; scoped to whom asks. */
  @Get('statistics')
  @ApiExtraModels(PlatformStatisticsView)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'JSON; with `format=csv` the same figures as CSV',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PlatformStatisticsView) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403)
  async get(@CurrentUser() user: AuthUser, @Query() q: StatisticsRequest, @Res({ passthrough: true }) res: Response): Promise<PlatformStatistics | string> {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 365 * 86_400_000);
    if (from >= to) throw new ValidationProblem([{ field: 'from', rule: 'isBefore', message: 'from must be before to' }]);
    const stats = await this.statistics.compute(user, { from, to, courtId: q.courtId });
    if (q.format !== 'csv') return stats;
    res.type('text/csv').setHeader('Content-Disposition', 'attachment; filename="accord-statistics.csv"');
    return statisticsCsv(stats);
  }
}
