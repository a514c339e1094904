import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getStatistics, listOrganisations } from '../api/generated/sdk.gen';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { useMe } from '../auth/use-session';
import { usePageTitle } from '../shell/use-page-title';
import { downloadCsv, toCsv } from './csv';
import { csvRows, figureTables, isRate, type FigureTable, type OverviewFigure, type Statistics, type TableWords } from './figure-tables';
import type { ChartSeries, FigureChartProps } from './FigureChart';
import { apiPeriod, periodDays, urlDay } from './period';

// ECharts is big: its chunk loads with this page only, after the figures.
const FigureChart = lazy(() => import('./FigureChart'));

const route = getRouteApi('/signed-in/statistics');

/** Read by screen readers, not shown. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

const HEADLINE: OverviewFigure[] = ['received', 'settled', 'successRate', 'performed', 'voluntaryPerformanceRate'];
const SECOND_ROW: OverviewFigure[] = ['accepted', 'confirmed', 'deadlinesMissed', 'deadlinesOverdueNow'];

/**
 * The statistics dashboard (issue 20): headline figures, then each breakdown as a chart and a
 * table with its CSV. The API decides whose cases count (the platform, the person's courts, or a
 * mediator's own); the period — and, for administrators, one court — are in the URL.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  usePageTitle(t('statistics.title'));
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useMe();
  const days = periodDays(search);
  const period = apiPeriod(days);
  const stats = useQuery({
    queryKey: ['statistics', period.from, period.to, search.court ?? null],
    queryFn: async ({ signal }) => (await getStatistics({ query: { ...period, courtId: search.court }, signal, throwOnError: true })).data as Statistics,
    // Keep the old figures on screen while a new period loads.
    placeholderData: keepPreviousData,
  });

  const words: TableWords = {
    column: (name) => t(`statistics.columns.${name}`),
    figure: (name) => t(`statistics.figures.${name}`),
    definition: (name) => t(`statistics.definitions.${name}`),
    source: (key) => t(`statistics.sources.${key}`, { defaultValue: key }),
    disputeType: (key) => t(`filing.types.${key}`, { defaultValue: key }),
    outcome: (key) => t(`statistics.outcomes.${key}`, { defaultValue: key }),
    stage: (key) => t(`statistics.stages.${key}`, { defaultValue: key }),
  };
  const data = stats.data;
  const tables = data ? figureTables(data, words) : undefined;
  const fileSuffix = `${urlDay(days[0])}_${urlDay(days[1])}`;

  const setPeriod = (range: [Dayjs, Dayjs]) => void navigate({ search: (prev) => ({ ...prev, from: urlDay(range[0]), to: urlDay(range[1]) }) });
  const today = dayjs().startOf('day');
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('statistics.presets.thisMonth'), value: [today.startOf('month'), today] },
    { label: t('statistics.presets.last30Days'), value: [today.subtract(29, 'day'), today] },
    { label: t('statistics.presets.thisYear'), value: [today.startOf('year'), today] },
    { label: t('statistics.presets.lastYear'), value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year').startOf('day')] },
    { label: t('statistics.presets.last12Months'), value: [today.subtract(1, 'year').add(1, 'day'), today] },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('statistics.title')}
      </Typography.Title>
      {data && <Typography.Paragraph type="secondary">{t(`statistics.scope.${search.court && me?.roles.includes('admin') ? 'oneCourt' : data.scope}`)}</Typography.Paragraph>}
      <Form layout="vertical" style={{ marginBottom: 8 }}>
        <Space wrap align="start" size={16}>
          <Form.Item label={t('statistics.period')} extra={t('statistics.periodHelp')} style={{ maxWidth: 560, marginBottom: 8 }}>
            {/* The range's two inputs each have a name of their own: "Period: first day", "Period: last day". */}
            <label htmlFor="statistics-period-start" style={VISUALLY_HIDDEN}>
              {`${t('statistics.period')}: ${t('statistics.start')}`}
            </label>
            <label htmlFor="statistics-period-end" style={VISUALLY_HIDDEN}>
              {`${t('statistics.period')}: ${t('statistics.end')}`}
            </label>
            <DatePicker.RangePicker
              id={{ start: 'statistics-period-start', end: 'statistics-period-end' }}
              value={days}
              allowClear={false}
              presets={presets}
              placeholder={[t('statistics.start'), t('statistics.end')]}
              disabledDate={(d) => d.isAfter(today, 'day')}
              onChange={(range) => range?.[0] && range[1] && setPeriod([range[0], range[1]])}
            />
          </Form.Item>
          {me?.roles.includes('admin') && <CourtPicker value={search.court} onChange={(court) => void navigate({ search: (prev) => ({ ...prev, court }) })} />}
        </Space>
      </Form>
      {stats.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(stats.error), t)} style={{ marginBottom: 16 }} />}
      {!data || !tables ? (
        stats.isLoading && <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <div aria-busy={stats.isFetching} data-testid="statistics">
          <Headline stats={data} figures={HEADLINE} big />
          <Headline stats={data} figures={SECOND_ROW} />

          <Section title={t('statistics.sections.received')}>
            <FigureCard table={tables.bySource} title={t('statistics.tables.bySource')} fileSuffix={fileSuffix} chart="donut" />
            <FigureCard table={tables.byDisputeType} title={t('statistics.tables.byDisputeType')} fileSuffix={fileSuffix} chart="horizontalBar" />
          </Section>

          <Section title={t('statistics.sections.funnel')}>
            <Col xs={24}>
              <Card size="small">
                <ChartBox
                  title={t('statistics.sections.funnel')}
                  chart={{
                    // Bars across: the five labels stay readable on a phone.
                    kind: 'horizontalBar',
                    categories: (['received', 'accepted', 'settled', 'confirmed', 'performed'] as const).map((f) => words.figure(f)),
                    series: [{ name: t('statistics.columns.cases'), values: [data.received.total, data.accepted, data.settled, data.confirmed, data.performed] }],
                  }}
                />
              </Card>
            </Col>
          </Section>

          <Section title={t('statistics.sections.outcomes')}>
            <FigureCard table={tables.closedByOutcome} title={t('statistics.tables.closedByOutcome')} fileSuffix={fileSuffix} chart="horizontalBar" />
            <FigureCard table={tables.medianDays} title={t('statistics.tables.medianDays')} fileSuffix={fileSuffix} chart="horizontalBar" />
          </Section>

          <Section title={t('statistics.sections.mediators')}>
            <FigureCard table={tables.mediators} title={t('statistics.tables.mediators')} fileSuffix={fileSuffix} chart="mediators" wide />
          </Section>

          <Section title={t('statistics.sections.overview')}>
            <FigureCard table={tables.overview} title={t('statistics.tables.overview')} fileSuffix={fileSuffix} wide />
          </Section>
          <Typography.Paragraph type="secondary">{t('statistics.csvHelp')}</Typography.Paragraph>
        </div>
      )}
    </>
  );
}

