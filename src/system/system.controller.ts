import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { randomUUID } from 'node:crypto';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { NotFoundProblem } from '../common/errors/problem';
import { JobQueue } from '../infrastructure/queue/job-queue.service';
import { JobName } from '../infrastructure/queue/queue-names';
import { PingAccepted, PingRequest, PingStatus, type PingResult } from './ping.dto';

@ApiTags('system')
@ApiBearerAuth()
@Controller('system')
@Roles(GlobalRole.Admin)
export class SystemController {
  constructor(private readonly jobs: JobQueue) {}

  /** Queue a `system.ping` job; a worker echoes the message. */
  @Post('ping')
  @ApiAcceptedResponse({ type: PingAccepted })
  @ApiProblems(400, 401, 403)
  @HttpCode(HttpStatus.ACCEPTED)
  async ping(@Body() body: PingRequest): Promise<PingAccepted> {
    const jobId = randomUUID();
    await this.jobs.add(JobName.SystemPing, { message: body.message }, { jobId, delay: body.delayMs ?? 0 });
    return { jobId };
  }

  /** The state of a ping job and, once a worker ran it, its result. */
  @Get('ping/:jobId')
  @ApiOkResponse({ type: PingStatus })
  @ApiProblems(400, 401, 403, 404)
  async pingStatus(@Param('jobId', new ParseUUIDPipe()) jobId: string): Promise<PingStatus> {
    let job = await this.jobs.getJob(JobName.SystemPing, jobId);
    if (!job) throw new NotFoundProblem(`No ping job ${jobId}`);
    const state = await job.getState();
    // It may have completed between the two reads: read it again to get its result.
    if (state === 'completed' && job.returnvalue == null) job = (await this.jobs.getJob(JobName.SystemPing, jobId)) ?? job;
    return {
      jobId,
      state,
      result: state === 'completed' ? (job.returnvalue as PingResult) : undefined,
      failedReason: job.failedReason || undefined,
    };
  }
}
