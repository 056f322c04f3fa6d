import type { ThemeConfig } from 'antd';

/** Union red, used sparingly on a calm, light workbench. */
export const UNION_RED = '#b7282e';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: UNION_RED,
    colorLink: UNION_RED,
    colorInfo: '#2f6fb0',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f5f5f4', headerPadding: '0 24px' },
    Menu: { itemSelectedBg: '#fbeaea' },
  },
};