/** An administrator may look at one court's cases; the API refuses anyone else a court that is not theirs. */
function CourtPicker({ value, onChange }: { value?: string; onChange: (court: string | undefined) => void }) {
  const { t } = useTranslation();
  const courts = useQuery({
    queryKey: ['organisations', 'courts'],
    queryFn: async ({ signal }) => (await listOrganisations({ query: { kind: 'court', limit: 100 }, signal, throwOnError: true })).data.items,
  });
  return (
    <Form.Item label={t('statistics.court')} htmlFor="statistics-court" style={{ minWidth: 240, marginBottom: 8 }}>
      <Select
        id="statistics-court"
        value={value ?? ''}
        loading={courts.isLoading}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(court: string) => onChange(court || undefined)}
        options={[{ value: '', label: t('statistics.allCourts') }, ...(courts.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        style={{ width: 280, maxWidth: '100%' }}
      />
    </Form.Item>
  );
}

/** A rate as per cent with one decimal: the API's 3-decimal fraction exactly (0.222 → 22.2 %). */
const percent = (rate: number) => Math.round(rate * 1000) / 10;

function Headline({ stats, figures, big = false }: { stats: Statistics; figures: OverviewFigure[]; big?: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {figures.map((figure) => {
        const value = figure === 'received' ? stats.received.total : stats[figure];
        const rate = isRate(figure);
        return (
          // As many in a row as fit, each at least a phone's half-width.
          <Col key={figure} flex={big ? '1 1 170px' : '1 1 150px'}>
            <Card size="small" style={{ height: '100%' }} data-testid={`headline-${figure}`}>
              <Statistic
                title={<span style={{ fontSize: 14 }}>{t(`statistics.figures.${figure}`)}</span>}
                value={value === null ? '—' : rate ? percent(value) : value}
                precision={rate && value !== null ? 1 : undefined}
                suffix={rate && value !== null ? '%' : undefined}
                styles={{ content: { fontSize: big ? 28 : 20 } }}
              />
              {/* Each rate says how it is counted, where it is shown. */}
              {rate && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, marginTop: 4 }}>
                  {value === null ? `${t('statistics.noRate')}. ` : ''}
                  {t(`statistics.definitions.${figure}`)}
                </Typography.Paragraph>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginTop: 24 }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {title}
      </Typography.Title>
      <Row gutter={[16, 16]}>{children}</Row>
    </section>
  );
}

type ChartKind = FigureChartProps['kind'] | 'mediators';

/** The numbers of a table as a chart's categories and series. */
function chartOf(table: FigureTable, kind: ChartKind): FigureChartProps {
  const names = table.rows.map((r) => String(r.cells[0]));
  if (kind === 'mediators') {
    // Open cases against capacity: the workload at a glance.
    const series: ChartSeries[] = [1, 2].map((col) => ({ name: table.columns[col].title, values: table.rows.map((r) => Number(r.cells[col] ?? 0)) }));
    return { kind: 'bar', categories: names, series };
  }
  return { kind, categories: names, series: [{ name: table.columns[1].title, values: table.rows.map((r) => Number(r.cells[1] ?? 0)) }] };
}

/** A chart for the eye, named in words for screen readers (the table beside it has every number). */
function ChartBox({ title, chart }: { title: string; chart: FigureChartProps }) {
  const { t } = useTranslation();
  const items = chart.categories.map((c, i) => `${c} ${chart.series.map((s) => s.values[i]).join(' / ')}`).join('; ');
  return (
    // Never wider than its card: the canvas follows the box's size (a phone turned, a window narrowed).
    <div role="img" aria-label={t('statistics.chartSummary', { title, items })} style={{ width: '100%', minWidth: 0, overflow: 'hidden' }}>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 200 }} />}>
        <FigureChart {...chart} />
      </Suspense>
    </div>
  );
}

function FigureCard({ table, title, fileSuffix, chart, wide = false }: { table: FigureTable; title: string; fileSuffix: string; chart?: ChartKind; wide?: boolean }) {
  // More than three columns may not fit a phone.
  const scrolls = table.columns.length > 3;
  const { t } = useTranslation();
  const headingId = `statistics-table-${table.id}`;
  const download = () =>
    downloadCsv(
      `accord-statistics-${table.id}-${fileSuffix}.csv`,
      toCsv(
        table.columns.map((c) => c.title),
        csvRows(table),
      ),
    );
  const format = (value: unknown, kind: FigureTable['columns'][number]['kind'], rowKey: string) => {
    if (value === null || value === undefined) return kind === 'days' ? t('statistics.noDays') : '—';
    if (typeof value !== 'number') return String(value);
    if (kind === 'days') return t('statistics.days', { count: value });
    if (table.id === 'overview' && isRate(rowKey as OverviewFigure)) return `${percent(value).toFixed(1)} %`;
    return value.toLocaleString();
  };
  const hasChart = chart && table.rows.length > 0 && table.rows.some((r) => r.cells.slice(1).some((c) => typeof c === 'number' && c > 0));
  return (
    <Col xs={24} lg={wide ? 24 : 12}>
      <Card
        size="small"
        title={
          <Typography.Title level={3} id={headingId} style={{ fontSize: 16, margin: 0 }}>
            {title}
          </Typography.Title>
        }
        extra={
          <Button size="small" onClick={download} aria-label={t('statistics.downloadCsvOf', { title })} data-testid={`csv-${table.id}`}>
            {t('statistics.downloadCsv')}
          </Button>
        }
        style={{ height: '100%' }}
      >
        {hasChart && <ChartBox title={title} chart={chartOf(table, chart)} />}
        {/* A table wider than a phone scrolls sideways: the region takes the keyboard focus to scroll. */}
        <div {...(scrolls ? { role: 'region', 'aria-labelledby': headingId, tabIndex: 0 } : {})} style={{ overflowX: 'auto' }}>
          <Table
            aria-labelledby={headingId}
            data-testid={`table-${table.id}`}
            size="small"
            pagination={false}
            rowKey="key"
            locale={{ emptyText: <Typography.Text type="secondary">{t('statistics.empty')}</Typography.Text> }}
            dataSource={table.rows.map((r) => ({ key: r.key, cells: r.cells }))}
            columns={table.columns.map((c, i) => ({
              key: String(i),
              title: c.title,
              align: c.kind === 'text' ? ('left' as const) : ('right' as const),
              render: (_: unknown, row: { key: string; cells: unknown[] }) => format(row.cells[i], c.kind, row.key),
            }))}
          />
        </div>
      </Card>
    </Col>
  );
}
