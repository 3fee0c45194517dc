/** zh-CN messages of the `startup` namespace (merged into zh-CN.ts): the start-up checks' findings. */
const startup = {
  readOnlyTitle: '数据库已以只读方式打开',
  readOnlyLead: '启动检查发现问题。为防止问题扩大，本次可以查阅和打印已有记录，但不能新增、修改或作废任何记录；本程序不会自行删除或重建数据。',
  warningTitle: '启动检查提示',
  checkedAt: '检查时间 {{time}}',
  uncleanExit: '上次未正常退出（程序被强制结束、死机或断电），已进行完整性检查（integrity_check）。',
  check: {
    location: '数据位置',
    quickCheck: '快速完整性检查',
    integrityCheck: '完整性检查',
    foreignKeys: '外键检查',
    auditChain: '审计链校验',
  },
  details: 'SQLite 报告的问题（前 {{count}} 条）',
  showDetails: '显示详细信息',
  hideDetails: '隐藏详细信息',
  whatToDo: '应如何处理',
  steps: {
    stop: '请勿复制、移动或删除数据目录中的文件（baomi.db、baomi.db-wal、keyslots.json），也不要再在本机上尝试修复。',
    restore: '由系统管理员从最近一次有效的备份恢复数据库；恢复后重新登录，程序会再次检查。',
    report: '如怀疑审计记录被改动，请安全审计员进行完整校验并记录处理经过。',
  },
  openRestore: '前往“系统设置 → 数据备份”恢复',
  sysadminOnly: '恢复备份需由系统管理员登录后操作。',
};

export default startup;
