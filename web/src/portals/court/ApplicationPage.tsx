import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Button, Descriptions, Flex, List, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, MaterialView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem, useProblemHandler } from '../../api/use-problem';
import { meQuery } from '../../auth/auth-api';
import { downloadDocument, fetchDocumentBlob } from '../../case-page/case-page-api';
import { ServiceTab, TimelineTab } from '../../case-page/CaseTabs';
import { useDaysLeftText, when } from '../../case-page/plain-words';
import { FormAlert } from '../../shell/FormAlert';
import { usePageTitle } from '../../shell/use-page-title';
import { ClerkActions } from './ClerkActions';
import { OverdueTag, ProcedureTab, SummonButton } from './CourtProcedure';
import { applicationQuery } from './court-api';
import { CourtNav } from './CourtNav';
import { awaitingMaterial } from './court-rules';
import { JudgeDecision } from './JudgeDecision';
import { PdfModal } from './PdfModal';
import { useApplicationStatusText } from './status-words';

const route = getRouteApi('/signed-in/court/applications/$applicationId');

type FileTab = 'agreement' | 'materials' | 'supplements' | 'procedure' | 'service' | 'timeline';

/**
 * The application's court file: where it stands and by when the court must act, the effective
 * agreement, the lodged documents, service and the court-visible record — never mediation
 * content (the API shows the court nothing else). The clerk's and the judge's steps are here too.
 */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { applicationId } = route.useParams();
  const found = useQuery(applicationQuery(applicationId));
  const me = useQuery(meQuery()).data;
  const [docketed, setDocketed] = useState<string>();
  const [tab, setTab] = useState<FileTab>('agreement');
  const view = found.data;
  usePageTitle(view ? t('courtDesk.file.title', { number: view.caseNumber }) : undefined);

  return (
    <>
      <CourtNav current="queue" />
      <Typography.Paragraph>
        <Link to="/court">{t('courtDesk.file.back')}</Link>
      </Typography.Paragraph>
      {found.isLoading && <Skeleton active />}
      {found.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(found.error), t)} />}
      {view && (
        <>
          <Flex justify="space-between" align="flex-start" gap={16} wrap>
            <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
              {t('courtDesk.file.title', { number: view.caseNumber })}
            </Typography.Title>
            <Space wrap>
              <ClerkActions
                target={{ applicationId: view.id, caseNumber: view.caseNumber, status: view.status, awaitingMaterial: awaitingMaterial(view) }}
                onDocketed={setDocketed}
              />
              <SummonButton view={view} />
            </Space>
          </Flex>
          {docketed && (
            <Alert
              type="success"
              showIcon
              role="status"
              title={<span data-testid="docketed-number">{t('courtDesk.clerk.docketed', { number: docketed })}</span>}
              style={{ marginTop: 16 }}
            />
          )}
          <Header view={view} />
          {me?.roles.includes('judge') && view.status === 'docketed' && <JudgeDecision view={view} />}
          {!me?.roles.includes('judge') && view.status === 'docketed' && <Alert type="info" showIcon title={t('courtDesk.judge.onlyJudge')} style={{ marginBottom: 16 }} />}
          <Alert type="info" showIcon title={t('courtDesk.file.noMediation')} style={{ margin: '16px 0' }} />
          <Tabs
            className="wrapping-tabs"
            activeKey={tab}
            onChange={(key) => setTab(key as FileTab)}
            aria-label={t('courtDesk.file.tabsLabel')}
            destroyOnHidden
            items={[
              { key: 'agreement', label: t('courtDesk.file.tabs.agreement'), children: <AgreementTab view={view} /> },
              { key: 'materials', label: t('courtDesk.file.tabs.materials'), children: <MaterialsTab materials={view.materials} /> },
              { key: 'supplements', label: t('courtDesk.file.tabs.supplements'), children: <SupplementsTab view={view} /> },
              { key: 'procedure', label: t('courtDesk.file.tabs.procedure'), children: <ProcedureTab view={view} /> },
              { key: 'service', label: t('courtDesk.file.tabs.service'), children: <ServiceTab caseId={view.caseId} /> },
              { key: 'timeline', label: t('courtDesk.file.tabs.timeline'), children: <TimelineTab caseId={view.caseId} /> },
            ]}
          />
        </>
      )}
    </>
  );
}

