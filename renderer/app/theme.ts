import { createTheme } from '@mantine/core';

const sans = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif';

export const theme = createTheme({
  primaryColor: 'brand',
  colors: {
    // A sober dark red, familiar from official documents.
    brand: ['#fdecec', '#f6d6d6', '#eeaaaa', '#e67b7b', '#df5454', '#db3b3b', '#d92e2e', '#c02121', '#ac1a1c', '#960e16'],
  },
  primaryShade: 8,
  fontFamily: sans,
  headings: { fontFamily: sans, fontWeight: '600' },
  defaultRadius: 'sm',
  components: {
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.35 } } },
  },
});
