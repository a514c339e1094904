import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../api/use-form-submit';
import { meQuery, requestIdentityVerification, type Me, type VerificationOutcome } from '../auth/auth-api';
import { fieldRules } from '../auth/field-rules';
import i18next from 'i18next';
import type { en } from '../i18n/en';
import { FormAlert } from '../shell/FormAlert';

interface Values {
  fullName: string;
  documentType: 'resident_id_card' | 'passport';
  documentNumber: string;
}

type Method = keyof typeof en.profile.identity.methods;
const isMethod = (method: string | null | undefined): method is Method => !!method && i18next.exists(`profile.identity.methods.${method}`);

/**
 * Real-name verification (needed before mediation sessions and signing): the status, and
 * what to do, in particular for a party without a Chinese identity card.
 */
export function IdentityVerification({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<VerificationOutcome>();
  const rules = fieldRules(t);
  const verified = !!me.identityVerifiedAt;
  const { formProps, error, busy } = useFormSubmit<Values>(async (values) => {
    const result = await requestIdentityVerification(values);
    setOutcome(result);
    if (result.status === 'verified') await queryClient.invalidateQueries({ queryKey: meQuery().queryKey });
  });

  const method = me.identityVerificationMethod;
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('profile.identity.title')}</h2>} data-testid="identity-verification" id="identity-verification">
      <Typography.Paragraph>{t('profile.identity.why')}</Typography.Paragraph>
      {verified ? (
        <Alert
          type="success"
          showIcon
          title={t('profile.identity.verified', {
            date: dayjs(me.identityVerifiedAt).format('LL'),
            method: isMethod(method) ? t(`profile.identity.methods.${method}`) : (method ?? ''),
          })}
        />
      ) : (
        <>
          <Alert type="warning" showIcon title={t('profile.identity.notVerified')} style={{ marginBottom: 16 }} />
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('profile.identity.howTitle')}
          </Typography.Title>
          <Typography.Paragraph>{t('profile.identity.resident')}</Typography.Paragraph>
          <Typography.Paragraph>{t('profile.identity.foreign')}</Typography.Paragraph>
          {outcome && (
            <Alert
              role="status"
              type={outcome.status === 'rejected' ? 'error' : outcome.status === 'verified' ? 'success' : 'info'}
              showIcon
              title={
                outcome.status === 'pending'
                  ? t('profile.identity.pending')
                  : outcome.status === 'verified'
                    ? t('profile.identity.done')
                    : t('profile.identity.rejected', { message: outcome.message ?? '' })
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <FormAlert message={error} />
          <Form {...formProps} initialValues={{ fullName: me.displayName, documentType: 'passport' }}>
            <Form.Item name="fullName" label={t('profile.identity.fullName')} rules={[rules.required(t('profile.identity.fullName'))]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="documentType" label={t('profile.identity.documentType')}>
              <Select
                options={[
                  { value: 'passport', label: t('profile.identity.passport') },
                  { value: 'resident_id_card', label: t('profile.identity.residentIdCard') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="documentNumber"
              label={t('profile.identity.documentNumber')}
              extra={t('profile.identity.documentNumberHelp')}
              rules={[rules.required(t('profile.identity.documentNumber')), { min: 5, max: 40 }]}
            >
              <Input autoComplete="off" maxLength={40} />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>
              {t('profile.identity.submit')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
