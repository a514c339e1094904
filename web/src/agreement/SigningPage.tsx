import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Radio, Result, Skeleton, Statistic, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refuseToSign, requestSignatureCode, signAgreement } from '../api/generated/sdk.gen';
import type { AgreementVersionView, CaseView, SignatureCodeView } from '../api/generated/types.gen';
import { useIdempotencyKey } from '../api/idempotency';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { describeProblem } from '../api/use-problem';
import { useMe } from '../auth/use-session';
import { caseQuery } from '../cases/cases-api';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';
import { liveVersion, SIGNATURE_CODE_REFUSED, STALE_AGREEMENT_VERSION, versionsQuery } from './agreement-api';
import { hasSigned } from './agreement-form';
import { AgreementPdf, SignatureTracker, versionFilename } from './VersionParts';

const route = getRouteApi('/signed-in/cases/$caseId/agreement/sign');

const SIGNERS = ['mediator', 'applicant', 'respondent', 'applicant_agent', 'respondent_agent'];
const PARTY_SIDE = ['applicant', 'respondent', 'applicant_agent', 'respondent_agent'];

/**
 * Signing the agreement, for the parties and the mediator: read the version's PDF, ask for a
 * one-time code by e-mail or SMS, enter it (how many tries are left and when it expires are
 * shown) — or, for a party, refuse with a reason. The last signature puts the agreement in
 * effect: the page then says so, with the last day to apply for judicial confirmation.
 */
export function SigningPage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const me = useMe();
  const found = useQuery(caseQuery(caseId));
  const versions = useQuery({ ...versionsQuery(caseId), enabled: found.isSuccess });
  const view = found.data;
  usePageTitle(view ? t('agreement.sign.title', { number: view.number }) : undefined);

  const back = (
    <Typography.Paragraph>
      <Link to="/cases/$caseId/room" params={{ caseId }} search={{ panel: 'agreement' }}>
        {t('agreement.sign.backToRoom')}
      </Link>
    </Typography.Paragraph>
  );
  if (found.isLoading || versions.isLoading) return <Skeleton active />;
  const failed = found.error ?? versions.error;
  if (failed || !view) {
    const problem = toApiProblem(failed);
    return <Alert type="error" showIcon role="alert" title={problem.status === 404 ? t('cases.notFound') : describeProblem(problem, t)} />;
  }
  const live = liveVersion(versions.data);
  const heading = (
    <Typography.Title level={1} style={{ fontSize: 28 }}>
      {t('agreement.sign.title', { number: view.number })}
    </Typography.Title>
  );
  if (!view.yourRoles.some((r) => SIGNERS.includes(r))) {
    return (
      <>
        {back}
        {heading}
        <Result status="403" title={t('agreement.sign.notForYou')} />
      </>
    );
  }
  if (!live) {
    return (
      <>
        {back}
        {heading}
        <Result status="info" title={t('agreement.sign.nothing')} />
      </>
    );
  }
  return (
    <div style={{ maxWidth: 960, margin: '0 auto' }}>
      {back}
      {heading}
      <SignVersion view={view} version={live} signed={hasSigned(live.signatures, me?.id)} />
    </div>
  );
}

