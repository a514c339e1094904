import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewFailureReport, terminateMediation } from '../api/generated/sdk.gen';
import type { CaseView, CostRaisingConductRequest, DocumentView, FailureReportView, TerminateRequest } from '../api/generated/types.gen';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { documentsQuery } from '../case-page/case-page-api';
import { Preview } from '../case-page/DocumentsTab';
import { when } from '../case-page/plain-words';
import { PdfModal } from '../portals/court/PdfModal';
import type { RoomPanelProps } from '../room/room-panel';
import { FormAlert } from '../shell/FormAlert';
import { failureReportQuery, inMediation } from './negotiation-api';

type Ground = TerminateRequest['reason'];
const GROUNDS: Ground[] = ['positions_too_far_apart', 'refuses_to_continue', 'party_unreachable', 'refuses_to_sign'];
/** Grounds that name the party they concern (the API requires it). */
const CONCERNS_PARTY: Ground[] = ['refuses_to_continue', 'party_unreachable', 'refuses_to_sign'];
const CONDUCT: CostRaisingConductRequest['kind'][] = ['failed_to_attend', 'deliberate_delay', 'false_statements', 'withheld_evidence', 'reneged_on_agreed_points', 'other'];

/**
 * How the mediation ends. While it runs, the mediator may end it without agreement on one of
 * the grounds; the failure report (reasons and conduct, never offers) is then written, served
 * on the parties and, for a court referral, on the court. Everyone in the room then sees the
 * outcome, the report's PDF and what happens next.
 */
export function EndingPanel({ view, isMediator }: RoomPanelProps) {
  const { t } = useTranslation();
  const report = useQuery(failureReportQuery(view.id));
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('negotiation.ending.title')}
      </Typography.Title>
      {report.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(report.error), t)} />}
      {report.data ? (
        <Outcome view={view} report={report.data} />
      ) : report.data === null && isMediator && (inMediation(view) || view.status === 'signing') ? (
        <TerminateForm view={view} />
      ) : report.data === null ? (
        <Typography.Paragraph data-testid="ending-ongoing">
          {inMediation(view) || view.status === 'signing' ? t('negotiation.ending.ongoing') : t('negotiation.ending.noReport')}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

function Outcome({ view, report }: { view: CaseView; report: FailureReportView }) {
  const { t } = useTranslation();
  const documents = useQuery(documentsQuery(view.id));
  const [previewing, setPreviewing] = useState<DocumentView>();
  const names = new Map([...view.applicants, ...view.respondents].map((p) => [p.id, p.name]));
  const pdfs = (documents.data ?? []).filter((d) => report.documentIds.includes(d.id));
  return (
    <>
      <Result
        status="warning"
        title={t('negotiation.ending.endedTitle')}
        subTitle={t('negotiation.ending.endedOn', { at: when(report.preparedAt) ?? '' })}
        data-testid="mediation-ended"
        style={{ paddingBlock: 16 }}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'reasons', label: t('negotiation.ending.ground'), children: report.reasons.map((r) => t(`negotiation.ending.grounds.${r}`)).join('; ') },
          ...(report.partiesConcerned.length > 0
            ? [{ key: 'parties', label: t('negotiation.ending.partiesConcerned'), children: report.partiesConcerned.map((p) => names.get(p.partyId) ?? '').join(', ') }]
            : []),
          { key: 'explanation', label: t('negotiation.ending.explanation'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{report.explanation}</span> },
          { key: 'next', label: t('negotiation.ending.whatNext'), children: <span data-testid="what-next">{t(`negotiation.ending.handOff.${report.handOff as 'none'}`)}</span> },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 17, marginTop: 24 }}>
        {t('negotiation.ending.report')}
      </Typography.Title>
      <Space wrap>
        {pdfs.map((doc) => (
          <Button key={doc.id} type="primary" onClick={() => setPreviewing(doc)}>
            {t('negotiation.ending.readReport', { name: doc.filename })}
          </Button>
        ))}
      </Space>
      {previewing && <Preview doc={previewing} onClose={() => setPreviewing(undefined)} />}
    </>
  );
}

interface TerminateValues {
  reason: Ground;
  partiesConcerned?: string[];
  explanation: string;
  costRaisingConduct?: CostRaisingConductRequest[];
}

