import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n';
import { LanguageRadios } from '../shell/LanguageRadios';
import { fieldRules } from './field-rules';

/** What a new account is made of, in the register page and in the served link's one-step sign-up. */
export interface NewAccountValues {
  displayName: string;
  email: string;
  password: string;
  phone?: string;
  preferredLanguage: Language;
}

/** The fields of a new account, inside the caller's Form. */
export function AccountFields() {
  const { t } = useTranslation();
  const rules = fieldRules(t);
  return (
    <>
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
    </>
  );
}
