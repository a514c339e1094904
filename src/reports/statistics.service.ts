import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { statisticsScope } from '../access/statistics-scope.policy';
import { ForbiddenProblem } from '../common/errors/problem';
import { successRate, voluntaryPerformanceRate } from './statistics-rates';

export interface StatisticsQuery {
  from: Date;
  to: Date;
  /** Narrows the person's scope to one court. */
  courtId?: string;
}

export interface PlatformStatistics {
  period: { from: string; to: string };
  scope: 'platform' | 'courts' | 'mediator';
  received: { total: number; bySource: Record<string, number>; byDisputeType: Record<string, number> };
  accepted: number;
  settled: number;
  /** Settled ÷ received in the period, the way the platform's first-year figures count it (BRIEF.md). */
  successRate: number | null;
  confirmed: number;
  performed: number;
  defaulted: number;
  /** Performed ÷ (performed + defaulted): settlements honoured without enforcement. */
  voluntaryPerformanceRate: number | null;
  closedByOutcome: Record<string, number>;
  /** Median days between the steps, over the cases that took both in the period. */
  medianDays: Record<string, number | null>;
  /** Statutory deadlines that ran out (their timer fired) in the period. */
  deadlinesMissed: number;
  /** Running deadlines already past their due time now (a job or the sweep is late). */
  deadlinesOverdueNow: number;
  mediators: { mediatorId: string; name: string; openCases: number; capacity: number; closed: Record<string, number> }[];
}

const STAGES: Record<string, [string, string]> = {
  submissionToAcceptance: ['submit', 'accept'],
  acceptanceToMediatorAccept: ['accept', 'mediator_accept'],
  mediationToAgreement: ['start_mediation', 'agreement_effective'],
  agreementToConfirmation: ['agreement_effective', 'confirm'],
};

/**
 * Platform statistics (issues 10 and 20). Administrators see the platform; court staff see the
 * cases of their own courts (referred by them or lodged with them for confirmation); mediators
 * the cases they mediate (src/access/statistics-scope.policy.ts).
 */
@Injectable()
export class StatisticsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async compute(user: AuthUser, q: StatisticsQuery): Promise<PlatformStatistics> {
    const scoped = statisticsScope(user, q.courtId);
    if ('refused' in scoped) {
      throw new ForbiddenProblem(
        scoped.refused === 'not_your_court' ? 'Statistics of another court are not yours to see' : 'Statistics are for administrators, courts and mediators',
      );
    }
    // $1 from, $2 to, $3 the courts (null: any), $4 the mediator (null: any).
    const scope = `($3::uuid[] IS NULL OR c.referring_court_id = ANY($3::uuid[]) OR c.confirming_court_id = ANY($3::uuid[]))
                   AND ($4::uuid IS NULL OR c.mediator_id = $4::uuid)`;
    const params = [q.from, q.to, scoped.courtIds, scoped.mediatorId];
    const count = async (sql: string, values: unknown[] = params): Promise<number> => Number(((await this.db.query(sql, values)) as { n: string }[])[0].n);
    const eventsOf = (type: string) =>
      count(`SELECT count(DISTINCT e.case_id) AS n FROM case_events e JOIN cases c ON c.id = e.case_id
             WHERE e.type = '${type}' AND e.occurred_at >= $1 AND e.occurred_at < $2 AND ${scope}`);

