import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Radio, Skeleton, Space, Steps, Typography, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closeUnconfirmed,
  consentToConfirmationApplication,
  resumeMediationAfterRejection,
  startConfirmationApplication,
  supplyMaterial,
  withdrawConfirmationApplication,
} from '../api/generated/sdk.gen';
import type { ApplicationView, CaseView, SupplementView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { liveVersion, versionsQuery } from '../agreement/agreement-api';
import { useDaysLeftText } from '../case-page/plain-words';
import { caseQuery } from '../cases/cases-api';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';
import { applicationsQuery, awaitsConsentOf, courtOptionsQuery, OPEN_APPLICATION, sideOf } from './after-settlement-api';
import { OneFile, uploadForAll } from './OneFile';
import { Objections, Summonses } from './CourtProcedurePanels';
import { RulingButton } from './RulingButton';

const route = getRouteApi('/signed-in/cases/$caseId/confirmation');

/** How far an application got, for the steps at its top. */
const STEP_OF: Record<string, number> = { collecting_consents: 0, lodged: 1, declined: 1, docketed: 2, withdrawn: 2, supplement_expired: 2, confirmed: 3, rejected: 3 };

/**
 * Judicial confirmation for the parties (docs/procedural-rules.md D15-D21): the 30-day window,
 * the joint application to a competent court, the other side's consent, and the court's work on
 * it — supplements to answer, and the ruling to read.
 */
export function ConfirmationPage() {
  const { t } = useTranslation();
  const left = useDaysLeftText();
  const { caseId } = route.useParams();
  const found = useQuery(caseQuery(caseId));
  const applications = useQuery({ ...applicationsQuery(caseId), enabled: found.isSuccess });
  const versions = useQuery({ ...versionsQuery(caseId), enabled: found.isSuccess });
  usePageTitle(t('afterSettlement.confirmation.title'));
  const view = found.data;
  const failed = found.error ?? applications.error ?? versions.error;

  const current = applications.data?.[0];
  const live = liveVersion(versions.data);
  const effective = live?.status === 'effective' ? live : undefined;
  const window = current?.window ? { lastDay: current.window.lastDay, endsAt: current.window.closesAt } : (effective?.confirmationWindow ?? undefined);
  const windowOpen = window ? dayjs(window.endsAt).isAfter(dayjs()) : false;
  const side = view ? sideOf(view) : undefined;
  const open = current !== undefined && OPEN_APPLICATION.includes(current.status);
  const canApply = view?.status === 'settled' && side !== undefined && !open && windowOpen && effective !== undefined && !effective.confirmsOwnership;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Link to="/cases/$caseId" params={{ caseId }} search={{}}>
        {t('afterSettlement.performance.backToCase')}
      </Link>
      <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
        {t('afterSettlement.confirmation.title')}
      </Typography.Title>
      {(found.isLoading || applications.isLoading || versions.isLoading) && <Skeleton active />}
      {failed && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(failed), t)} />}
      {view && applications.data && versions.data && (
        <>
          <Typography.Paragraph style={{ margin: 0 }}>{t('afterSettlement.confirmation.intro')}</Typography.Paragraph>
          {!side && <Alert type="info" showIcon title={t('afterSettlement.confirmation.notParty')} />}
          {window && (view.status === 'settled' || current?.status === 'collecting_consents') && (
            <Alert
              type={windowOpen ? 'info' : 'warning'}
              showIcon
              data-testid="confirmation-window"
              title={
                windowOpen
                  ? t('afterSettlement.confirmation.windowOpen', { date: dayjs(window.lastDay).format('LL'), left: left(window.endsAt) })
                  : t('afterSettlement.confirmation.windowClosed', { date: dayjs(window.lastDay).format('LL') })
              }
            />
          )}
          {effective?.confirmsOwnership && <Alert type="warning" showIcon title={t('afterSettlement.confirmation.ownership')} />}
          {!effective && !current && <Alert type="info" showIcon title={t('afterSettlement.confirmation.notSettled')} />}
          {current && <ApplicationCard view={view} application={current} />}
          {canApply && <ApplyForm view={view} again={current !== undefined} />}
        </>
      )}
    </Flex>
  );
}

interface ApplyValues {
  region?: string;
  courtId: string;
}

