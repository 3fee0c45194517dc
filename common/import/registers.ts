/**
 * What each register takes from an imported sheet: its fields, the names offices give their columns
 * (REGISTER-FORMATS.md and the variants seen in practice), and which fields a row cannot do without.
 * Header recognition (headers.ts) maps columns to these fields; the core turns a row into the same
 * input the manual form sends.
 */
export const IMPORT_REGISTERS = ['organisations', 'people', 'signoffs', 'media', 'ipFilings'] as const;
export type ImportRegister = (typeof IMPORT_REGISTERS)[number];

export const IMPORT_REGISTER_LABELS: Readonly<Record<ImportRegister, string>> = {
  organisations: '单位',
  people: '人员',
  signoffs: '保密承诺',
  media: '存储介质',
  ipFilings: '访问IP报备',
};

export interface ImportField {
  key: string;
  /** The column's name in the printed register. */
  label: string;
  /** Other names of the same column, most specific first. */
  aliases: readonly string[];
  required: boolean;
}

const f = (key: string, label: string, aliases: readonly string[], required = false): ImportField => ({ key, label, aliases, required });

const NOTE = f('note', '备注', ['说明', '附注', '备考']);

export const IMPORT_FIELDS: Readonly<Record<ImportRegister, readonly ImportField[]>> = {
  organisations: [
    f('name', '单位名称', ['名称', '单位', '单位全称', '公司名称', '企业名称', '机构名称', '公司'], true),
    f('shortName', '简称', ['单位简称', '公司简称']),
    f('kind', '类型', ['单位类型', '单位性质', '类别', '单位类别']),
    f('uscc', '统一社会信用代码', ['信用代码', '社会信用代码', '统一代码', '组织机构代码', '纳税人识别号']),
    f('address', '地址', ['单位地址', '注册地址', '通讯地址', '办公地址', '联系地址']),
    f('contact', '联系人', ['联系人姓名', '负责人']),
    f('phone', '电话', ['联系电话', '手机', '电话号码', '联系方式', '手机/电话']),
    f('email', '电子邮箱', ['邮箱', 'email', 'e-mail', '电子邮件', '邮件']),
    NOTE,
  ],
  people: [
    f('name', '姓名', ['人员姓名', '名字', '员工姓名', '人员'], true),
    f('org', '所属单位', ['单位', '单位名称', '工作单位', '公司', '所在单位', '所属公司'], true),
    f('post', '岗位', ['职务', '岗位/项目角色', '项目角色', '角色', '职位', '岗位名称']),
    f('idNumber', '身份证号码', ['身份证号', '身份证', '公民身份号码', '证件号码', '身份证号(脱敏)', '证件号'], true),
    f('phone', '手机/电话', ['手机', '电话', '联系电话', '联系方式', '手机号', '手机号码', '联系方式(脱敏)']),
    f('enteredOn', '入场日期', ['进场日期', '入职日期', '到岗日期', '入场时间', '进场时间']),
    NOTE,
  ],
  signoffs: [
    f('name', '姓名', ['人员姓名', '签署人', '承诺人', '签订人'], true),
    f('org', '所属单位', ['单位', '单位名称', '工作单位', '公司']),
    f('idNumber', '身份证号码', ['身份证号', '身份证', '公民身份号码', '证件号码']),
    f('kind', '承诺类型', ['类型', '承诺书类型', '承诺类别', '类别', '种类'], true),
    f('signedDate', '签订日期', ['签署日期', '签字日期', '签订时间', '日期'], true),
    f('validUntil', '有效期至', ['有效期', '到期日期', '截止日期']),
    f('declassifyPeriod', '脱密期起止', ['脱密期', '脱密期限']),
    f('declassifyFrom', '脱密期开始日', ['脱密期起', '脱密期开始']),
    f('declassifyTo', '脱密期结束日', ['脱密期止', '脱密期至', '脱密期结束']),
    f('witness', '见证人', ['监督人', '经办人']),
    f('copies', '份数', ['份数(份)', '签订份数']),
    f('keptAt', '存放位置', ['存放', '存放地点', '保存位置']),
    NOTE,
  ],
  media: [
    f('number', '保密编号', ['介质编号', '编号', '统一编号', '载体编号', '保密编号/资产编号']),
    f('kind', '介质类别', ['类别', '介质类型', '类型', '种类', '载体类型', '设备类型'], true),
    f('model', '品牌型号', ['型号', '品牌', '规格型号', '品牌/型号']),
    f('serial', '序列号', ['sn', 's/n', '硬盘序列号', '序列号(sn)', '设备序列号', '出厂编号']),
    f('assetNumber', '资产编号', ['固定资产编号', '计算机资产编号', '资产号']),
    f('capacity', '容量', ['存储容量', '容量/数量', '空间']),
    f('classification', '密级', ['涉密等级', '密级程度', '秘密等级'], true),
    f('secrecyTerm', '保密期限', ['保密期']),
    f('scope', '知悉范围', ['使用范围', '知悉/使用范围', '知悉范围/使用范围']),
    f('responsible', '责任人', ['保管人', '负责人', '管理人', '保管责任人'], true),
    f('org', '所属单位', ['所属单位/部门', '单位', '部门', '使用部门', '使用单位', '所属部门'], true),
    f('location', '存放地点', ['存放位置', '保管地点', '存放处']),
    f('purpose', '用途', ['使用用途']),
    f('enabledOn', '启用日期', ['启用时间', '配发日期', '使用日期']),
    f('reportedOn', '报备日期', ['报备时间', '备案日期']),
    f('holder', '当前持有人', ['持有人', '领用人', '使用人', '现持有人']),
    NOTE,
  ],
  ipFilings: [
    f('org', '报备单位', ['单位', '所属单位', '申请单位', '单位名称'], true),
    f('users', '使用人', ['使用人员', '人员', '姓名', '使用人姓名'], true),
    f('contact', '联系方式', ['联系电话', '电话', '手机', '联系手机'], true),
    f('addresses', 'IP地址/地址段', ['ip地址', 'ip', '地址段', '访问ip', '源ip', 'ip地址段', 'ip地址/网段', '网段'], true),
    f('macs', 'MAC地址', ['mac', '物理地址', 'mac地址/物理地址']),
    f('accessMethod', '接入方式', ['访问方式', '接入途径'], true),
    f('accessNote', '接入方式说明', ['接入说明']),
    f('systems', '访问系统', ['系统', '目标系统', '访问的系统', '系统名称'], true),
    f('purpose', '用途', ['事由', '访问用途', '访问事由'], true),
    f('scope', '授权范围', ['访问范围']),
    f('approvalRef', '审批文号', ['审批编号', '批准文号']),
    f('validFrom', '有效期开始日', ['有效期起', '开始日期', '生效日期', '起始日期', '有效期自']),
    f('validTo', '有效期结束日', ['有效期止', '有效期至', '截止日期', '到期日期', '结束日期']),
    f('validPeriod', '有效期起止', ['有效期', '有效期限', '有效期起止日期']),
    f('appliedOn', '申请日期', ['报备日期', '申请时间'], true),
    NOTE,
  ],
};

export function importField(register: ImportRegister, key: string): ImportField | undefined {
  return IMPORT_FIELDS[register].find((field) => field.key === key);
}
