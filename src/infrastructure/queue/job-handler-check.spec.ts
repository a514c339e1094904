import { checkJobHandlers } from './job-handler-check';

describe('checkJobHandlers', () => {
  const declared = ['a.one', 'b.two'];

  it('accepts exactly one handler per job', () => {
    expect(
      checkJobHandlers(
        [
          { job: 'a.one', location: 'A.one' },
          { job: 'b.two', location: 'B.two' },
        ],
        declared,
      ),
    ).toEqual([]);
  });

  it('reports a job with no handler', () => {
    expect(checkJobHandlers([{ job: 'a.one', location: 'A.one' }], declared)).toEqual(['job "b.two" has no handler']);
  });

  it('reports a job with two handlers, naming both', () => {
    const problems = checkJobHandlers(
      [
        { job: 'a.one', location: 'A.one' },
        { job: 'a.one', location: 'C.again' },
        { job: 'b.two', location: 'B.two' },
      ],
      declared,
    );
    expect(problems).toEqual(['job "a.one" has 2 handlers: A.one, C.again']);
  });

  it('reports a handler for a job nobody declared', () => {
    const problems = checkJobHandlers(
      [
        { job: 'a.one', location: 'A.one' },
        { job: 'b.two', location: 'B.two' },
        { job: 'c.three', location: 'C.three' },
      ],
      declared,
    );
    expect(problems).toEqual(['C.three handles "c.three", which is not a declared job']);
  });
});
