import { randomUUID } from 'node:crypto';
import { JobQueue } from '../src/infrastructure/queue/job-queue.service';
import { JOB_QUEUE, JobName } from '../src/infrastructure/queue/queue-names';
import { SweepScheduler } from '../src/infrastructure/sweep/sweep-scheduler.service';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const INTERVAL_MS = 200;
const SWEEPS = ['deadlines', 'orphaned-objects', 'performance', 'service-fallback', 'webhooks'];

/**
 * The periodic sweeps run through BullMQ job schedulers: however many worker processes run, each
 * interval's sweep runs once, in one of them (issue 22: not once per worker process).
 */
describe('periodic sweeps as job schedulers', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('two workers sharing a queue register one scheduler per sweep, and each interval sweeps once, not once per worker', async () => {
    const env = { QUEUE_PREFIX: `sweeps${randomUUID().slice(0, 6)}`, DEADLINE_SWEEP_INTERVAL_MS: String(INTERVAL_MS) };
    apps.push(await createTestApp({ env }), await createTestApp({ env }));
    const [first, second] = apps;
    expect(first.app.get(SweepScheduler).names().sort()).toEqual(SWEEPS);
    const queue = first.app.get(JobQueue).queue(JOB_QUEUE[JobName.RunSweep]);

    const schedulers = await eventually(
      async () => {
        const found = await queue.getJobSchedulers();
        return found.length === SWEEPS.length ? found : undefined;
      },
      10_000,
      'the schedulers',
    );
    expect(schedulers.map((s) => ({ id: s.key, every: Number(s.every) })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      SWEEPS.map((name) => ({ id: `sweep:${name}`, every: INTERVAL_MS })),
    );

    // Watch a window of whole intervals: one run per interval and sweep, taken by either worker.
    const windowMs = 3_000;
    const from = Date.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const to = Date.now();
    const runs = (await queue.getJobs(['completed'], 0, 1_000)).filter((job) => job.name === JobName.RunSweep && (job.finishedOn ?? 0) >= from && (job.finishedOn ?? 0) <= to);
    const intervals = windowMs / INTERVAL_MS;
    for (const name of SWEEPS) {
      const mine = runs.filter((job) => (job.data as { sweep: string }).sweep === name);
      // Each worker sweeping on its own timer would make about twice as many.
      expect(mine.length).toBeGreaterThanOrEqual(intervals / 3);
      expect(mine.length).toBeLessThanOrEqual(intervals + 2);
      expect(mine.every((job) => typeof (job.returnvalue as { acted?: number }).acted === 'number')).toBe(true);
    }
    // Both workers share the queue; nothing tied the sweeps to the first.
    expect(second.app.get(SweepScheduler).names().sort()).toEqual(SWEEPS);
  }, 60_000);

  it('an API-only process runs no sweeps and registers no scheduler', async () => {
    const api = await createTestApp({ runWorkers: false, env: { QUEUE_PREFIX: `sweepsapi${randomUUID().slice(0, 6)}` } });
    apps.push(api);
    expect(api.app.get(SweepScheduler).names()).toEqual([]);
    expect(await api.app.get(JobQueue).queue(JOB_QUEUE[JobName.RunSweep]).getJobSchedulers()).toEqual([]);
  });
});
