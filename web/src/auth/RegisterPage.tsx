import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../api/idempotency';
import { useProblemHandler } from '../api/use-problem';
import { currentLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { FormAlert } from '../shell/FormAlert';
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
  const handleProblem = useProblemHandler();
  const idempotency = useIdempotencyKey();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rules = fieldRules(t);

  const onFinish = async ({ phone, ...values }: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await register({ ...values, phone: phone?.trim() || undefined }, idempotency.key());
      idempotency.done();
      await navigate({ to: redirect ?? '/' });
    } catch (problem) {
      const text = handleProblem(problem, { form, messages: { 409: t('auth.register.emailTaken') } });
      setError(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.register.title')} intro={t('auth.register.intro')}>
      <FormAlert message={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        disabled={busy}
        initialValues={{ preferredLanguage: currentLanguage() }}
      >
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
          <Radio.Group
            options={LANGUAGES.map((language) => ({ value: language, label: <span lang={language}>{t(`languages.${language}`)}</span> }))}
          />
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
