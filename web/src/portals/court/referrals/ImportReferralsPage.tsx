import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Card, Result, Space, Spin, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importReferrals, previewReferralImport } from '../../../api/generated/sdk.gen';
import type { ImportPreviewView, ImportResultView, ImportRowErrorView } from '../../../api/generated/types.gen';
import { useProblemHandler } from '../../../api/use-problem';
import { FormAlert } from '../../../shell/FormAlert';
import { usePageTitle } from '../../../shell/use-page-title';
import { CourtLinks } from './CourtLinks';
import { downloadTemplate } from './referrals-api';

type Stage = { kind: 'choose' } | { kind: 'checking'; file: File } | { kind: 'checked'; file: File; preview: ImportPreviewView } | { kind: 'done'; result: ImportResultView };

/**
 * Bulk referral: template → upload → the server checks every row (nothing is created) → the
 * clerk confirms → each new row is referred once. Confirming sends the same file again: the
 * server checks it again and skips rows referred before, so nothing is ever created twice.
 */
export function ImportReferralsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('courtReferral.import.title'));
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const handleProblem = useProblemHandler();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  const check = async (file: File) => {
    setError(undefined);
    setStage({ kind: 'checking', file });
    try {
      const { data } = await previewReferralImport({ body: { file }, query: { lang }, throwOnError: true });
      setStage({ kind: 'checked', file, preview: data });
    } catch (problem) {
      setError(handleProblem(problem));
      setStage({ kind: 'choose' });
    }
  };

  const confirm = async (file: File) => {
    setError(undefined);
    setConfirming(true);
    try {
      const { data } = await importReferrals({ body: { file }, query: { lang }, throwOnError: true });
      await queryClient.invalidateQueries({ queryKey: ['court-referrals'] });
      setStage({ kind: 'done', result: data });
    } catch (problem) {
      setError(handleProblem(problem));
    } finally {
      setConfirming(false);
    }
  };

  const download = (format: 'xlsx' | 'csv') => void downloadTemplate(lang, format).catch((problem: unknown) => setError(handleProblem(problem)));
  const step = { choose: 1, checking: 2, checked: 2, done: 3 }[stage.kind];

  return (
    <>
      <CourtLinks current="import" />
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('courtReferral.import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('courtReferral.import.intro')}</Typography.Paragraph>
      <nav aria-label={t('courtReferral.import.steps')}>
        <Steps
          size="small"
          current={step}
          responsive
          style={{ marginBottom: 24 }}
          items={[t('courtReferral.import.stepTemplate'), t('courtReferral.import.stepUpload'), t('courtReferral.import.stepCheck'), t('courtReferral.import.stepDone')].map(
            (title) => ({ title }),
          )}
        />
      </nav>
      <FormAlert message={error} />
      {stage.kind === 'choose' && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph>{t('courtReferral.import.templateText')}</Typography.Paragraph>
            <Space wrap>
              <Button onClick={() => download('xlsx')}>{t('courtReferral.import.templateXlsx')}</Button>
              <Button onClick={() => download('csv')}>{t('courtReferral.import.templateCsv')}</Button>
            </Space>
          </Card>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            // The file is sent by `check`, not by the component: its own upload knows no token or problem+json.
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <Typography.Paragraph strong style={{ marginBottom: 4 }}>
              {t('courtReferral.import.drop')}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('courtReferral.import.dropHint')}
            </Typography.Paragraph>
          </Upload.Dragger>
        </>
      )}
      {stage.kind === 'checking' && <Spin tip={t('courtReferral.import.checking')}>{<div style={{ minHeight: 80 }} />}</Spin>}
      {stage.kind === 'checked' && (
        <Checked preview={stage.preview} confirming={confirming} onConfirm={() => void confirm(stage.file)} onAnother={() => setStage({ kind: 'choose' })} />
      )}
      {stage.kind === 'done' && <Done result={stage.result} />}
    </>
  );
}

function Checked({ preview, confirming, onConfirm, onAnother }: { preview: ImportPreviewView; confirming: boolean; onConfirm: () => void; onAnother: () => void }) {
  const { t } = useTranslation();
  const another = <Button onClick={onAnother}>{t('courtReferral.import.another')}</Button>;
  if (preview.errors.length > 0) {
    return (
      <>
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('courtReferral.import.errorsTitle', { count: preview.errors.length })}
          description={t('courtReferral.import.errorsText')}
          style={{ marginBottom: 16 }}
        />
        <Table<ImportRowErrorView>
          rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.message}`}
          dataSource={preview.errors}
          pagination={preview.errors.length > 50 ? { pageSize: 50 } : false}
          columns={[
            { title: t('courtReferral.import.row'), dataIndex: 'row', width: 80 },
            { title: t('courtReferral.import.column'), dataIndex: 'header', render: (header: string | null) => header ?? t('courtReferral.import.wholeRow') },
            { title: t('courtReferral.import.problem'), dataIndex: 'message' },
          ]}
          style={{ marginBottom: 16 }}
        />
        {another}
      </>
    );
  }
  return (
    <Card size="small">
      {preview.toCreate > 0 ? (
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('courtReferral.import.readyTitle', { count: preview.toCreate })}
        </Typography.Title>
      ) : (
        <Alert type="info" showIcon title={t('courtReferral.import.nothingNew')} style={{ marginBottom: 16 }} />
      )}
      {preview.alreadyReferred > 0 && preview.toCreate > 0 && (
        <Typography.Paragraph>{t('courtReferral.import.alreadyText', { count: preview.alreadyReferred })}</Typography.Paragraph>
      )}
      <Space wrap>
        {preview.toCreate > 0 && (
          <Button type="primary" loading={confirming} onClick={onConfirm}>
            {t('courtReferral.import.confirm', { count: preview.toCreate })}
          </Button>
        )}
        {another}
      </Space>
    </Card>
  );
}

function Done({ result }: { result: ImportResultView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={<h2 className="ant-result-title">{t('courtReferral.import.doneTitle', { created: result.created })}</h2>}
      subTitle={result.alreadyReferred > 0 ? t('courtReferral.import.doneText', { already: result.alreadyReferred }) : undefined}
      extra={
        <Button type="primary" onClick={() => void navigate({ to: '/court/referrals', search: {} })}>
          {t('courtReferral.import.toList')}
        </Button>
      }
    />
  );
}
