import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n/i18n';

/** The platform's languages as radio buttons (a Form.Item's control), each named in itself. */
export function LanguageRadios(props: { value?: Language; onChange?: (language: Language) => void; id?: string }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      id={props.id}
      value={props.value}
      onChange={(event) => props.onChange?.(event.target.value as Language)}
      options={LANGUAGES.map((language) => ({ value: language, label: <span lang={language}>{t(`languages.${language}`)}</span> }))}
    />
  );
}
