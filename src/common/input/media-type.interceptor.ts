import { HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ProblemException, ProblemType } from '../errors/problem';

/** What a route takes unless it declares otherwise with `@ApiConsumes(…)`: what the body parsers read. */
export const DEFAULT_MEDIA_TYPES = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

/**
 * A body in a media type the route does not take is a 415. Without this, a body no parser read
 * (text/plain, or multipart sent to a JSON route) reaches the handler as no body at all, and a
 * route whose fields are all optional would act on it as if nothing had been asked.
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const declared = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]);
      const accepted = declared ?? DEFAULT_MEDIA_TYPES;
      // req.is: null without a body, false with a body of another type.
      if (req.is(accepted) === false) {
        throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          ProblemType.UnsupportedMediaType,
          'Unsupported media type',
          `Send the body as ${accepted.filter((t) => !t.includes('*')).join(' or ')}, not ${req.get('content-type') ?? 'without a Content-Type'}`,
        );
      }
    }
    return next.handle();
  }
}