    const receivedRows = (await this.db.query(
      `SELECT c.source, c.dispute_type, count(*)::int AS n FROM cases c
        WHERE c.submitted_at >= $1 AND c.submitted_at < $2 AND ${scope} GROUP BY 1, 2`,
      params,
    )) as { source: string; dispute_type: string; n: number }[];
    const sum = (rows: typeof receivedRows, key: 'source' | 'dispute_type') =>
      rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r[key]]: (acc[r[key]] ?? 0) + r.n }), {});
    const receivedTotal = receivedRows.reduce((a, r) => a + r.n, 0);

    const closedRows = (await this.db.query(`SELECT c.outcome, count(*)::int AS n FROM cases c WHERE c.closed_at >= $1 AND c.closed_at < $2 AND ${scope} GROUP BY 1`, params)) as {
      outcome: string;
      n: number;
    }[];
    const closedByOutcome = Object.fromEntries(closedRows.map((r) => [r.outcome, r.n]));
    const settled = await eventsOf('agreement_effective');
    const performed = closedByOutcome.fulfilled ?? 0;
    const defaulted = closedByOutcome.defaulted ?? 0;

    const medianDays: Record<string, number | null> = {};
    for (const [name, [a, b]] of Object.entries(STAGES)) {
      const [row] = (await this.db.query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM eb.at - ea.at) / 86400) AS d
           FROM (SELECT case_id, min(occurred_at) AS at FROM case_events WHERE type = $5 GROUP BY case_id) ea
           JOIN (SELECT case_id, max(occurred_at) AS at FROM case_events WHERE type = $6 GROUP BY case_id) eb ON eb.case_id = ea.case_id
           JOIN cases c ON c.id = ea.case_id
          WHERE eb.at >= $1 AND eb.at < $2 AND ${scope}`,
        [...params, a, b],
      )) as { d: number | null }[];
      medianDays[name] = row.d === null ? null : Math.round(Number(row.d) * 100) / 100;
    }

    const mediators = (await this.db.query(
      `SELECT m.user_id AS "mediatorId", u.display_name AS name, m.open_cases AS "openCases", m.capacity,
              coalesce((SELECT jsonb_object_agg(x.outcome, x.n) FROM (SELECT c.outcome, count(*) AS n FROM cases c
                 WHERE c.mediator_id = m.user_id AND c.closed_at >= $1 AND c.closed_at < $2 AND ${scope} GROUP BY 1) x), '{}') AS closed
         FROM mediator_profiles m JOIN users u ON u.id = m.user_id
        WHERE ($3::uuid[] IS NULL OR m.court_ids && $3::uuid[]) AND ($4::uuid IS NULL OR m.user_id = $4::uuid)
        ORDER BY u.display_name`,
      params,
    )) as PlatformStatistics['mediators'];

    return {
      period: { from: q.from.toISOString(), to: q.to.toISOString() },
      scope: scoped.kind,
      received: { total: receivedTotal, bySource: sum(receivedRows, 'source'), byDisputeType: sum(receivedRows, 'dispute_type') },
      accepted: await eventsOf('accept'),
      settled,
      successRate: successRate(settled, receivedTotal),
      confirmed: await eventsOf('confirm'),
      performed,
      defaulted,
      voluntaryPerformanceRate: voluntaryPerformanceRate(performed, defaulted),
      closedByOutcome,
      medianDays,
      deadlinesMissed: await count(
        `SELECT count(*) AS n FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.fired_at >= $1 AND d.fired_at < $2 AND d.fire_result = 'fired' AND ${scope}`,
      ),
      deadlinesOverdueNow: await count(
        `SELECT count(*) AS n FROM deadlines d JOIN cases c ON c.id = d.case_id
          WHERE d.fired_at IS NULL AND d.cancelled_at IS NULL AND d.paused_at IS NULL AND d.due_at < now()
            AND ($1::uuid[] IS NULL OR c.referring_court_id = ANY($1::uuid[]) OR c.confirming_court_id = ANY($1::uuid[]))
            AND ($2::uuid IS NULL OR c.mediator_id = $2::uuid)`,
        [scoped.courtIds, scoped.mediatorId],
      ),
      mediators,
    };
  }
}

/** The figures as CSV rows (metric, value) for spreadsheets. */
export function statisticsCsv(s: PlatformStatistics): string {
  const rows: [string, string | number | null][] = [
    ['period.from', s.period.from],
    ['period.to', s.period.to],
    ['received.total', s.received.total],
    ...Object.entries(s.received.bySource).map(([k, v]) => [`received.source.${k}`, v] as [string, number]),
    ...Object.entries(s.received.byDisputeType).map(([k, v]) => [`received.disputeType.${k}`, v] as [string, number]),
    ['accepted', s.accepted],
    ['settled', s.settled],
    ['successRate', s.successRate],
    ['confirmed', s.confirmed],
    ['performed', s.performed],
    ['defaulted', s.defaulted],
    ['voluntaryPerformanceRate', s.voluntaryPerformanceRate],
    ...Object.entries(s.closedByOutcome).map(([k, v]) => [`closed.${k}`, v] as [string, number]),
    ...Object.entries(s.medianDays).map(([k, v]) => [`medianDays.${k}`, v] as [string, number | null]),
    ['deadlinesMissed', s.deadlinesMissed],
    ['deadlinesOverdueNow', s.deadlinesOverdueNow],
    ...s.mediators.flatMap((m) => [
      [`mediator.${m.mediatorId}.openCases`, m.openCases] as [string, number],
      ...Object.entries(m.closed).map(([k, v]) => [`mediator.${m.mediatorId}.closed.${k}`, v] as [string, number]),
    ]),
  ];
  return ['metric,value', ...rows.map(([k, v]) => `${k},${v ?? ''}`)].join('\n') + '\n';
}
