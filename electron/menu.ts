import type { BrowserWindow, Dialog, MenuItemConstructorOptions } from 'electron';

export const PRODUCT_NAME = '保密台账';

/** The application menu: 文件 / 编辑 / 视图 / 帮助; developer tools only in development builds. */
export function buildMenuTemplate(options: { dev: boolean; showAbout(): void }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
  ];
  if (options.dev) view.push({ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' });
  return [
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: '关于', click: () => options.showAbout() }] },
  ];
}

export function showAbout(dialog: Pick<Dialog, 'showMessageBox'>, version: string, parent: BrowserWindow | null): void {
  const box = {
    type: 'info' as const,
    title: `关于${PRODUCT_NAME}`,
    message: `${PRODUCT_NAME} ${version}`,
    detail: '保密工作台账：合同、人员保密承诺、存储介质、IP 报备。数据仅保存在本机并加密存储。',
    buttons: ['确定'],
  };
  void (parent ? dialog.showMessageBox(parent, box) : dialog.showMessageBox(box));
}
