import { z } from 'zod';
import type { DictionaryDefinition } from '../../platform/dictionaries/registry.js';
import { defineSetting } from '../../platform/settings/registry.js';
import { EMPLOYMENT_FORMS } from './schema.js';

/**
 * 就业形态 as a dictionary: the codes stay those of EMPLOYMENT_FORMS (the enum still validates input and
 * the database stores them); an administrator changes the words and the order the pages show.
 */
export const EMPLOYMENT_FORM_DICTIONARY: DictionaryDefinition = {
  name: 'employment_form',
  label: '就业形态',
  description: '入会、登记和名册中的就业形态。代码由系统规定，可修改名称、顺序和是否在登记时提供。',
  fixedCodes: true,
  entries: Object.entries(EMPLOYMENT_FORMS).map(([code, label]) => ({ code, label })),
};

/** The placeholders a card-number format may use: the union's division code, the year, a zero-padded serial. */
const CARD_FORMAT = /^(?:\{division\}|\{year\}|\{serial:(?:[4-9]|1[0-2])\}|[A-Z0-9-])+$/;

/**
 * 会员证号 format. Declared here so administrators can set it; the card numbers themselves are made by the
 * card-number work (issue 15), which reads this setting.
 */
export const cardNumberFormatSetting = defineSetting({
  key: 'members.cardNumberFormat',
  label: '会员证号格式',
  description: '新发会员证号的格式：{division} 为工会所在地行政区划代码，{year} 为入会年份，{serial:6} 为 6 位流水号（4–12 位），其余可用大写字母、数字和 -。',
  schema: z
    .string()
    .trim()
    .max(60)
    .regex(CARD_FORMAT, '只能使用 {division}、{year}、{serial:位数}（4–12 位）以及大写字母、数字和 -')
    .refine((format) => (format.match(/\{serial:/g) ?? []).length === 1, '须包含且只包含一个流水号 {serial:位数}')
    .meta({ title: '会员证号格式' }),
  defaultValue: () => '{division}{year}{serial:6}',
});
