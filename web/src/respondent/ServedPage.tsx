import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Steps, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../api/idempotency';
import { ProblemType, toApiProblem, type ApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { AccountFields, type NewAccountValues } from '../auth/AccountFields';
import { register, signIn } from '../auth/auth-api';
import { fieldRules } from '../auth/field-rules';
import { useMe, useSession } from '../auth/use-session';
import { applyLanguage, currentLanguage, isLanguage } from '../i18n/i18n';
import { FormAlert } from '../shell/FormAlert';
import { usePageTitle } from '../shell/use-page-title';
import { claimServed, servedDocumentUrl, servedNoticeQuery, type ServedNotice } from './served-api';

const route = getRouteApi('/served/$token');

/**
 * The page the served e-mail and SMS link to (`${PUBLIC_URL}/served/{token}`): the notice in the
 * reader's language, what it means, what to do and by when, and one step from there to an
 * account that holds the case. Most respondents are lost between the notice and the site
 * (PORTALS.md lesson 1): this page must need nothing else.
 */
export function ServedPage() {
  const { t } = useTranslation();
  const { token } = route.useParams();
  const found = useQuery(servedNoticeQuery(token));
  const notice = found.data;
  usePageTitle(notice ? `${t('respondent.served.title')} ${notice.caseNumber}` : t('respondent.served.title'));
  useReaderLanguage(notice?.language);

  if (found.isLoading) return <Skeleton active />;
  if (found.error || !notice) return <LinkProblem problem={toApiProblem(found.error)} />;

  const isNotice = notice.purpose === 'notice_of_mediation';
  return (
    <article className="served-page" style={{ maxWidth: 760, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {isNotice ? t('respondent.served.title') : t('respondent.served.titleOther')}
      </Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        {isNotice
          ? t('respondent.served.intro', { applicants: notice.applicants.join(', '), servedOn: notice.servedOn })
          : t('respondent.served.introOther', { number: notice.caseNumber, servedOn: notice.servedOn })}
      </Typography.Paragraph>
      {isNotice && notice.awaitingAnswer && <DeadlineAlert answerBy={notice.answerBy} />}

      <NoticeFacts notice={notice} token={token} />

      {isNotice && (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('respondent.served.meaningTitle')}</h2>} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('respondent.served.meaning')}</Typography.Paragraph>
        </Card>
      )}

      {isNotice && notice.awaitingAnswer ? (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('respondent.served.stepsTitle')}</h2>}>
          <Steps
            orientation="vertical"
            size="small"
            current={0}
            items={[
              { title: t('respondent.served.step1'), description: t('respondent.served.step1Text') },
              { title: t('respondent.served.step2'), description: t('respondent.served.step2Text') },
              { title: t('respondent.served.step3'), description: t('respondent.served.step3Text') },
            ]}
          />
          <ClaimPanel notice={notice} token={token} />
        </Card>
      ) : (
        <Alert
          type="info"
          showIcon
          title={isNotice ? t('respondent.served.answeredOrClosed') : t('respondent.served.onAccountIntro')}
          action={
            <Link to="/cases/$caseId" params={{ caseId: notice.caseId }}>
              {t('respondent.served.seeCase')}
            </Link>
          }
        />
      )}
    </article>
  );
}

/** Signed out, the page speaks the reader's language (the served party's) until they switch. */
function useReaderLanguage(language: string | undefined): void {
  const { status } = useSession();
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current || !isLanguage(language) || status === 'signed-in') return;
    applied.current = true;
    if (language !== currentLanguage()) void applyLanguage(language);
  }, [language, status]);
}

function DeadlineAlert({ answerBy }: { answerBy?: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="answer-deadline"
      title={answerBy ? t('respondent.served.deadline', { date: dayjs(answerBy).format('LLL') }) : t('respondent.served.noDeadline')}
    />
  );
}

function NoticeFacts({ notice, token }: { notice: ServedNotice; token: string }) {
  const { t } = useTranslation();
  const disputeType = t(`respondent.disputeTypes.${notice.disputeType}` as 'respondent.disputeTypes.other', { defaultValue: notice.disputeType });
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('respondent.served.facts')}</h2>} style={{ marginBottom: 16 }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'number', label: t('respondent.served.caseNumber'), children: <span data-testid="served-case-number">{notice.caseNumber}</span> },
          { key: 'title', label: t('respondent.served.caseTitle'), children: notice.caseTitle },
          { key: 'applicants', label: t('respondent.served.applicants'), children: notice.applicants.join(', ') },
          { key: 'type', label: t('respondent.served.disputeType'), children: disputeType },
          { key: 'servedOn', label: t('respondent.served.servedOn'), children: notice.servedOn },
          ...(notice.answerBy ? [{ key: 'answerBy', label: t('respondent.served.answerBy'), children: dayjs(notice.answerBy).format('LLL') }] : []),
        ]}
      />
      <Button type="default" icon={<FilePdfOutlined aria-hidden />} href={servedDocumentUrl(token)} target="_blank" rel="noopener" style={{ marginTop: 12 }}>
        {t('respondent.served.openPdf')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('respondent.served.pdfHelp')}
      </Typography.Paragraph>
    </Card>
  );
}