function SignVersion({ view, version, signed }: { view: CaseView; version: AgreementVersionView; signed: boolean }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<SignatureCodeView>();
  const isParty = view.yourRoles.some((r) => PARTY_SIDE.includes(r));

  if (version.status === 'effective') {
    return (
      <>
        <Result
          status="success"
          title={t('agreement.effective.title')}
          subTitle={
            <span data-testid="agreement-effective">
              {t('agreement.effective.since', { date: dayjs(version.effectiveAt).format('LLL') })}{' '}
              {version.confirmationWindow && t('agreement.effective.window', { date: dayjs(version.confirmationWindow.lastDay).format('LL') })}
            </span>
          }
          extra={
            <Link to="/cases/$caseId" params={{ caseId: view.id }}>
              {t('agreement.sign.toCase')}
            </Link>
          }
        />
        {version.signedDocumentId && (
          <AgreementPdf documentId={version.signedDocumentId} filename={versionFilename(view.number, version.version, true)} title={t('agreement.pdf.signed')} />
        )}
      </>
    );
  }
  if (signed) {
    return (
      <Flex vertical gap={16}>
        <Result status="success" title={t('agreement.sign.youSigned')} subTitle={t('agreement.sign.waitingFor', { names: version.awaiting.map((a) => a.name).join(', ') })} />
        <SignatureTracker version={version} />
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16}>
      <Steps size="small" current={code ? 2 : 0} items={[{ title: t('agreement.sign.step1') }, { title: t('agreement.sign.step2') }, { title: t('agreement.sign.step3') }]} />
      <Typography.Paragraph style={{ fontSize: 16 }}>{t('agreement.sign.intro', { version: version.version })}</Typography.Paragraph>
      <AgreementPdf documentId={version.documentId} filename={versionFilename(view.number, version.version)} title={t('agreement.pdf.version', { version: version.version })} />
      <RequestCode view={view} version={version} code={code} onIssued={setCode} />
      {code && <EnterCode key={code.codeId} view={view} version={version} code={code} />}
      {isParty && <RefuseToSign view={view} version={version} />}
    </Flex>
  );
}

/** Step 2: a one-time code to the signer's own e-mail or phone. */
function RequestCode({ view, version, code, onIssued }: { view: CaseView; version: AgreementVersionView; code?: SignatureCodeView; onIssued: (code: SignatureCodeView) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const idempotency = useIdempotencyKey();
  const queryClient = useQueryClient();
  const { formProps, error, busy } = useFormSubmit<{ channel: 'email' | 'sms' }>(
    async ({ channel }) => {
      const { data } = await requestSignatureCode({
        path: { id: view.id },
        body: { versionHash: version.hash, channel },
        headers: { 'Idempotency-Key': idempotency.key() },
        throwOnError: true,
      });
      idempotency.done();
      onIssued(data);
    },
    { messages: { [STALE_AGREEMENT_VERSION]: t('agreement.sign.changed') }, onReload: () => void queryClient.invalidateQueries({ queryKey: ['cases', view.id] }) },
  );
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('agreement.sign.codeTitle')}</h2>}>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ channel: 'email' }}>
        <Form.Item name="channel" label={t('agreement.sign.channel')}>
          <Radio.Group
            options={[
              { value: 'email', label: t('agreement.sign.byEmail', { address: me?.email ?? '' }) },
              { value: 'sms', label: me?.phone ? t('agreement.sign.bySms', { phone: me.phone }) : t('agreement.sign.bySmsNoPhone'), disabled: !me?.phone },
            ]}
          />
        </Form.Item>
        <Button type={code ? 'default' : 'primary'} htmlType="submit" loading={busy}>
          {code ? t('agreement.sign.sendAgain') : t('agreement.sign.send')}
        </Button>
      </Form>
    </Card>
  );
}

