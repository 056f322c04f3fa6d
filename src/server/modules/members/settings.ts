import { z } from 'zod';
import type { DictionaryDefinition } from '../../platform/dictionaries/registry.js';
import { defineSetting } from '../../platform/settings/registry.js';
import { cardNumberFormatFromEnv, cardNumberFormatIssue } from './card-number.js';
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

/**
 * 会员证号 format: the one source of the format the desk, a transfer and the roster import write card numbers
 * with (card-number.ts). Its rule is cardNumberFormatIssue; its default the environment's, else the built-in one.
 */
export const cardNumberFormatSetting = defineSetting({
  key: 'members.cardNumberFormat',
  label: '会员证号格式',
  description:
    '新发会员证号的格式：{division} 为工会所在地行政区划代码，{year} 为入会年份，{serial:7} 为补足 7 位的流水号（{serial} 不补位），{tenant} 为县级总工会编号，其余可用字母、数字和 -。已发的证号不变。',
  schema: z
    .string()
    .trim()
    .max(60)
    .superRefine((format, ctx) => {
      const issue = cardNumberFormatIssue(format);
      if (issue) ctx.addIssue({ code: 'custom', message: issue });
    })
    .meta({ title: '会员证号格式' }),
  defaultValue: () => cardNumberFormatFromEnv(),
});
