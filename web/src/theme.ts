/**
 * A calm, accessible antd theme. Every text/background pair used meets WCAG 2.1 AA (≥ 4.5:1):
 * primary #0b5f7a on white 7.2:1, secondary text #4a4a4a 8.9:1, tertiary #5c6b73 5.5:1,
 * placeholders #6b6b6b 5.3:1. Be Vietnam Pro is bundled (designed for Vietnamese diacritics);
 * the system fonts after it also render Vietnamese well (Segoe UI on Windows, Roboto on Android).
 */
import type { ThemeConfig } from 'antd';

export const FONT_STACK =
  "'Be Vietnam Pro', 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

export const PRIMARY = '#0b5f7a';

export function appTheme(phone: boolean): ThemeConfig {
  // Phones get 44 px controls (touch targets, WCAG 2.5.5); desktops 40 px.
  const controlHeight = phone ? 44 : 40;
  return {
    token: {
      colorPrimary: PRIMARY,
      colorInfo: PRIMARY,
      colorLink: PRIMARY,
      colorError: '#b42318',
      colorText: '#1f1f1f',
      colorTextSecondary: '#4a4a4a',
      colorTextTertiary: '#5c6b73',
      colorTextPlaceholder: '#6b6b6b',
      colorTextDescription: '#4a5a63',
      // antd derives greyish tints from a dark primary; these pale teals keep selected items readable.
      colorPrimaryBg: '#e6f0f3',
      colorPrimaryBgHover: '#d3e4ea',
      controlItemBgActive: '#e6f0f3',
      controlItemBgActiveHover: '#d3e4ea',
      controlItemBgHover: '#f0f5f7',
      colorBgLayout: '#f4f7f8',
      colorBorder: '#c9d3d8',
      colorBorderSecondary: '#e3e8eb',
      fontFamily: FONT_STACK,
      fontSize: 15,
      borderRadius: 6,
      controlHeight,
      controlHeightLG: controlHeight + 4,
      controlHeightSM: phone ? 36 : 28,
      motionDurationMid: '0.15s',
      motionDurationSlow: '0.2s',
    },
    components: {
      Layout: { headerBg: '#ffffff', headerPadding: phone ? '0 12px' : '0 24px', headerHeight: 64, siderBg: '#ffffff' },
      Menu: {
        itemHeight: controlHeight,
        itemMarginInline: 8,
        itemBorderRadius: 6,
        // Selected item: dark teal on pale teal, 8.9:1.
        itemSelectedBg: '#e6f0f3',
        itemSelectedColor: '#0a4d63',
        itemHoverBg: '#f0f5f7',
      },
      // The segmented track adds 2 px around each item: 48 → 44 px items on phones.
      Segmented: { itemSelectedBg: PRIMARY, itemSelectedColor: '#ffffff', controlHeight: controlHeight + 4 },
      Tree: {
        titleHeight: controlHeight - 8,
        nodeSelectedBg: '#d3e4ea',
        nodeSelectedColor: '#0a4d63',
        nodeHoverBg: '#f0f5f7',
      },
    },
  };
}
