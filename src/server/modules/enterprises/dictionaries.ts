import type { DictionaryDefinition } from '../../platform/dictionaries/registry.js';

/** 行业: the sections (门类) of GB/T 4754-2017, the list union statistics use; administrators may add finer ones. */
export const INDUSTRY_DICTIONARY: DictionaryDefinition = {
  name: 'industry',
  label: '行业',
  description: '企业所属行业，按《国民经济行业分类》(GB/T 4754-2017) 门类，可增加细分行业。',
  fixedCodes: false,
  entries: [
    ['a', '农、林、牧、渔业'],
    ['b', '采矿业'],
    ['c', '制造业'],
    ['d', '电力、热力、燃气及水生产和供应业'],
    ['e', '建筑业'],
    ['f', '批发和零售业'],
    ['g', '交通运输、仓储和邮政业'],
    ['h', '住宿和餐饮业'],
    ['i', '信息传输、软件和信息技术服务业'],
    ['j', '金融业'],
    ['k', '房地产业'],
    ['l', '租赁和商务服务业'],
    ['m', '科学研究和技术服务业'],
    ['n', '水利、环境和公共设施管理业'],
    ['o', '居民服务、修理和其他服务业'],
    ['p', '教育'],
    ['q', '卫生和社会工作'],
    ['r', '文化、体育和娱乐业'],
    ['s', '公共管理、社会保障和社会组织'],
    ['t', '国际组织'],
  ].map(([code, label]) => ({ code, label })),
};
