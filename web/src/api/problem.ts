/**
 * Errors from the API are application/problem+json (RFC 9457): `type`, `title`, `status`,
 * `detail`, and for bad input `errors`, one per field. The client turns every failure (HTTP
 * or network) into an ApiProblem, so screens handle one shape.
 */
export interface FieldProblem {
  /** Dotted path into the request, e.g. `respondents.0.email`. */
  field: string;
  rule: string;
  message: string;
}

export const ProblemType = {
  ValidationFailed: 'urn:accord:problem:validation-failed',
  StaleVersion: 'urn:accord:problem:stale-version',
  Conflict: 'urn:accord:problem:conflict',
  TransitionRefused: 'urn:accord:problem:transition-refused',
  Unauthenticated: 'urn:accord:problem:unauthenticated',
  Forbidden: 'urn:accord:problem:forbidden',
  NotFound: 'urn:accord:problem:not-found',
  TooManyRequests: 'urn:accord:problem:too-many-requests',
  Internal: 'urn:accord:problem:internal',
  /** Not from the server: the request never got an answer. */
  Network: 'urn:accord:problem:network',
} as const;

export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  readonly correlationId?: string;
  /** The whole document, extensions included. */
  readonly body: Record<string, unknown>;

  constructor(body: Record<string, unknown>, status: number) {
    const detail = typeof body.detail === 'string' ? body.detail : undefined;
    const title = typeof body.title === 'string' ? body.title : `HTTP ${status}`;
    super(detail ?? title);
    this.name = 'ApiProblem';
    this.body = body;
    this.status = typeof body.status === 'number' ? body.status : status;
    this.type = typeof body.type === 'string' ? body.type : 'about:blank';
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]).filter((e) => typeof e?.field === 'string') : [];
    this.correlationId = typeof body.correlationId === 'string' ? body.correlationId : undefined;
  }

  get isStaleVersion(): boolean {
    return this.type === ProblemType.StaleVersion;
  }
}

/** Whatever was thrown (a parsed problem body, text, a TypeError from fetch) as an ApiProblem. */
export function toApiProblem(error: unknown, response?: Response): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (!response) {
    return new ApiProblem({ type: ProblemType.Network, title: 'Network error', detail: error instanceof Error ? error.message : undefined }, 0);
  }
  if (error && typeof error === 'object' && !Array.isArray(error)) return new ApiProblem(error as Record<string, unknown>, response.status);
  return new ApiProblem({ title: response.statusText || `HTTP ${response.status}`, detail: typeof error === 'string' && error ? error : undefined }, response.status);
}

/** `respondents.0.email` → ['respondents', 0, 'email'], the NamePath of an Ant Design Form field. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
