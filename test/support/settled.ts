import { JobQueue } from '../../src/infrastructure/queue/job-queue.service';
import type { JobName } from '../../src/infrastructure/queue/queue-names';
import type { PeriodicSweep } from '../../src/infrastructure/sweep/periodic-sweep';
import { eventually, type TestApp } from './test-app';

/**
 * Positive signals for tests that assert something did NOT happen. Sleeping a while and then
 * checking passes vacuously on a slow machine (the wrong thing had not happened *yet*); these
 * wait until the work that could have done it has certainly run.
 */

/** Generous: they wait for something that will happen; the limit only turns a hang into a failure. */
const LIMIT_MS = 120_000;

/**
 * Waits until every `job` the outbox holds whose data contains `data` has been handed to BullMQ
 * and run to its end: completed, or failed for good. Only then may a test say what
 * those jobs did not do.
 */
export async function jobsSettled(t: TestApp, job: JobName, data: Record<string, unknown>): Promise<number> {
  const rows = (await t.db.query(`SELECT id FROM outbox WHERE job = $1 AND data @> $2::jsonb`, [job, JSON.stringify(data)])) as { id: string }[];
  const queue = t.app.get(JobQueue);
  for (const { id } of rows) {
    await eventually(
      async () => {
        const [row] = (await t.db.query(`SELECT relayed_at FROM outbox WHERE id = $1`, [id])) as { relayed_at: Date | null }[];
        if (!row?.relayed_at) return undefined;
        const queued = await queue.getJob(job, id); // the outbox row's id is the job's id
        if (!queued) return true; // relayed, then removed once finished
        // A job that will be retried waits ('delayed', 'waiting'): 'failed' is for good.
        const state = await queued.getState();
        return state === 'completed' || state === 'failed' ? true : undefined;
      },
      LIMIT_MS,
      `${job} job ${id} to finish`,
    );
  }
  return rows.length;
}

/**
 * One whole run of a periodic sweep that started after this call. `sweep()` joins the run in
 * progress, which may have begun before the test changed what it sweeps; the second call runs
 * afresh (or joins a timer run that began after the first ended).
 */
export async function freshSweep(sweep: PeriodicSweep): Promise<number> {
  await sweep.sweep();
  return sweep.sweep();
}