/** Step 3: the code, with the tries left and the time until it expires. */
function EnterCode({ view, version, code }: { view: CaseView; version: AgreementVersionView; code: SignatureCodeView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [attemptsLeft, setAttemptsLeft] = useState(code.maxAttempts);
  const [expired, setExpired] = useState(() => dayjs(code.expiresAt).isBefore(dayjs()));
  const { formProps, error, busy, form } = useFormSubmit<{ code: string }>(
    async (values) => {
      try {
        const { data } = await signAgreement({
          path: { id: view.id },
          body: { versionHash: version.hash, code: values.code.trim() },
          headers: { 'Idempotency-Key': idempotency.key() },
          throwOnError: true,
        });
        idempotency.done();
        queryClient.setQueryData(['cases', view.id, 'agreement', 'versions'], (old: AgreementVersionView[] | undefined) =>
          old?.map((v) => (v.id === data.agreement.id ? data.agreement : v)),
        );
        await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
      } catch (e) {
        idempotency.done();
        const problem = toApiProblem(e);
        if (problem.type !== SIGNATURE_CODE_REFUSED) throw e;
        const left = typeof problem.body.attemptsLeft === 'number' ? problem.body.attemptsLeft : 0;
        setAttemptsLeft(left);
        const rule = problem.errors[0]?.rule;
        form.setFields([
          {
            name: 'code',
            errors: [
              rule === 'wrong'
                ? t('agreement.sign.wrongCode', { count: left })
                : rule === 'expired'
                  ? t('agreement.sign.expiredCode')
                  : rule === 'too_many_attempts'
                    ? t('agreement.sign.tooManyAttempts')
                    : (problem.errors[0]?.message ?? problem.message),
            ],
          },
        ]);
      }
    },
    { messages: { [STALE_AGREEMENT_VERSION]: t('agreement.sign.changed') } },
  );
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('agreement.sign.enterTitle')}</h2>}>
      <Alert type="info" showIcon title={t('agreement.sign.sentTo', { destination: code.destination })} style={{ marginBottom: 16 }} role="status" />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'expires',
            label: t('agreement.sign.expiresIn'),
            children: expired ? (
              <Typography.Text type="danger">{t('agreement.sign.expired')}</Typography.Text>
            ) : (
              <span>
                <Statistic.Timer type="countdown" value={dayjs(code.expiresAt).valueOf()} format="mm:ss" onFinish={() => setExpired(true)} valueStyle={{ fontSize: 16 }} />
                <Typography.Text type="secondary">{t('agreement.sign.expiresAt', { time: dayjs(code.expiresAt).format('LT') })}</Typography.Text>
              </span>
            ),
          },
          { key: 'attempts', label: t('agreement.sign.attemptsLeft'), children: <span data-testid="attempts-left">{attemptsLeft}</span> },
        ]}
      />
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item
          name="code"
          label={t('agreement.sign.code')}
          extra={t('agreement.sign.codeHelp')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('agreement.sign.codeFormat') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200, fontSize: 20, letterSpacing: 4 }} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('agreement.sign.binding')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={busy} disabled={expired || attemptsLeft === 0}>
          {t('agreement.sign.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** A party may refuse to sign, saying why: the mediator then revises the agreement or ends the mediation. */
function RefuseToSign({ view, version }: { view: CaseView; version: AgreementVersionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { formProps, error, busy, form } = useFormSubmit<{ reason: string }>(
    async ({ reason }) => {
      await refuseToSign({ path: { id: view.id }, body: { versionHash: version.hash, reason }, throwOnError: true });
      await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
      setOpen(false);
    },
    { messages: { [STALE_AGREEMENT_VERSION]: t('agreement.sign.changed') } },
  );
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('agreement.refuse.title')}</h2>}>
      {version.refusals.map((r) => (
        <Alert
          key={r.id}
          type="warning"
          showIcon
          data-testid="refusal"
          title={t('agreement.refuse.recorded', { date: dayjs(r.refusedAt).format('LLL') })}
          description={r.reason}
          style={{ marginBottom: 12 }}
        />
      ))}
      <Typography.Paragraph>{t('agreement.refuse.text')}</Typography.Paragraph>
      <Button danger onClick={() => setOpen(true)}>
        {t('agreement.refuse.open')}
      </Button>
      <Modal
        open={open}
        title={t('agreement.refuse.title')}
        okText={t('agreement.refuse.submit')}
        okButtonProps={{ danger: true }}
        cancelText={t('agreement.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <FormAlert message={error} />
        <Form {...formProps}>
          <Form.Item name="reason" label={t('agreement.refuse.reason')} rules={[{ required: true, min: 3, message: t('agreement.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
