import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Alert, Button, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { listSecurityEvents } from '../../api/generated/sdk.gen';
import type { SecurityEvent } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem } from '../../api/use-problem';
import { WideTable } from './WideTable';
import { ADMIN_KEY, SECURITY_EVENT_TYPES, type SecurityEventType } from './admin-api';

const route = getRouteApi('/signed-in/admin');

/** What the details say, as `key: value` pairs (never a password: the API does not store one). */
const detailsText = (details: Record<string, unknown>): string =>
  Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');

/** The security log, newest first, filtered by kind in the URL (?type=login_failed). */
export function SecuritySection() {
  const { t } = useTranslation();
  const { type } = route.useSearch();
  const navigate = route.useNavigate();
  const events = useInfiniteQuery({
    queryKey: [ADMIN_KEY, 'security-events', type],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => (await listSecurityEvents({ query: { type, cursor: pageParam, limit: 50 }, signal, throwOnError: true })).data,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Typography.Paragraph>{t('adminPortal.security.intro')}</Typography.Paragraph>
      <Select<SecurityEventType | 'all'>
        aria-label={t('adminPortal.security.filter')}
        value={type ?? 'all'}
        onChange={(value) => void navigate({ search: (s) => ({ ...s, type: value === 'all' ? undefined : value }), replace: true })}
        options={[{ value: 'all' as const, label: t('adminPortal.security.all') }, ...SECURITY_EVENT_TYPES.map((x) => ({ value: x, label: t(`adminPortal.security.types.${x}`) }))]}
        style={{ width: 280, marginBottom: 16 }}
      />
      {events.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(events.error), t)} />}
      <WideTable label={t('adminPortal.sections.security')}>
        <Table<SecurityEvent>
          rowKey="id"
          loading={events.isLoading}
          dataSource={rows}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.none')}</Typography.Text> }}
          pagination={false}
          columns={[
            { title: t('adminPortal.security.when'), dataIndex: 'occurredAt', render: (at: string) => dayjs(at).format('LLL') },
            { title: t('adminPortal.security.what'), dataIndex: 'type', render: (x: SecurityEventType) => t(`adminPortal.security.types.${x}`) },
            { title: t('adminPortal.security.details'), dataIndex: 'details', render: (d: Record<string, unknown>) => detailsText(d) },
            { title: t('adminPortal.security.ip'), dataIndex: 'ip' },
          ]}
        />
      </WideTable>
      {events.hasNextPage && (
        <Button style={{ marginTop: 16 }} loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {t('adminPortal.more')}
        </Button>
      )}
    </>
  );
}
