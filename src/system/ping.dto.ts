import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PingRequest {
  /** Text the worker echoes back. */
  @IsString()
  @MaxLength(200)
  message: string;

  /** Milliseconds to wait before the job runs. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  delayMs?: number;
}

export class PingAccepted {
  jobId: string;
}

export class PingResult {
  echo: string;
  /** `host:pid` of the worker that ran the job. */
  handledBy: string;
  handledAt: string;
}

export class PingStatus {
  jobId: string;
  /** BullMQ state: waiting, delayed, active, completed, failed… */
  state: string;
  result?: PingResult;
  failedReason?: string;
}
