import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../api/idempotency';
import { useFormSubmit } from '../api/use-form-submit';
import { currentLanguage } from '../i18n/i18n';
import { FormAlert } from '../shell/FormAlert';
import { register } from './auth-api';
import { AccountFields, type NewAccountValues } from './AccountFields';
import { AuthCard } from './AuthCard';

const route = getRouteApi('/register');

export function RegisterPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const idempotency = useIdempotencyKey();
  const { formProps, error, busy } = useFormSubmit<NewAccountValues>(
    async ({ phone, ...values }) => {
      await register({ ...values, phone: phone?.trim() || undefined }, idempotency.key());
      idempotency.done();
      await navigate({ to: redirect ?? '/' });
    },
    { messages: { 409: t('auth.register.emailTaken') } },
  );

  return (
    <AuthCard title={t('auth.register.title')} intro={t('auth.register.intro')}>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ preferredLanguage: currentLanguage() }}>
        <AccountFields />
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('auth.register.submit')}
          </Button>
        </Form.Item>
      </Form>
      <p className="auth-links">
        {t('auth.register.haveAccount')}{' '}
        <Link to="/sign-in" search={{ redirect }}>
          {t('auth.register.signIn')}
        </Link>
      </p>
    </AuthCard>
  );
}
