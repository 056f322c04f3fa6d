import { describe, expect, it } from 'vitest';
import { computeResidentIdCheckChar } from '../../platform/cn-ids.js';
import { joiningIssues, type JoinerInput } from './person-fields.js';

const TODAY = '2026-12-06';
const residentId = (birth: string) => `330482${birth}123${computeResidentIdCheckChar(`330482${birth}123`)}`;
const joiner = (over: Partial<JoinerInput> = {}): JoinerInput => ({
  name: '张 三',
  residentId: residentId('19900101'),
  phone: '13812345678',
  employmentForm: 'standard',
  employerName: '平湖市某某公司',
  ...over,
});
const fields = (input: JoinerInput, on: { joinedOn?: string; roster?: boolean } = {}) =>
  joiningIssues(input, { today: TODAY, joinedOn: on.joinedOn ?? TODAY, roster: on.roster }).issues.map(({ field, reason, kind }) => [field, kind ?? reason]);

describe('joiningIssues: one check for the join page, the desk and a roster line', () => {
  it('cleans what it takes', () => {
    const { issues, joiner: checked } = joiningIssues(joiner({ phone: '+86 138-1234-5678', employerCreditCode: ' ' }), { today: TODAY, joinedOn: TODAY });
    expect(issues).toEqual([]);
    expect(checked).toMatchObject({ name: '张三', phone: '13812345678', employment: { employerCreditCode: null, platformName: null } });
  });

  it('the desk needs a phone and the employer or platform; a roster line does not, but checks what it gives', () => {
    const bare = joiner({ phone: null, employerName: null });
    expect(fields(bare)).toEqual([
      ['phone', 'missing'],
      ['employerName', 'missing'],
    ]);
    expect(fields({ ...bare, employmentForm: 'delivery_rider' })).toEqual([
      ['phone', 'missing'],
      ['platformName', 'missing'],
    ]);
    expect(fields(bare, { roster: true })).toEqual([]);
    expect(fields({ ...bare, phone: '1381234567', employerCreditCode: '91330482MA2B3C4D5X' }, { roster: true })).toEqual([
      ['phone', '手机号格式不正确'],
      ['employerCreditCode', 'fault'],
    ]);
  });

  it('the same joining rules either way: a name and an ID, 16 today and on the joining date, no joining date ahead', () => {
    for (const roster of [false, true]) {
      expect(fields(joiner({ name: ' ', residentId: '' }), { roster })).toEqual([
        ['name', 'missing'],
        ['residentId', 'missing'],
      ]);
      expect(fields(joiner({ name: 'X', residentId: residentId('19900101').slice(0, 17) + 'Y' }), { roster })).toEqual([
        ['name', '请填写真实姓名（2–30 个汉字或字母）'],
        ['residentId', 'fault'],
      ]);
      expect(fields(joiner({ residentId: residentId('20101207') }), { roster })).toEqual([['residentId', '未满 16 周岁，不能加入工会']]);
      expect(fields(joiner({ residentId: residentId('20100101') }), { roster, joinedOn: '2025-12-31' })).toEqual([['joinedOn', '入会日期早于本人年满 16 周岁之日']]);
      expect(fields(joiner(), { roster, joinedOn: '2026-12-07' })).toEqual([['joinedOn', '入会日期不能晚于今天']]);
    }
  });
});