/** Choose a competent court (with why it is competent, as the API says) and start the joint application. */
function ApplyForm({ view, again }: { view: CaseView; again: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const idempotency = useIdempotencyKey();
  const [region, setRegion] = useState<string>();
  const options = useQuery(courtOptionsQuery(view.id, region));
  const { formProps, error, busy, form } = useFormSubmit<ApplyValues>(async (values) => {
    await startConfirmationApplication({
      path: { id: view.id },
      body: { courtId: values.courtId, subjectMatterRegion: region },
      headers: { 'Idempotency-Key': idempotency.key() },
      throwOnError: true,
    });
    idempotency.done();
    void message.success(t('afterSettlement.confirmation.applied'));
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
  });
  const ground = (code: string) => {
    const key = `afterSettlement.confirmation.grounds.${code}`;
    return i18n.exists(key) ? t(key as 'afterSettlement.confirmation.grounds.party_domicile') : code.replaceAll('_', ' ');
  };
  const showCourts = async () => {
    const { region: typed } = await form.validateFields(['region']).catch(() => ({ region: undefined as string | undefined }));
    if (typed === undefined && form.getFieldError('region').length > 0) return;
    setRegion(typed || undefined);
  };

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('afterSettlement.confirmation.applyTitle')}</h2>}>
      {again && <Typography.Paragraph>{t('afterSettlement.confirmation.applyAgain')}</Typography.Paragraph>}
      <FormAlert message={error ?? (options.error ? describeProblem(toApiProblem(options.error), t) : undefined)} />
      <Form<ApplyValues> {...formProps} style={{ maxWidth: 640 }}>
        <Form.Item label={t('afterSettlement.confirmation.region')} extra={t('afterSettlement.confirmation.regionHelp')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="region" noStyle rules={[{ pattern: /^\d{6}$/, message: t('afterSettlement.confirmation.regionInvalid') }]}>
              <Input
                inputMode="numeric"
                maxLength={6}
                aria-label={t('afterSettlement.confirmation.region')}
                onPressEnter={(e) => {
                  e.preventDefault();
                  void showCourts();
                }}
              />
            </Form.Item>
            <Button onClick={() => void showCourts()}>{t('afterSettlement.confirmation.showCourts')}</Button>
          </Space.Compact>
        </Form.Item>
        {options.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
        {options.data && options.data.length === 0 && <Alert type="warning" showIcon title={t('afterSettlement.confirmation.noCourts')} style={{ marginBottom: 16 }} />}
        {options.data && options.data.length > 0 && (
          <Form.Item name="courtId" label={t('afterSettlement.confirmation.court')} rules={[{ required: true, message: t('afterSettlement.confirmation.courtRequired') }]}>
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
              {options.data.map((o) => (
                <Radio key={o.courtId} value={o.courtId}>
                  <span style={{ fontWeight: 500 }}>{o.name}</span>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {o.grounds.map(ground).join('; ')}
                  </Typography.Text>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={!options.data?.length}>
          {t('afterSettlement.confirmation.apply')}
        </Button>
      </Form>
    </Card>
  );
}

/** One application: where it stands, the one thing to do next, supplements to answer, its parties' consents. */
function ApplicationCard({ view, application: a }: { view: CaseView; application: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const side = sideOf(view);
  const status = (code: string) => {
    const key = `afterSettlement.confirmation.status.${code}`;
    return i18n.exists(key) ? t(key as 'afterSettlement.confirmation.status.lodged') : code.replaceAll('_', ' ');
  };
  const ground = (code: string) => {
    const key = `afterSettlement.confirmation.grounds.${code}`;
    return i18n.exists(key) ? t(key as 'afterSettlement.confirmation.grounds.party_domicile') : code.replaceAll('_', ' ');
  };
  const step = STEP_OF[a.status] ?? 0;
  const failed = ['declined', 'withdrawn', 'supplement_expired', 'rejected'].includes(a.status);
  const openSupplements = a.status === 'docketed' ? a.supplements.filter((s) => !s.supplementedAt && !s.expiredAt) : [];

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{t('afterSettlement.confirmation.applicationTitle')}</h2>} data-testid="confirmation-application">
      <Flex vertical gap={16}>
        <Steps
          size="small"
          current={step}
          status={failed ? 'error' : a.status === 'confirmed' ? 'finish' : 'process'}
          items={[
            { title: t('afterSettlement.confirmation.steps.agree') },
            { title: t('afterSettlement.confirmation.steps.lodged') },
            { title: t('afterSettlement.confirmation.steps.docketed') },
            { title: t('afterSettlement.confirmation.steps.decided') },
          ]}
        />
        <NextStep view={view} application={a} />
        {side && openSupplements.map((s) => <SupplementForm key={s.id} view={view} application={a} request={s} />)}
        {a.status === 'docketed' && <Summonses application={a} />}
        <Objections view={view} application={a} />
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'status', label: t('afterSettlement.confirmation.statusLabel'), children: <span data-testid="application-status">{status(a.status)}</span> },
            { key: 'court', label: t('afterSettlement.confirmation.courtLabel'), children: a.court.name },
            { key: 'why', label: t('afterSettlement.confirmation.whyCourt'), children: a.courtGrounds.map(ground).join('; ') },
            ...(a.docket.number
              ? [{ key: 'number', label: t('afterSettlement.confirmation.numberLabel'), children: <span data-testid="docket-number">{a.docket.number}</span> }]
              : []),
            {
              key: 'parties',
              label: t('afterSettlement.confirmation.partiesLabel'),
              children: (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {a.parties.map((p) => (
                    <li key={p.partyId}>
                      {t('afterSettlement.confirmation.partyLine', {
                        name: p.name,
                        side: t(`afterSettlement.sides.${p.side === 'respondent' ? 'respondent' : 'applicant'}`),
                        state: p.consentedAt ? t('afterSettlement.confirmation.agreedOn', { date: dayjs(p.consentedAt).format('LLL') }) : t('afterSettlement.confirmation.notYet'),
                      })}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
        {side && OPEN_APPLICATION.includes(a.status) && <WithdrawButton view={view} application={a} />}
      </Flex>
    </Card>
  );
}

/** The one clear next step for this person, in plain words. */
function NextStep({ view, application: a }: { view: CaseView; application: ApplicationView }) {
  const { t } = useTranslation();
  const side = sideOf(view);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleProblem = useProblemHandler();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['cases', view.id] });

  const consent = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await consentToConfirmationApplication({ path: { id: a.id }, throwOnError: true });
      void message.success(t('afterSettlement.confirmation.agreed'));
      await refresh();
    } catch (problem) {
      setError(handleProblem(problem));
    } finally {
      setBusy(false);
    }
  };

  const ruling = a.decision.rulingDocumentId ? <RulingButton caseId={view.id} documentId={a.decision.rulingDocumentId} /> : null;
  let alert;
  switch (a.status) {
    case 'collecting_consents':
      alert = awaitsConsentOf(a, side) ? (
        <Alert
          type="warning"
          showIcon
          title={t('afterSettlement.confirmation.youMustAgree', { court: a.court.name })}
          action={
            <Button type="primary" loading={busy} onClick={() => void consent()}>
              {t('afterSettlement.confirmation.agree')}
            </Button>
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('afterSettlement.confirmation.waitingOthers')} />
      );
      break;
    case 'lodged':
      alert = <Alert type="info" showIcon title={t('afterSettlement.confirmation.lodgedText', { date: a.docket.lastDay ? dayjs(a.docket.lastDay).format('LL') : '—' })} />;
      break;
    case 'docketed':
      alert = (
        <Alert
          type="info"
          showIcon
          title={t('afterSettlement.confirmation.docketedText', { number: a.docket.number ?? '', date: a.decision.lastDay ? dayjs(a.decision.lastDay).format('LL') : '—' })}
        />
      );
      break;
    case 'declined':
      alert = <Alert type="warning" showIcon title={t('afterSettlement.confirmation.declinedText', { reason: a.declined?.reason ?? '' })} />;
      break;
    case 'withdrawn':
      alert = <Alert type="info" showIcon title={t('afterSettlement.confirmation.withdrawnText')} description={a.withdrawn?.reason ?? undefined} />;
      break;
    case 'supplement_expired':
      alert = <Alert type="warning" showIcon title={t('afterSettlement.confirmation.expiredText')} />;
      break;
    case 'confirmed':
      alert = (
        <Alert
          type="success"
          showIcon
          title={t('afterSettlement.confirmation.confirmedText')}
          description={
            <Space wrap style={{ marginTop: 8 }}>
              {ruling}
              {side && (
                <Link to="/cases/$caseId/performance" params={{ caseId: view.id }}>
                  {t('afterSettlement.confirmation.toPerformance')}
                </Link>
              )}
            </Space>
          }
        />
      );
      break;
    case 'rejected':
      alert = (
        <Alert
          type="error"
          showIcon
          title={t('afterSettlement.confirmation.rejectedText')}
          description={
            <Flex vertical gap={8}>
              <RejectionGrounds application={a} />
              <div>{ruling}</div>
              {side && view.status === 'confirmation_rejected' && (
                <>
                  <Typography.Text>{t('afterSettlement.confirmation.rejectedNext')}</Typography.Text>
                  <AfterRejection view={view} />
                </>
              )}
            </Flex>
          }
        />
      );
      break;
    default:
      alert = null;
  }
  return (
    <>
      <FormAlert message={error} />
      {alert}
    </>
  );
}

function RejectionGrounds({ application: a }: { application: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const label = (code: string) => {
    const key = `courtDesk.judge.groundsList.${code}`;
    return i18n.exists(key) ? t(key as 'courtDesk.judge.groundsList.other') : code.replaceAll('_', ' ');
  };
  if (!a.decision.grounds?.length && !a.decision.explanation) return null;
  return (
    <div>
      <Typography.Text strong>{t('afterSettlement.confirmation.rejectedGrounds')}</Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {(a.decision.grounds ?? []).map((g) => (
          <li key={g}>{label(g)}</li>
        ))}
      </ul>
      {a.decision.explanation && <Typography.Paragraph style={{ margin: 0 }}>{a.decision.explanation}</Typography.Paragraph>}
    </div>
  );
}

/** After a rejection: back to mediation to amend the agreement, or close without confirmation. */
function AfterRejection({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [error, setError] = useState<string>();
  const ask = (title: string, content: string, act: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('afterSettlement.confirmation.confirm'),
      cancelText: t('afterSettlement.confirmation.cancel'),
      onOk: async () => {
        try {
          await act();
          await queryClient.invalidateQueries({ queryKey: ['cases'] });
        } catch (problem) {
          setError(handleProblem(problem, { onReload: () => void queryClient.invalidateQueries({ queryKey: ['cases', view.id] }) }));
        }
      },
    });
  return (
    <>
      <FormAlert message={error} />
      <Space wrap>
        <Button
          onClick={() =>
            ask(t('afterSettlement.confirmation.resume'), t('afterSettlement.confirmation.resumeText'), () =>
              resumeMediationAfterRejection({ path: { id: view.id }, body: { expectedVersion: view.version }, throwOnError: true }),
            )
          }
        >
          {t('afterSettlement.confirmation.resume')}
        </Button>
        <Button
          onClick={() =>
            ask(t('afterSettlement.confirmation.closeUnconfirmed'), t('afterSettlement.confirmation.closeText'), () =>
              closeUnconfirmed({ path: { id: view.id }, body: { expectedVersion: view.version }, throwOnError: true }),
            )
          }
        >
          {t('afterSettlement.confirmation.closeUnconfirmed')}
        </Button>
      </Space>
    </>
  );
}

interface SupplementValues {
  file?: unknown;
  note?: string;
}

/** The court asked for material: upload it here and send it, before the deadline. */
function SupplementForm({ view, application, request }: { view: CaseView; application: ApplicationView; request: SupplementView }) {
  const { t } = useTranslation();
  const left = useDaysLeftText();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const idempotency = useIdempotencyKey();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { formProps, error, busy, form } = useFormSubmit<SupplementValues>(async ({ note }) => {
    if (!files[0]) {
      form.setFields([{ name: 'file', errors: [t('afterSettlement.performance.proofRequired')] }]);
      return;
    }
    const documentId = await uploadForAll(view.id, files[0], 'supplement_material', idempotency.key());
    idempotency.done();
    await supplyMaterial({ path: { id: application.id, requestId: request.id }, body: { documentIds: [documentId], note: note || undefined }, throwOnError: true });
    void message.success(t('afterSettlement.confirmation.supplementSent'));
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
  });
  return (
    <Card type="inner" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('afterSettlement.confirmation.supplementTitle')}</h3>} data-testid="supplement-request">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{request.items}</Typography.Paragraph>
      <Typography.Paragraph strong>{t('afterSettlement.confirmation.supplementDue', { date: dayjs(request.dueAt).format('LLL'), left: left(request.dueAt) })}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form<SupplementValues> {...formProps}>
        <Form.Item name="file" label={t('afterSettlement.confirmation.supplementFile')}>
          <OneFile
            files={files}
            choose={t('afterSettlement.confirmation.supplementChoose')}
            onChange={(next) => {
              setFiles(next);
              form.setFields([{ name: 'file', errors: [] }]);
            }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('afterSettlement.confirmation.supplementNote')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('afterSettlement.confirmation.supplementSend')}
        </Button>
      </Form>
    </Card>
  );
}

/** Withdraw an open application, saying why. */
function WithdrawButton({ view, application }: { view: CaseView; application: ApplicationView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { formProps, error, busy, form } = useFormSubmit<{ reason: string }>(async ({ reason }) => {
    await withdrawConfirmationApplication({ path: { id: application.id }, body: { reason }, throwOnError: true });
    void message.success(t('afterSettlement.confirmation.withdrawn'));
    setOpen(false);
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
  });
  return (
    <>
      <div>
        <Button danger onClick={() => setOpen(true)}>
          {t('afterSettlement.confirmation.withdraw')}
        </Button>
      </div>
      <Modal
        open={open}
        title={t('afterSettlement.confirmation.withdrawTitle')}
        okText={t('afterSettlement.confirmation.withdraw')}
        cancelText={t('afterSettlement.confirmation.cancel')}
        okButtonProps={{ danger: true }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('afterSettlement.confirmation.withdrawText')}</Typography.Paragraph>
        <FormAlert message={error} />
        <Form {...formProps}>
          <Form.Item name="reason" label={t('afterSettlement.confirmation.reason')} rules={[{ required: true, min: 3, message: t('afterSettlement.confirmation.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
