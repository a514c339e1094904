import { HttpException, HttpStatus } from '@nestjs/common';

/** One invalid field of a request: where it is, which rule it broke, and what to do. */
export interface FieldError {
  /** Dotted path into the request body or query, e.g. `respondents.0.email`. */
  field: string;
  rule: string;
  message: string;
}

/** RFC 9457 problem details, as every error of the API is returned. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Stable problem types. URNs: they identify, they don't pretend to be web pages. */
export const ProblemType = {
  ValidationFailed: 'urn:accord:problem:validation-failed',
  NotFound: 'urn:accord:problem:not-found',
  Conflict: 'urn:accord:problem:conflict',
  TransitionRefused: 'urn:accord:problem:transition-refused',
  StaleVersion: 'urn:accord:problem:stale-version',
  Unauthenticated: 'urn:accord:problem:unauthenticated',
  Forbidden: 'urn:accord:problem:forbidden',
  IdentityVerificationRequired: 'urn:accord:problem:identity-verification-required',
  LinkExpired: 'urn:accord:problem:link-expired',
  TooManyRequests: 'urn:accord:problem:too-many-requests',
  PayloadTooLarge: 'urn:accord:problem:payload-too-large',
  UnsupportedMediaType: 'urn:accord:problem:unsupported-media-type',
  NotReady: 'urn:accord:problem:not-ready',
  Locked: 'urn:accord:problem:locked',
  ServiceUnavailable: 'urn:accord:problem:service-unavailable',
  Internal: 'urn:accord:problem:internal-error',
} as const;

/**
 * Throw this for any error a client should act on. The global filter renders it as
 * application/problem+json; extensions (e.g. `reason`, `currentVersion`) are added as members.
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly problemType: string,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title, status);
  }
}

/** At most this many field errors are listed; `errorCount` says how many there were in all. */
export const MAX_LISTED_FIELD_ERRORS = 20;

export class ValidationProblem extends ProblemException {
  constructor(readonly fieldErrors: FieldError[]) {
    const listed = fieldErrors.slice(0, MAX_LISTED_FIELD_ERRORS);
    const more = fieldErrors.length - listed.length;
    super(
      HttpStatus.BAD_REQUEST,
      ProblemType.ValidationFailed,
      'The request is invalid',
      listed.map((e) => `${e.field}: ${e.message}`).join('; ') + (more > 0 ? `; and ${more} more` : ''),
      more > 0 ? { errors: listed, errorCount: fieldErrors.length } : { errors: listed },
    );
  }
}

export class NotFoundProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.NOT_FOUND, ProblemType.NotFound, 'Not found', detail);
  }
}

export class ConflictProblem extends ProblemException {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, ProblemType.Conflict, 'Conflict', detail, extensions);
  }
}

export class UnauthenticatedProblem extends ProblemException {
  constructor(detail = 'Sign in first: the access token is missing, invalid or expired') {
    super(HttpStatus.UNAUTHORIZED, ProblemType.Unauthenticated, 'Authentication required', detail);
  }
}

export class ForbiddenProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.FORBIDDEN, ProblemType.Forbidden, 'Forbidden', detail);
  }
}

/**
 * The person may act here but has not passed real-name verification yet. 403 as any refusal to a
 * signed-in person (the request itself is fine, so not 422), with a type of its own so a client
 * can tell "verify first" from "not yours" and show the way: `verifyAt` is where to ask for it.
 */
export class IdentityVerificationRequiredProblem extends ProblemException {
  constructor(action: string, rule: string) {
    super(
      HttpStatus.FORBIDDEN,
      ProblemType.IdentityVerificationRequired,
      'Identity verification required',
      `Your identity is not verified yet, and ${action} needs real-name verification (${rule}). ` +
        'Ask for it at POST /api/v1/me/identity-verification; where no automatic provider is configured, ' +
        'your request stays pending until an administrator verifies you (you are told), then try again.',
      { verifyAt: '/api/v1/me/identity-verification' },
    );
  }
}

/** 429 with Retry-After (seconds), also given in the body as `retryAfter`. */
export class TooManyRequestsProblem extends ProblemException {
  constructor(detail: string, retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, ProblemType.TooManyRequests, 'Too many requests', detail, {
      retryAfter: retryAfterSeconds,
    });
  }
}

/** A lifecycle transition refused in the current state or by a guard: 409 with the reason. */
export class TransitionRefusedProblem extends ProblemException {
  constructor(reason: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, ProblemType.TransitionRefused, 'Transition refused', reason, extensions);
  }
}

/** The client edited an older version of the resource. */
export class StaleVersionProblem extends ProblemException {
  constructor(currentVersion: number) {
    super(HttpStatus.CONFLICT, ProblemType.StaleVersion, 'Stale version', `The case changed meanwhile (it is at version ${currentVersion}): reload it and try again`, {
      currentVersion,
    });
  }
}

/** The resource is sealed (an archived case): nothing about it may change. */
export class LockedProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.LOCKED, ProblemType.Locked, 'Locked', detail);
  }
}

/**
 * 503 with Retry-After (seconds, also `retryAfter` in the body): a service the API needs is
 * down. Nothing is wrong with the request or the session: send it again later.
 */
export class ServiceUnavailableProblem extends ProblemException {
  constructor(detail: string, retryAfterSeconds: number, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.ServiceUnavailable, 'Service unavailable', detail, {
      ...extensions,
      retryAfter: retryAfterSeconds,
    });
  }
}
