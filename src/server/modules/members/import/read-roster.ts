/**
 * Member rosters (会员花名册) as unions really keep them: the names unions give
 * a roster's columns and employment forms. Reading the file row by row and
 * its cells is platform/table-file.ts.
 */
import { findHeader as findTableHeader, type HeaderSpec, type RawRow, type TableHeader } from '../../../platform/table-file.js';
import { type EmploymentForm } from '../schema.js';

/** What a roster's upload calls the file in its messages. */
export const ROSTER_FILE = '会员花名册';

// ——— employment forms ———

/**
 * The Chinese labels rosters use for 就业形态 / 职业类别; matched by the words
 * they contain, first match wins: 网约货车司机 drives a truck, 快递配送员
 * delivers parcels, 网约配送员 (the occupation's official name) delivers meals.
 */
const FORM_WORDS: [RegExp, EmploymentForm][] = [
  [/货车|卡车|货运|货拉拉|物流司机/, 'truck_driver'],
  [/快递|揽投|投递|收派/, 'courier'],
  [/外卖|骑手|配送|送餐|跑腿|闪送/, 'delivery_rider'],
  [/网约|专车|快车|出租|代驾|滴滴/, 'ride_hailing_driver'],
  [/灵活|自由职业|非全日制|个体|零工|兼职/, 'flexible'],
];

/** A label to an employment form: the codes themselves, the labels of the four new-form groups and their usual synonyms; anything else (标准劳动关系, 劳动合同, 工程师…) is standard. */
export function employmentFormOf(label: string): EmploymentForm {
  const text = label.replace(/\s+/g, '').toLowerCase();
  if (!text) return 'standard';
  const code = ['standard', 'flexible', 'truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider'].find((c) => c === text);
  if (code) return code as EmploymentForm;
  return FORM_WORDS.find(([words]) => words.test(text))?.[1] ?? 'standard';
}

// ——— the header ———

export type RosterField = 'name' | 'residentId' | 'phone' | 'employmentForm' | 'employerName' | 'employerCreditCode' | 'platformName' | 'joinedOn';
export type RosterHeader = TableHeader<RosterField>;
/**
 * Header names as unions write them; matched after removing spaces, marks such as *, and notes in brackets.
 * 性别 and 出生日期 are not read: the resident ID says both (they are listed among the ignored columns).
 */
export const HEADER_NAMES: Record<RosterField, readonly string[]> = {
  name: ['姓名', '会员姓名', '职工姓名', '名字'],
  residentId: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '居民身份证号', '居民身份证号码', '身份证', '身份证件号码', '证件号码', '证件号'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话', '电话号码', '联系方式', '移动电话'],
  employmentForm: ['就业形态', '就业类型', '就业方式', '用工形式', '用工类型', '用工方式', '职业类别', '职业类型', '职业', '从业类型', '从业类别'],
  employerName: ['工作单位', '工作单位名称', '单位名称', '单位', '所在单位', '用人单位', '用工单位', '就职单位', '企业名称', '所在企业', '公司名称', '所在公司'],
  employerCreditCode: ['统一社会信用代码', '单位统一社会信用代码', '信用代码', '社会信用代码'],
  platformName: ['平台', '所在平台', '平台名称', '服务平台', '所属平台', '从业平台', '接单平台', '平台企业'],
  joinedOn: ['入会日期', '入会时间', '入会年月'],
};

/** Fields shown when a header is missing: the two a roster cannot do without. */
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'residentId'];
export const FIELD_LABELS: Record<RosterField, string> = {
  name: '姓名',
  residentId: '身份证号',
  phone: '手机号',
  employmentForm: '就业形态',
  employerName: '工作单位',
  employerCreditCode: '统一社会信用代码',
  platformName: '所在平台',
  joinedOn: '入会日期',
};


const ROSTER_HEADER: HeaderSpec<RosterField> = {
  names: HEADER_NAMES,
  required: REQUIRED_FIELDS,
  labels: FIELD_LABELS,
  hint: '「姓名」和「身份证号」两列（也可写作「身份证号码」「公民身份号码」）',
};

/** The header among the first rows: the first row naming both 姓名 and 身份证号. */
export const findHeader = (rows: RawRow[]): RosterHeader => findTableHeader(rows, ROSTER_HEADER);
