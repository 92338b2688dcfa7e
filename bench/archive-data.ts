/**
 * The benchmark archive: 3,000 units (30 counties × their government, departments and
 * townships) × 8 years (2019–2026, all structured: 24,000 reports) with realistic text. Every
 * report is written from paragraph pools (the shared sample's own paragraphs among them) with
 * the unit's name, its county, its department's subject matter and figures that agree with its
 * tables; a unit keeps most of its wording from one year to the next (as offices do), with
 * paragraphs re-picked, sentences reordered and every figure new. Tables balance, and carry
 * over across years (结转, 现行有效件数, 上一年项目数量).
 *
 * The archive is built through the Archive API (createUnit, storeImported: every save runs
 * the checks for the summary) and cached in bench/.cache/ (gitignored): it is rebuilt when
 * missing, when DATA_VERSION or the archive's schema version changes, or with
 * NIANBAO_BENCH_REGENERATE=1.
 */
import fs from 'node:fs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { FORMATS } from '../core/formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../core/formats/common';
import { importReport } from '../core/import';
import { blankReport, type Paragraph, type Report, type UnitKind } from '../core/model';
import { Archive } from '../db/archive';
import { LATEST_VERSION } from '../db/migrations';
import { random, SAMPLE_PATH } from './report';

/** Bump when the generated content changes: the cached archive is then rebuilt. */
export const DATA_VERSION = 1;
export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] as const;
export const UNIT_COUNT = 3000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(root, 'bench', '.cache');

// ---------------------------------------------------------------------------------------------
// Units

interface County {
  readonly name: string;
  readonly abbr: string;
  readonly area: string;
  readonly road: string;
}

const COUNTIES: readonly County[] = [
  ['沂源县', 'yiyuan', '0533', '鲁山路'],
  ['高青县', 'gaoqing', '0533', '青城路'],
  ['桓台县', 'huantai', '0533', '中心大街'],
  ['临朐县', 'linqu', '0536', '民主路'],
  ['昌乐县', 'changle', '0536', '新昌路'],
  ['沂水县', 'yishui', '0539', '正阳路'],
  ['蒙阴县', 'mengyin', '0539', '叠翠路'],
  ['平邑县', 'pingyi', '0539', '莲花山路'],
  ['费县', 'feixian', '0539', '南京路'],
  ['郯城县', 'tancheng', '0539', '人民路'],
  ['兰陵县', 'lanling', '0539', '文化路'],
  ['莒南县', 'junan', '0539', '隆山路'],
  ['临沭县', 'linshu', '0539', '常林大街'],
  ['沂南县', 'yinan', '0539', '澳柯玛大道'],
  ['博兴县', 'boxing', '0543', '博城五路'],
  ['惠民县', 'huimin', '0543', '鼓楼街'],
  ['阳信县', 'yangxin', '0543', '阳城四路'],
  ['无棣县', 'wudi', '0543', '棣丰大街'],
  ['广饶县', 'guangrao', '0546', '乐安大街'],
  ['利津县', 'lijin', '0546', '津一路'],
  ['阳谷县', 'yanggu', '0635', '狮子楼路'],
  ['莘县', 'shenxian', '0635', '振兴路'],
  ['东阿县', 'donge', '0635', '阿胶街'],
  ['冠县', 'guanxian', '0635', '冠宜春路'],
  ['高唐县', 'gaotang', '0635', '鱼邱湖街'],
  ['夏津县', 'xiajin', '0534', '银城路'],
  ['武城县', 'wucheng', '0534', '广场路'],
  ['庆云县', 'qingyun', '0534', '中心大街'],
  ['临邑县', 'linyixian', '0534', '恒源路'],
  ['齐河县', 'qihe', '0534', '齐鲁大街'],
].map(([name, abbr, area, road]) => ({ name: name!, abbr: abbr!, area: area!, road: road! }));

interface Department {
  readonly name: string;
  /** Subject matter: the key areas its reports name (the rarer search terms). */
  readonly topics: readonly string[];
  /** A sentence about its own key area (主动公开). */
  readonly line?: string;
  /** How many applications and decisions it has in a year (scale). */
  readonly scale: number;
}

