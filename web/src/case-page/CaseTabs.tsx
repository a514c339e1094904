import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../i18n/money';
import type { CaseView, PartyView } from '../api/generated/types.gen';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { caseEventsQuery, chainQuery, deadlinesQuery, downloadDocument, servicesQuery } from './case-page-api';
import { useDaysLeftText, usePlainWords, when } from './plain-words';

function QueryError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(error), t)} style={{ marginBottom: 16 }} />;
}

function Parties({ title, parties }: { title: string; parties: PartyView[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {title}
      </Typography.Title>
      <List
        dataSource={parties}
        locale={{ emptyText: <Typography.Text type="secondary">{t('casePage.overview.none')}</Typography.Text> }}
        renderItem={(party) => (
          <List.Item>
            <List.Item.Meta
              title={party.name}
              description={[
                party.legalRepresentative ? t('casePage.overview.legalRepresentative', { name: party.legalRepresentative }) : undefined,
                party.email,
                party.phone,
                party.address,
                party.hasAccount ? undefined : t('casePage.overview.noAccount'),
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </List.Item>
        )}
      />
    </>
  );
}

export function OverviewTab({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const plain = usePlainWords();
  return (
    <>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'source', label: t('casePage.overview.source'), children: view.source === 'court_referral' ? t('casePage.overview.referral') : t('casePage.overview.online') },
          {
            key: 'type',
            label: t('casePage.overview.disputeType'),
            children: t(`respondent.disputeTypes.${view.disputeType}` as 'respondent.disputeTypes.other', { defaultValue: view.disputeType.replaceAll('_', ' ') }),
          },
          ...(view.referralNumber ? [{ key: 'ref', label: t('casePage.overview.referralNumber'), children: view.referralNumber }] : []),
          ...(view.statement ? [{ key: 'statement', label: t('casePage.overview.statement'), children: view.statement, span: 'filled' as const }] : []),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('casePage.overview.parties')}
      </Typography.Title>
      <Parties title={t('casePage.overview.applicants')} parties={view.applicants} />
      <Parties title={t('casePage.overview.respondents')} parties={view.respondents} />
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('casePage.overview.claims')}
      </Typography.Title>
      <List
        dataSource={view.claims}
        locale={{ emptyText: <Typography.Text type="secondary">{t('casePage.overview.none')}</Typography.Text> }}
        renderItem={(claim) => (
          <List.Item>
            <Space wrap>
              <Tag>{plain('claimKinds', claim.kind)}</Tag>
              {claim.amount && <Typography.Text strong>{formatMoney(claim.amount, claim.currency ?? 'CNY', i18n.language)}</Typography.Text>}
              {claim.description && <Typography.Text>{claim.description}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('casePage.overview.ipRights')}
      </Typography.Title>
      <List
        dataSource={view.ipRights}
        locale={{ emptyText: <Typography.Text type="secondary">{t('casePage.overview.none')}</Typography.Text> }}
        renderItem={(right) => (
          <List.Item>
            <Space wrap>
              <Tag>{t(`filing.types.${right.kind}`, { defaultValue: right.kind })}</Tag>
              {[right.number, right.title, right.jurisdiction, right.owner].filter(Boolean).join(' · ')}
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

export function TimelineTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const plain = usePlainWords();
  const events = useQuery(caseEventsQuery(caseId));
  const chain = useQuery(chainQuery(caseId));
  return (
    <>
      <QueryError error={events.error} />
      {chain.data &&
        (chain.data.ok ? (
          <Alert type="success" showIcon title={t('casePage.timeline.verified', { count: chain.data.events })} style={{ marginBottom: 16 }} data-testid="chain-ok" />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('casePage.timeline.broken', { sequence: chain.data.brokenAt ?? '?', detail: chain.data.detail ?? chain.data.reason ?? '' })}
            style={{ marginBottom: 16 }}
          />
        ))}
      {events.data && events.data.length === 0 && <Typography.Text type="secondary">{t('casePage.timeline.empty')}</Typography.Text>}
      <Timeline
        items={(events.data ?? []).map((event) => ({
          key: event.sequence,
          content: (
            <>
              <Typography.Text strong>{plain('events', event.type)}</Typography.Text>
              <br />
              {event.type === 'step_switched_offline' && (
                <>
                  <Typography.Text data-testid="offline-step">
                    {t('casePage.timeline.offline', { step: plain('offlineSteps', String(event.payload.step)), reason: String(event.payload.reason ?? '') })}
                  </Typography.Text>
                  <br />
                </>
              )}
              <Typography.Text type="secondary">
                {when(event.occurredAt)} · {t('casePage.timeline.by', { actor: plain('roles', event.actorRole) })}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </>
  );
}

export function ServiceTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const services = useQuery(servicesQuery(caseId));
  const notYet = <Typography.Text type="secondary">{t('casePage.service.notYet')}</Typography.Text>;
  return (
    <>
      <QueryError error={services.error} />
      <List
        loading={services.isLoading}
        dataSource={services.data ?? []}
        locale={{ emptyText: <Typography.Text type="secondary">{t('casePage.service.empty')}</Typography.Text> }}
        renderItem={(service) => {
          const delivered = service.delivered
            .map((d) => d.deliveredAt)
            .filter((at): at is string => !!at)
            .sort()[0];
          return (
            <List.Item>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                title={service.recipientName}
                items={[
                  { key: 'purpose', label: t('casePage.service.purpose'), children: service.purpose.replaceAll('_', ' ') },
                  { key: 'sent', label: t('casePage.service.sent'), children: when(service.sentAt) ?? notYet },
                  { key: 'delivered', label: t('casePage.service.delivered'), children: when(delivered) ?? notYet },
                  { key: 'read', label: t('casePage.service.read'), children: when(service.readAt) ?? notYet },
                  { key: 'effective', label: t('casePage.service.effective'), children: when(service.effectiveAt) ?? notYet },
                  {
                    key: 'certificate',
                    label: t('casePage.service.certificate'),
                    children: service.certificateDocumentId ? (
                      <Button size="small" onClick={() => void downloadDocument(service.certificateDocumentId as string, `service-certificate-${service.id}.pdf`)}>
                        {t('casePage.documents.download')}
                      </Button>
                    ) : (
                      <Typography.Text type="secondary">{t('casePage.service.noCertificate')}</Typography.Text>
                    ),
                  },
                ]}
              />
            </List.Item>
          );
        }}
      />
    </>
  );
}

const DEADLINE_KINDS = [
  'correction',
  'mediator_offer',
  'joint_nomination',
  'designation',
  'respondent_consent',
  'mediation_period',
  'supplement',
  'court_docket',
  'court_decision',
] as const;
const isDeadlineKind = (kind: string): kind is (typeof DEADLINE_KINDS)[number] => (DEADLINE_KINDS as readonly string[]).includes(kind);

export function DeadlinesTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const left = useDaysLeftText();
  const deadlines = useQuery(deadlinesQuery(caseId));
  return (
    <>
      <QueryError error={deadlines.error} />
      <Table
        rowKey="id"
        loading={deadlines.isLoading}
        dataSource={deadlines.data ?? []}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('casePage.deadlines.empty')}</Typography.Text> }}
        columns={[
          {
            title: t('casePage.deadlines.kind'),
            dataIndex: 'kind',
            render: (kind: string) => (isDeadlineKind(kind) ? t(`casePage.deadlines.kinds.${kind}`) : kind.replaceAll('_', ' ')),
          },
          { title: t('casePage.deadlines.due'), dataIndex: 'dueAt', render: (at: string) => dayjs(at).format('LLL') },
          { title: t('casePage.deadlines.state'), dataIndex: 'state', render: (state: 'running' | 'paused' | 'fired' | 'cancelled') => t(`casePage.deadlines.${state}`) },
          {
            title: t('casePage.deadlines.left'),
            key: 'left',
            render: (_: unknown, d) => (d.state === 'running' || d.state === 'paused' ? left(d.dueAt) : '—'),
          },
        ]}
      />
    </>
  );
}
