import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './menu';

const labels = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);
const submenu = (items: MenuItemConstructorOptions[], label: string) =>
  (items.find((i) => i.label === label)?.submenu ?? []) as MenuItemConstructorOptions[];

describe('application menu', () => {
  it('is in Chinese: 文件 / 编辑 / 视图 / 帮助', () => {
    const menu = buildMenuTemplate({ dev: false, showAbout: () => undefined });
    expect(labels(menu)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(submenu(menu, '文件')).toEqual([{ label: '退出', role: 'quit' }]);
    expect(labels(submenu(menu, '编辑'))).toEqual(['撤销', '重做', '剪切', '复制', '粘贴', '全选']);
    expect(labels(submenu(menu, '视图'))).toEqual(['实际大小', '放大', '缩小']);
  });

  it('offers developer tools only in development builds', () => {
    const roles = (dev: boolean) =>
      JSON.stringify(buildMenuTemplate({ dev, showAbout: () => undefined }).map((i) => i.submenu));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('关于 shows the about box', () => {
    const showAbout = vi.fn();
    const about = submenu(buildMenuTemplate({ dev: false, showAbout }), '帮助')[0] as MenuItemConstructorOptions;
    expect(about.label).toBe('关于');
    (about.click as () => void)();
    expect(showAbout).toHaveBeenCalledTimes(1);
  });
});
