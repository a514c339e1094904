import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, List, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementVersionView } from '../api/generated/types.gen';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { downloadDocument, fetchDocumentBlob } from '../case-page/case-page-api';

/**
 * A version's PDF read in the page (the browser's own PDF viewer in a frame, from a blob: the
 * document needs the session's token, which a plain link cannot carry), and saved with a button.
 */
export function AgreementPdf({ documentId, filename, title }: { documentId: string; filename: string; title: string }) {
  const { t } = useTranslation();
  const pdf = useQuery({ queryKey: ['documents', documentId, 'blob'], queryFn: () => fetchDocumentBlob(documentId), staleTime: Infinity });
  const url = useMemo(() => (pdf.data ? URL.createObjectURL(pdf.data) : undefined), [pdf.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const [error, setError] = useState<string>();

  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => downloadDocument(documentId, filename).catch((e: unknown) => setError(describeProblem(toApiProblem(e), t)))}>
          {t('agreement.pdf.download')}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} />}
      {pdf.isLoading && <Skeleton.Node active style={{ width: '100%', height: 120 }} />}
      {pdf.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(pdf.error), t)} />}
      {url && <iframe src={url} title={title} data-testid="agreement-pdf" style={{ width: '100%', height: 'min(70vh, 640px)', border: '1px solid #d9d9d9', borderRadius: 8 }} />}
    </div>
  );
}

export const versionFilename = (number: string, version: number, signed = false) =>
  signed ? `settlement-agreement-${number}-signed.pdf` : `settlement-agreement-${number}-v${version}.pdf`;

/** Who has signed the version (when, how the code reached them) and who is still awaited; refusals with their reasons. */
export function SignatureTracker({ version }: { version: AgreementVersionView }) {
  const { t } = useTranslation();
  const signed = version.signatures.filter((s) => !s.voidedAt);
  const role = (r: string) => t(`agreement.tracker.roles.${r === 'mediator' ? 'mediator' : r === 'agent' ? 'agent' : 'party'}`);
  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('agreement.tracker.title', { version: version.version })}</h3>} data-testid="signature-tracker">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'status',
            label: t('agreement.tracker.status'),
            children: <Tag color={version.status === 'effective' ? 'green' : version.status === 'void' ? 'default' : 'blue'}>{t(`agreement.versionStatus.${version.status}`)}</Tag>,
          },
          { key: 'frozen', label: t('agreement.tracker.proposedOn'), children: dayjs(version.frozenAt).format('LLL') },
          { key: 'ownership', label: t('agreement.tracker.ownership'), children: version.confirmsOwnership ? t('agreement.yes') : t('agreement.no') },
          { key: 'hash', label: t('agreement.tracker.fingerprint'), children: <Typography.Text code>{version.hash.slice(0, 16)}…</Typography.Text> },
        ]}
      />
      <Flex gap={24} wrap style={{ marginTop: 12 }}>
        <div style={{ flex: '1 1 260px' }} data-testid="signed-list">
          <Typography.Title level={4} style={{ fontSize: 15 }}>
            {t('agreement.tracker.signed', { count: signed.length })}
          </Typography.Title>
          <List
            size="small"
            locale={{ emptyText: <Typography.Text type="secondary">{t('agreement.tracker.noneSigned')}</Typography.Text> }}
            dataSource={signed}
            renderItem={(s) => (
              <List.Item>
                <span>
                  {s.signerName} <Tag>{role(s.signerRole)}</Tag>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('agreement.tracker.signedAt', { date: dayjs(s.signedAt).format('LLL'), destination: s.codeDestination })}
                  </Typography.Text>
                </span>
              </List.Item>
            )}
          />
        </div>
        {version.status === 'signing' && (
          <div style={{ flex: '1 1 260px' }} data-testid="awaiting-list">
            <Typography.Title level={4} style={{ fontSize: 15 }}>
              {t('agreement.tracker.awaiting', { count: version.awaiting.length })}
            </Typography.Title>
            <List
              size="small"
              dataSource={version.awaiting}
              renderItem={(a) => (
                <List.Item>
                  {a.name} <Tag>{role(a.role)}</Tag>
                </List.Item>
              )}
            />
          </div>
        )}
      </Flex>
      {version.refusals.map((r) => (
        <Alert
          key={r.id}
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="refusal"
          title={t('agreement.tracker.refused', { name: version.content.parties.find((p) => p.partyId === r.partyId)?.name ?? '', date: dayjs(r.refusedAt).format('LL') })}
          description={r.reason}
        />
      ))}
    </Card>
  );
}
