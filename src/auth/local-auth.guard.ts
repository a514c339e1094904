import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ValidationProblem } from '../common/errors/problem';

/** Runs the local strategy; a body without credentials is a 400, not a failed sign-in. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
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
