import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Modal, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cancelSession,
  confirmSessionRecord,
  endSession,
  joinSession,
  markSessionAbsence,
  rescheduleSession,
  scheduleSession,
  startSession,
  writeSessionRecord,
} from '../api/generated/sdk.gen';
import type { ParticipantView, SessionView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { useMe } from '../auth/use-session';
import { FormAlert } from '../shell/FormAlert';
import { sessionsQuery, startBlockers, type Side } from './room-api';
import type { RoomPanelProps } from './room-panel';

const DATE_TIME = 'YYYY-MM-DD HH:mm';
// Only the tag colours that keep a 4.5:1 contrast (orange and green do not).
const STATUS_COLOUR: Record<SessionView['status'], string | undefined> = { scheduled: undefined, in_progress: 'blue', ended: undefined, cancelled: 'red' };

/**
 * Sessions of the room: the mediator schedules joint sessions and caucuses, moves, cancels,
 * starts and ends them, marks who did not come and writes the record; participants join through
 * the meeting link (the API records the join first) and confirm the record they read.
 */
export function SessionsPanel({ view, isMediator }: RoomPanelProps) {
  const { t } = useTranslation();
  const sessions = useQuery(sessionsQuery(view.id));
  const [scheduling, setScheduling] = useState(false);
  const mediating = view.status === 'mediating';

  if (sessions.isLoading) return <Skeleton active />;
  if (sessions.error || !sessions.data) return <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(sessions.error), t)} />;
  const list = [...sessions.data].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <Flex vertical gap={16}>
      {isMediator && mediating && (
        <Button type="primary" onClick={() => setScheduling(true)} style={{ alignSelf: 'flex-start' }}>
          {t('room.sessions.schedule')}
        </Button>
      )}
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(isMediator ? 'room.sessions.noneMediator' : 'room.sessions.none')} />
      ) : (
        list.map((s) => <SessionCard key={s.id} caseId={view.id} session={s} isMediator={isMediator} sealed={view.status === 'archived'} />)
      )}
      {scheduling && <ScheduleModal caseId={view.id} onClose={() => setScheduling(false)} />}
    </Flex>
  );
}

function useSessionTitle(): (s: Pick<SessionView, 'kind' | 'side' | 'title'>) => string {
  const { t } = useTranslation();
  return (s) => {
    const kind = s.kind === 'joint' ? t('room.sessions.joint') : t('room.sessions.caucusWith', { side: t(`room.sessions.sides.${s.side ?? 'applicant'}`) });
    return s.title ? `${kind}: ${s.title}` : kind;
  };
}

/** Puts the session the API returned into the list. */
function useSessionSaved(caseId: string): (s: SessionView) => void {
  const queryClient = useQueryClient();
  return (saved) => queryClient.setQueryData(sessionsQuery(caseId).queryKey, (list) => (list ? [...list.filter((s) => s.id !== saved.id), saved] : [saved]));
}

