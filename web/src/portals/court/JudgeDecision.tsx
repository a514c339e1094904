import { useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Checkbox, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmAgreement, extendDecisionPeriod, rejectApplication } from '../../api/generated/sdk.gen';
import type { ApplicationView } from '../../api/generated/types.gen';
import { useFormSubmit } from '../../api/use-form-submit';
import { useProblemHandler } from '../../api/use-problem';
import { FormAlert } from '../../shell/FormAlert';
import { applied, fetchRulingPreview, REJECTION_GROUNDS, type RejectionGround } from './court-api';
import { awaitingMaterial } from './court-rules';
import { PdfModal } from './PdfModal';

interface Ruling {
  outcome: 'confirmed' | 'rejected';
  grounds?: RejectionGround[];
  explanation?: string;
}

/**
 * The judge's decision on a docketed application: confirm, or reject on the grounds of Interp.
 * 358 ticked from a checklist. The ruling is always read first: the form opens the ruling as it
 * would be issued, and only that preview issues it. The decision period may be extended once.
 */
export function JudgeDecision({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleProblem = useProblemHandler();
  const [form] = Form.useForm<Ruling>();
  const outcome = Form.useWatch('outcome', form) ?? 'confirmed';
  const [previewing, setPreviewing] = useState<Ruling>();
  const [issuing, setIssuing] = useState(false);
  const [error, setError] = useState<string>();
  const [extending, setExtending] = useState(false);
  const waiting = awaitingMaterial(view);

  const issue = async (ruling: Ruling) => {
    setIssuing(true);
    setError(undefined);
    try {
      const { data } =
        ruling.outcome === 'confirmed'
          ? await confirmAgreement({ path: { id: view.id }, throwOnError: true })
          : await rejectApplication({ path: { id: view.id }, body: { grounds: ruling.grounds ?? [], explanation: ruling.explanation || undefined }, throwOnError: true });
      await applied(queryClient, data);
      void message.success(t(ruling.outcome === 'confirmed' ? 'courtDesk.judge.confirmed' : 'courtDesk.judge.rejected'));
    } catch (problem) {
      setError(handleProblem(problem, { form }));
    } finally {
      setIssuing(false);
      setPreviewing(undefined);
    }
  };

  return (
    <section aria-labelledby="judge-decision" style={{ margin: '24px 0', padding: 16, border: '1px solid #d9d9d9', borderRadius: 8 }}>
      <Typography.Title level={2} id="judge-decision" style={{ fontSize: 20, marginTop: 0 }}>
        {t('courtDesk.judge.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('courtDesk.judge.intro')}</Typography.Paragraph>
      {waiting && <Alert type="warning" showIcon title={t('courtDesk.judge.waitingMaterial')} style={{ marginBottom: 16 }} />}
      <FormAlert message={error} />
      <Form<Ruling>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={waiting || issuing}
        initialValues={{ outcome: 'confirmed', grounds: [] }}
        onFinish={(values) => {
          setError(undefined);
          setPreviewing({
            outcome: values.outcome,
            grounds: values.outcome === 'rejected' ? values.grounds : undefined,
            explanation: values.outcome === 'rejected' ? values.explanation : undefined,
          });
        }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="outcome" label={t('courtDesk.judge.ruling')}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="confirmed">{t('courtDesk.judge.confirm')}</Radio>
              <Radio value="rejected">{t('courtDesk.judge.reject')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {outcome === 'rejected' && (
          <>
            <Form.Item
              name="grounds"
              label={t('courtDesk.judge.grounds')}
              extra={t('courtDesk.judge.groundsHelp')}
              rules={[
                // A validator, not `required`: a checkbox group may not carry aria-required.
                { validator: (_, value?: RejectionGround[]) => (value?.length ? Promise.resolve() : Promise.reject(new Error(t('courtDesk.judge.groundsRequired')))) },
              ]}
            >
              <Checkbox.Group>
                <Space direction="vertical">
                  {REJECTION_GROUNDS.map((g) => (
                    <Checkbox key={g} value={g}>
                      {t(`courtDesk.judge.groundsList.${g}`)}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            </Form.Item>
            <Form.Item name="explanation" label={t('courtDesk.judge.explanation')} extra={t('courtDesk.judge.explanationHelp')}>
              <Input.TextArea rows={3} maxLength={20000} />
            </Form.Item>
          </>
        )}
        <Space wrap>
          <Button type="primary" htmlType="submit">
            {t('courtDesk.judge.preview')}
          </Button>
          {!view.decision.extension && (
            <Button onClick={() => setExtending(true)} disabled={issuing}>
              {t('courtDesk.judge.extend')}
            </Button>
          )}
        </Space>
      </Form>
      {previewing && (
        <PdfModal
          title={t('courtDesk.judge.previewTitle')}
          testId="ruling-preview"
          load={() => fetchRulingPreview(view.id, previewing)}
          onClose={() => setPreviewing(undefined)}
          footer={
            <Button type="primary" loading={issuing} onClick={() => void issue(previewing)} danger={previewing.outcome === 'rejected'}>
              {t(previewing.outcome === 'confirmed' ? 'courtDesk.judge.issueConfirm' : 'courtDesk.judge.issueReject')}
            </Button>
          }
        />
      )}
      {extending && <ExtendModal view={view} onClose={() => setExtending(false)} />}
    </section>
  );
}

function ExtendModal({ view, onClose }: { view: ApplicationView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { formProps, error, busy, form } = useFormSubmit<{ approvedBy: string; reason: string }>(async (body) => {
    const { data } = await extendDecisionPeriod({ path: { id: view.id }, body, throwOnError: true });
    await applied(queryClient, data);
    void message.success(t('courtDesk.judge.extended', { date: data.decision.dueAt ? dayjs(data.decision.dueAt).format('LL') : '—' }));
    onClose();
  });
  return (
    <Modal
      open
      title={t('courtDesk.judge.extend')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('courtDesk.judge.extend')}
      cancelText={t('courtDesk.judge.cancel')}
      confirmLoading={busy}
    >
      <Typography.Paragraph>{t('courtDesk.judge.extendOnce')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item
          name="approvedBy"
          label={t('courtDesk.judge.approvedBy')}
          extra={t('courtDesk.judge.approvedByHelp')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('courtDesk.judge.approvedByRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('courtDesk.judge.extendReason')}
          rules={[{ required: true, min: 3, whitespace: true, message: t('courtDesk.judge.extendReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
