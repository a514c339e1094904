import type { PlatformStatisticsView } from '../api/generated/types.gen';
import type { CsvCell } from './csv';

export type Statistics = PlatformStatisticsView;

/** How a column's numbers read: counts as they are, rates as per cent, days with up to 2 decimals. */
export type ColumnKind = 'text' | 'count' | 'rate' | 'days';

export interface FigureTable {
  id: 'overview' | 'bySource' | 'byDisputeType' | 'closedByOutcome' | 'medianDays' | 'mediators';
  columns: { title: string; kind: ColumnKind }[];
  /** Each row's first cell names it; `key` is stable across languages (for React and tests). */
  rows: { key: string; cells: CsvCell[] }[];
}

/** The words a table needs, from the page's language (injected so this stays pure and testable). */
export interface TableWords {
  column: (
    name: 'figure' | 'value' | 'definition' | 'source' | 'disputeType' | 'outcome' | 'stage' | 'medianDays' | 'mediator' | 'openCases' | 'capacity' | 'closedTotal' | 'cases',
  ) => string;
  figure: (name: OverviewFigure) => string;
  /** What a figure counts; for a rate, its formula. */
  definition: (name: OverviewFigure) => string;
  source: (key: string) => string;
  disputeType: (key: string) => string;
  outcome: (key: string) => string;
  stage: (key: string) => string;
}

export const OVERVIEW_FIGURES = [
  'received',
  'accepted',
  'settled',
  'successRate',
  'confirmed',
  'performed',
  'defaulted',
  'voluntaryPerformanceRate',
  'deadlinesMissed',
  'deadlinesOverdueNow',
] as const;
export type OverviewFigure = (typeof OVERVIEW_FIGURES)[number];

export const isRate = (figure: OverviewFigure): boolean => figure === 'successRate' || figure === 'voluntaryPerformanceRate';

/** The stages in the order a case passes them (the API's object keeps no order a person relies on). */
export const STAGES = ['submissionToAcceptance', 'acceptanceToMediatorAccept', 'mediationToAgreement', 'agreementToConfirmation'] as const;

/** Largest first, then by key: the same order on screen, in the chart and in the CSV. */
const counted = (counts: Record<string, number>) => Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));

function countsTable(id: FigureTable['id'], counts: Record<string, number>, heading: string, cases: string, label: (key: string) => string): FigureTable {
  return {
    id,
    columns: [
      { title: heading, kind: 'text' },
      { title: cases, kind: 'count' },
    ],
    rows: counted(counts).map(([key, n]) => ({ key, cells: [label(key), n] })),
  };
}

export function figureTables(s: Statistics, w: TableWords): Record<FigureTable['id'], FigureTable> {
  const value = (figure: OverviewFigure): number | null => (figure === 'received' ? s.received.total : s[figure]);
  const outcomes = [...new Set(s.mediators.flatMap((m) => Object.keys(m.closed)))].sort();
  return {
    overview: {
      id: 'overview',
      columns: [
        { title: w.column('figure'), kind: 'text' },
        { title: w.column('value'), kind: 'count' },
        { title: w.column('definition'), kind: 'text' },
      ],
      rows: OVERVIEW_FIGURES.map((figure) => ({ key: figure, cells: [w.figure(figure), value(figure), w.definition(figure)] })),
    },
    bySource: countsTable('bySource', s.received.bySource, w.column('source'), w.column('cases'), w.source),
    byDisputeType: countsTable('byDisputeType', s.received.byDisputeType, w.column('disputeType'), w.column('cases'), w.disputeType),
    closedByOutcome: countsTable('closedByOutcome', s.closedByOutcome, w.column('outcome'), w.column('cases'), w.outcome),
    medianDays: {
      id: 'medianDays',
      columns: [
        { title: w.column('stage'), kind: 'text' },
        { title: w.column('medianDays'), kind: 'days' },
      ],
      rows: STAGES.map((stage) => ({ key: stage, cells: [w.stage(stage), s.medianDays[stage] ?? null] })),
    },
    mediators: {
      id: 'mediators',
      columns: [
        { title: w.column('mediator'), kind: 'text' },
        { title: w.column('openCases'), kind: 'count' },
        { title: w.column('capacity'), kind: 'count' },
        ...outcomes.map((o) => ({ title: w.outcome(o), kind: 'count' as const })),
        { title: w.column('closedTotal'), kind: 'count' },
      ],
      rows: s.mediators.map((m) => ({
        key: m.mediatorId,
        cells: [m.name, m.openCases, m.capacity, ...outcomes.map((o) => m.closed[o] ?? 0), Object.values(m.closed).reduce((a, n) => a + n, 0)],
      })),
    },
  };
}

/** A table's rows as CSV cells: rates stay the API's 3-decimal fractions (0.222), so a spreadsheet can compute with them. */
export const csvRows = (table: FigureTable): CsvCell[][] => table.rows.map((r) => r.cells);