/**
 * The mediator reads the report before ending: the form's one action previews the PDF the API would
 * write from it (its field errors land beside the fields), and only that preview ends the mediation.
 */
function TerminateForm({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const parties = [...view.applicants, ...view.respondents];
  const [previewing, setPreviewing] = useState<{ body: TerminateRequest; pdf: Blob }>();
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<string>();
  const confirm = () =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title: t('negotiation.ending.confirmTitle'),
        content: t('negotiation.ending.confirmText'),
        okText: t('negotiation.ending.end'),
        okButtonProps: { danger: true },
        cancelText: t('negotiation.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
  const { formProps, form, error, busy } = useFormSubmit<TerminateValues>(async (values) => {
    setEndError(undefined);
    const body: TerminateRequest = {
      reason: values.reason,
      explanation: (values.explanation ?? '').trim(),
      expectedVersion: view.version,
      ...(CONCERNS_PARTY.includes(values.reason) ? { partiesConcerned: values.partiesConcerned ?? [] } : {}),
      ...(values.costRaisingConduct?.length ? { costRaisingConduct: values.costRaisingConduct.map((c) => ({ ...c, description: (c.description ?? '').trim() })) } : {}),
    };
    const language = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
    const { data } = await previewFailureReport({ path: { id: view.id }, body: { ...body, language }, parseAs: 'blob', throwOnError: true });
    setPreviewing({ body, pdf: data as Blob });
  });
  const end = async (body: TerminateRequest) => {
    setPreviewing(undefined);
    if (!(await confirm())) return;
    setEnding(true);
    try {
      await terminateMediation({ path: { id: view.id }, body, throwOnError: true });
      await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
    } catch (problem) {
      setEndError(handleProblem(problem, { form }));
    } finally {
      setEnding(false);
    }
  };
  const reason = Form.useWatch('reason', form);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('negotiation.ending.intro')}</Typography.Paragraph>
      <FormAlert message={error ?? endError} />
      <Form<TerminateValues> {...formProps} disabled={busy || ending} initialValues={{ reason: 'positions_too_far_apart', costRaisingConduct: [] }} style={{ maxWidth: 720 }}>
        <Form.Item name="reason" label={t('negotiation.ending.ground')}>
          <Select options={GROUNDS.map((g) => ({ value: g, label: t(`negotiation.ending.grounds.${g}`) }))} />
        </Form.Item>
        {reason && CONCERNS_PARTY.includes(reason) && (
          <Form.Item name="partiesConcerned" label={t('negotiation.ending.partiesConcerned')}>
            <Checkbox.Group options={parties.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        )}
        <Form.Item name="explanation" label={t('negotiation.ending.explanation')} extra={t('negotiation.ending.explanationHelp')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
        </Form.Item>
        <Form.List name="costRaisingConduct">
          {(fields, { add, remove }) => (
            <>
              <Typography.Paragraph>{t('negotiation.ending.conductHelp')}</Typography.Paragraph>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('negotiation.ending.conduct', { n: i + 1 })}
                  style={{ marginBottom: 12 }}
                  extra={
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      aria-label={t('negotiation.ending.removeConduct', { n: i + 1 })}
                    />
                  }
                >
                  <Form.Item name={[field.name, 'partyId']} label={t('negotiation.ending.conductParty', { n: i + 1 })}>
                    <Select options={parties.map((p) => ({ value: p.id, label: p.name }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} label={t('negotiation.ending.conductKind', { n: i + 1 })}>
                    <Select options={CONDUCT.map((k) => ({ value: k, label: t(`negotiation.ending.conductKinds.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'description']} label={t('negotiation.ending.conductDescription', { n: i + 1 })}>
                    <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ kind: 'failed_to_attend' })} style={{ marginBottom: 16 }}>
                {t('negotiation.ending.addConduct')}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Button type="primary" htmlType="submit" loading={busy || ending}>
            {t('negotiation.ending.preview')}
          </Button>
        </div>
      </Form>
      {previewing && (
        <PdfModal
          title={t('negotiation.ending.previewTitle')}
          testId="failure-report-preview"
          load={() => Promise.resolve(previewing.pdf)}
          onClose={() => setPreviewing(undefined)}
          footer={
            <Button type="primary" danger onClick={() => void end(previewing.body)}>
              {t('negotiation.ending.end')}
            </Button>
          }
        />
      )}
    </>
  );
}
