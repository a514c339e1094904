import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Alert, App, Button, Card, Checkbox, Form, Input, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../api/generated/types.gen';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { useFormSubmit } from '../api/use-form-submit';
import { fieldRules } from '../auth/field-rules';
import { useMe } from '../auth/use-session';
import { caseQuery } from '../cases/cases-api';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';
import { answerNotice, confirmAddress } from './served-api';

const route = getRouteApi('/signed-in/cases/$caseId/answer');

/** The API's answer when the respondent's identity is not verified yet (src/common/errors/problem.ts). */
export const IDENTITY_VERIFICATION_REQUIRED = 'urn:accord:problem:identity-verification-required';

const RESPONDENT_SIDE = ['respondent', 'respondent_agent'] as const;

/**
 * The respondent's answer to the notice of mediation: first the address for service (with the
 * consent to e-service explained), then agree or decline. Agreeing opens the case page.
 */
export function AnswerPage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const found = useQuery(caseQuery(caseId));
  const view = found.data;
  const [addressDone, setAddressDone] = useState<string>();
  const [declined, setDeclined] = useState(false);
  usePageTitle(t('respondent.answer.title'));

  if (found.isLoading) return <Skeleton active />;
  if (found.error || !view) {
    const problem = toApiProblem(found.error);
    return <Alert type="error" showIcon role="alert" title={problem.status === 404 ? t('cases.notFound') : describeProblem(problem, t)} />;
  }

  const toCase = (
    <Link to="/cases/$caseId" params={{ caseId }}>
      {t('respondent.answer.backToCase')}
    </Link>
  );
  const heading = (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('respondent.answer.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>{t('respondent.answer.intro', { number: view.number, title: view.title })}</Typography.Paragraph>
    </>
  );
  if (declined) {
    return (
      <>
        {heading}
        <Result status="info" title={t('respondent.answer.declined')} extra={toCase} />
      </>
    );
  }
  if (!view.yourRoles.some((r) => (RESPONDENT_SIDE as readonly string[]).includes(r))) {
    return (
      <>
        {heading}
        <Alert type="info" showIcon title={t('respondent.answer.notRespondent')} action={toCase} />
      </>
    );
  }
  if (view.status !== 'awaiting_respondent') {
    return (
      <>
        {heading}
        <Alert type="info" showIcon title={t('respondent.answer.notWaiting')} action={toCase} />
      </>
    );
  }

  // The form confirms the caller's own party; with one respondent, its record tells whether it was done before.
  const confirmedBefore = view.respondents.length === 1 && view.respondents[0].eServiceBasis === 'express' ? (view.respondents[0].email ?? undefined) : undefined;
  const confirmed = addressDone ?? confirmedBefore;
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      {heading}
      <Steps
        size="small"
        current={confirmed ? 2 : 1}
        style={{ marginBottom: 24 }}
        items={[{ title: t('respondent.served.step1') }, { title: t('respondent.served.step2') }, { title: t('respondent.served.step3') }]}
      />
      <AddressForService view={view} confirmed={confirmed} onConfirmed={setAddressDone} />
      {confirmed && <Decision view={view} onDeclined={() => setDeclined(true)} />}
    </div>
  );
}

interface AddressValues {
  email: string;
  phone?: string;
  consentEService: boolean;
}

