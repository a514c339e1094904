// The yardstick of `notifications` (bench/notifications.bench.cjs): a BullMQ worker with an empty
// processor, in a process of its own as the app's worker is, configured as the app configures
// its workers (src/infrastructure/queue/queue-workers.service.ts). Forked; it reports when it
// is listening and when it has completed the number of jobs it was told to expect.
const { Worker } = require('bullmq');
const { performance } = require('node:perf_hooks');

process.once('message', async ({ connection, queue, prefix, concurrency, expected }) => {
  const now = () => performance.timeOrigin + performance.now();
  const latencies = [];
  let done = 0;
  const worker = new Worker(queue, async () => undefined, { connection, prefix, concurrency, lockDuration: 60_000, stalledInterval: 30_000 });
  worker.on('completed', async (job) => {
    latencies.push(job.finishedOn - job.timestamp);
    if (++done === expected) {
      const finishedAt = now();
      await worker.close();
      process.send({ finishedAt, latencies }, () => process.disconnect());
    }
  });
  await worker.waitUntilReady();
  process.send({ ready: true });
});
