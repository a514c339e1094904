import { Link } from '@tanstack/react-router';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemHandler } from '../api/use-problem';
import { FormAlert } from '../shell/FormAlert';
import { requestPasswordReset } from './auth-api';
import { AuthCard } from './AuthCard';
import { fieldRules } from './field-rules';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const handleProblem = useProblemHandler();
  const [form] = Form.useForm<{ email: string }>();
  const [error, setError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rules = fieldRules(t);

  const onFinish = async ({ email }: { email: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await requestPasswordReset(email);
      setSentTo(email);
    } catch (problem) {
      setError(handleProblem(problem, { form }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('auth.forgot.title')} intro={sentTo ? undefined : t('auth.forgot.intro')}>
      {sentTo ? (
        <Alert type="success" showIcon role="status" title={t('auth.forgot.sent', { email: sentTo })} style={{ marginBottom: 16 }} data-testid="reset-sent" />
      ) : (
        <>
          <FormAlert message={error} />
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
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
