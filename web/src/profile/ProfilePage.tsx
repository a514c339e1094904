import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../api/use-form-submit';
import { meQuery, updateMe, type Me } from '../auth/auth-api';
import { fieldRules } from '../auth/field-rules';
import { useMe } from '../auth/use-session';
import { applyLanguage, type Language } from '../i18n/i18n';
import { FormAlert } from '../shell/FormAlert';
import { LanguageRadios } from '../shell/LanguageRadios';
import { usePageTitle } from '../shell/use-page-title';
import { IdentityVerification } from './IdentityVerification';

interface Values {
  displayName: string;
  phone?: string;
  preferredLanguage: Language;
}

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  const me = useMe();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('profile.title')}
      </Typography.Title>
      {me && (
        <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 640 }}>
          <ProfileForm me={me} />
          <IdentityVerification me={me} />
        </Space>
      )}
    </>
  );
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = fieldRules(t);
  const { formProps, error, busy } = useFormSubmit<Values>(async ({ phone, ...values }) => {
    const saved = await updateMe({ ...values, phone: phone?.trim() || undefined });
    queryClient.setQueryData(meQuery().queryKey, saved);
    await applyLanguage(saved.preferredLanguage);
    void message.success(t('profile.saved'));
  });

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('profile.details')}</h2>}>
      <FormAlert message={error} />
      <Form {...formProps} initialValues={{ displayName: me.displayName, phone: me.phone ?? '', preferredLanguage: me.preferredLanguage }}>
        <Form.Item label={t('profile.email')}>
          <Typography.Text>{me.email}</Typography.Text>
        </Form.Item>
        <Form.Item name="displayName" label={t('profile.displayName')} rules={[rules.required(t('profile.displayName'))]}>
          <Input autoComplete="name" maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('profile.phone')} extra={t('profile.phoneHelp')} rules={[rules.phone]}>
          <Input type="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="preferredLanguage" label={t('profile.language')} extra={t('profile.languageHelp')}>
          <LanguageRadios />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('profile.save')}
        </Button>
      </Form>
    </Card>
  );
}
