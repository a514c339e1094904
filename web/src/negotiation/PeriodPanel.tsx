import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, List, Modal, Radio, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerExtension, pauseMediationPeriod, proposeExtension, resumeMediationPeriod } from '../api/generated/sdk.gen';
import type { CaseView, ExtensionView, MediationPeriodView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { daysLeft, when } from '../case-page/plain-words';
import type { RoomPanelProps } from '../room/room-panel';
import { FormAlert } from '../shell/FormAlert';
import { inMediation, ownSide, partiesOf, periodQuery, TAG } from './negotiation-api';

const DAY_MS = 86_400_000;

const EXTENSION_COLOURS: Record<ExtensionView['status'], string | undefined> = { pending: TAG.active, granted: TAG.positive, declined: TAG.negative, lapsed: TAG.neutral };

/**
 * The mediation period: how long is left; the mediator pauses it for an appraisal or a valuation
 * (the time left is kept) and resumes it, and proposes extensions, which take effect only when
 * every party consents — each party answers here.
 */
export function PeriodPanel({ view, isMediator }: RoomPanelProps) {
  const { t } = useTranslation();
  const period = useQuery(periodQuery(view.id));
  const [dialog, setDialog] = useState<'pause' | 'extend'>();
  const p = period.data;
  const active = inMediation(view) && (p?.state === 'running' || p?.state === 'paused');
  const pending = p?.extensions.find((e) => e.status === 'pending');

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('negotiation.period.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('negotiation.period.intro')}</Typography.Paragraph>
      {period.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(period.error), t)} />}
      {p && <PeriodSummary period={p} />}
      {p && isMediator && active && (
        <Space wrap style={{ marginBlock: 16 }}>
          {p.state === 'running' ? <Button onClick={() => setDialog('pause')}>{t('negotiation.period.pause')}</Button> : <ResumeButton caseId={view.id} />}
          {!pending && (
            <Button type="primary" onClick={() => setDialog('extend')}>
              {t('negotiation.period.propose')}
            </Button>
          )}
        </Space>
      )}
      {p && p.extensions.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 17 }}>
            {t('negotiation.period.extensions')}
          </Typography.Title>
          {p.extensions
            .slice()
            .reverse()
            .map((e) => (
              <Extension key={e.id} view={view} extension={e} active={active} />
            ))}
        </>
      )}
      {p && p.pauses.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 17 }}>
            {t('negotiation.period.pauses')}
          </Typography.Title>
          <List
            size="small"
            dataSource={p.pauses.slice().reverse()}
            renderItem={(pause) => (
              <List.Item key={pause.id}>
                <div>
                  <Tag>{t(`negotiation.period.grounds.${pause.ground}`)}</Tag>
                  <Typography.Text>{pause.reason}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    {pause.endedAt
                      ? t('negotiation.period.pausedFromTo', { from: when(pause.pausedAt) ?? '', to: when(pause.endedAt) ?? '' })
                      : t('negotiation.period.pausedSince', { from: when(pause.pausedAt) ?? '' })}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
      {dialog === 'pause' && <PauseDialog caseId={view.id} onClose={() => setDialog(undefined)} />}
      {dialog === 'extend' && <ExtendDialog caseId={view.id} onClose={() => setDialog(undefined)} />}
    </>
  );
}

function PeriodSummary({ period }: { period: MediationPeriodView }) {
  const { t } = useTranslation();
  if (period.state === 'not_started') return <Typography.Paragraph>{t('negotiation.period.notStarted')}</Typography.Paragraph>;
  const left = period.state === 'paused' ? Math.ceil((period.remainingMs ?? 0) / DAY_MS) : period.dueAt ? Math.max(0, daysLeft(period.dueAt)) : 0;
  const paused = period.pauses.find((x) => !x.endedAt);
  return (
    <>
      <Space size={48} wrap align="start" style={{ marginBottom: 8 }}>
        <Statistic title={t('negotiation.period.daysLeft')} value={left} suffix={t('negotiation.period.days', { count: left })} data-testid="period-days-left" />
        <div>
          <Typography.Text type="secondary">{t('negotiation.period.state')}</Typography.Text>
          <br />
          <Tag color={period.state === 'running' ? TAG.positive : period.state === 'paused' ? TAG.waiting : TAG.neutral} data-testid="period-state" style={{ marginTop: 8 }}>
            {t(`negotiation.period.states.${period.state}`)}
          </Tag>
        </div>
      </Space>
      <Descriptions
        size="small"
        column={1}
        items={[
          ...(period.dueAt && period.state !== 'paused' ? [{ key: 'end', label: t('negotiation.period.endsAt'), children: when(period.dueAt) }] : []),
          ...(period.extendedByMs > 0
            ? [{ key: 'ext', label: t('negotiation.period.extendedBy'), children: t('negotiation.period.extendedDays', { count: Math.round(period.extendedByMs / DAY_MS) }) }]
            : []),
        ]}
      />
      {paused && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('negotiation.period.pausedTitle', { ground: t(`negotiation.period.grounds.${paused.ground}`) })}
          description={t('negotiation.period.pausedText', { reason: paused.reason, from: when(paused.pausedAt) ?? '' })}
        />
      )}
    </>
  );
}

function ResumeButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        type="primary"
        onClick={() =>
          modal.confirm({
            title: t('negotiation.period.resumeConfirm'),
            content: t('negotiation.period.resumeConfirmText'),
            okText: t('negotiation.period.resume'),
            cancelText: t('negotiation.cancel'),
            onOk: async () => {
              setError(undefined);
              try {
                await resumeMediationPeriod({ path: { id: caseId }, throwOnError: true });
              } catch (problem) {
                setError(handleProblem(problem));
              }
              await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
            },
          })
        }
      >
        {t('negotiation.period.resume')}
      </Button>
      <FormAlert message={error} />
    </>
  );
}

function PauseDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<{ ground: 'appraisal' | 'valuation'; reason: string }>(async (values) => {
    await pauseMediationPeriod({ path: { id: caseId }, body: { ground: values.ground, reason: (values.reason ?? '').trim() }, throwOnError: true });
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
    onClose();
  });
  return (
    <Modal open title={t('negotiation.period.pauseTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('negotiation.period.pauseHelp')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ ground: 'appraisal' }}>
        <Form.Item name="ground" label={t('negotiation.period.ground')}>
          <Radio.Group options={(['appraisal', 'valuation'] as const).map((g) => ({ value: g, label: t(`negotiation.period.grounds.${g}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('negotiation.period.reason')} extra={t('negotiation.period.pauseReasonHelp')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('negotiation.period.pause')}
          </Button>
          <Button onClick={onClose}>{t('negotiation.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function ExtendDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const { formProps, error, busy } = useFormSubmit<{ days: number; reason: string }>(async (values) => {
    await proposeExtension({
      path: { id: caseId },
      body: { days: values.days, reason: (values.reason ?? '').trim() },
      headers: { 'Idempotency-Key': idempotency.key() },
      throwOnError: true,
    });
    idempotency.done();
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
    onClose();
  });
  return (
    <Modal open title={t('negotiation.period.proposeTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('negotiation.period.proposeHelp')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ days: 15 }}>
        <Form.Item name="days" label={t('negotiation.period.extraDays')}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name="reason" label={t('negotiation.period.reason')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('negotiation.period.proposeSend')}
          </Button>
          <Button onClick={onClose}>{t('negotiation.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function Extension({ view, extension: e, active }: { view: CaseView; extension: ExtensionView; active: boolean }) {
  const { t } = useTranslation();
  const [refusing, setRefusing] = useState(false);
  const side = ownSide(view);
  const names = new Map([...view.applicants, ...view.respondents].map((p) => [p.id, p.name]));
  const mine = side ? partiesOf(view, side).map((p) => p.id) : [];
  const waitingForMe = e.waitingFor.filter((id) => mine.includes(id));
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="extension"
      title={t('negotiation.period.extensionTitle', { count: e.days })}
      extra={<Tag color={EXTENSION_COLOURS[e.status]}>{t(`negotiation.period.extensionStatus.${e.status}`)}</Tag>}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('negotiation.period.proposedAt', { at: when(e.proposedAt) ?? '' })}
        {e.newDueAt && e.status === 'granted' && ` · ${t('negotiation.period.newEnd', { at: when(e.newDueAt) ?? '' })}`}
      </Typography.Paragraph>
      {e.answers.length > 0 && (
        <ul>
          {e.answers.map((a) => (
            <li key={a.partyId}>
              {t(a.consent ? 'negotiation.period.consented' : 'negotiation.period.refused', { name: names.get(a.partyId) ?? '' })}
              {a.reason && ` — ${a.reason}`}
            </li>
          ))}
        </ul>
      )}
      {e.waitingFor.length > 0 && (
        <Typography.Paragraph>{t('negotiation.period.waitingFor', { names: e.waitingFor.map((id) => names.get(id) ?? '').join(', ') })}</Typography.Paragraph>
      )}
      {active && waitingForMe.length > 0 && (
        <>
          <Typography.Paragraph strong>{t('negotiation.period.yourAnswer')}</Typography.Paragraph>
          <Space wrap>
            <AnswerButton caseId={view.id} extensionId={e.id} partyId={waitingForMe.length > 1 ? waitingForMe[0] : undefined} />
            <Button danger onClick={() => setRefusing(true)}>
              {t('negotiation.period.refuse')}
            </Button>
          </Space>
        </>
      )}
      {refusing && <RefuseDialog caseId={view.id} extensionId={e.id} partyId={waitingForMe.length > 1 ? waitingForMe[0] : undefined} onClose={() => setRefusing(false)} />}
    </Card>
  );
}

function AnswerButton({ caseId, extensionId, partyId }: { caseId: string; extensionId: string; partyId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const consent = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await answerExtension({ path: { id: caseId, extensionId }, body: { consent: true, partyId }, throwOnError: true });
      await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
    } catch (problem) {
      setError(handleProblem(problem));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" loading={busy} onClick={() => void consent()}>
        {t('negotiation.period.consent')}
      </Button>
      <FormAlert message={error} />
    </>
  );
}

function RefuseDialog({ caseId, extensionId, partyId, onClose }: { caseId: string; extensionId: string; partyId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<{ reason?: string }>(async ({ reason }) => {
    await answerExtension({ path: { id: caseId, extensionId }, body: { consent: false, reason: reason?.trim() || undefined, partyId }, throwOnError: true });
    await queryClient.invalidateQueries({ queryKey: ['cases', caseId] });
    onClose();
  });
  return (
    <Modal open title={t('negotiation.period.refuseTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('negotiation.period.refuseHelp')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item name="reason" label={t('negotiation.period.reason')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button danger type="primary" htmlType="submit" loading={busy}>
            {t('negotiation.period.refuse')}
          </Button>
          <Button onClick={onClose}>{t('negotiation.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
