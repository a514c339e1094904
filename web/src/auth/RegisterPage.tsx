import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../api/idempotency';
import { useFormSubmit } from '../api/use-form-submit';
import { currentLanguage, type Language } from '../i18n/i18n';
import { FormAlert } from '../shell/FormAlert';
import { LanguageRadios } from '../shell/LanguageRadios';
import { register } from './auth-api';
import { AuthCard } from './AuthCard';
import { fieldRules } from './field-rules';

const route = getRouteApi('/register');

interface Values {
  displayName: string;
  email: string;
  password: string;
  phone?: string;
  preferredLanguage: Language;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const idempotency = useIdempotencyKey();
  const rules = fieldRules(t);
  const { formProps, error, busy } = useFormSubmit<Values>(
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
        <Form.Item name="displayName" label={t('auth.register.displayName')} extra={t('auth.register.displayNameHelp')} rules={[rules.required(t('auth.register.displayName'))]}>
          <Input autoComplete="name" maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('auth.email')} rules={[rules.required(t('auth.email')), rules.email]}>
          <Input type="email" autoComplete="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} extra={t('auth.register.passwordHelp')} rules={[rules.required(t('auth.password')), rules.password]}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item name="phone" label={t('auth.register.phone')} extra={t('auth.register.phoneHelp')} rules={[rules.phone]}>
          <Input type="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="preferredLanguage" label={t('auth.register.language')}>
          <LanguageRadios />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('auth.register.submit')}
          </Button>
        </Form.Item>
      </Form>
      <p className="auth-links">
        {t('auth.register.haveAccount')} <Link to="/sign-in" search={{ redirect }}>{t('auth.register.signIn')}</Link>
      </p>
    </AuthCard>
  );
}