/**
 * From the notice to the answer in one step: signed out, create an account (prefilled with the
 * served address) or sign in, and the party is claimed at once; signed in, one button.
 */
function ClaimPanel({ notice, token }: { notice: ServedNotice; token: string }) {
  const { t } = useTranslation();
  const { status } = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const toAnswer = () => navigate({ to: '/cases/$caseId/answer', params: { caseId: notice.caseId } });
  /** Claims the party (a no-op when this account holds it already), then on to the answer. */
  const claimAndGo = async () => {
    if (!notice.servedOnAccount) await claimServed(token);
    await queryClient.invalidateQueries({ queryKey: ['cases'] });
    await toAnswer();
  };
  const claimMessages = {
    409: t('respondent.served.heldElsewhere'),
    [ProblemType.Forbidden]: t('respondent.served.otherPerson'),
  };

  if (status === 'signed-in') {
    return (
      <div style={{ marginTop: 16 }}>
        {me && <Typography.Paragraph>{t('respondent.served.claimIntro', { name: me.displayName })}</Typography.Paragraph>}
        <SignedInClaim onClaim={claimAndGo} messages={claimMessages} label={notice.servedOnAccount ? t('respondent.served.continue') : t('respondent.served.claimSubmit')} />
      </div>
    );
  }
  if (notice.servedOnAccount || notice.claimed) {
    return (
      <div style={{ marginTop: 16 }}>
        <Typography.Paragraph>{t('respondent.served.onAccountIntro')}</Typography.Paragraph>
        <Link to="/sign-in" search={{ redirect: `/cases/${notice.caseId}/answer` }}>
          {t('respondent.served.signInToAnswer')}
        </Link>
      </div>
    );
  }
  return (
    <Tabs
      style={{ marginTop: 16 }}
      items={[
        { key: 'create', label: t('respondent.served.createTab'), children: <CreateAndClaim notice={notice} onClaim={claimAndGo} messages={claimMessages} /> },
        { key: 'sign-in', label: t('respondent.served.signInTab'), children: <SignInAndClaim onClaim={claimAndGo} messages={claimMessages} /> },
      ]}
    />
  );
}

type Messages = Partial<Record<number | string, string>>;

function SignedInClaim({ onClaim, messages, label }: { onClaim: () => Promise<void>; messages: Messages; label: string }) {
  const { formProps, error, busy } = useFormSubmit<object>(onClaim, { messages });
  return (
    <Form {...formProps}>
      <FormAlert message={error} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {label}
      </Button>
    </Form>
  );
}

function CreateAndClaim({ notice, onClaim, messages }: { notice: ServedNotice; onClaim: () => Promise<void>; messages: Messages }) {
  const { t } = useTranslation();
  const idempotency = useIdempotencyKey();
  const { form, formProps, error, busy } = useFormSubmit<NewAccountValues>(
    async ({ phone, ...values }) => {
      try {
        await register({ ...values, phone: phone?.trim() || undefined }, idempotency.key());
      } catch (problem) {
        // An account with this address exists: say so beside the e-mail (the claim's own 409 means another thing).
        if (toApiProblem(problem).status !== 409) throw problem;
        form.setFields([{ name: 'email', errors: [t('auth.register.emailTaken')] }]);
        return;
      }
      idempotency.done();
      await onClaim();
    },
    { messages },
  );
  return (
    <>
      <FormAlert message={error} />
      <Form {...formProps} name="served-create" initialValues={{ displayName: notice.servedOn, email: notice.servedEmail ?? '', preferredLanguage: currentLanguage() }}>
        <AccountFields />
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('respondent.served.createSubmit')}
        </Button>
      </Form>
    </>
  );
}

function SignInAndClaim({ onClaim, messages }: { onClaim: () => Promise<void>; messages: Messages }) {
  const { t } = useTranslation();
  const rules = fieldRules(t);
  // A wrong password is a 401 from sign-in; once signed in, the claim's own problems.
  const { formProps, error, busy } = useFormSubmit<{ email: string; password: string }>(
    async (values) => {
      await signIn(values);
      await onClaim();
    },
    { messages: { ...messages, 401: t('auth.signIn.wrongCredentials') } },
  );
  return (
    <>
      <FormAlert message={error} />
      {/* Named: two forms on one page, so their fields' ids (and labels) stay apart. */}
      <Form {...formProps} name="served-sign-in">
        <Form.Item name="email" label={t('auth.email')} rules={[rules.required(t('auth.email')), rules.email]}>
          <Input type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[rules.required(t('auth.password'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('respondent.served.signInSubmit')}
        </Button>
        <p className="auth-links">
          <Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
        </p>
      </Form>
    </>
  );
}

/** A link that is tampered with, cut short or expired: say so plainly, and what to do. */
function LinkProblem({ problem }: { problem: ApiProblem }) {
  const { t } = useTranslation();
  const text = problem.status === 410 ? t('respondent.served.expired') : problem.status === 403 || problem.status === 401 ? t('respondent.served.invalid') : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={text ?? t('problem.generic', { detail: problem.detail ?? problem.title })}
      action={
        <Link to="/sign-in" search={{}}>
          {t('header.signIn')}
        </Link>
      }
    />
  );
}
