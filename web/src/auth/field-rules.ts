import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

/** The API's own rules (src/auth/auth.dto.ts), checked before sending so most mistakes never leave the page. */
export const fieldRules = (t: TFunction) => ({
  required: (field: string): FormRule => ({ required: true, whitespace: true, message: t('auth.validation.required', { field }) }),
  email: { type: 'email', message: t('auth.validation.email') } satisfies FormRule,
  password: { min: 12, max: 128, message: t('auth.validation.passwordLength') } satisfies FormRule,
  phone: { pattern: /^\+[1-9]\d{6,14}$/, message: t('auth.validation.phone') } satisfies FormRule,
});