/** `sealed`: the case is archived, so its records are read and no longer written or confirmed. */
function SessionCard({ caseId, session, isMediator, sealed }: { caseId: string; session: SessionView; isMediator: boolean; sealed: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const title = useSessionTitle();
  const saved = useSessionSaved(caseId);
  const handleProblem = useProblemHandler();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [modal, setModal] = useState<'reschedule' | 'cancel'>();
  const blockers = startBlockers(session.participants);
  const mine = session.participants.find((p) => p.userId === me?.id);
  const reload = () => void queryClient.invalidateQueries({ queryKey: sessionsQuery(caseId).queryKey });

  /** One action at a time per session; a problem is said above the card's buttons. */
  const act = async (name: string, call: () => Promise<SessionView>) => {
    setBusy(name);
    setError(undefined);
    try {
      saved(await call());
    } catch (problem) {
      // The first session waits for every party's address for service (A6): say who, in the reader's language.
      const noAddress = toApiProblem(problem).body.missingAddressForService;
      setError(
        Array.isArray(noAddress) && noAddress.length > 0
          ? t('room.sessions.noAddressForService', { names: new Intl.ListFormat(i18n.language).format((noAddress as { name: string }[]).map((p) => p.name)) })
          : handleProblem(problem, { onReload: reload }),
      );
    } finally {
      setBusy(undefined);
    }
  };
  const path = { id: caseId, sessionId: session.id };
  const join = () =>
    act('join', async () => {
      const { data } = await joinSession({ path, throwOnError: true });
      // Recorded first, then the meeting opens in a new tab.
      window.open(session.meetingUrl, '_blank', 'noopener,noreferrer');
      return data;
    });

  const end = dayjs(session.startsAt).add(session.durationMinutes, 'minute');
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {title(session)}
        </Typography.Title>
      }
      extra={<Tag color={STATUS_COLOUR[session.status]}>{t(`room.sessions.status.${session.status}`)}</Tag>}
      data-testid="session"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'when', label: t('room.sessions.when'), children: `${dayjs(session.startsAt).format('LLL')} – ${end.format('LT')}` },
          { key: 'duration', label: t('room.sessions.duration'), children: t('room.sessions.minutes', { count: session.durationMinutes }) },
          ...(isMediator
            ? [
                {
                  key: 'link',
                  label: t('room.sessions.meetingUrl'),
                  children: (
                    <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                      {session.meetingUrl}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          ...(session.cancelReason ? [{ key: 'reason', label: t('room.sessions.cancelReason'), children: session.cancelReason }] : []),
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('room.sessions.participants')}
      </Typography.Title>
      <List<ParticipantView>
        size="small"
        dataSource={session.participants}
        rowKey={(p) => p.userId ?? p.name}
        renderItem={(p) => (
          <List.Item
            actions={
              isMediator &&
              !sealed &&
              p.userId &&
              p.capacity !== 'mediator' &&
              p.attendance !== 'joined' &&
              p.attendance !== 'absent' &&
              (session.status === 'in_progress' || session.status === 'ended')
                ? [
                    <Button
                      key="absent"
                      size="small"
                      loading={busy === `absent-${p.userId}`}
                      onClick={() => void act(`absent-${p.userId}`, async () => (await markSessionAbsence({ path, body: { userId: p.userId! }, throwOnError: true })).data)}
                    >
                      {t('room.sessions.markAbsent', { name: p.name })}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap size={6}>
              <Typography.Text>{p.name}</Typography.Text>
              <Tag>
                {p.capacity === 'mediator' ? t('casePage.roles.mediator') : t(`room.sessions.capacity.${p.capacity}`, { side: t(`room.sessions.sides.${p.side as Side}`) })}
              </Tag>
              {p.capacity !== 'mediator' && !p.identityVerified && <Tag color="red">{t('room.sessions.missing.identity_verification')}</Tag>}
              {p.warningAcknowledged === false && <Tag color="red">{t('room.sessions.missing.sham_mediation_warning')}</Tag>}
              {p.attendance === 'joined' && <Tag color="blue">{t('room.sessions.joined', { time: dayjs(p.joinedAt).format('LT') })}</Tag>}
              {p.attendance === 'absent' && <Tag color="red">{t('room.sessions.absent')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      <FormAlert message={error} />
      {session.status === 'scheduled' && isMediator && blockers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('room.sessions.cannotStart')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {blockers.map((b) => (
                <li key={b.name}>{t('room.sessions.lacks', { name: b.name, missing: b.missing.map((m) => t(`room.sessions.missing.${m}`)).join(t('room.sessions.and')) })}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="start-blockers"
        />
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {session.status === 'scheduled' && isMediator && (
          <>
            <Button
              type="primary"
              disabled={blockers.length > 0}
              loading={busy === 'start'}
              onClick={() => void act('start', async () => (await startSession({ path, throwOnError: true })).data)}
            >
              {t('room.sessions.start')}
            </Button>
            <Button onClick={() => setModal('reschedule')}>{t('room.sessions.reschedule')}</Button>
            <Button danger onClick={() => setModal('cancel')}>
              {t('room.sessions.cancel')}
            </Button>
          </>
        )}
        {session.status === 'scheduled' && !isMediator && <Typography.Text type="secondary">{t('room.sessions.joinLater')}</Typography.Text>}
        {session.status === 'in_progress' && (isMediator || mine) && (
          <Button type="primary" loading={busy === 'join'} onClick={() => void join()}>
            {t('room.sessions.join')}
          </Button>
        )}
        {session.status === 'in_progress' && isMediator && (
          <Button loading={busy === 'end'} onClick={() => void act('end', async () => (await endSession({ path, throwOnError: true })).data)}>
            {t('room.sessions.end')}
          </Button>
        )}
      </Space>
      {session.status === 'ended' && <RecordSection caseId={caseId} session={session} isMediator={isMediator && !sealed} me={sealed ? undefined : me?.id} onSaved={saved} />}
      {modal === 'reschedule' && <RescheduleModal caseId={caseId} session={session} onClose={() => setModal(undefined)} />}
      {modal === 'cancel' && <CancelModal caseId={caseId} session={session} onClose={() => setModal(undefined)} />}
    </Card>
  );
}

function RecordSection({
  caseId,
  session,
  isMediator,
  me,
  onSaved,
}: {
  caseId: string;
  session: SessionView;
  isMediator: boolean;
  me: string | undefined;
  onSaved: (s: SessionView) => void;
}) {
  const { t } = useTranslation();
  const record = session.record;
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: sessionsQuery(caseId).queryKey });
  const write = useFormSubmit<{ text: string }>(async ({ text }) =>
    onSaved((await writeSessionRecord({ path: { id: caseId, sessionId: session.id }, body: { text }, throwOnError: true })).data),
  );
  const confirm = useFormSubmit<Record<string, never>>(
    async () => onSaved((await confirmSessionRecord({ path: { id: caseId, sessionId: session.id }, body: { revision: record!.revision }, throwOnError: true })).data),
    { onReload: reload },
  );
  const names = (ids: readonly string[]) => ids.map((id) => session.participants.find((p) => p.userId === id)?.name ?? id).join(', ');
  return (
    <section aria-label={t('room.sessions.record')} style={{ marginTop: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('room.sessions.record')}
      </Typography.Title>
      {record ? (
        <>
          <Typography.Text type="secondary">{t('room.sessions.revision', { revision: record.revision, date: dayjs(record.writtenAt).format('LLL') })}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="session-record">
            {record.text}
          </Typography.Paragraph>
          {record.frozenAt ? (
            <Alert type="success" showIcon title={t('room.sessions.frozen', { date: dayjs(record.frozenAt).format('LLL') })} />
          ) : (
            record.awaiting.length > 0 && <Typography.Paragraph>{t('room.sessions.awaiting', { names: names(record.awaiting) })}</Typography.Paragraph>
          )}
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('room.sessions.noRecord')}</Typography.Paragraph>
      )}
      {record && !record.frozenAt && me && record.awaiting.includes(me) && (
        <>
          <FormAlert message={confirm.error} />
          <Form {...confirm.formProps}>
            <Button type="primary" htmlType="submit" loading={confirm.busy}>
              {t('room.sessions.confirmRecord', { revision: record.revision })}
            </Button>
          </Form>
        </>
      )}
      {isMediator && !record?.frozenAt && (
        <>
          <FormAlert message={write.error} />
          <Form {...write.formProps} initialValues={{ text: record?.text ?? '' }}>
            <Form.Item
              name="text"
              label={record ? t('room.sessions.rewriteRecord') : t('room.sessions.writeRecord')}
              rules={[{ required: true, whitespace: true, message: t('room.sessions.recordRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={100_000} />
            </Form.Item>
            <Button htmlType="submit" loading={write.busy}>
              {t('room.sessions.saveRecord')}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}

interface ScheduleValues {
  kind: 'joint' | 'caucus';
  side?: Side;
  startsAt: Dayjs;
  durationMinutes: number;
  meetingUrl: string;
  title?: string;
}

function WhenFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="startsAt"
        label={t('room.sessions.startsAt')}
        extra={t('room.sessions.startsAtHelp')}
        rules={[{ required: true, message: t('room.sessions.startsAtRequired') }]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} minDate={dayjs().startOf('day')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="durationMinutes"
        label={t('room.sessions.durationMinutes')}
        extra={t('room.sessions.durationHelp')}
        rules={[{ required: true, type: 'integer', min: 15, max: 480, message: t('room.sessions.durationHelp') }]}
      >
        <InputNumber min={15} max={480} step={15} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="meetingUrl"
        label={t('room.sessions.meetingUrl')}
        extra={t('room.sessions.meetingUrlHelp')}
        rules={[{ required: true, pattern: /^https:\/\/\S+$/, message: t('room.sessions.meetingUrlHelp') }]}
      >
        <Input inputMode="url" placeholder="https://meeting.example.com/j/123456" />
      </Form.Item>
    </>
  );
}

function ScheduleModal({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useSessionSaved(caseId);
  const title = useSessionTitle();
  const idempotency = useIdempotencyKey();
  const { form, formProps, error, busy } = useFormSubmit<ScheduleValues>(async (v) => {
    const { data } = await scheduleSession({
      path: { id: caseId },
      body: {
        kind: v.kind,
        side: v.kind === 'caucus' ? v.side : undefined,
        startsAt: v.startsAt.toISOString(),
        durationMinutes: v.durationMinutes,
        meetingUrl: v.meetingUrl.trim(),
        title: v.title?.trim() || undefined,
      },
      headers: { 'Idempotency-Key': idempotency.key() },
      throwOnError: true,
    });
    idempotency.done();
    saved(data);
    void message.success(t('room.sessions.scheduled', { title: title(data) }));
    onClose();
  });
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open
      title={t('room.sessions.schedule')}
      okText={t('room.sessions.scheduleSubmit')}
      cancelText={t('room.sessions.close')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <FormAlert message={error} />
      <Form<ScheduleValues> {...formProps} initialValues={{ kind: 'joint', durationMinutes: 60 }}>
        <Form.Item name="kind" label={t('room.sessions.kind')}>
          <Radio.Group
            options={[
              { value: 'joint', label: t('room.sessions.joint') },
              { value: 'caucus', label: t('room.sessions.caucus') },
            ]}
          />
        </Form.Item>
        {kind === 'caucus' && (
          <Form.Item name="side" label={t('room.sessions.side')} rules={[{ required: true, message: t('room.sessions.sideRequired') }]}>
            <Radio.Group
              options={[
                { value: 'applicant', label: t('room.sessions.sides.applicant') },
                { value: 'respondent', label: t('room.sessions.sides.respondent') },
              ]}
            />
          </Form.Item>
        )}
        <WhenFields />
        <Form.Item name="title" label={t('room.sessions.title')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RescheduleModal({ caseId, session, onClose }: { caseId: string; session: SessionView; onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useSessionSaved(caseId);
  const { form, formProps, error, busy } = useFormSubmit<Omit<ScheduleValues, 'kind'>>(async (v) => {
    const { data } = await rescheduleSession({
      path: { id: caseId, sessionId: session.id },
      body: { startsAt: v.startsAt.toISOString(), durationMinutes: v.durationMinutes, meetingUrl: v.meetingUrl.trim() },
      throwOnError: true,
    });
    saved(data);
    onClose();
  });
  return (
    <Modal
      open
      title={t('room.sessions.reschedule')}
      okText={t('room.sessions.rescheduleSubmit')}
      cancelText={t('room.sessions.close')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ startsAt: dayjs(session.startsAt), durationMinutes: session.durationMinutes, meetingUrl: session.meetingUrl }}>
        <WhenFields />
      </Form>
    </Modal>
  );
}

function CancelModal({ caseId, session, onClose }: { caseId: string; session: SessionView; onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useSessionSaved(caseId);
  const { form, formProps, error, busy } = useFormSubmit<{ reason: string }>(async ({ reason }) => {
    saved((await cancelSession({ path: { id: caseId, sessionId: session.id }, body: { reason }, throwOnError: true })).data);
    onClose();
  });
  return (
    <Modal
      open
      title={t('room.sessions.cancel')}
      okText={t('room.sessions.cancelSubmit')}
      okButtonProps={{ danger: true }}
      cancelText={t('room.sessions.close')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item
          name="reason"
          label={t('room.sessions.cancelReason')}
          extra={t('room.sessions.cancelReasonHelp')}
          rules={[{ required: true, min: 3, message: t('room.sessions.cancelReasonHelp') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
