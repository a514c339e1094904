import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ValidationProblem } from '../common/errors/problem';
import { createValidationPipe } from '../common/validation';
import { LoginRequest } from './auth.dto';

/**
 * Runs the local strategy. Guards run before pipes, so the body is validated here first, by
 * the same pipe and DTO as the handler's: a number or an object as e-mail or password is a
 * 400 naming the field, never a crash in the strategy.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const body = req.body as Record<string, unknown> | undefined;
    // Without credentials the strategy says so below, one error per field; what was sent is checked here.
    const sent = (value: unknown): boolean => value !== undefined && value !== null && value !== '';
    if (sent(body?.email) && sent(body?.password)) await this.validation.transform(body, { type: 'body', metatype: LoginRequest });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T, info: { message?: string } | undefined, _ctx: ExecutionContext): T {
    if (error) throw error;
    if (!user && info?.message === 'Missing credentials') {
      throw new ValidationProblem([
        { field: 'email', rule: 'isNotEmpty', message: 'email and password are required' },
        { field: 'password', rule: 'isNotEmpty', message: 'email and password are required' },
      ]);
    }
    return user;
  }
}
