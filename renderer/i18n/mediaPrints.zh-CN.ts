/** zh-CN messages of the `mediaPrints` namespace (merged into zh-CN.ts): the media register's printed registers and sheets. */
const mediaPrints = {
  menu: '打印台账',
  registers: {
    media: '存储介质登记台账',
    mediaLoans: '介质借用/归还登记簿',
    mediaTakeOuts: '介质携带外出审批登记',
    mediaRepairs: '送外维修登记表',
    mediaDestructions: '介质销毁登记表',
  },
  hints: {
    media: '每件介质一行，状态和持有人按流转记录得出',
    mediaLoans: '每次借出一行，含归还日期和核验人',
    mediaTakeOuts: '每次携带外出一行，含审批、加密和返回检查',
    mediaRepairs: '每次送外维修一行，含保密协议、备份和技术处理',
    mediaDestructions: '每次销毁一行，表尾按类别合计',
  },
  setupTitle: '打印“{{name}}”',
  filterScope: '按介质列表当前的筛选条件输出（不受分页限制）。',
  period: '期间',
  periodHint: '按{{event}}日期筛选；留空表示不限',
  from: '起始日期',
  to: '截止日期',
  periodError: '截止日期不能早于起始日期',
  openOnly: {
    mediaLoans: '只列未归还的',
    mediaTakeOuts: '只列未返回的',
    mediaRepairs: '只列未修回的',
  },
  event: { mediaLoans: '借出', mediaTakeOuts: '携带外出', mediaRepairs: '送修', mediaDestructions: '销毁' },
  correctedNote: '经更正作废的记录不列入登记簿，可在各介质的履历卡中查看。',
  scope: {
    media: '将输出“存储介质登记台账”：介质列表当前筛选条件下的全部介质。',
    log: '将输出“{{name}}”：{{period}}的记录，并按介质列表当前的类别、密级、单位、合同和检索条件筛选。',
    allPeriods: '全部期间',
    fromTo: '{{from}} 至 {{to}}',
    fromOnly: '{{from}} 起',
    toOnly: '至 {{to}}',
  },
  choose: '选择输出方式',
  card: '履历卡',
  cardScope: '介质 {{number}} 的履历卡：介质信息、责任人变更和全部流转记录（含更正）；导出 Excel 时每条流转记录一行。',
  receipt: '交接单',
  receiptTooltip: '打印本次交接的交接单，双方签字后扫描作为附件上传到本条记录',
  receiptScope: '将打印第 {{seq}} 条记录（{{type}}）的交接单（一页 A4）。交接双方签字后，请扫描并作为附件上传到这条记录。',
} as const;

export default mediaPrints;
