// The `queues` load (bench/queues.bench.cjs), run by bench/support/load.cjs: one endpoint at a
// time, each request for a random mediator (queue, list) or a random case read by its mediator.
exports.requests = ({ endpoint, mediators, reads }) => {
  const any = (list) => list[Math.floor(Math.random() * list.length)];
  const get = (step, path) => ({
    step,
    method: 'GET',
    setupRequest: (req, context) => ({ ...req, path: path(context), headers: { authorization: `Bearer ${context.token}` } }),
  });
  const withMediator = (step, path) => ({
    ...get(step, path),
    setupRequest: (req, context) => {
      context.token = any(mediators);
      return { ...req, path, headers: { authorization: `Bearer ${context.token}` } };
    },
  });
  switch (endpoint) {
    case 'queue':
      return [withMediator('queue', '/api/v1/assignment/queue')];
    case 'list':
      return [withMediator('list', '/api/v1/cases?limit=20')];
    case 'case page':
      return [
        {
          ...get('case', (c) => `/api/v1/cases/${c.caseId}`),
          setupRequest: (req, context) => {
            Object.assign(context, any(reads));
            return { ...req, path: `/api/v1/cases/${context.caseId}`, headers: { authorization: `Bearer ${context.token}` } };
          },
        },
        get('timeline', (c) => `/api/v1/cases/${c.caseId}/events`),
      ];
    default:
      throw new Error(`unknown endpoint ${endpoint}`);
  }
};
