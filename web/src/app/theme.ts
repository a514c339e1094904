import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default blue (#1677ff) gives white text 4.0:1, under WCAG AA's 4.5:1; so do its
 * 45 % grey secondary texts on white. Darker values keep the look and pass (axe checks it in
 * the browser tests).
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  },
};
