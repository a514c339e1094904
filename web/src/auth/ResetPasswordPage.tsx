import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { useFormSubmit } from '../api/use-form-submit';
import { FormAlert } from '../shell/FormAlert';
import { resetPassword } from './auth-api';
import { AuthCard } from './AuthCard';
import { fieldRules } from './field-rules';

const route = getRouteApi('/reset-password');

interface Values {
  newPassword: string;
  confirm: string;
}

/** Opened from the e-mail's link, `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const [badToken, setBadToken] = useState(false);
  const rules = fieldRules(t);
  const { formProps, error, busy } = useFormSubmit<Values>(async ({ newPassword }) => {
    if (!token) return;
    try {
      await resetPassword(token, newPassword);
    } catch (problem) {
      // The token is not a field of this form: a bad one means "ask for a new link".
      if (toApiProblem(problem).errors.some((e) => e.field === 'token')) return setBadToken(true);
      throw problem;
    }
    await navigate({ to: '/sign-in', search: { notice: 'password-reset' } });
  });

  if (!token || badToken) {
    return (
      <AuthCard title={t('auth.reset.title')}>
        <Alert type="error" showIcon role="alert" title={token ? t('auth.reset.badToken') : t('auth.reset.missingToken')} style={{ marginBottom: 16 }} />
        <Link to="/forgot-password">{t('auth.reset.askAgain')}</Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.reset.title')}>
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item
          name="newPassword"
          label={t('auth.reset.newPassword')}
          extra={t('auth.register.passwordHelp')}
          rules={[rules.required(t('auth.reset.newPassword')), rules.password]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.reset.confirm')}
          dependencies={['newPassword']}
          rules={[
            rules.required(t('auth.reset.confirm')),
            ({ getFieldValue }) => ({
              validator: (_, value: string) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.reset.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('auth.reset.submit')}
          </Button>
        </Form.Item>
      </Form>
      <p className="auth-links">
        <Link to="/sign-in">{t('auth.forgot.back')}</Link>
      </p>
    </AuthCard>
  );
}