/** The address-for-service form (送达地址确认书): where the documents of this case reach the party. */
function AddressForService({ view, confirmed, onConfirmed }: { view: CaseView; confirmed?: string; onConfirmed: (email: string | undefined) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const rules = fieldRules(t);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { formProps, error, busy } = useFormSubmit<AddressValues>(async ({ email, phone }) => {
    await confirmAddress(view.id, { email, phone: phone?.trim() || undefined, consentEService: true });
    await queryClient.invalidateQueries({ queryKey: ['cases', view.id] });
    setEditing(false);
    onConfirmed(email);
  });
  const title = <h2 style={{ margin: 0, fontSize: 18 }}>{t('respondent.answer.addressTitle')}</h2>;

  if (confirmed && !editing) {
    return (
      <Card title={title} style={{ marginBottom: 16 }}>
        <Alert
          type="success"
          showIcon
          title={t('respondent.answer.addressConfirmed', { email: confirmed })}
          action={<Button onClick={() => setEditing(true)}>{t('respondent.answer.change')}</Button>}
        />
      </Card>
    );
  }
  const own = view.respondents.length === 1 ? view.respondents[0] : undefined;
  return (
    <Card title={title} style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{t('respondent.answer.addressIntro')}</Typography.Paragraph>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ email: me?.email ?? own?.email ?? '', phone: me?.phone ?? own?.phone ?? '', consentEService: false }}>
        <Form.Item name="email" label={t('respondent.answer.email')} rules={[rules.required(t('respondent.answer.email')), rules.email]}>
          <Input type="email" autoComplete="email" maxLength={320} />
        </Form.Item>
        <Form.Item name="phone" label={t('respondent.answer.phone')} extra={t('auth.register.phoneHelp')} rules={[rules.phone]}>
          <Input type="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="consentEService"
          valuePropName="checked"
          extra={t('respondent.answer.consentHelp')}
          rules={[{ validator: (_, value) => (value ? Promise.resolve() : Promise.reject(new Error(t('respondent.answer.consentRequired')))) }]}
        >
          <Checkbox>{t('respondent.answer.consent')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('respondent.answer.confirmAddress')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * Agree (confirmed in a dialog) or decline (with an optional reason); a missing identity
 * verification is said plainly. Agreeing gives or refuses the consent to online handling
 * (docs/procedural-rules.md A1): never ticked for the respondent, and refusing it is allowed.
 */
function Decision({ view, onDeclined }: { view: CaseView; onDeclined: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [identityMissing, setIdentityMissing] = useState(false);
  const [agreeError, setAgreeError] = useState<string>();
  const [online, setOnline] = useState(false);

  /** The answer, or false when identity verification is missing (shown above the buttons). */
  const send = async (body: { agree: boolean; reason?: string; consentOnline?: boolean }): Promise<boolean> => {
    try {
      const after = await answerNotice(view.id, body);
      queryClient.setQueryData(caseQuery(view.id).queryKey, after);
      await queryClient.invalidateQueries({ queryKey: ['cases', 'mine'] });
      return true;
    } catch (error) {
      if (toApiProblem(error).type !== IDENTITY_VERIFICATION_REQUIRED) throw error;
      setIdentityMissing(true);
      return false;
    }
  };

  const agree = () =>
    modal.confirm({
      title: t('respondent.answer.agreeConfirm'),
      content: online ? t('respondent.answer.agreeConfirmText') : t('respondent.answer.agreeOfflineText'),
      okText: t('respondent.answer.agree'),
      cancelText: t('respondent.answer.cancel'),
      onOk: async () => {
        setAgreeError(undefined);
        try {
          if (await send({ agree: true, consentOnline: online })) await navigate({ to: '/cases/$caseId', params: { caseId: view.id } });
        } catch (error) {
          setAgreeError(describeProblem(toApiProblem(error), t));
        }
      },
    });

  const { formProps, error, busy } = useFormSubmit<{ reason?: string }>(async ({ reason }) => {
    if (await send({ agree: false, reason: reason?.trim() || undefined })) onDeclined();
  });

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('respondent.answer.decisionTitle')}</h2>}>
      <Typography.Paragraph>{t('respondent.answer.decisionIntro')}</Typography.Paragraph>
      {identityMissing && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          data-testid="identity-required"
          title={t('respondent.answer.identityTitle')}
          description={
            <>
              <Typography.Paragraph>{t('respondent.answer.identityText')}</Typography.Paragraph>
              <Link to="/profile" hash="identity-verification">
                {t('respondent.answer.identityLink')}
              </Link>
            </>
          }
        />
      )}
      <FormAlert message={agreeError} />
      {!declining ? (
        <Space orientation="vertical" size="middle">
          <div>
            <Checkbox checked={online} onChange={(e) => setOnline(e.target.checked)}>
              {t('respondent.answer.consentOnline')}
            </Checkbox>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px' }}>
              {t('respondent.answer.consentOnlineHelp')}
            </Typography.Paragraph>
          </div>
          <Space wrap>
            <Button type="primary" onClick={agree}>
              {t('respondent.answer.agree')}
            </Button>
            <Button onClick={() => setDeclining(true)}>{t('respondent.answer.decline')}</Button>
          </Space>
        </Space>
      ) : (
        <section aria-labelledby="decline-title">
          <h3 id="decline-title" style={{ fontSize: 16 }}>
            {t('respondent.answer.declineTitle')}
          </h3>
          <FormAlert message={error} />
          <Form {...formProps}>
            <Form.Item name="reason" label={t('respondent.answer.reason')} extra={t('respondent.answer.reasonHelp')}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('respondent.answer.declineSubmit')}
              </Button>
              <Button onClick={() => setDeclining(false)}>{t('respondent.answer.cancel')}</Button>
            </Space>
          </Form>
        </section>
      )}
    </Card>
  );
}
