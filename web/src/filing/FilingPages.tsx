import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Alert, App, Button, Card, Col, Descriptions, Form, List, Result, Row, Skeleton, Space, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../i18n/money';
import { createApplication, transitionCase } from '../api/generated/sdk.gen';
import type { CaseView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { ProblemType, toApiProblem, type ApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem, useProblemHandler } from '../api/use-problem';
import { caseQuery } from '../cases/cases-api';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';
import { IP_DISPUTE_TYPES, missingItems, STEPS, stepOfField, toFormValues, type ApplicationValues, type StepKey } from './application-form';
import { DocumentUpload } from './DocumentUpload';
import { correctionQuery, documentsQuery } from './filing-api';
import { ClaimsFields, ConsentFields, DisputeFields, PartyFields, RespondentsFields, StatementFields } from './steps';
import { readUnsaved, useAutosave, type SaveState } from './use-autosave';

const editRoute = getRouteApi('/signed-in/cases/$caseId/edit');

/** `/cases/new`: the first step; "Next" creates the draft (once, however often it is clicked) and goes on in the wizard. */
export function NewApplicationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const idempotency = useIdempotencyKey();
  usePageTitle(t('filing.newTitle'));
  const { formProps, error, busy } = useFormSubmit<ApplicationValues & { filedAs?: 'applicant' | 'agent'; agentLawFirm?: string }>(async (values) => {
    const { data } = await createApplication({
      body: {
        title: values.title?.trim() ?? '',
        disputeType: values.disputeType as CaseView['disputeType'] as never,
        filedAs: values.filedAs,
        agentLawFirm: values.filedAs === 'agent' ? values.agentLawFirm?.trim() || undefined : undefined,
        ipRights: (values.ipRights ?? [])
          .filter((r) => r.number?.trim())
          .map((r) => ({ kind: r.kind as never, number: r.number?.trim(), jurisdiction: r.jurisdiction?.trim().toUpperCase() || undefined, owner: r.owner?.trim() || undefined })),
      },
      headers: { 'Idempotency-Key': idempotency.key() },
      throwOnError: true,
    });
    idempotency.done();
    await navigate({ to: '/cases/$caseId/edit', params: { caseId: data.id }, search: { step: 'parties' } });
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('filing.newTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('filing.intro')}</Typography.Paragraph>
      <WizardSteps current="dispute" />
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ disputeType: 'patent', filedAs: 'applicant' }} style={{ maxWidth: 720 }}>
        <DisputeFields withFiledAs />
        <Form.Item style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('filing.start')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

function WizardSteps({ current, onChange }: { current: StepKey; onChange?: (step: StepKey) => void }) {
  const { t } = useTranslation();
  return (
    <Steps
      size="small"
      current={STEPS.indexOf(current)}
      onChange={onChange ? (i) => onChange(STEPS[i]) : undefined}
      items={STEPS.map((step) => ({ title: t(`filing.steps.${step}`), disabled: !onChange }))}
      style={{ marginBottom: 24 }}
      responsive
    />
  );
}

/** `/cases/$caseId/edit`: the wizard for a draft, or for an application sent back for correction. */
export function EditApplicationPage() {
  const { t } = useTranslation();
  const { caseId } = editRoute.useParams();
  const found = useQuery(caseQuery(caseId));
  usePageTitle(found.data ? t('filing.editTitle', { number: found.data.number }) : t('filing.newTitle'));
  if (found.isLoading) return <Skeleton active />;
  if (found.error || !found.data) return <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(found.error), t)} />;
  const view = found.data;
  const editable = view.status === 'draft' || view.status === 'needs_correction';
  if (!editable) {
    return (
      <Result
        status={view.status === 'submitted' ? 'success' : 'info'}
        title={view.status === 'submitted' ? t('filing.check.submitted') : t('filing.notEditable')}
        extra={
          <Link to="/cases/$caseId" params={{ caseId }}>
            {t('filing.toCase')}
          </Link>
        }
      />
    );
  }
  // Keyed on the case: the form is filled from the server once, then it is the person's.
  return <Wizard key={caseId} initial={view} />;
}

