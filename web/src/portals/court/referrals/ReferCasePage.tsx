import { Link, useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Radio, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { referCase } from '../../../api/generated/sdk.gen';
import type { CaseView, CreateReferralRequest } from '../../../api/generated/types.gen';
import { useIdempotencyKey } from '../../../api/idempotency';
import { useFormSubmit } from '../../../api/use-form-submit';
import { toApplicationBody, type ApplicationValues } from '../../../filing/application-form';
import { ClaimsFields, ConsentFields, DisputeFields, PartyFields, RespondentsFields, StatementFields } from '../../../filing/steps';
import { FormAlert } from '../../../shell/FormAlert';
import { usePageTitle } from '../../../shell/use-page-title';
import { CourtLinks } from './CourtLinks';
import { REFERRAL_TYPES, type ReferralType } from './referral-filters';

type Values = ApplicationValues & { referralType?: ReferralType; referralNumber?: string };

/**
 * One referral: the court's number and procedure, then the application's own fields (the
 * filing wizard's, on one page: names are the API's paths, so each field error sits beside its field).
 */
export function ReferCasePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('courtReferral.form.title'));
  const idempotency = useIdempotencyKey();
  const queryClient = useQueryClient();
  const [referred, setReferred] = useState<CaseView>();
  const { formProps, error, busy, form } = useFormSubmit<Values>(async (values) => {
    const { expectedVersion: _unused, ...application } = toApplicationBody(values, { preferredLanguage: i18n.language === 'en' ? 'en' : 'zh-CN', expectedVersion: 1 });
    const body: CreateReferralRequest = {
      ...application,
      referralType: values.referralType ?? 'pre_filing',
      referralNumber: values.referralNumber?.trim() ?? '',
    };
    const { data } = await referCase({ body, headers: { 'Idempotency-Key': idempotency.key() }, throwOnError: true });
    idempotency.done();
    await queryClient.invalidateQueries({ queryKey: ['court-referrals'] });
    setReferred(data);
  });

  if (referred) return <Referred view={referred} onAnother={() => (form.resetFields(), setReferred(undefined))} />;

  const section = (title: string) => (
    <Typography.Title level={2} style={{ fontSize: 20, marginTop: 24 }}>
      {title}
    </Typography.Title>
  );

  return (
    <>
      <CourtLinks current="new" />
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('courtReferral.form.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('courtReferral.form.intro')}</Typography.Paragraph>
      <Form
        {...formProps}
        initialValues={{
          referralType: 'pre_filing',
          disputeType: 'patent',
          ipRights: [{ kind: 'patent', jurisdiction: 'CN' }],
          applicant: { kind: 'organisation' },
          respondents: [{ kind: 'organisation' }],
          claims: [{ kind: 'monetary', currency: 'CNY' }],
        }}
        style={{ maxWidth: 760 }}
      >
        {section(t('courtReferral.form.referral'))}
        <Form.Item name="referralType" label={t('courtReferral.form.referralType')}>
          <Radio.Group
            options={REFERRAL_TYPES.map((value) => ({ value, label: t(`courtReferral.types.${value}`) }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          />
        </Form.Item>
        <Form.Item
          name="referralNumber"
          label={t('courtReferral.form.referralNumber')}
          extra={t('courtReferral.form.referralNumberHelp')}
          rules={[{ required: true, whitespace: true, message: t('problem.rules.isNotEmpty') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        {section(t('courtReferral.form.dispute'))}
        <DisputeFields withFiledAs={false} />
        {section(t('courtReferral.form.applicant'))}
        <Card size="small">
          <PartyFields path={['applicant']} withIdentity />
        </Card>
        <RespondentsFields />
        {section(t('courtReferral.form.claims'))}
        <ClaimsFields />
        {section(t('courtReferral.form.statement'))}
        <StatementFields />
        {section(t('courtReferral.form.consents'))}
        <ConsentFields />
        <FormAlert message={error} />
        <Form.Item style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('courtReferral.form.submit')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

function Referred({ view, onAnother }: { view: CaseView; onAnother: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <CourtLinks current="new" />
      <Result
        status="success"
        title={<h1 className="ant-result-title">{t('courtReferral.form.done', { number: view.number })}</h1>}
        subTitle={t('courtReferral.form.doneText')}
        extra={[
          <Button key="list" type="primary" onClick={() => void navigate({ to: '/court/referrals', search: {} })}>
            {t('courtReferral.form.toList')}
          </Button>,
          <Button key="another" onClick={onAnother}>
            {t('courtReferral.form.another')}
          </Button>,
          <Link key="open" to="/cases/$caseId" params={{ caseId: view.id }} search={{}}>
            {t('courtReferral.form.open')}
          </Link>,
        ]}
      />
    </>
  );
}
