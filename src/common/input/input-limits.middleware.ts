import type { NextFunction, Request, Response } from 'express';
import { ValidationProblem } from '../errors/problem';
import { findInputFault } from './input-limits';

/**
 * Runs after the body parsers and before Nest's guards and pipes (the sign-in guard reads the
 * body before any pipe does), on every route, public ones included.
 */
export function refuseFaultyInput(req: Request, _res: Response, next: NextFunction): void {
  const fault = findInputFault(req.body) ?? findInputFault(req.query);
  next(fault ? new ValidationProblem([fault]) : undefined);
}
