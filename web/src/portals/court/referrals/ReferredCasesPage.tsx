import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../../../api/problem';
import { describeProblem, useProblemHandler } from '../../../api/use-problem';
import { CaseStatusTag } from '../../../cases/CaseStatus';
import { usePageTitle } from '../../../shell/use-page-title';
import { CourtLinks } from './CourtLinks';
import type { ReferralStatus, ReferralType } from './referral-filters';
import { downloadReferredCsv, REFERRAL_STATUSES, REFERRAL_TYPES, referredCasesQuery, type ReferredCase } from './referrals-api';

const route = getRouteApi('/signed-in/court/referrals');

/**
 * The court's referred cases with their status and outcome. The filters are in the URL
 * (?q=&status=&type=) so a list can be shared and survives a reload; the CSV has the same filters.
 */
export function ReferredCasesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('courtReferral.list.title'));
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const cases = useInfiniteQuery(referredCasesQuery(filters));
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const handleProblem = useProblemHandler();
  const [exportError, setExportError] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      await downloadReferredCsv(filters, lang);
    } catch (error) {
      setExportError(handleProblem(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <CourtLinks current="list" />
      <Space align="center" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('courtReferral.list.title')}
        </Typography.Title>
        <Space wrap>
          <Button type="primary" onClick={() => void navigate({ to: '/court/referrals/new' })}>
            {t('courtReferral.list.refer')}
          </Button>
          <Button onClick={() => void navigate({ to: '/court/referrals/import' })}>{t('courtReferral.list.import')}</Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('courtReferral.list.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('courtReferral.list.search')}
          placeholder={t('courtReferral.list.search')}
          defaultValue={filters.q}
          allowClear
          onSearch={(value) => void navigate({ search: (prev) => ({ ...prev, q: value.trim() || undefined }) })}
          style={{ width: 360, maxWidth: '100%' }}
        />
        <Select<ReferralStatus | ''>
          aria-label={t('courtReferral.list.statusFilter')}
          value={filters.status ?? ''}
          onChange={(value) => void navigate({ search: (prev) => ({ ...prev, status: value || undefined }) })}
          options={[{ value: '', label: t('courtReferral.list.anyStatus') }, ...REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}.label`) }))]}
          style={{ minWidth: 180 }}
        />
        <Select<ReferralType | ''>
          aria-label={t('courtReferral.list.typeFilter')}
          value={filters.type ?? ''}
          onChange={(value) => void navigate({ search: (prev) => ({ ...prev, type: value || undefined }) })}
          options={[{ value: '', label: t('courtReferral.list.anyType') }, ...REFERRAL_TYPES.map((type) => ({ value: type, label: t(`courtReferral.types.${type}`) }))]}
          style={{ minWidth: 220 }}
        />
        <Button onClick={() => void exportCsv()} loading={exporting}>
          {t('courtReferral.list.export')}
        </Button>
      </Space>
      {exportError && <Alert type="error" showIcon role="alert" title={exportError} style={{ marginBottom: 16 }} />}
      {cases.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(cases.error), t)} style={{ marginBottom: 16 }} />}
      <Table<ReferredCase>
        rowKey="id"
        loading={cases.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('courtReferral.list.empty')}</Typography.Text> }}
        columns={[
          {
            title: t('courtReferral.list.referralNumber'),
            dataIndex: 'referralNumber',
            render: (referralNumber: string, row) => (
              <Link to="/cases/$caseId" params={{ caseId: row.id }} search={{}}>
                {referralNumber}
              </Link>
            ),
          },
          { title: t('courtReferral.list.number'), dataIndex: 'number', responsive: ['md'] },
          { title: t('courtReferral.list.caseTitle'), dataIndex: 'title', responsive: ['lg'] },
          { title: t('courtReferral.list.type'), dataIndex: 'referralType', responsive: ['md'], render: (type: string) => t(`courtReferral.types.${type as 'pre_filing'}`) },
          { title: t('courtReferral.list.status'), dataIndex: 'status', render: (status: string) => <CaseStatusTag status={status} /> },
          {
            title: t('courtReferral.list.outcome'),
            dataIndex: 'outcome',
            render: (outcome: string | null, row) => (
              <Space wrap size={4}>
                {outcome ? t(`courtReferral.outcomes.${outcome as 'withdrawn'}`) : '—'}
                {row.returnedToCourt && <Tag>{t('courtReferral.list.returned')}</Tag>}
              </Space>
            ),
          },
          { title: t('courtReferral.list.referredAt'), dataIndex: 'referredAt', responsive: ['sm'], render: (at: string) => dayjs(at).format('LL') },
        ]}
      />
      {cases.hasNextPage && (
        <Button onClick={() => void cases.fetchNextPage()} loading={cases.isFetchingNextPage} style={{ marginTop: 16 }}>
          {t('courtReferral.list.loadMore')}
        </Button>
      )}
    </>
  );
}
