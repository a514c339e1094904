import { ApiProblem, fieldPath, ProblemType, toApiProblem } from './problem';

const response = (status: number, statusText = '') => new Response(null, { status, statusText });

describe('toApiProblem', () => {
  it('reads a problem+json body: type, status, detail, per-field errors', () => {
    const problem = toApiProblem(
      {
        type: ProblemType.ValidationFailed,
        title: 'Bad request',
        status: 400,
        detail: 'email must be an email',
        errors: [{ field: 'email', rule: 'isEmail', message: 'email must be an email' }],
      },
      response(400),
    );
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({ status: 400, type: ProblemType.ValidationFailed, detail: 'email must be an email' });
    expect(problem.errors).toEqual([{ field: 'email', rule: 'isEmail', message: 'email must be an email' }]);
  });

  it('knows a stale version', () => {
    expect(toApiProblem({ type: ProblemType.StaleVersion, title: 'Conflict', status: 409 }, response(409)).isStaleVersion).toBe(true);
    expect(toApiProblem({ type: ProblemType.Conflict, title: 'Conflict', status: 409 }, response(409)).isStaleVersion).toBe(false);
  });

  it('turns a body that is not a problem (a proxy page) into one with the status', () => {
    const problem = toApiProblem('<html>Bad gateway</html>', response(502, 'Bad Gateway'));
    expect(problem).toMatchObject({ status: 502, title: 'Bad Gateway' });
    expect(problem.errors).toEqual([]);
  });

  it('calls a request that got no answer a network problem', () => {
    expect(toApiProblem(new TypeError('Failed to fetch'))).toMatchObject({ type: ProblemType.Network, status: 0 });
  });

  it('passes an ApiProblem through', () => {
    const problem = new ApiProblem({ title: 'x' }, 418);
    expect(toApiProblem(problem)).toBe(problem);
  });
});

describe('fieldPath', () => {
  it('turns the API field path into an Ant Design name path', () => {
    expect(fieldPath('respondents.0.email')).toEqual(['respondents', 0, 'email']);
    expect(fieldPath('email')).toEqual(['email']);
  });
});
