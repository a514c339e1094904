import { Controller, Get, HttpStatus, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { ProblemException, ProblemType } from '../common/errors/problem';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HEALTH_CHECK_TIMEOUT_MS, QueueHealthIndicator } from './queue-workers.health';

@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly queues: QueueHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database, Redis and a worker for every queue' })
  @ApiProblems(503)
  async ready() {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: HEALTH_CHECK_TIMEOUT_MS }), () => this.queues.redis(), () => this.queues.workers()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus puts the per-component report in the exception; keep it in the problem.
      const report = error.getResponse() as { error?: Record<string, unknown>; details?: Record<string, unknown> };
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.NotReady, 'Not ready', `Down: ${Object.keys(report.error ?? {}).join(', ')}`, {
        checks: report.details,
      });
    }
  }
}