const DEPARTMENTS: readonly Department[] = [
  {
    name: '人民政府办公室',
    topics: ['政府常务会议', '重大行政决策', '政策文件', '人事任免'],
    line: '全年公开政府常务会议议定事项{n}项，重大行政决策事项目录及决策草案征求意见{m}件。',
    scale: 6,
  },
  {
    name: '发展和改革局',
    topics: ['重大建设项目', '价格监测', '粮食安全', '节能审查'],
    line: '及时公开重大建设项目批准和实施信息{n}条、重要商品和服务价格信息{m}期。',
    scale: 2,
  },
  {
    name: '教育和体育局',
    topics: ['招生入学', '校外培训', '学校收费', '学生资助', '全民健身'],
    line: '全面公开义务教育招生入学政策、划片范围和学生资助政策，发布校外培训机构白名单{m}批次。',
    scale: 3,
  },
  {
    name: '科学技术局',
    topics: ['科技项目', '高新技术企业', '科技特派员'],
    line: '公开科技计划项目立项及资金安排{n}项，公示高新技术企业认定名单{m}批。',
    scale: 1,
  },
  {
    name: '工业和信息化局',
    topics: ['专精特新', '技术改造', '企业培育', '5G基站'],
    line: '公开专精特新中小企业培育、工业技术改造奖补等惠企政策{n}条。',
    scale: 1,
  },
  {
    name: '公安局',
    topics: ['户籍办理', '交通管理', '出入境', '治安管理'],
    line: '公开户籍办理、出入境证件、机动车驾驶证等办事指南{n}项，发布交通安全提示{m}期。',
    scale: 4,
  },
  {
    name: '民政局',
    topics: ['最低生活保障', '特困人员救助', '殡葬管理', '养老服务', '婚姻登记'],
    line: '按月公开城乡最低生活保障和特困人员救助供养资金发放情况，公开殡葬管理和养老服务机构信息{m}条。',
    scale: 3,
  },
  {
    name: '司法局',
    topics: ['公共法律服务', '人民调解', '法律援助', '社区矫正'],
    line: '公开法律援助受理条件和办理流程，全年办理法律援助案件{n}件，调解各类矛盾纠纷{m}起。',
    scale: 1,
  },
  {
    name: '财政局',
    topics: ['预算公开', '决算公开', '政府采购', '政府债务', '惠民惠农财政补贴'],
    line: '按时公开本级政府预决算、“三公”经费预决算和政府债务信息，指导{n}个部门公开部门预决算。',
    scale: 2,
  },
  {
    name: '人力资源和社会保障局',
    topics: ['就业创业', '社会保险', '人事考试', '劳动保障监察', '根治欠薪'],
    line: '公开就业创业扶持政策{n}条、事业单位公开招聘信息{m}批次，及时发布根治欠薪工作情况。',
    scale: 4,
  },
  {
    name: '自然资源和规划局',
    topics: ['国土空间规划', '土地征收', '不动产登记', '地质灾害防治', '矿产资源'],
    line: '公开征地告知书、征地补偿安置方案{n}件，发布地质灾害防治方案和汛期地质灾害气象风险预警{m}期。',
    scale: 8,
  },
  {
    name: '住房和城乡建设局',
    topics: ['保障性住房', '棚户区改造', '建筑市场', '物业管理', '老旧小区改造'],
    line: '公开保障性住房分配和棚户区改造项目信息{n}条，老旧小区改造计划及进展{m}条。',
    scale: 6,
  },
  {
    name: '交通运输局',
    topics: ['农村公路', '道路运输', '公交出行', '治超'],
    line: '公开农村公路建设养护计划和道路运输行政许可信息{n}条。',
    scale: 2,
  },
  {
    name: '水利局',
    topics: ['河长制', '防汛抗旱', '水资源管理', '水土保持'],
    line: '公开河湖长名单和防汛抗旱责任人{n}名，发布水资源管理和取水许可信息{m}条。',
    scale: 1,
  },
  {
    name: '农业农村局',
    topics: ['惠农补贴', '高标准农田', '农产品质量安全', '动物防疫', '乡村振兴'],
    line: '公开耕地地力保护补贴、农机购置补贴等惠农补贴资金发放信息{n}条，高标准农田建设项目{m}个。',
    scale: 2,
  },
  {
    name: '商务局',
    topics: ['外贸外资', '消费促进', '成品油流通', '电子商务'],
    line: '发布消费促进活动、外贸稳增长政策和成品油流通管理信息{n}条。',
    scale: 1,
  },
  {
    name: '文化和旅游局',
    topics: ['文物保护', '公共文化服务', 'A级旅游景区', '文化市场执法'],
    line: '公开公共文化场馆免费开放、文物保护单位名录和A级旅游景区信息{n}条。',
    scale: 1,
  },
  {
    name: '卫生健康局',
    topics: ['医疗机构', '疫苗接种', '公共卫生', '家庭医生签约', '计划生育'],
    line: '公开医疗机构执业登记、疫苗接种点和家庭医生签约服务信息{n}条，发布公共卫生监督信息{m}条。',
    scale: 3,
  },
  {
    name: '退役军人事务局',
    topics: ['优抚安置', '退役士兵', '烈士纪念'],
    line: '公开退役士兵安置、优抚对象抚恤补助标准及发放情况{n}条。',
    scale: 1,
  },
  {
    name: '应急管理局',
    topics: ['安全生产', '危险化学品', '防灾减灾', '应急救援'],
    line: '公开安全生产行政处罚、危险化学品经营许可信息{n}条，发布自然灾害预警和防灾减灾知识{m}期。',
    scale: 2,
  },
  {
    name: '审计局',
    topics: ['审计结果', '审计整改', '经济责任审计'],
    line: '公开本级预算执行和其他财政收支审计工作报告及审计整改情况{m}项。',
    scale: 1,
  },
  {
    name: '市场监督管理局',
    topics: ['食品安全抽检', '市场主体登记', '双随机一公开', '特种设备', '价格监督检查'],
    line: '公开食品安全监督抽检信息{n}批次、“双随机、一公开”抽查结果{m}次，及时发布消费警示。',
    scale: 5,
  },
  {
    name: '统计局',
    topics: ['统计公报', '统计数据', '经济普查'],
    line: '发布国民经济和社会发展统计公报及月度、季度主要统计数据{n}期。',
    scale: 1,
  },
  {
    name: '医疗保障局',
    topics: ['医保待遇', '医保基金监管', '药品集中采购', '异地就医'],
    line: '公开医保待遇政策、定点医药机构名单和医保基金监管信息{n}条。',
    scale: 2,
  },
  {
    name: '综合行政执法局',
    topics: ['城市管理', '违法建设', '市容环境', '执法公示'],
    line: '落实行政执法公示制度，公开行政执法结果{n}条、执法依据和流程{m}项。',
    scale: 3,
  },
  {
    name: '行政审批服务局',
    topics: ['审批结果公示', '优化营商环境', '一网通办', '办事指南'],
    line: '在门户网站公示审批结果信息{n}条，公开政务服务事项办事指南{m}项。',
    scale: 4,
  },
  {
    name: '大数据局',
    topics: ['政务数据共享', '政府网站集约化', '数据开放'],
    line: '推进政府网站集约化管理，开放公共数据目录{n}个，共享政务数据{m}万条。',
    scale: 1,
  },
  {
    name: '信访局',
    topics: ['信访事项', '网上信访', '领导接访'],
    line: '公开领导干部接访下访安排{n}期及信访事项办理流程。',
    scale: 2,
  },
  {
    name: '林业局',
    topics: ['森林防火', '林木采伐', '古树名木', '生态公益林'],
    line: '公开林木采伐许可、森林防火期管理和生态公益林补偿资金信息{n}条。',
    scale: 1,
  },
  {
    name: '城市管理局',
    topics: ['环境卫生', '市政设施', '园林绿化', '停车管理'],
    line: '公开市政设施维修养护、园林绿化工程和城区停车泊位信息{n}条。',
    scale: 2,
  },
  {
    name: '人民防空办公室',
    topics: ['人防工程', '防空警报'],
    line: '公开人防工程易地建设费收取标准和防空警报试鸣公告{m}次。',
    scale: 1,
  },
  {
    name: '机关事务服务中心',
    topics: ['公务用车', '节约型机关', '公共机构节能'],
    scale: 1,
  },
  { name: '投资促进中心', topics: ['招商引资', '项目签约', '投资环境'], scale: 1 },
  { name: '供销合作社联合社', topics: ['农资供应', '为农服务中心'], scale: 1 },
  { name: '档案馆', topics: ['档案开放', '档案查阅'], scale: 1 },
  { name: '地方金融监督管理局', topics: ['非法集资', '地方金融组织'], scale: 1 },
  { name: '粮食和物资储备中心', topics: ['粮食储备', '最低收购价'], scale: 1 },
  { name: '残疾人联合会', topics: ['残疾人两项补贴', '残疾人就业'], scale: 1 },
  { name: '住房公积金管理中心', topics: ['住房公积金', '公积金贷款'], scale: 2 },
  { name: '融媒体中心', topics: ['新闻发布', '政务新媒体'], scale: 1 },
  { name: '民族宗教事务局', topics: ['宗教活动场所', '民族团结'], scale: 1 },
  { name: '国有资产服务中心', topics: ['国有资产', '国有企业改革'], scale: 1 },
  { name: '气象局', topics: ['气象预警', '人工影响天气'], scale: 1 },
  { name: '乡村振兴局', topics: ['巩固拓展脱贫攻坚成果', '衔接资金', '防返贫监测'], scale: 1 },
  { name: '社会保险事业中心', topics: ['养老保险', '工伤保险', '失业保险'], scale: 2 },
  { name: '疾病预防控制中心', topics: ['传染病防控', '健康教育', '疫苗接种'], scale: 1 },
  { name: '公共资源交易中心', topics: ['招标投标', '交易公告', '中标结果'], scale: 1 },
  { name: '经济开发区管理委员会', topics: ['园区建设', '企业服务'], scale: 2 },
  { name: '科学技术协会', topics: ['科普活动', '学会建设'], scale: 1 },
  { name: '妇女联合会', topics: ['妇女儿童权益', '家庭教育'], scale: 1 },
  { name: '总工会', topics: ['职工维权', '困难职工帮扶'], scale: 1 },
  { name: '共青团委员会', topics: ['青年就业', '志愿服务'], scale: 1 },
  { name: '红十字会', topics: ['人道救助', '应急救护培训'], scale: 1 },
  { name: '水务集团', topics: ['城乡供水', '水费标准'], scale: 1 },
  { name: '畜牧兽医事业发展中心', topics: ['动物防疫', '兽药饲料'], scale: 1 },
  { name: '交通运输综合执法大队', topics: ['治超', '道路运输执法'], scale: 2 },
  { name: '消防救援大队', topics: ['消防安全检查', '火灾隐患'], scale: 1 },
  { name: '人民医院', topics: ['医疗服务价格', '就医指南'], scale: 1 },
  { name: '中医院', topics: ['中医药服务', '就医指南'], scale: 1 },
  { name: '妇幼保健院', topics: ['妇幼健康', '出生医学证明'], scale: 1 },
  { name: '图书馆', topics: ['公共阅读', '免费开放'], scale: 1 },
  { name: '文化馆', topics: ['群众文化活动', '非物质文化遗产'], scale: 1 },
  { name: '地震监测中心', topics: ['地震监测', '防震减灾'], scale: 1 },
  { name: '机构编制委员会办公室', topics: ['机构编制', '权责清单'], scale: 1 },
  { name: '政务服务中心', topics: ['政务服务', '帮办代办'], scale: 1 },
];

