import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../api/use-form-submit';
import { FormAlert } from '../shell/FormAlert';
import { signIn } from './auth-api';
import { AuthCard } from './AuthCard';
import { fieldRules } from './field-rules';

const route = getRouteApi('/sign-in');

interface Values {
  email: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  const { redirect, notice } = route.useSearch();
  const navigate = useNavigate();
  const rules = fieldRules(t);
  const { formProps, error, busy } = useFormSubmit<Values>(
    async (values) => {
      await signIn(values);
      await navigate({ to: redirect ?? '/' });
    },
    { messages: { 401: t('auth.signIn.wrongCredentials') } },
  );

  const noticeText = notice
    ? {
        expired: t('auth.signIn.sessionExpired'),
        'signed-out-everywhere': t('header.signedOutEverywhere'),
        'password-reset': t('auth.reset.done'),
      }[notice]
    : undefined;

  return (
    <AuthCard title={t('auth.signIn.title')}>
      {noticeText && <Alert type={notice === 'expired' ? 'warning' : 'success'} showIcon title={noticeText} style={{ marginBottom: 16 }} />}
      <FormAlert message={error} />
      <Form {...formProps}>
        <Form.Item name="email" label={t('auth.email')} rules={[rules.required(t('auth.email')), rules.email]}>
          <Input type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[rules.required(t('auth.password'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('auth.signIn.submit')}
          </Button>
        </Form.Item>
      </Form>
      <p className="auth-links">
        <Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
      </p>
      <p className="auth-links">
        {t('auth.signIn.noAccount')}{' '}
        <Link to="/register" search={{ redirect }}>
          {t('auth.signIn.register')}
        </Link>
      </p>
    </AuthCard>
  );
}
