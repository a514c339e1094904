import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OUTAGE_RETRY_AFTER_SECONDS, unavailableDependency, type Dependency } from './outage';
import { ProblemException, ProblemType, ServiceUnavailableProblem, type ProblemDocument } from './problem';

const OUTAGE_DETAIL: Record<Dependency, string> = {
  database: 'The database is unavailable for a moment: try again shortly (your session is kept)',
  redis: 'Redis (sign-in limits, live updates) is unavailable for a moment: try again shortly (your session is kept)',
};

const TYPE_BY_STATUS: Partial<Record<number, string>> = {
  400: ProblemType.ValidationFailed,
  401: ProblemType.Unauthenticated,
  403: ProblemType.Forbidden,
  404: ProblemType.NotFound,
  409: ProblemType.Conflict,
  413: ProblemType.PayloadTooLarge,
  415: ProblemType.UnsupportedMediaType,
  429: ProblemType.TooManyRequests,
};

/** Errors raised below Nest (the JSON body parser, for one) carry their status this way. */
interface StatusError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/**
 * Every error leaves the API as application/problem+json (RFC 9457). Unexpected errors are
 * logged with the request id, which the client gets back as `correlationId`; their message
 * and stack never leave the server.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request & { id?: string }>();
    const response = ctx.getResponse<Response>();
    const down = unavailableDependency(exception);
    // An outage is not a bug of ours nor the client's fault: 503 with Retry-After, whichever
    // guard or service met it, so clients keep their session and retry.
    const problem = this.toProblem(down ? new ServiceUnavailableProblem(OUTAGE_DETAIL[down], OUTAGE_RETRY_AFTER_SECONDS, { unavailable: down }) : exception, request);
    if (down) {
      this.logger.warn({ correlationId: request.id, unavailable: down, reason: (exception as Error).message }, `${down} unavailable`);
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, correlationId: request.id }, 'unexpected error');
    }
    if (response.headersSent) return;
    if (typeof problem.retryAfter === 'number') response.setHeader('Retry-After', String(problem.retryAfter));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown, request: Request & { id?: string }): ProblemDocument {
    const instance = request.originalUrl ?? request.url;
    if (exception instanceof ProblemException) {
      // Extensions never override the standard members.
      return {
        ...exception.extensions,
        type: exception.problemType,
        title: exception.title,
        status: exception.getStatus(),
        detail: exception.message,
        instance,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? (body as { message: string[] }).message.join('; ')
            : String((body as { message?: unknown }).message ?? exception.message);
      return {
        type: TYPE_BY_STATUS[status] ?? 'about:blank',
        title: titleOf(status),
        status,
        detail,
        instance,
      };
    }
    const raw = exception as StatusError | undefined;
    const rawStatus = raw?.status ?? raw?.statusCode;
    if (rawStatus && rawStatus >= 400 && rawStatus < 500) {
      // body-parser: malformed JSON, too large a body, an unsupported charset…
      const detail =
        raw?.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : raw?.type === 'entity.too.large'
            ? 'The request body is larger than the server accepts'
            : (raw?.expose && raw.message) || titleOf(rawStatus);
      return { type: TYPE_BY_STATUS[rawStatus] ?? 'about:blank', title: titleOf(rawStatus), status: rawStatus, detail, instance };
    }
    return {
      type: ProblemType.Internal,
      title: 'Internal server error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'Something went wrong on our side. Quote the correlation id if you report it.',
      instance,
      correlationId: request.id,
    };
  }
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad request',
    401: 'Authentication required',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    409: 'Conflict',
    413: 'Payload too large',
    415: 'Unsupported media type',
    422: 'Unprocessable content',
    423: 'Locked',
    429: 'Too many requests',
    503: 'Service unavailable',
  };
  return titles[status] ?? (status >= 500 ? 'Internal server error' : 'Request failed');
}
