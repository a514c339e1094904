// The yardstick of `notifications` (bench/notifications.bench.cjs): a BullMQ worker with an empty
// processor, in a process of its own as the app's worker is, configured as the app configures
// its workers (src/infrastructure/queue/queue-workers.service.ts). Forked; told first how to
// connect (it answers when listening), then, before each batch of jobs is added, how many to
// expect (it answers when it has completed that many), then to close.
const { Worker } = require('bullmq');
const { performance } = require('node:perf_hooks');

const now = () => performance.timeOrigin + performance.now();
let worker;
let expected = 0;
let done = 0;
let latencies = [];

process.on('message', async (m) => {
  if (m.connection) {
    const { connection, queue, prefix, concurrency } = m;
    worker = new Worker(queue, async () => undefined, { connection, prefix, concurrency, lockDuration: 60_000, stalledInterval: 30_000 });
    worker.on('completed', (job) => {
      latencies.push(job.finishedOn - job.timestamp);
      if (expected > 0 && ++done === expected) {
        expected = 0;
        process.send({ finishedAt: now(), latencies });
      }
    });
    await worker.waitUntilReady();
    process.send({ ready: true });
  } else if (m.expect) {
    expected = m.expect;
    done = 0;
    latencies = [];
  } else if (m.close) {
    await worker.close();
    process.send({ closed: true }, () => process.disconnect());
  }
});
