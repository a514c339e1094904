import { Link } from '@tanstack/react-router';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../api/use-form-submit';
import { FormAlert } from '../shell/FormAlert';
import { requestPasswordReset } from './auth-api';
import { AuthCard } from './AuthCard';
import { fieldRules } from './field-rules';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string>();
  const rules = fieldRules(t);
  const { formProps, error, busy } = useFormSubmit<{ email: string }>(async ({ email }) => {
    await requestPasswordReset(email);
    setSentTo(email);
  });

  return (
    <AuthCard title={t('auth.forgot.title')} intro={sentTo ? undefined : t('auth.forgot.intro')}>
      {sentTo ? (
        <Alert type="success" showIcon role="status" title={t('auth.forgot.sent', { email: sentTo })} style={{ marginBottom: 16 }} data-testid="reset-sent" />
      ) : (
        <>
          <FormAlert message={error} />
          <Form {...formProps}>
            <Form.Item name="email" label={t('auth.email')} rules={[rules.required(t('auth.email')), rules.email]}>
              <Input type="email" autoComplete="email" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block>
                {t('auth.forgot.submit')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
      <p className="auth-links">
        <Link to="/sign-in">{t('auth.forgot.back')}</Link>
      </p>
    </AuthCard>
  );
}