function Header({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const statusText = useApplicationStatusText();
  const left = useDaysLeftText();
  const deadline = (() => {
    if (view.status === 'lodged' && view.docket.dueAt) return t('courtDesk.file.docketBy', { date: dayjs(view.docket.dueAt).format('LL'), left: left(view.docket.dueAt) });
    if (view.status === 'docketed' && view.decision.dueAt) return t('courtDesk.file.decideBy', { date: dayjs(view.decision.dueAt).format('LL'), left: left(view.decision.dueAt) });
    if (view.decision.decidedAt) return t('courtDesk.file.decided', { date: dayjs(view.decision.decidedAt).format('LL') });
    if (view.declined) return t('courtDesk.file.declinedBecause', { date: dayjs(view.declined.at).format('LL'), reason: view.declined.reason });
    return undefined;
  })();
  return (
    <>
      <Descriptions
        style={{ marginTop: 16 }}
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'court', label: t('courtDesk.file.court'), children: view.court.name },
          {
            key: 'status',
            label: t('courtDesk.file.status'),
            children: (
              <Space size={4} wrap>
                <Tag data-testid="application-status">{statusText(view.status)}</Tag>
                <OverdueTag view={view} />
              </Space>
            ),
          },
          { key: 'number', label: t('courtDesk.file.docketNumber'), children: <span data-testid="docket-number">{view.docket.number ?? t('courtDesk.file.notYet')}</span> },
          { key: 'lodged', label: t('courtDesk.file.lodged'), children: when(view.lodgedAt) ?? '—' },
          ...(deadline
            ? [
                {
                  key: 'deadline',
                  label: t('courtDesk.file.deadline'),
                  span: 'filled' as const,
                  children: (
                    <Space direction="vertical" size={2}>
                      <span data-testid="court-deadline">{deadline}</span>
                      {view.decision.extension && (
                        <Typography.Text type="secondary" data-testid="extension">
                          {t('courtDesk.file.extended', { by: view.decision.extension.approvedBy, reason: view.decision.extension.reason })}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('courtDesk.file.parties')}
      </Typography.Title>
      <List
        dataSource={view.parties}
        renderItem={(party) => (
          <List.Item>
            <List.Item.Meta title={party.name} description={party.consentedAt ? t('courtDesk.file.consented', { date: dayjs(party.consentedAt).format('LLL') }) : '—'} />
          </List.Item>
        )}
      />
    </>
  );
}

function AgreementTab({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const agreement = view.agreement;
  const signed = view.materials.find((m) => m.role === 'signed_agreement');
  if (!agreement) return <Typography.Text type="secondary">{t('courtDesk.file.noAgreement')}</Typography.Text>;
  const content = agreement.content;
  return (
    <>
      {signed && (
        <Space wrap>
          <Typography.Text strong>{t('courtDesk.file.roles.signed_agreement')}</Typography.Text>
          <DocumentButtons doc={signed} />
        </Space>
      )}
      <Descriptions
        style={{ marginTop: 16 }}
        column={1}
        items={[
          {
            key: 'version',
            label: t('courtDesk.file.tabs.agreement'),
            children: t('courtDesk.file.agreementVersion', { version: agreement.version, date: when(agreement.effectiveAt) ?? '—' }),
          },
          { key: 'result', label: t('courtDesk.file.result'), children: <span data-testid="agreement-result">{content.result}</span> },
          { key: 'facts', label: t('courtDesk.file.facts'), children: content.facts },
          {
            key: 'obligations',
            label: t('courtDesk.file.obligations'),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {content.performance.obligations.map((o) => (
                  <li key={o.id}>{o.kind === 'money' ? `${o.amount} ${o.currency}${o.description ? ` — ${o.description}` : ''}` : o.act}</li>
                ))}
              </ul>
            ),
          },
          {
            key: 'hash',
            label: t('courtDesk.file.agreementHash', { algorithm: agreement.hashAlgorithm }),
            children: (
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {agreement.hash}
              </Typography.Text>
            ),
          },
        ]}
      />
      {agreement.confirmsOwnership && <Alert type="warning" showIcon title={t('courtDesk.file.ownership')} />}
    </>
  );
}

/** View (in a dialog) and download one lodged document. */
function DocumentButtons({ doc }: { doc: MaterialView }) {
  const { t } = useTranslation();
  const handleProblem = useProblemHandler();
  const [viewing, setViewing] = useState(false);
  const [error, setError] = useState<string>();
  const isPdf = doc.filename.toLowerCase().endsWith('.pdf');
  return (
    <>
      <FormAlert message={error} />
      <Space wrap>
        {isPdf && (
          <Button size="small" onClick={() => setViewing(true)} aria-label={`${t('courtDesk.file.view')}: ${doc.filename}`}>
            {t('courtDesk.file.view')}
          </Button>
        )}
        <Button
          size="small"
          onClick={() => void downloadDocument(doc.documentId, doc.filename).catch((e: unknown) => setError(handleProblem(e)))}
          aria-label={`${t('courtDesk.file.download')}: ${doc.filename}`}
        >
          {t('courtDesk.file.download')}
        </Button>
      </Space>
      {viewing && <PdfModal title={doc.filename} load={() => fetchDocumentBlob(doc.documentId)} onClose={() => setViewing(false)} />}
    </>
  );
}

function MaterialsTab({ materials }: { materials: MaterialView[] }) {
  const { t } = useTranslation();
  return (
    <Table<MaterialView>
      rowKey="documentId"
      dataSource={materials}
      pagination={false}
      data-testid="materials"
      columns={[
        { title: t('courtDesk.file.materialName'), dataIndex: 'filename', render: (name: string) => <span style={{ wordBreak: 'break-all' }}>{name}</span> },
        { title: t('courtDesk.file.materialRole'), dataIndex: 'role', render: (role: MaterialView['role']) => t(`courtDesk.file.roles.${role}`) },
        { title: t('courtDesk.file.materialAdded'), dataIndex: 'addedAt', responsive: ['md'], render: (at: string) => dayjs(at).format('LLL') },
        { title: '', key: 'actions', render: (_: unknown, doc) => <DocumentButtons doc={doc} /> },
      ]}
    />
  );
}

function SupplementsTab({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  return (
    <List
      dataSource={view.supplements}
      locale={{ emptyText: <Typography.Text type="secondary">{t('courtDesk.file.noSupplements')}</Typography.Text> }}
      renderItem={(s) => (
        <List.Item>
          <List.Item.Meta
            title={s.items}
            description={[
              t('courtDesk.file.supplementDue', { date: dayjs(s.dueAt).format('LL') }),
              s.supplementedAt
                ? t('courtDesk.file.supplementDone', { date: dayjs(s.supplementedAt).format('LL') })
                : s.expiredAt
                  ? t('courtDesk.file.supplementExpired')
                  : t('courtDesk.file.supplementWaiting'),
            ].join(' · ')}
          />
        </List.Item>
      )}
    />
  );
}
