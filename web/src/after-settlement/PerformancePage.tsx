import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Result, Skeleton, Space, Tag, Timeline, Typography, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmPerformance, declareDefault, disputePerformance, reportPerformance } from '../api/generated/sdk.gen';
import type { CaseView, PerformanceItemView, PerformanceView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem } from '../api/use-problem';
import { documentsQuery } from '../case-page/case-page-api';
import { Preview } from '../case-page/DocumentsTab';
import { useDaysLeftText } from '../case-page/plain-words';
import { caseQuery } from '../cases/cases-api';
import { formatMoney } from '../i18n/money';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';
import { performanceQuery, sideOf } from './after-settlement-api';
import { OneFile, uploadForAll } from './OneFile';

const route = getRouteApi('/signed-in/cases/$caseId/performance');

/** Performance is tracked while the agreement is in effect, confirmed or not. */
const PERFORMING = ['settled', 'confirmation_requested', 'under_court_review', 'confirmation_rejected', 'confirmed'];
// Only the presets whose text reads on their tint at WCAG AA (blue, red); the rest stay grey.
const STATUS_COLOUR: Record<string, string | undefined> = { reported: 'blue', disputed: 'red', overdue: 'red' };
const REPORTABLE = ['pending', 'disputed', 'overdue'];

/** An obligation in plain words: pay an amount (an instalment), or do something. */
function useItemText(): (item: PerformanceItemView) => string {
  const { t, i18n } = useTranslation();
  return (item) => {
    const what =
      item.kind === 'money' && item.amount
        ? t('afterSettlement.performance.money', { amount: formatMoney(item.amount, item.currency ?? 'CNY', i18n.language) })
        : (item.act ?? item.description ?? item.key);
    return item.instalment ? `${what} (${t('afterSettlement.performance.instalment', { n: item.instalment })})` : what;
  };
}

/**
 * Carrying out the agreement (docs/procedural-rules.md E24-E25): each obligation with its due day;
 * the obligated side reports it done with proof, the other side confirms or disputes it, and the
 * beneficiary of an overdue one may report a default. When all is confirmed the case closes.
 */
export function PerformancePage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const found = useQuery(caseQuery(caseId));
  const performance = useQuery({ ...performanceQuery(caseId), enabled: found.isSuccess });
  usePageTitle(t('afterSettlement.performance.title'));
  const view = found.data;
  const failed = found.error ?? performance.error;
  const data = performance.data;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Link to="/cases/$caseId" params={{ caseId }} search={{}}>
        {t('afterSettlement.performance.backToCase')}
      </Link>
      <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
        {t('afterSettlement.performance.title')}
      </Typography.Title>
      {(found.isLoading || performance.isLoading) && <Skeleton active />}
      {failed && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(failed), t)} />}
      {view && data && <Performance view={view} data={data} />}
    </Flex>
  );
}

function Performance({ view, data }: { view: CaseView; data: PerformanceView }) {
  const { t } = useTranslation();
  const side = sideOf(view);
  const performing = PERFORMING.includes(data.caseStatus);
  const overdueForMe = data.items.some((i) => i.beneficiarySide === side && i.status !== 'confirmed' && (i.status === 'overdue' || dayjs(i.dueAt).isBefore(dayjs())));
  const ended = data.caseStatus === 'closed' || data.caseStatus === 'archived';

  return (
    <>
      {data.allPerformed && ended && (
        <Result
          status="success"
          title={t('afterSettlement.performance.allDone')}
          subTitle={
            <span data-testid="performance-done">
              {data.caseStatus === 'archived' ? t('afterSettlement.performance.archivedText') : t('afterSettlement.performance.closedText')}
            </span>
          }
        />
      )}
      {data.default && (
        <Alert
          type="error"
          showIcon
          data-testid="performance-default"
          title={t('afterSettlement.performance.defaultDeclared', { reason: data.default.reason })}
          description={
            data.default.enforcementWindow ? t('afterSettlement.performance.enforcement', { date: dayjs(data.default.enforcementWindow.lastDay).format('LL') }) : undefined
          }
        />
      )}
      {!data.allPerformed && !ended && <Typography.Paragraph style={{ margin: 0 }}>{t('afterSettlement.performance.intro')}</Typography.Paragraph>}
      {data.items.length === 0 && <Alert type="info" showIcon title={performing || ended ? t('afterSettlement.performance.nothing') : t('afterSettlement.performance.notYet')} />}
      {data.items.map((item) => (
        <ItemCard key={item.id} view={view} item={item} performing={performing} />
      ))}
      {performing && side && overdueForMe && <DeclareDefault view={view} />}
    </>
  );
}

