// The `filing` load at a fixed arrival rate (bench/filing.bench.cjs, issue 24): the same three
// requests per filing as filing.load.cjs, started `rate` times a second by bench/support/open-loop.cjs.
const { openLoop } = require('./open-loop.cjs');
const filing = require('./filing.load.cjs');

exports.run = async (options, hooks) => ({ ...(await openLoop(filing.requests(options), options, hooks)), extra: filing.report() });
