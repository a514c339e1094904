import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Progress, Select, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { FormAlert } from '../shell/FormAlert';
import { documentsQuery, downloadDocument, fetchDocumentBlob, uploadDocumentWithProgress, type UploadKind, type Visibility } from './case-page-api';
import { usePlainWords } from './plain-words';

/** What a party uploads from the case page; the rest (notices, agreements, rulings) the platform makes. */
const UPLOAD_KINDS: UploadKind[] = ['evidence', 'supplement_material', 'performance_proof', 'power_of_attorney', 'identity_proof', 'correction_material', 'other'];
const VISIBILITIES: Visibility[] = ['all_parties', 'own_side_and_mediator', 'mediation_confidential'];

const previewable = (doc: DocumentView) => doc.contentType === 'application/pdf' || doc.contentType.startsWith('image/');

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

interface Values {
  /** Held by the Upload's own state; named so its error shows beside it. */
  file?: unknown;
  kind: UploadKind;
  visibility: Visibility;
}

export function DocumentsTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const plain = usePlainWords();
  const documents = useQuery(documentsQuery(caseId));
  const [previewing, setPreviewing] = useState<DocumentView>();
  const [error, setError] = useState<string>();
  const handleProblem = useProblemHandler();

  const download = (doc: DocumentView) => downloadDocument(doc.id, doc.filename).catch((e: unknown) => setError(handleProblem(e)));

  return (
    <>
      <UploadForm caseId={caseId} />
      <FormAlert message={error ?? (documents.error ? describeProblem(toApiProblem(documents.error), t) : undefined)} />
      <Table<DocumentView>
        rowKey="id"
        loading={documents.isLoading}
        dataSource={documents.data ?? []}
        pagination={false}
        data-testid="documents"
        locale={{ emptyText: <Typography.Text type="secondary">{t('casePage.documents.empty')}</Typography.Text> }}
        columns={[
          { title: t('casePage.documents.name'), dataIndex: 'filename', render: (name: string) => <span style={{ wordBreak: 'break-all' }}>{name}</span> },
          { title: t('casePage.documents.kind'), dataIndex: 'kind', render: (kind: string) => plain('kinds', kind) },
          { title: t('casePage.documents.visibility'), dataIndex: 'visibility', responsive: ['sm'], render: (v: string) => plain('visibilities', v) },
          { title: t('casePage.documents.added'), dataIndex: 'createdAt', responsive: ['md'], render: (at: string) => dayjs(at).format('LLL') },
          { title: t('casePage.documents.size'), dataIndex: 'size', responsive: ['lg'], render: size },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, doc) => (
              <Space wrap>
                {previewable(doc) && (
                  <Button size="small" onClick={() => setPreviewing(doc)} aria-label={`${t('casePage.documents.preview')}: ${doc.filename}`}>
                    {t('casePage.documents.preview')}
                  </Button>
                )}
                <Button size="small" onClick={() => void download(doc)} aria-label={`${t('casePage.documents.download')}: ${doc.filename}`}>
                  {t('casePage.documents.download')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {previewing && <Preview doc={previewing} onClose={() => setPreviewing(undefined)} />}
    </>
  );
}

function UploadForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const plain = usePlainWords();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleProblem = useProblemHandler();
  const idempotency = useIdempotencyKey();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [percent, setPercent] = useState<number>();
  const [error, setError] = useState<string>();

  const onFinish = async (values: Values) => {
    const file = files[0]?.originFileObj;
    if (!file) {
      form.setFields([{ name: 'file', errors: [t('casePage.documents.choose')] }]);
      return;
    }
    setError(undefined);
    setPercent(0);
    try {
      const doc = await uploadDocumentWithProgress({ caseId, file, kind: values.kind, visibility: values.visibility, idempotencyKey: idempotency.key(), onProgress: setPercent });
      idempotency.done();
      setFiles([]);
      void message.success(t('casePage.documents.uploaded', { name: doc.filename }));
      await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
    } catch (problem) {
      setError(handleProblem(problem, { form }));
    } finally {
      setPercent(undefined);
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('casePage.documents.upload')}
      </Typography.Title>
      <FormAlert message={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void onFinish(v)}
        initialValues={{ kind: 'evidence', visibility: 'all_parties' }}
        disabled={percent !== undefined}
        style={{ maxWidth: 560, marginBottom: 24 }}
      >
        <Form.Item name="file" label={t('casePage.documents.file')} extra={t('casePage.documents.chooseHelp')}>
          <Upload
            fileList={files}
            maxCount={1}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              form.setFields([{ name: 'file', errors: [] }]);
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t('casePage.documents.choose')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="kind" label={t('casePage.documents.kind')}>
          <Select options={UPLOAD_KINDS.map((kind) => ({ value: kind, label: plain('kinds', kind) }))} />
        </Form.Item>
        <Form.Item name="visibility" label={t('casePage.documents.visibility')}>
          <Select options={VISIBILITIES.map((v) => ({ value: v, label: plain('visibilities', v) }))} />
        </Form.Item>
        {percent !== undefined && <Progress percent={percent} aria-label={t('casePage.documents.send')} />}
        <Button type="primary" htmlType="submit" loading={percent !== undefined}>
          {t('casePage.documents.send')}
        </Button>
      </Form>
    </>
  );
}

/** PDFs and images shown from a blob URL: the document endpoint needs the session's token, which an iframe's src cannot carry. */
export function Preview({ doc, onClose }: { doc: DocumentView; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let created: string | undefined;
    fetchDocumentBlob(doc.id)
      .then((blob) => {
        created = URL.createObjectURL(new Blob([blob], { type: doc.contentType }));
        setUrl(created);
      })
      .catch((e: unknown) => setError(describeProblem(toApiProblem(e), t)));
    return () => {
      if (created) URL.revokeObjectURL(created);
    };
  }, [doc, t]);
  const title = t('casePage.documents.previewOf', { name: doc.filename });
  return (
    <Modal open title={title} onCancel={onClose} footer={<Button onClick={onClose}>{t('casePage.documents.close')}</Button>} width="min(960px, 100vw)">
      <FormAlert message={error} />
      {url &&
        (doc.contentType === 'application/pdf' ? (
          <iframe src={url} title={title} data-testid="pdf-preview" style={{ width: '100%', height: '70vh', border: 0 }} />
        ) : (
          <img src={url} alt={doc.filename} data-testid="image-preview" style={{ maxWidth: '100%' }} />
        ))}
    </Modal>
  );
}
