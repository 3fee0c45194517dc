/**
 * Deterministic, realistic Chinese register data for the benchmark: a seeded generator and the
 * word pools names, units, systems and places are drawn from.
 */
import { idCheckDigit } from '../../common/people/id-number';

/** mulberry32: small, fast, good enough to spread test data; the same seed gives the same database. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;

export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
export const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕晓东晓明晓红雪梅红梅丽娟文博子涵浩然宇轩欣怡思远嘉怡俊杰';

export function personName(r: Rand): string {
  const given = [...GIVEN];
  const one = given[Math.floor(r() * given.length)]!;
  return pick(r, [...SURNAMES]) + (r() < 0.35 ? one : one + given[Math.floor(r() * given.length)]!);
}

const CITIES = ['北京', '上海', '天津', '重庆', '南京', '杭州', '苏州', '无锡', '常州', '武汉', '成都', '西安', '广州', '深圳', '济南', '青岛', '郑州', '长沙', '合肥', '福州'];
const WORDS = ['金山', '云瀚', '天融', '启明', '安恒', '信达', '华软', '中科', '数联', '博睿', '睿信', '拓维', '长城', '方正', '东软', '浪潮', '神州', '卫士', '网神', '绿盟', '迪普', '亚信', '新华三', '中软', '太极', '数字认证', '格尔', '北信源', '明朝万达', '天空卫士'];
const TRADES = ['网络技术', '信息技术', '软件', '数据', '信息安全', '云计算', '系统集成', '科技'];
const CLIENT_OFFICES = ['卫生健康委员会', '卫生健康监督所', '疾病预防控制中心', '人民医院', '政务服务数据管理局', '大数据中心', '市场监督管理局', '医疗保障局', '人力资源和社会保障局', '公安局科技信息化处'];

export function vendorName(r: Rand, i: number): string {
  return `${pick(r, CITIES)}${pick(r, WORDS)}${pick(r, TRADES)}有限公司${i > 0 ? `第${i}分公司` : ''}`;
}

export function clientName(r: Rand, i: number): string {
  return `${CITIES[i % CITIES.length]}市${CLIENT_OFFICES[Math.floor(i / CITIES.length) % CLIENT_OFFICES.length]}${i >= CITIES.length * CLIENT_OFFICES.length ? `（${i}）` : ''}`;
}

export const PROJECTS = ['政务云扩展服务', '等级保护测评', '安全运维服务', '数据中心机房维保', '电子病历系统建设', '卫生监督信息系统升级', '网络安全监测预警平台', '视频会议系统运维', '核心交换机更换', '容灾备份系统建设', '终端安全管理', '互联网出口安全防护', '数据库审计系统', '堡垒机采购及实施', '统一身份认证平台'];
export const POSTS = ['运维工程师', '驻场工程师', '项目经理', '安全工程师', '网络工程师', '数据库管理员', '开发工程师', '测试工程师', '实施工程师', '技术支持'];
export const SYSTEMS = ['政务云管理平台', '卫生监督信息系统', '电子病历系统', '核心业务数据库', '视频监控平台', '办公自动化系统', '门户网站', '数据交换平台'];
export const LOCATIONS = ['保密室 1 号柜', '保密室 2 号柜', '机房介质柜', '档案室', '信息科保密柜'];
export const MODELS: Record<string, string[]> = {
  U盘: ['金士顿 DTX 64G', '闪迪 CZ73 128G', '朗科 U903 32G', '爱国者 U310 64G'],
  移动硬盘: ['希捷 Backup Plus 2TB', '西部数据 My Passport 1TB', '东芝 Canvio 2TB'],
  硬盘: ['希捷 ST4000NM 4TB', '西部数据 WD10EZEX 1TB', '三星 870 EVO 500GB'],
  光盘: ['威宝 DVD-R 4.7G', '索尼 BD-R 25G'],
  SD卡: ['闪迪 Extreme 64G', '三星 EVO 128G'],
  笔记本电脑: ['联想 ThinkPad X1', '华为 MateBook 14', '联想 昭阳 K4'],
  其他: ['加密狗', '录音笔 索尼 ICD-UX570'],
};

/** A valid 18-character ID number for the i-th person (unique for i < 10,000,000). */
export function idNumberFor(i: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + (i % 12000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const region = ['110105', '310104', '320106', '440106', '510107'][Math.floor(i / 12000) % 5]!;
  const first17 = `${region}${ymd}${String(Math.floor(i / 60000) % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

export function phoneFor(r: Rand): string {
  return `1${pick(r, ['38', '39', '58', '86', '37', '50'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
}

/** A private or public IPv4 block, or now and then an IPv6 one. */
export function addressFor(r: Rand): string {
  const x = r();
  if (x < 0.1) return `240e:${int(r, 0, 0xfff).toString(16)}:${int(r, 0, 0xffff).toString(16)}::/64`;
  const a = x < 0.5 ? 10 : x < 0.6 ? 172 : x < 0.7 ? 192 : int(r, 1, 223);
  const b = a === 172 ? int(r, 16, 31) : a === 192 ? 168 : int(r, 0, 255);
  const c = int(r, 0, 255);
  const y = r();
  if (y < 0.5) return `${a}.${b}.${c}.${int(r, 1, 254)}`;
  if (y < 0.85) return `${a}.${b}.${c}.0/${pick(r, [24, 26, 28, 29, 30])}`.replace(/\.0\/(26|28|29|30)$/, (m, p: string) => `.${(int(r, 0, 3) * 64) % 256}/${p}`);
  const s = int(r, 1, 200);
  return `${a}.${b}.${c}.${s}-${a}.${b}.${c}.${s + int(r, 1, 50)}`;
}
