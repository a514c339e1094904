import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, List, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { EVIDENCE_KINDS, VISIBILITIES } from './application-form';
import { documentsQuery, uploadWithProgress } from './filing-api';

/**
 * Upload with a progress bar per file (Ant Design's Upload list), the kind and who may see it
 * chosen first; below, what the case already holds of these kinds.
 */
export function DocumentUpload({ caseId, fixedKind, label }: { caseId: string; fixedKind?: 'power_of_attorney'; label: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const documents = useQuery(documentsQuery(caseId));
  const [kind, setKind] = useState<string>(fixedKind ?? 'evidence');
  const [visibility, setVisibility] = useState<string>('all_parties');
  const shown = (documents.data ?? []).filter((d) => (fixedKind ? d.kind === fixedKind : d.kind !== 'power_of_attorney'));

  return (
    <>
      {!fixedKind && (
        <>
          <Form.Item label={t('filing.evidence.kind')} htmlFor="upload-kind">
            <Select id="upload-kind" value={kind} onChange={setKind} options={EVIDENCE_KINDS.map((value) => ({ value, label: t(`filing.evidence.kinds.${value}`) }))} />
          </Form.Item>
          <Form.Item label={t('filing.evidence.visibility')} htmlFor="upload-visibility">
            <Select
              id="upload-visibility"
              value={visibility}
              onChange={setVisibility}
              options={VISIBILITIES.map((value) => ({ value, label: t(`filing.evidence.visibilities.${value}`) }))}
            />
          </Form.Item>
        </>
      )}
      <Upload.Dragger
        multiple={!fixedKind}
        accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.txt"
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const f = file as File & { uid: string };
          uploadWithProgress(caseId, f, { kind, visibility }, f.uid, (percent) => onProgress?.({ percent }))
            .then(async (doc) => {
              onSuccess?.(doc);
              // Shown at once; the refetch (which cancels a list request already on its way,
              // possibly answered before this upload) and the case's checklist follow.
              queryClient.setQueryData(documentsQuery(caseId).queryKey, (old) => [...(old ?? []).filter((d) => d.id !== doc.id), doc]);
              await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
            })
            .catch((error: unknown) => {
              const problem = toApiProblem(error);
              onError?.(Object.assign(new Error(t('filing.evidence.failed', { reason: describeProblem(problem, t) })), { status: problem.status }));
            });
        }}
      >
        <Typography.Paragraph style={{ margin: 0 }}>{label}</Typography.Paragraph>
      </Upload.Dragger>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('filing.evidence.uploaded')}
      </Typography.Title>
      <List
        size="small"
        data-testid={fixedKind ? 'power-of-attorney-list' : 'documents-list'}
        locale={{ emptyText: t('filing.evidence.none') }}
        dataSource={shown}
        renderItem={(d) => (
          <List.Item>
            <span>{d.filename}</span> <Typography.Text type="secondary">{t(`filing.evidence.kinds.${d.kind as 'evidence'}`, { defaultValue: d.kind })}</Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}