const TOWN_FIRST = '东西南北石马青白黄龙凤桃李杨柳张王高新大小金银三双';
const TOWN_SECOND = '庄店集湾河山桥岭坪泉营屯寨口坡湖村埠沟峪';
const TOWN_TOPICS = [
  '村务公开',
  '土地征收',
  '惠农补贴',
  '人居环境整治',
  '乡村振兴',
  '低保救助',
  '耕地保护',
  '网格化管理',
  '移风易俗',
];

export interface UnitPlan {
  readonly name: string;
  /** 本局, 本单位, 我镇…: how its reports speak of it. */
  readonly self: string;
  readonly kind: UnitKind;
  /** Index of its parent in the plan (the county government), or null. */
  readonly parent: number | null;
  readonly county: County;
  readonly topics: readonly string[];
  readonly line: string | null;
  readonly scale: number;
}

/** The 3,000 units: per county its government, the departments, then townships. */
export function unitPlan(count = UNIT_COUNT): UnitPlan[] {
  const plan: UnitPlan[] = [];
  const perCounty = Math.ceil(count / COUNTIES.length);
  for (const [ci, county] of COUNTIES.entries()) {
    const rnd = random(1000 + ci);
    const government = plan.length;
    plan.push({
      name: `${county.name}人民政府`,
      self: '本级政府',
      kind: '政府',
      parent: null,
      county,
      topics: ['重大行政决策', '财政预决算', '重点项目', '民生实事'],
      line: null,
      scale: 12,
    });
    // 3,000 units: 65 departments and 34 townships per county (fewer for a quick try)
    const departments = DEPARTMENTS.slice(
      0,
      Math.min(DEPARTMENTS.length, Math.max(Math.round(perCounty * 0.6), perCounty - 25)),
    );
    for (const d of departments) {
      plan.push({
        name: `${county.name}${d.name}`,
        self: d.name.endsWith('局') ? '我局' : '本单位',
        kind: '部门',
        parent: government,
        county,
        topics: d.topics,
        line: d.line ?? null,
        scale: d.scale,
      });
    }
    const towns = new Set<string>();
    while (plan.length - government < perCounty) {
      const place =
        TOWN_FIRST[Math.floor(rnd() * TOWN_FIRST.length)]! +
        TOWN_SECOND[Math.floor(rnd() * TOWN_SECOND.length)]!;
      if (towns.has(place)) continue;
      towns.add(place);
      const kind = rnd();
      const [name, self] =
        kind < 0.2
          ? [`${county.name}${place}街道办事处`, '我街道']
          : kind < 0.3
            ? [`${county.name}${place}乡人民政府`, '我乡']
            : [`${county.name}${place}镇人民政府`, '我镇'];
      const topics = [...TOWN_TOPICS].sort(() => rnd() - 0.5).slice(0, 4);
      plan.push({
        name,
        self,
        kind: '乡镇街道',
        parent: government,
        county,
        topics,
        line: null,
        scale: 2,
      });
    }
  }
  return plan.slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// Text

/** The shared sample's paragraphs, to be reused (with this unit's names and figures). */
let samplePool: { manage: string[]; platform: string[]; problems: string[]; plans: string[] };
function sample() {
  if (samplePool) return samplePool;
  const r = importReport(new Uint8Array(readFileSync(SAMPLE_PATH)), {
    fileName: 'sample.txt',
  }).report;
  const body = (id: '一' | '五') =>
    r.sections[id]!.paragraphs.filter((p) => p.level === 0).map((p) => p.text);
  const one = body('一');
  const five = body('五');
  samplePool = {
    manage: [one[0]!, one[3]!, one[5]!],
    platform: [one[4]!],
    problems: five.slice(0, 3).map((t) => t.replace(/^[①②③]/u, '')),
    plans: five.slice(4).map((t) => t.replace(/^[①②③]/u, '')),
  };
  return samplePool;
}

interface Ctx {
  readonly unit: UnitPlan;
  readonly year: number;
  /** Figures: a number in [lo, hi]. */
  readonly n: (lo: number, hi: number) => number;
  readonly pick: <T>(xs: readonly T[]) => T;
}

type Template = (c: Ctx) => string;

const CHANNELS = [
  '政府门户网站',
  '政务微信公众号',
  '政务微博',
  '政务公开栏',
  '新闻发布会',
  '“爱山东”客户端',
  '村（居）务公开栏',
  '政务服务大厅电子屏',
];

const channels = (c: Ctx) =>
  [...CHANNELS]
    .sort(() => c.n(0, 2) - 1)
    .slice(0, c.n(2, 4))
    .join('、');

const localised = (c: Ctx, text: string) =>
  text
    .replaceAll('沂源县行政审批服务局', c.unit.name)
    .replaceAll('县行政审批服务局', c.unit.name)
    .replaceAll('沂源县', c.unit.county.name)
    .replaceAll('我单位', c.unit.self)
    .replaceAll('我局', c.unit.self)
    .replaceAll('局各科室、处所', '各科室')
    .replaceAll('2021', String(c.year + 1))
    .replaceAll('2020', String(c.year))
    .replace(/\d+条/gu, () => `${c.n(3, 400)}条`);

const OPENINGS: readonly Template[] = [
  (c) => {
    const f = FORMATS[c.year >= 2021 ? '2021' : '2019'];
    return `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈${f.documentTitle}〉的通知》（${f.documentNumber}）要求编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项组成。本报告所列数据的统计期限自${c.year}年1月1日起至${c.year}年12月31日止。本报告电子版可在${c.unit.county.name}人民政府门户网站（http://www.${c.unit.county.abbr}.gov.cn）查阅或下载。如对本报告有疑问，请与${c.unit.name}办公室联系（地址：${c.unit.county.name}${c.unit.county.road}${c.n(1, 300)}号；电话：${c.unit.county.area}-${c.n(3100000, 3299999)}）。`;
  },
  (c) =>
    `本报告按照《中华人民共和国政府信息公开条例》（以下简称《条例》）和《山东省政府信息公开办法》规定，现公布${c.unit.name}${c.year}年政府信息公开工作年度报告。报告中所列数据统计期限自${c.year}年1月1日始，至${c.year}年12月31日止。报告电子版可从${c.unit.county.name}人民政府门户网站（http://www.${c.unit.county.abbr}.gov.cn/gongkai）下载。如对报告内容有疑问，请与${c.unit.name}联系（地址：${c.unit.county.name}${c.unit.county.road}${c.n(1, 300)}号；邮编：${c.n(250, 277)}${c.n(100, 999)}；电话：${c.unit.county.area}-${c.n(3100000, 3299999)}）。`,
  (c) =>
    `根据《中华人民共和国政府信息公开条例》规定，结合${c.unit.county.name}政务公开工作要求，${c.unit.name}编制了${c.year}年度政府信息公开工作年度报告。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自${c.year}年1月1日起至${c.year}年12月31日止。`,
];

const HEADINGS: Readonly<
  Record<'active' | 'request' | 'manage' | 'platform' | 'oversight', readonly string[]>
> = {
  active: ['（一）主动公开', '（一）主动公开情况', '（一）主动公开政府信息情况'],
  request: ['（二）依申请公开', '（二）依申请公开情况', '（二）依申请公开办理情况'],
  manage: ['（三）政府信息管理', '（三）政府信息管理情况', '（三）政府信息资源规范化管理'],
  platform: ['（四）平台建设', '（四）政府信息公开平台建设情况', '（四）政府信息公开平台建设'],
  oversight: [
    '（五）监督保障',
    '（五）监督保障情况',
    '（五）监督保障情况（包括工作考核、社会评议和责任追究结果情况等监督保障内容）',
  ],
};

const ACTIVE: readonly Template[] = [
  (c) =>
    `${c.year}年，${c.unit.self}坚持以公开为常态、不公开为例外，通过${channels(c)}等渠道主动公开政府信息${c.n(40, 900)}条，其中${c.unit.topics[0]}相关信息${c.n(5, 120)}条，${c.unit.topics[1] ?? '工作动态'}信息${c.n(3, 80)}条。`,
  (c) =>
    `围绕${c.unit.topics.slice(0, 3).join('、')}等重点领域，及时准确发布权威信息，全年发布政策解读${c.n(2, 40)}篇，其中图解${c.n(1, 15)}篇、视频解读${c.n(0, 6)}篇，解读材料与政策文件同步起草、同步审签、同步发布。`,
  (c) =>
    `在${c.unit.county.name}人民政府门户网站“政府信息公开”专栏及时更新机构职能、领导信息、权责清单等基础信息${c.n(5, 60)}条，公开财政预决算、“三公”经费等信息${c.n(2, 12)}条，公开人事信息${c.n(1, 30)}条。`,
  (c) =>
    `通过政务微信公众号“${c.unit.name.replace(c.unit.county.name, '')}发布”推送信息${c.n(30, 700)}条，政务微博发布${c.n(10, 300)}条，累计阅读量${c.n(2, 90)}万人次，${c.pick(['图文并茂的形式方便群众阅读', '宣传效果显著', '社会关注度不断提升', '有效回应了群众关切'])}。`,
  (c) =>
    (c.unit.line ?? '及时公开本单位工作动态、通知公告等信息{n}条，办事指南{m}项。')
      .replace('{n}', String(c.n(5, 300)))
      .replace('{m}', String(c.n(2, 60))),
  (c) =>
    `落实政策性文件解读和回应关切制度，对涉及${c.pick(c.unit.topics)}的热点问题，通过${c.pick(CHANNELS)}及时回应社会关切${c.n(1, 25)}次，召开新闻发布会${c.n(0, 8)}场。`,
  (c) => localised(c, sample().manage[0]!),
  (c) =>
    `聚焦${c.pick(c.unit.topics)}，主动公开${c.year}年度工作计划、工作总结和重要工作部署，全年公开重点工作进展${c.n(3, 40)}条，公开行政执法“三项制度”相关信息${c.n(2, 50)}条。`,
  (c) =>
    `持续深化${c.pick(c.unit.topics)}领域信息公开，对${c.pick(c.unit.topics)}、${c.pick(['行政许可', '行政处罚', '行政检查', '公共服务'])}等信息实行清单化管理，主动公开标准目录${c.n(10, 80)}项，实现应公开尽公开。`,
];

const INTRO: readonly Template[] = [
  (c) =>
    `${c.year}年，${c.unit.self}认真贯彻落实《中华人民共和国政府信息公开条例》和${c.unit.county.name}政务公开工作要点，围绕${c.unit.topics.slice(0, 2).join('、')}等中心工作深化政务公开，以公开促落实、以公开促规范、以公开促服务，各项工作有序推进。`,
  (c) =>
    `${c.year}年，在县委、县政府的正确领导下，${c.unit.self}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院和省、市关于全面推进政务公开工作的决策部署，紧紧围绕${c.pick(c.unit.topics)}工作，进一步加大政府信息公开力度，切实保障人民群众的知情权、参与权、表达权和监督权。`,
  (c) =>
    `${c.unit.self}高度重视政府信息公开工作，将其列入重要议事日程，主要负责同志亲自部署，分管负责同志具体抓，办公室负责日常工作，形成了上下联动、协调配合的工作格局，${c.year}年政府信息公开工作取得新成效。`,
];

const TOPIC_DETAIL: Template = (c) =>
  `${c.unit.topics
    .map(
      (t) =>
        `在${t}方面，${c.pick(['公开相关政策文件和工作动态', '及时发布办理结果和相关数据', '公开办事指南、办理流程和结果', '发布通知公告和政策解读'])}${c.n(1, 90)}条`,
    )
    .join('；')}。`;

const MANAGE: readonly Template[] = [
  (c) =>
    `严格执行公开属性源头认定制度，对拟公开的政府信息逐件进行保密审查，全年审查信息${c.n(50, 900)}条，清理失效文件${c.n(0, 60)}件。`,
  () =>
    '建立健全政府信息公开审查机制，落实“三审三校”制度，动态更新政府信息公开指南和目录，确保发布信息准确、规范。',
  (c) => localised(c, sample().manage[1]!),
  (c) =>
    `${c.year}年对本单位现行有效的规范性文件进行全面清理，修改${c.n(0, 6)}件、废止${c.n(0, 5)}件，并在门户网站集中公开清理结果。`,
  (c) =>
    `严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生因公开不当引发的失泄密事件，${c.pick(['信息发布的准确性和规范性明显提升', '保障了政府信息安全', '公开质量稳步提高'])}。`,
  () =>
    '规范政府信息公开申请的受理、登记、审核、答复和归档流程，统一答复文书格式，建立依申请公开办理台账，做到件件有登记、事事有回音。',
  (c) =>
    `加强政府信息公开工作人员队伍建设，明确${c.n(1, 3)}名工作人员专门负责政府信息公开工作，全年组织业务学习${c.n(2, 12)}次。`,
];

const PLATFORM: readonly Template[] = [
  (c) =>
    `优化政府信息公开专栏栏目设置，完善${c.pick(c.unit.topics)}等重点领域栏目，新增栏目${c.n(1, 9)}个，检索和智能问答功能进一步完善。`,
  () =>
    '完成门户网站集约化改造，政府信息公开专栏实现与上级平台数据同步，政务新媒体账号实行统一管理。',
  (c) => localised(c, sample().platform[0]!),
  (c) =>
    `用好政务服务大厅和档案馆、图书馆等政府信息公开查阅点，全年接待群众查阅${c.n(0, 200)}人次，提供纸质材料${c.n(0, 90)}份。`,
  (c) =>
    `依托${c.unit.county.name}政务服务网和“一网通办”平台，公开政务服务事项${c.n(10, 400)}项，网上可办率达到${c.n(90, 100)}%，群众办事更加便捷。`,
  (c) =>
    `规范政务新媒体管理，${c.n(1, 4)}个政务新媒体账号全部纳入${c.unit.county.name}政务新媒体矩阵，严格执行“先审后发”制度。`,
];

const OVERSIGHT: readonly Template[] = [
  () => '将政府信息公开工作纳入年度绩效考核，邀请群众代表开展社会评议，本年度未发生责任追究情况。',
  (c) =>
    `成立政务公开工作领导小组，由主要负责同志任组长，全年召开专题会议${c.n(1, 6)}次，研究部署政府信息公开重点工作。`,
  (c) => localised(c, sample().manage[2]!),
  (c) =>
    `主动接受社会监督，聘请社会监督员${c.n(3, 15)}名，开展政务公开满意度调查${c.n(1, 3)}次，群众满意率达到${c.n(95, 99)}%以上。`,
  (c) =>
    `建立政府信息公开工作责任制，明确分管领导和具体经办人员，把政务公开工作与业务工作同部署、同落实、同考核，${c.year}年未发生政府信息公开工作责任追究事项。`,
  () => '对照上级政务公开考核指标逐项自查，对发现的问题建立台账，做到立查立改、边查边改。',
];

const PROBLEMS: readonly Template[] = [
  () => '政策解读形式较为单一，图解、视频解读数量偏少，解读的针对性和可读性有待提高。',
  () => '基层工作人员业务能力有待提高，对《条例》的理解和把握还不够深入。',
  (c) => `${c.pick(c.unit.topics)}领域信息更新不够及时，部分栏目内容不够丰富。`,
  () => '依申请公开答复的规范性有待加强，答复文书格式还不够统一。',
  () => '政务新媒体互动回应不够及时，与群众的交流互动有待加强。',
  (c) => localised(c, sample().problems[0]!),
  (c) => localised(c, sample().problems[1]!),
  (c) => localised(c, sample().problems[2]!),
];

const PLANS: readonly Template[] = [
  (c) =>
    `丰富解读形式，加强业务培训，${c.year + 1}年计划组织专题培训不少于${c.n(2, 6)}次，持续提升政府信息公开工作质量。`,
  (c) =>
    `建立信息更新台账，定期开展自查，及时更新${c.pick(c.unit.topics)}等重点领域信息，确保信息发布及时、准确、完整。`,
  () => '组织依申请公开业务培训，进一步规范答复文书，严格按照法定时限答复。',
  () => '加强政务新媒体管理，及时回应群众关切，提升政务公开的互动性和实效性。',
  (c) => localised(c, sample().plans[0]!),
  (c) => localised(c, sample().plans[1]!),
  (c) => localised(c, sample().plans[2]!),
];

const ORDINALS = ['一是', '二是', '三是', '四是'];
const CIRCLED = ['①', '②', '③', '④'];

// ---------------------------------------------------------------------------------------------
// Tables

const APPLICANTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'] as const;
const APPLICANT_SHARE = [0.78, 0.12, 0.01, 0.02, 0.04, 0.03];
const RESULT_WEIGHT: Readonly<Record<string, number>> = {
  granted: 45,
  partial: 8,
  denied4: 3,
  denied6: 2,
  unavailable1: 20,
  unavailable2: 4,
  unavailable3: 3,
  unprocessed1: 4,
  unprocessed2: 3,
  other: 8,
  other1: 4,
  other3: 4,
};

/** What one unit carries from a year to the next. */
export interface UnitState {
  carryNext: number[];
  normativeEffective: number;
  rulesEffective: number;
  /** 2019 format: 上一年项目数量 and the delta stated, per T2 row. */
  items: Record<string, { prior: number; delta: number }>;
  publicTotal: number;
  /** The template picks, kept from year to year (a unit reuses its wording). */
  picks: number[];
}

export function newUnitState(): UnitState {
  return {
    carryNext: [0, 0, 0, 0, 0, 0],
    normativeEffective: 0,
    rulesEffective: 0,
    items: {},
    publicTotal: 0,
    picks: [],
  };
}

function setCell(
  r: Report,
  table: '二' | '三' | '四',
  block: string,
  row: string,
  col: string,
  v: string,
) {
  const cells = r.sections[table]!.table!.blocks[block]!.rows[row]!.cells;
  if (!(col in cells)) throw new Error(`no cell ${table}/${block}/${row}/${col} in ${r.format}`);
  cells[col] = v;
}

const deltaText = (d: number, rnd: () => number) =>
  d === 0
    ? '0'
    : d > 0
      ? rnd() < 0.5
        ? `增 ${d}`
        : `+${d}`
      : rnd() < 0.5
        ? `减 ${-d}`
        : String(d);

/**
 * One unit's report of one year. `state` holds what the previous year carried over and is
 * updated for the next one; `seed` makes every report different and reproducible.
 */
export function generateReport(
  unit: UnitPlan,
  unitId: string,
  year: number,
  state: UnitState,
  seed: number,
): Report {
  const rnd = random(seed);
  const n = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const c: Ctx = { unit, year, n, pick };
  const r = blankReport({ id: unitId, name: unit.name, kind: unit.kind }, year);
  const format = r.format;
  const s = unit.scale;

  // 表三: applications, balanced; carried = last year's carryNext
  const carried = state.carryNext;
  const handled = APPLICANTS.map((_, i) =>
    rnd() < 0.35 && s < 4 ? 0 : Math.round(rnd() * s * 6 * APPLICANT_SHARE[i]! * (0.5 + rnd())),
  );
  const carryNext = handled.map((h) => (h > 3 && rnd() < 0.3 ? n(0, Math.ceil(h / 5)) : 0));
  const rows = FORMATS[format].tables['三'].blocks[0]!.rows.map((row) => row.id);
  const results = rows.filter((id) => !['new', 'carried', 'total', 'carryNext'].includes(id));
  const t3: Record<string, number[]> = Object.fromEntries(
    rows.map((id) => [id, [0, 0, 0, 0, 0, 0]]),
  );
  const weights = results.map((id) => RESULT_WEIGHT[id] ?? 0.5);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  for (const [i] of APPLICANTS.entries()) {
    for (let k = 0; k < handled[i]!; k++) {
      let x = rnd() * weightSum;
      let j = 0;
      while (x > weights[j]! && j < weights.length - 1) x -= weights[j++]!;
      t3[results[j]!]![i]!++;
    }
    t3['carried']![i] = carried[i]!;
    t3['carryNext']![i] = carryNext[i]!;
    t3['total']![i] = handled[i]!;
    const fresh = handled[i]! + carryNext[i]! - carried[i]!;
    if (fresh < 0) {
      // more carried in than handled and carried on: the rest was granted
      t3['granted']![i]! -= fresh;
      t3['total']![i]! -= fresh;
    }
    t3['new']![i] = Math.max(0, fresh);
  }
  for (const [id, values] of Object.entries(t3)) {
    values.forEach((v, i) => setCell(r, '三', T3_BLOCK_ID, id, APPLICANTS[i]!, String(v)));
    setCell(r, '三', T3_BLOCK_ID, id, 'total', String(values.reduce((a, b) => a + b, 0)));
  }
  const sumRow = (id: string) => t3[id]!.reduce((a, b) => a + b, 0);
  state.carryNext = carryNext;

  // 表四: 复议 and 诉讼, mostly none
  const t4: Record<string, number> = {};
  for (const block of ['review', 'suitDirect', 'suitAfter']) {
    const cells = ['upheld', 'corrected', 'other', 'pending'].map((_, i) =>
      rnd() < Math.min(0.5, s / 40) ? n(0, i === 0 ? Math.ceil(s / 3) : 1) : 0,
    );
    ['upheld', 'corrected', 'other', 'pending'].forEach((col, i) =>
      setCell(r, '四', block, T4_ROW_ID, col, String(cells[i])),
    );
    const total = cells.reduce((a, b) => a + b, 0);
    setCell(r, '四', block, T4_ROW_ID, 'total', String(total));
    t4[block] = total;
  }

  // 表二
  const government = unit.kind === '政府';
  const issued = government ? n(2, 15) : rnd() < 0.3 ? n(1, 3) : 0;
  const repealed = Math.min(state.normativeEffective, government ? n(0, 6) : rnd() < 0.2 ? 1 : 0);
  if (state.normativeEffective === 0) state.normativeEffective = government ? n(20, 80) : n(0, 8);
  const decisions = () => (rnd() < 0.4 && s < 3 ? 0 : n(0, s * s * 40));
  if (format === '2021') {
    setCell(r, '二', 'art20_1', 'rules', 'issued', '0');
    setCell(r, '二', 'art20_1', 'rules', 'repealed', '0');
    setCell(r, '二', 'art20_1', 'rules', 'effective', '0');
    state.normativeEffective += issued - repealed;
    setCell(r, '二', 'art20_1', 'normative', 'issued', String(issued));
    setCell(r, '二', 'art20_1', 'normative', 'repealed', String(repealed));
    setCell(r, '二', 'art20_1', 'normative', 'effective', String(state.normativeEffective));
    setCell(r, '二', 'art20_5', 'licensing', 'decisions', String(decisions()));
    setCell(r, '二', 'art20_6', 'penalty', 'decisions', String(decisions()));
    setCell(r, '二', 'art20_6', 'enforcement', 'decisions', String(rnd() < 0.7 ? 0 : n(1, s * 3)));
    setCell(r, '二', 'art20_8', 'fees', 'fees', rnd() < 0.6 ? '0' : (rnd() * s * 50).toFixed(2));
  } else {
    setCell(r, '二', 'art20_1', 'rules', 'created', '0');
    setCell(r, '二', 'art20_1', 'rules', 'published', '0');
    setCell(r, '二', 'art20_1', 'rules', 'publicTotal', '0');
    state.publicTotal = Math.max(state.publicTotal, state.normativeEffective) + issued;
    setCell(r, '二', 'art20_1', 'normative', 'created', String(issued));
    setCell(r, '二', 'art20_1', 'normative', 'published', String(issued));
    setCell(r, '二', 'art20_1', 'normative', 'publicTotal', String(state.publicTotal));
    state.normativeEffective = state.publicTotal - repealed;
    for (const [block, row] of [
      ['art20_5', 'licensing'],
      ['art20_5', 'otherServices'],
      ['art20_6', 'penalty'],
      ['art20_6', 'enforcement'],
      ['art20_8', 'fees'],
    ] as const) {
      const last = state.items[row];
      const prior = last ? Math.max(0, last.prior + last.delta) : n(0, s * 8);
      const delta = Math.max(-prior, rnd() < 0.6 ? 0 : n(-2, 4));
      state.items[row] = { prior, delta };
      setCell(r, '二', block, row, 'priorItems', String(prior));
      setCell(r, '二', block, row, 'delta', deltaText(delta, rnd));
      if (block !== 'art20_8') setCell(r, '二', block, row, 'decisions', String(decisions()));
    }
    const items = rnd() < 0.5 ? 0 : n(1, s * 3);
    setCell(r, '二', 'art20_9', 'procurement', 'items', String(items));
    setCell(
      r,
      '二',
      'art20_9',
      'procurement',
      'amount',
      items === 0 ? '0' : rnd() < 0.5 ? `${n(2, 900) * 1000}元` : `${(rnd() * 500).toFixed(2)}万元`,
    );
  }

  // Text: the unit keeps its template picks from year to year, re-picking about one in four
  let slot = 0;
  const choose = <T>(xs: readonly T[]): T => {
    const i = slot++;
    if (state.picks[i] === undefined || rnd() < 0.25) state.picks[i] = Math.floor(rnd() * 1e6);
    return xs[state.picks[i]! % xs.length]!;
  };
  const some = (pool: readonly Template[], lo: number, hi: number): string[] => {
    const k = lo + (choose([0, 1, 2, 3, 4, 5]) % (hi - lo + 1));
    const start = choose(pool.map((_, i) => i));
    const out = Array.from({ length: k }, (_, i) => pool[(start + i * 3) % pool.length]!(c));
    if (rnd() < 0.4) out.sort(() => rnd() - 0.5); // paragraphs reordered
    return out;
  };
  const p = (text: string, level = 0): Paragraph => ({ level, text });

  r.opening = [p(choose(OPENINGS)(c))];

  const received = sumRow('new');
  const request: string[] = [];
  if (received === 0 && sumRow('carried') === 0) {
    request.push(
      pick([
        `${year}年，${unit.self}未收到政府信息公开申请。`,
        `${year}年，${unit.self}没有收到申请公开政府信息的申请。`,
        `本年度${unit.self}未收到政府信息公开申请，无上年结转的申请。`,
      ]),
    );
  } else {
    const parts = [
      `全年共收到政府信息公开申请${received}件，上年结转${sumRow('carried')}件`,
      `办结${sumRow('total')}件，予以公开${sumRow('granted')}件`,
    ];
    if (sumRow('partial')) parts.push(`部分公开${sumRow('partial')}件`);
    parts.push(`结转下年度继续办理${sumRow('carryNext')}件`);
    request.push(`${parts.join('；')}。`);
    request.push(
      `申请内容主要涉及${unit.topics.slice(0, 2).join('和')}等方面，${pick(['所有申请均在法定期限内答复', '均按照《条例》规定的时限和程序办理', '答复率100%'])}。`,
    );
  }
  const lawsuits = t4['suitDirect']! + t4['suitAfter']!;
  request.push(
    t4['review'] === 0 && lawsuits === 0
      ? '本年度未发生因政府信息公开引起的行政复议和行政诉讼案件。'
      : `本年度因政府信息公开被申请行政复议${t4['review']}件、提起行政诉讼${lawsuits}件，均已依法答复或应诉。`,
  );
  const active = some(ACTIVE, 4, 6);
  if (issued > 0)
    active.push(
      `全年制发行政规范性文件${issued}件，均按规定在门户网站集中公开并同步发布政策解读。`,
    );

  // 政府 and 乡镇街道 report 考核, 评议 and 责任追究 (Art. 50)
  const oversight = some(OVERSIGHT, 2, 3);
  if (unit.kind !== '部门' && !oversight.some((t) => t.includes('评议'))) {
    oversight.unshift(OVERSIGHT[0]!(c));
  }
  const one: Paragraph[] = [p(choose(INTRO)(c))];
  if (rnd() < 0.6) active.splice(1, 0, TOPIC_DETAIL(c));
  for (const [key, body] of [
    ['active', active],
    ['request', request],
    ['manage', some(MANAGE, 2, 4)],
    ['platform', some(PLATFORM, 2, 3)],
    ['oversight', oversight],
  ] as const) {
    one.push(p(choose(HEADINGS[key]), 2));
    for (const text of body) one.push(p(text));
  }
  r.sections['一']!.paragraphs = one;

  const problems = some(PROBLEMS, 3, 4);
  const plans = some(PLANS, 3, 4);
  const numbered = choose([ORDINALS, CIRCLED]);
  r.sections['五']!.paragraphs =
    numbered === ORDINALS
      ? [
          p(
            `${year}年，${unit.self}政府信息公开工作取得了一定成效，但也存在一些不足：${problems.map((t, i) => `${ORDINALS[i]}${t.replace(/。$/u, '')}`).join('；')}。`,
          ),
          p(
            `下一步，${unit.self}将从以下方面加以改进：${plans.map((t, i) => `${ORDINALS[i]}${t.replace(/。$/u, '')}`).join('；')}。`,
          ),
        ]
      : [
          p('1.存在的主要问题', 3),
          ...problems.map((t, i) => p(`${CIRCLED[i]}${t}`)),
          p('2.改进情况', 3),
          ...plans.map((t, i) => p(`${CIRCLED[i]}${t}`)),
        ];

  const six = [
    p(
      pick([
        '本年度未收取信息处理费。',
        '本年度未收取任何信息处理费。',
        `依据《政府信息公开信息处理费管理办法》，${unit.self}本年度未收取信息处理费。`,
      ]),
    ),
  ];
  if (rnd() < 0.4) {
    six.push(
      p(
        `${year}年，${unit.self}共承办人大代表建议${n(0, 20)}件、政协委员提案${n(0, 20)}件，已全部按时办结，办理结果按规定公开。`,
      ),
    );
  } else if (rnd() < 0.3) six.push(p('无其他需要报告的事项。'));
  r.sections['六']!.paragraphs = six;
  r.signature = { unit: unit.name, date: `${year + 1}年${rnd() < 0.9 ? 1 : 2}月${n(1, 28)}日` };
  return r;
}

// ---------------------------------------------------------------------------------------------
// The archive file

export interface GeneratedArchive {
  readonly file: string;
  readonly units: number;
  readonly reports: number;
  /** Seconds the generation took (now, or when the cached file was made). */
  readonly seconds: number;
  /** Of which: the Archive's storeImported calls (checks, index, commit). */
  readonly storeSeconds: number;
  readonly generatedAt: string;
  readonly cached: boolean;
  readonly node: string;
  /** Bytes per table and index (dbstat), largest first. */
  readonly space: readonly { name: string; bytes: number }[];
}

export function cacheFile(units = UNIT_COUNT): string {
  return path.join(
    CACHE_DIR,
    `archive-v${DATA_VERSION}-schema${LATEST_VERSION}-${units}x${YEARS.length}.sqlite`,
  );
}

/**
 * Writes the archive through the Archive API. Progress goes to `log`. The file is written under
 * a temporary name and renamed when complete.
 */
export async function generateArchive(
  file: string,
  units = UNIT_COUNT,
  log: (line: string) => void = console.log,
): Promise<GeneratedArchive> {
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  const started = performance.now();
  const archive = await Archive.open(partial);
  const plan = unitPlan(units);
  const total = plan.length * YEARS.length;
  let done = 0;
  let store = 0;
  let lastLog = performance.now();
  try {
    const ids: string[] = [];
    for (const [i, unit] of plan.entries()) {
      const parentId = unit.parent === null ? null : ids[unit.parent]!;
      const id = archive.createUnit({ name: unit.name, kind: unit.kind, parentId }).id;
      ids.push(id);
      const state = newUnitState();
      for (const year of YEARS) {
        const report = generateReport(unit, id, year, state, i * 100 + year);
        const t0 = performance.now();
        archive.storeImported({
          unitId: id,
          year,
          content: report,
          author: '基准测试',
          file: `${unit.name}${year}年报告.docx`,
        });
        store += performance.now() - t0;
        done++;
      }
      const now = performance.now();
      if (now - lastLog > 10_000 || done === total) {
        lastLog = now;
        const s = (now - started) / 1000;
        const eta = (s / done) * (total - done);
        log(
          `  generating the archive: ${done}/${total} reports (${((100 * done) / total).toFixed(0)} %), ${s.toFixed(0)} s, ${(store / done).toFixed(1)} ms per save, about ${eta.toFixed(0)} s to go`,
        );
      }
    }
  } finally {
    archive.close(); // checkpoints the WAL into the file
  }
  for (const f of [`${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(partial, file);
  const info: GeneratedArchive = {
    file,
    units: plan.length,
    reports: total,
    seconds: (performance.now() - started) / 1000,
    storeSeconds: store / 1000,
    generatedAt: new Date().toISOString(),
    cached: false,
    node: process.version,
    space: spaceUsed(file),
  };
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

/**
 * The cached benchmark archive, generated when missing (or stale, or when
 * NIANBAO_BENCH_REGENERATE=1). Older cached archives are removed.
 */
export async function benchArchive(
  units = UNIT_COUNT,
  log: (line: string) => void = console.log,
): Promise<GeneratedArchive> {
  const file = cacheFile(units);
  const regenerate = process.env['NIANBAO_BENCH_REGENERATE'] === '1';
  if (!regenerate && fs.existsSync(file) && fs.existsSync(`${file}.json`)) {
    const info = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as GeneratedArchive;
    return { ...info, file, cached: true };
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // an earlier version's archive of this size is stale: remove it (they are large)
  const suffix = `-${units}x${YEARS.length}.sqlite`;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (name.startsWith('archive-') && name.includes(suffix)) {
      fs.rmSync(path.join(CACHE_DIR, name), { force: true });
    }
  }
  log(
    `Generating the benchmark archive (${units} units × ${YEARS.length} years) → ${path.relative(root, file)}; it is cached for later runs.`,
  );
  return generateArchive(file, units, log);
}

/** Size of each table and index (bytes), from the dbstat virtual table. */
export function spaceUsed(file: string): { name: string; bytes: number }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as { name: string; bytes: number }[];
  } finally {
    db.close();
    // a read-only connection leaves an empty WAL and its index behind
    if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size === 0) {
      for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  }
}