function Wizard({ initial }: { initial: CaseView }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const caseId = initial.id;
  const search = editRoute.useSearch();
  const step: StepKey = search.step ?? 'parties';
  const view = useQuery(caseQuery(caseId)).data ?? initial;
  const [form] = Form.useForm<ApplicationValues>();
  const handleProblem = useProblemHandler();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submitting = useRef(false);
  const filedAsAgent = initial.yourRoles.includes('applicant_agent' as never);

  const goTo = useCallback((next: StepKey) => void navigate({ to: '/cases/$caseId/edit', params: { caseId }, search: { step: next }, replace: false }), [navigate, caseId]);

  const onProblem = useCallback(
    (problem: ApiProblem) => {
      setError(handleProblem(problem, { form, onReload: () => window.location.reload() }));
      // A field the server refused may be on another step: go where it can be fixed.
      const first = problem.errors[0];
      if (first && stepOfField(first.field) !== step && stepOfField(first.field) !== 'check') goTo(stepOfField(first.field));
    },
    [form, handleProblem, goTo, step],
  );
  const autosave = useAutosave({ caseId, form, initialVersion: initial.version, preferredLanguage: initial.preferredLanguage, onProblem });

  const initialValues = useMemo(() => ({ ...toFormValues(initial), ...(readUnsaved(caseId) ?? {}) }), [initial, caseId]);
  // What this tab typed but the server never got (a reload, a dropped network): send it now.
  useEffect(() => {
    if (readUnsaved(caseId)) autosave.changed();
    // Once, on opening.
  }, []);

  const missing = missingItems(view.missingForSubmission);
  const action = view.availableActions.find((a) => a.event === 'submit' || a.event === 'resubmit');
  const canWithdraw = view.availableActions.some((a) => a.event === 'withdraw' && !a.blockedBy);

  const transition = async (event: string) => {
    if (submitting.current) return;
    submitting.current = true;
    setBusy(true);
    setError(undefined);
    try {
      if (!(await autosave.flush())) return;
      const { data } = await transitionCase({ path: { id: caseId }, body: { event, expectedVersion: autosave.version.current }, throwOnError: true });
      queryClient.setQueryData(['cases', caseId], data.number ? data : undefined);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      await navigate({ to: '/cases/$caseId', params: { caseId } });
    } catch (e) {
      setError(handleProblem(e, { onReload: () => window.location.reload() }));
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const withdraw = () =>
    modal.confirm({
      title: t('filing.withdraw.title'),
      content: t('filing.withdraw.text'),
      okText: t('filing.withdraw.ok'),
      okButtonProps: { danger: true },
      cancelText: t('filing.withdraw.cancel'),
      onOk: () => transition('withdraw'),
    });

  const index = STEPS.indexOf(step);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('filing.editTitle', { number: view.number })}
      </Typography.Title>
      {view.status === 'needs_correction' && <CorrectionBanner caseId={caseId} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <SaveStatus state={autosave.state} onRetry={() => void autosave.retry()} />
      </Space>
      <WizardSteps current={step} onChange={goTo} />
      <FormAlert message={error} />
      <Row gutter={24}>
        <Col xs={24} lg={16}>
          <Form form={form} layout="vertical" requiredMark={false} initialValues={initialValues} onValuesChange={autosave.changed}>
            <Typography.Title level={2} style={{ fontSize: 20 }}>
              {t(`filing.steps.${step}`)}
            </Typography.Title>
            {step === 'dispute' && <DisputeFields withFiledAs={false} />}
            {step === 'parties' && (
              <>
                <Typography.Title level={3} style={{ fontSize: 18 }}>
                  {t('filing.parties.applicant')}
                </Typography.Title>
                <Typography.Paragraph type="secondary">{t('filing.parties.applicantHelp')}</Typography.Paragraph>
                <PartyFields path={['applicant']} withIdentity />
                <RespondentsFields />
                {filedAsAgent && (
                  <Card size="small" title={t('filing.parties.agent')} style={{ marginTop: 16 }}>
                    <Typography.Paragraph>{t('filing.parties.agentHelp')}</Typography.Paragraph>
                    <DocumentUpload caseId={caseId} fixedKind="power_of_attorney" label={t('filing.parties.powerOfAttorney')} />
                  </Card>
                )}
              </>
            )}
            {step === 'claims' && <ClaimsFields />}
            {step === 'statement' && <StatementFields />}
            {step === 'consents' && <ConsentFields />}
          </Form>
          {step === 'evidence' && (
            <>
              <Typography.Paragraph type="secondary">{t('filing.evidence.help')}</Typography.Paragraph>
              <DocumentUpload caseId={caseId} label={t('filing.evidence.drop')} />
            </>
          )}
          {step === 'check' && <CheckAnswers view={view} onChange={goTo} />}
          <Space wrap style={{ marginTop: 24 }}>
            {index > 0 && <Button onClick={() => goTo(STEPS[index - 1])}>{t('filing.back')}</Button>}
            {step !== 'check' && (
              <Button type="primary" onClick={() => goTo(STEPS[index + 1])}>
                {t('filing.next')}
              </Button>
            )}
            {step === 'check' && action && (
              <Button type="primary" loading={busy} disabled={missing.length > 0} onClick={() => void transition(action.event)} data-testid="submit-application">
                {action.event === 'resubmit' ? t('filing.check.resubmit') : t('filing.check.submit')}
              </Button>
            )}
            {canWithdraw && (
              <Button danger onClick={withdraw}>
                {t('filing.withdraw.button')}
              </Button>
            )}
          </Space>
          {step === 'check' && (
            <Typography.Paragraph style={{ marginTop: 12 }}>{missing.length > 0 ? t('filing.check.blocked') : t('filing.check.submitHelp')}</Typography.Paragraph>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <MissingChecklist items={missing} onGo={goTo} />
        </Col>
      </Row>
    </>
  );
}

function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useTranslation();
  let body: React.ReactNode = null;
  if (state.kind === 'saving') body = <Typography.Text>{t('filing.save.saving')}</Typography.Text>;
  if (state.kind === 'pending') body = <Typography.Text>{t('filing.save.pending')}</Typography.Text>;
  if (state.kind === 'saved') body = <Typography.Text strong>{t('filing.save.saved', { time: dayjs(state.at).format('HH:mm') })}</Typography.Text>;
  if (state.kind === 'failed') {
    const text = state.problem.type === ProblemType.Network ? t('filing.save.offline') : state.problem.errors.length > 0 ? t('filing.save.invalid') : t('filing.save.failed');
    body = (
      <>
        <Typography.Text type="danger">{text}</Typography.Text>{' '}
        <Button size="small" onClick={onRetry}>
          {t('filing.save.retry')}
        </Button>
      </>
    );
  }
  return (
    <div role="status" aria-live="polite" data-testid="save-status">
      {body}
    </div>
  );
}

function MissingChecklist({ items, onGo }: { items: ReturnType<typeof missingItems>; onGo: (step: StepKey) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<span id="missing-title">{t('filing.missing.title')}</span>} data-testid="missing-checklist">
      {items.length === 0 ? (
        <Typography.Text strong>{t('filing.missing.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          aria-labelledby="missing-title"
          dataSource={items}
          renderItem={(item) => (
            <List.Item>
              <Typography.Link onClick={() => onGo(item.step)} href={`?step=${item.step}`} onClickCapture={(e) => e.preventDefault()}>
                {item.key ? t(`filing.missing.${item.key}`, { n: item.params.n ?? '', name: item.params.name ?? '' }) : item.text}
              </Typography.Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function CorrectionBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const correction = useQuery(correctionQuery(caseId)).data;
  if (!correction) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="correction-banner"
      style={{ marginBottom: 16 }}
      title={t('filing.correction.title')}
      description={
        <>
          {correction.reason && <Typography.Paragraph>{correction.reason}</Typography.Paragraph>}
          {correction.items.length > 0 && (
            <>
              <Typography.Text>{t('filing.correction.items')}</Typography.Text>
              <ul>
                {correction.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          )}
          {correction.dueAt && <Typography.Paragraph strong>{t('filing.correction.due', { date: dayjs(correction.dueAt).format('LLL') })}</Typography.Paragraph>}
        </>
      }
    />
  );
}

function CheckAnswers({ view, onChange }: { view: CaseView; onChange: (step: StepKey) => void }) {
  const { t, i18n } = useTranslation();
  const documents = useQuery(documentsQuery(view.id)).data ?? [];
  const none = t('filing.check.nothing');
  const applicant = view.applicants[0];
  const section = (step: StepKey, items: { key: string; label: string; children: React.ReactNode }[]) => (
    <Descriptions
      key={step}
      bordered
      size="small"
      column={1}
      style={{ marginBottom: 16 }}
      title={t(`filing.steps.${step}`)}
      extra={
        <Button type="link" onClick={() => onChange(step)} aria-label={t('filing.check.changeStep', { step: t(`filing.steps.${step}`) })}>
          {t('filing.check.change')}
        </Button>
      }
      items={items}
    />
  );
  const yes = (v: boolean | null | undefined) => (v ? '✓' : none);
  return (
    <>
      {section('dispute', [
        { key: 'title', label: t('filing.dispute.title'), children: view.title },
        { key: 'type', label: t('filing.dispute.disputeType'), children: t(`filing.types.${view.disputeType as 'patent'}`, { defaultValue: view.disputeType }) },
        ...(IP_DISPUTE_TYPES.includes(view.disputeType) || view.ipRights.length > 0
          ? [{ key: 'ip', label: t('filing.dispute.ipRights'), children: view.ipRights.map((r) => [r.number, r.jurisdiction].filter(Boolean).join(' · ')).join('; ') || none }]
          : []),
      ])}
      {section('parties', [
        {
          key: 'applicant',
          label: t('filing.parties.applicant'),
          children: applicant ? [applicant.name, applicant.idNumber, applicant.email, applicant.phone].filter(Boolean).join(' · ') : none,
        },
        ...view.respondents.map((r, i) => ({
          key: `r${i}`,
          label: t('filing.parties.respondent', { n: i + 1 }),
          children: [r.name, r.email, r.phone, r.address].filter(Boolean).join(' · '),
        })),
      ])}
      {section(
        'claims',
        view.claims.length
          ? view.claims.map((c, i) => ({
              key: `c${i}`,
              label: t(`filing.claims.kinds.${c.kind}`),
              children: c.amount ? formatMoney(c.amount, c.currency ?? 'CNY', i18n.language) : (c.description ?? ''),
            }))
          : [{ key: 'none', label: t('filing.steps.claims'), children: none }],
      )}
      {section('statement', [{ key: 'statement', label: t('filing.statement.label'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{view.statement || none}</span> }])}
      {section('evidence', [{ key: 'docs', label: t('filing.evidence.uploaded'), children: documents.length ? documents.map((d) => d.filename).join(', ') : none }])}
      {section('consents', [
        { key: 'online', label: t('filing.consents.online'), children: yes(applicant?.consentOnline) },
        { key: 'eservice', label: t('filing.consents.eService'), children: yes(applicant?.consentEService) },
      ])}
    </>
  );
}
