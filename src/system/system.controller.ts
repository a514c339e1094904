import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { NotFoundProblem } from '../common/errors/problem';
import { JobQueue } from '../infrastructure/queue/job-queue.service';
import { JobName } from '../infrastructure/queue/queue-names';
import { PingAccepted, PingRequest, PingStatus, type PingResult } from './ping.dto';

@ApiTags('system')
@Controller('system')
export class SystemController {
  constructor(private readonly jobs: JobQueue) {}

  /** Queue a `system.ping` job; a worker echoes the message. */
  @Post('ping')
  @ApiAcceptedResponse({ type: PingAccepted })
  @ApiProblems(400)
  @HttpCode(HttpStatus.ACCEPTED)
  async ping(@Body() body: PingRequest): Promise<PingAccepted> {
    const jobId = randomUUID();
    await this.jobs.add(JobName.SystemPing, { message: body.message }, { jobId, delay: body.delayMs ?? 0 });
    return { jobId };
  }

  /** The state of a ping job and, once a worker ran it, its result. */
  @Get('ping/:jobId')
  @ApiOkResponse({ type: PingStatus })
  @ApiProblems(400, 404)
  async pingStatus(@Param('jobId', new ParseUUIDPipe()) jobId: string): Promise<PingStatus> {
    let job = await this.jobs.getJob(JobName.SystemPing, jobId);
    if (!job) throw new NotFoundProblem(`No ping job ${jobId}`);
    const state = await job.getState();
    // The job may have finished between the two reads: the copy read first has no result yet.
    if (state === 'completed' || state === 'failed') job = (await this.jobs.getJob(JobName.SystemPing, jobId)) ?? job;
    return {
      jobId,
      state,
      result: state === 'completed' ? (job.returnvalue as PingResult) : undefined,
      failedReason: job.failedReason || undefined,
    };
  }
}