/** One obligation: what, who, by when, where it stands, and this person's one next step on it. */
function ItemCard({ view, item, performing }: { view: CaseView; item: PerformanceItemView; performing: boolean }) {
  const { t, i18n } = useTranslation();
  const left = useDaysLeftText();
  const text = useItemText();
  const side = sideOf(view);
  const status = (code: string) => {
    const key = `afterSettlement.performance.itemStatus.${code}`;
    return i18n.exists(key) ? t(key as 'afterSettlement.performance.itemStatus.pending') : code;
  };
  const what = text(item);
  const lastReport = item.events.filter((e) => e.type === 'reported').at(-1);
  const lastDispute = item.status === 'disputed' ? item.events.filter((e) => e.type === 'disputed').at(-1) : undefined;
  const obligor = side === item.obligorSide;
  const beneficiary = side === item.beneficiarySide;
  const done = item.status === 'confirmed';

  return (
    <Card
      data-testid={`performance-item-${item.key}`}
      title={<h2 style={{ margin: 0, fontSize: 18, whiteSpace: 'normal' }}>{what}</h2>}
      extra={
        <Tag color={STATUS_COLOUR[item.status]} data-testid="item-status">
          {status(item.status)}
        </Tag>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {t('afterSettlement.performance.owes', {
            side: t(`afterSettlement.sides.${item.obligorSide === 'respondent' ? 'respondent' : 'applicant'}`),
            due: done
              ? t('afterSettlement.performance.dueDone', { date: dayjs(item.lastDay).format('LL') })
              : t('afterSettlement.performance.due', { date: dayjs(item.lastDay).format('LL'), left: left(item.dueAt) }),
          })}
        </Typography.Text>
        {lastDispute?.reason && <Alert type="warning" showIcon title={t('afterSettlement.performance.disputedBy', { reason: lastDispute.reason })} />}
        {item.status === 'reported' && lastReport && <ProofList caseId={view.id} documentIds={lastReport.documentIds} note={lastReport.note ?? null} />}
        {performing && obligor && REPORTABLE.includes(item.status) && <ReportForm view={view} item={item} what={what} />}
        {performing && obligor && item.status === 'reported' && <Alert type="info" showIcon title={t('afterSettlement.performance.waitingConfirm')} />}
        {performing && beneficiary && item.status === 'reported' && <AnswerReport view={view} item={item} />}
        {item.events.length > 0 && (
          <details>
            <summary>{t('afterSettlement.performance.history')}</summary>
            <Timeline
              style={{ marginTop: 12 }}
              items={item.events.map((e, i) => ({
                key: i,
                content: `${dayjs(e.at).format('LLL')} · ${t(`afterSettlement.performance.events.${e.type === 'confirmed' ? 'confirmed' : e.type === 'disputed' ? 'disputed' : 'reported'}`)}${e.reason ? `: ${e.reason}` : ''}${e.note ? `: ${e.note}` : ''}`,
              }))}
            />
          </details>
        )}
      </Flex>
    </Card>
  );
}

/** The proof the obligated side sent with its report, to read before confirming. */
function ProofList({ caseId, documentIds, note }: { caseId: string; documentIds: string[]; note: string | null }) {
  const { t } = useTranslation();
  const documents = useQuery(documentsQuery(caseId));
  const [previewing, setPreviewing] = useState<string>();
  const docs = (documents.data ?? []).filter((d) => documentIds.includes(d.id));
  const shown = docs.find((d) => d.id === previewing);
  return (
    <Flex vertical gap={4}>
      {note && <Typography.Text>{note}</Typography.Text>}
      <Space wrap>
        {docs.map((d) => (
          <Button key={d.id} size="small" onClick={() => setPreviewing(d.id)}>
            {t('afterSettlement.performance.proofOf', { name: d.filename })}
          </Button>
        ))}
      </Space>
      {shown && <Preview doc={shown} onClose={() => setPreviewing(undefined)} />}
    </Flex>
  );
}

interface ReportValues {
  file?: unknown;
  note?: string;
}

/** The obligated side reports the item done, with a proof upload. */
function ReportForm({ view, item, what }: { view: CaseView; item: PerformanceItemView; what: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const idempotency = useIdempotencyKey();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { formProps, error, busy, form } = useFormSubmit<ReportValues>(async ({ note }) => {
    if (!files[0]) {
      form.setFields([{ name: 'file', errors: [t('afterSettlement.performance.proofRequired')] }]);
      return;
    }
    const documentId = await uploadForAll(view.id, files[0], 'performance_proof', idempotency.key());
    idempotency.done();
    const { data } = await reportPerformance({ path: { id: view.id, itemId: item.id }, body: { documentIds: [documentId], note: note || undefined }, throwOnError: true });
    queryClient.setQueryData(performanceQuery(view.id).queryKey, data);
    void message.success(t('afterSettlement.performance.reported'));
    setOpen(false);
    setFiles([]);
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
  });
  return (
    <>
      <div>
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('afterSettlement.performance.report')}
        </Button>
      </div>
      <Modal
        open={open}
        title={t('afterSettlement.performance.reportTitle', { what })}
        okText={t('afterSettlement.performance.send')}
        cancelText={t('afterSettlement.performance.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <FormAlert message={error} />
        <Form<ReportValues> {...formProps}>
          <Form.Item name="file" label={t('afterSettlement.performance.proof')}>
            <OneFile
              files={files}
              choose={t('afterSettlement.performance.proofChoose')}
              onChange={(next) => {
                setFiles(next);
                form.setFields([{ name: 'file', errors: [] }]);
              }}
            />
          </Form.Item>
          <Form.Item name="note" label={t('afterSettlement.performance.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The beneficiary confirms the reported item, or disputes it saying why. */
function AnswerReport({ view, item }: { view: CaseView; item: PerformanceItemView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [disputing, setDisputing] = useState(false);
  const [error, setError] = useState<string>();
  // The answer is shown at once; the case (which may have closed) refreshes behind it, so the dialog need not wait.
  const settle = (data: PerformanceView) => {
    queryClient.setQueryData(performanceQuery(view.id).queryKey, data);
    void queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
  };
  const dispute = useFormSubmit<{ reason: string }>(async ({ reason }) => {
    const { data } = await disputePerformance({ path: { id: view.id, itemId: item.id }, body: { reason }, throwOnError: true });
    void message.success(t('afterSettlement.performance.disputed'));
    setDisputing(false);
    settle(data);
  });
  const confirm = () =>
    modal.confirm({
      title: t('afterSettlement.performance.confirmTitle'),
      content: t('afterSettlement.performance.confirmText'),
      okText: t('afterSettlement.performance.confirm'),
      cancelText: t('afterSettlement.performance.cancel'),
      onOk: async () => {
        setError(undefined);
        try {
          const { data } = await confirmPerformance({ path: { id: view.id, itemId: item.id }, throwOnError: true });
          void message.success(t('afterSettlement.performance.confirmed'));
          settle(data);
        } catch (problem) {
          setError(describeProblem(toApiProblem(problem), t));
        }
      },
    });
  return (
    <>
      <FormAlert message={error} />
      <Space wrap>
        <Button type="primary" onClick={confirm}>
          {t('afterSettlement.performance.confirm')}
        </Button>
        <Button onClick={() => setDisputing(true)}>{t('afterSettlement.performance.dispute')}</Button>
      </Space>
      <Modal
        open={disputing}
        title={t('afterSettlement.performance.disputeTitle')}
        okText={t('afterSettlement.performance.disputeSend')}
        cancelText={t('afterSettlement.performance.cancel')}
        onOk={() => dispute.form.submit()}
        onCancel={() => setDisputing(false)}
        confirmLoading={dispute.busy}
        destroyOnHidden
      >
        <FormAlert message={dispute.error} />
        <Form {...dispute.formProps}>
          <Form.Item
            name="reason"
            label={t('afterSettlement.performance.disputeReason')}
            rules={[{ required: true, min: 3, message: t('afterSettlement.performance.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The beneficiary of an overdue obligation reports the default: the case closes as not performed. */
function DeclareDefault({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { formProps, error, busy, form } = useFormSubmit<{ reason: string }>(
    async ({ reason }) => {
      const { data } = await declareDefault({ path: { id: view.id }, body: { reason, expectedVersion: view.version }, throwOnError: true });
      queryClient.setQueryData(performanceQuery(view.id).queryKey, data);
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
    { onReload: () => void queryClient.invalidateQueries({ queryKey: ['cases', view.id] }).then(() => setOpen(false)) },
  );
  return (
    <>
      <div>
        <Button danger onClick={() => setOpen(true)}>
          {t('afterSettlement.performance.declareDefault')}
        </Button>
      </div>
      <Modal
        open={open}
        title={t('afterSettlement.performance.defaultTitle')}
        okText={t('afterSettlement.performance.defaultSend')}
        cancelText={t('afterSettlement.performance.cancel')}
        okButtonProps={{ danger: true }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('afterSettlement.performance.defaultText')}</Typography.Paragraph>
        <FormAlert message={error} />
        <Form {...formProps}>
          <Form.Item
            name="reason"
            label={t('afterSettlement.performance.defaultReason')}
            rules={[{ required: true, min: 3, message: t('afterSettlement.performance.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
