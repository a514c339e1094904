import { GlobalOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../api/use-problem';
import { toApiProblem } from '../api/problem';
import { currentLanguage, LANGUAGES } from '../i18n/i18n';
import { useSwitchLanguage } from './use-language';

/**
 * Two languages: one button that names the other one, in that language ("English" / "中文"),
 * so a person who cannot read the current one still finds it.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const switchLanguage = useSwitchLanguage();
  const other = LANGUAGES.find((l) => l !== currentLanguage()) ?? 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      lang={other}
      title={t('header.language')}
      data-testid="language-switch"
      onClick={() => switchLanguage(other).catch((error: unknown) => message.error(describeProblem(toApiProblem(error), t)))}
    >
      {t(`languages.${other}`)}
    </Button>
  );
}
