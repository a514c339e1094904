import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default blue (#1677ff) gives white text 4.0:1, under WCAG AA's 4.5:1; its 45 %
 * grey secondary texts and its red error texts fail on white too. Darker values keep the look
 * and pass (axe checks every screen in the browser tests).
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // Ant Design lightens on hover (white on #2e7ae6 is 4.2:1): darken instead.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    // Error texts beside fields: #ff4d4f gives 3.3:1 on white.
    colorError: '#cf1322',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // A coloured tag's text is its palette's 7th shade on the 1st: green-7 (#389e0d) gives 3.4:1 and
    // orange-7 (#d46b08) 3.6:1 (a settled case's status, for one); the 8th shades pass. Both spellings
    // of each shade: they share one CSS variable, and the later one wins.
    green7: '#237804',
    'green-7': '#237804',
    orange7: '#ad4e00',
    'orange-7': '#ad4e00',
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  },
};
