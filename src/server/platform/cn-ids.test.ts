import { describe, it, expect } from 'vitest';
import {
  ageOn,
  isCalendarDate,
  computeCreditCodeCheckChar,
  computeResidentIdCheckChar,
  isExcelMangledNumber,
  maskIdentifiersIn,
  maskMobile,
  maskPersonName,
  maskResidentId,
  normaliseResidentIdInput,
  parseCreditCode,
  parseMobile,
  parseResidentId,
} from './cn-ids.js';

/** Builds a valid 18-digit ID from its first 17 digits. */
function residentId(first17: string): string {
  return first17 + computeResidentIdCheckChar(first17);
}

function failureReason(result: { ok: boolean; reason?: string }): string | undefined {
  expect(result.ok).toBe(false);
  return result.reason;
}

describe('parseResidentId', () => {
  it('accepts the GB 11643 sample number', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      divisionCode: '110105',
    });
  });

  it('accepts a generated Pinghu (330482) ID and reads sex from the 17th digit', () => {
    const id = residentId('33048219850312123');
    expect(id).toBe('330482198503121234');
    expect(parseResidentId(id)).toEqual({
      ok: true,
      id,
      birthDate: '1985-03-12',
      sex: 'male',
      divisionCode: '330482',
    });
    const female = parseResidentId(residentId('33048219850312124'));
    expect(female.ok && female.sex).toBe('female');
  });

  it('accepts lower-case x, surrounding spaces and full-width characters', () => {
    const expected = '11010519491231002X';
    for (const input of ['11010519491231002x', '  11010519491231002X ', '１１０１０５１９４９１２３１００２Ｘ', '１１０１０５１９４９１２３１００２ｘ']) {
      const result = parseResidentId(input);
      expect(result.ok && result.id).toBe(expected);
    }
  });

  it('upgrades a 15-digit legacy number', () => {
    expect(parseResidentId('110105491231002')).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      divisionCode: '110105',
      upgradedFrom15: true,
    });
  });

  it('rejects a wrong check character without revealing the right one', () => {
    expect(failureReason(parseResidentId('110105194912310021'))).toBe('校验码错误');
    expect(failureReason(parseResidentId('330482198503121235'))).toBe('校验码错误');
  });

  it('validates the birth date against the calendar', () => {
    expect(parseResidentId(residentId('33048220000229002')).ok).toBe(true); // 2000 is a leap year
    expect(parseResidentId(residentId('33048219960229002')).ok).toBe(true);
    expect(failureReason(parseResidentId(residentId('33048219000229002')))).toBe('出生日期不存在'); // 1900 is not
    expect(failureReason(parseResidentId(residentId('33048220230229002')))).toBe('出生日期不存在');
    expect(failureReason(parseResidentId(residentId('33048220230230002')))).toBe('出生日期不存在');
    expect(failureReason(parseResidentId(residentId('33048219851301002')))).toBe('出生日期不存在');
    expect(failureReason(parseResidentId(residentId('33048219850100002')))).toBe('出生日期不存在');
  });

  it('rejects birth dates in the future or before 1900', () => {
    expect(failureReason(parseResidentId(residentId('33048220990101002')))).toBe('出生日期晚于今天');
    expect(failureReason(parseResidentId(residentId('33048218991231002')))).toBe('出生日期早于1900年');
  });

  it('rejects wrong lengths', () => {
    for (const input of ['', '3304821985', '33048219850312123', '3304821985031212345']) {
      expect(failureReason(parseResidentId(input))).toBe('长度应为18位（或15位旧号）');
    }
  });

  it('rejects letters other than a final X', () => {
    expect(failureReason(parseResidentId('33048219850312123A'))).toBe('含非法字符');
    expect(failureReason(parseResidentId('3304821985O312123X'))).toBe('含非法字符');
    expect(failureReason(parseResidentId('11010549123100X'))).toBe('含非法字符');
  });

  it('rejects a division code starting with 0', () => {
    expect(failureReason(parseResidentId(residentId('03048219850312123')))).toBe('行政区划代码无效');
  });
});

describe('spreadsheet input cleanup', () => {
  it('normalises messy text cells', () => {
    expect(normaliseResidentIdInput(' 330482 19850312 123４ ')).toBe('330482198503121234');
    expect(normaliseResidentIdInput('11010519491231002ｘ')).toBe('11010519491231002X');
  });

  it('detects values Excel has irreversibly damaged', () => {
    // An 18-digit ID read as a number: Excel already lost the last digits, which is the point.
    const excelNumber = Number('330482198503121234');
    expect(isExcelMangledNumber(excelNumber)).toBe(true);
    expect(isExcelMangledNumber('3.30482E+17')).toBe(true);
    expect(isExcelMangledNumber('3.30482e+17')).toBe(true);
    expect(isExcelMangledNumber('33048219850312123')).toBe(true);
    expect(normaliseResidentIdInput(excelNumber)).toBe('');
    expect(normaliseResidentIdInput('3.30482E+17')).toBe('');
    expect(normaliseResidentIdInput('11010519491231002')).toBe('');
  });

  it('keeps a 15-digit legacy ID stored as a number, since Excel holds 15 digits exactly', () => {
    expect(isExcelMangledNumber(110105491231002)).toBe(false);
    expect(normaliseResidentIdInput(110105491231002)).toBe('110105491231002');
  });

  it('does not flag ordinary values', () => {
    expect(isExcelMangledNumber('330482198503121234')).toBe(false);
    expect(isExcelMangledNumber(null)).toBe(false);
    expect(normaliseResidentIdInput(null)).toBe('');
    expect(normaliseResidentIdInput(undefined)).toBe('');
  });
});

describe('ageOn', () => {
  it('checks calendar days by arithmetic, leap years and month lengths included', () => {
    expect([isCalendarDate(2024, 2, 29), isCalendarDate(2000, 2, 29), isCalendarDate(1900, 2, 29), isCalendarDate(2023, 2, 29)]).toEqual([true, true, false, false]);
    expect([isCalendarDate(2025, 4, 30), isCalendarDate(2025, 4, 31), isCalendarDate(2025, 12, 31), isCalendarDate(2025, 1, 32)]).toEqual([true, false, true, false]);
    expect([isCalendarDate(2025, 0, 1), isCalendarDate(2025, 13, 1), isCalendarDate(2025, 1, 0), isCalendarDate(0, 1, 1), isCalendarDate(2025.5, 1, 1)]).toEqual([false, false, false, false, false]);
    expect(() => ageOn('2025-1-05', '2025-12-31')).toThrow(RangeError);
  });

  it('counts completed years', () => {
    expect(ageOn('1985-03-12', '2025-03-11')).toBe(39);
    expect(ageOn('1985-03-12', '2025-03-12')).toBe(40);
    expect(ageOn('1985-03-12', '2025-12-31')).toBe(40);
  });

  it('ages a 29 February birthday on 1 March in non-leap years', () => {
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('throws on malformed dates', () => {
    expect(() => ageOn('1985-3-12', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('1985-02-30', '2025-01-01')).toThrow(RangeError);
  });
});

describe('masking', () => {
  it('masks resident IDs and mobiles', () => {
    expect(maskResidentId('33048219850312123X')).toBe('33************123X');
    // Nothing of the birth date (the 7th–14th characters) is left to combine with an age.
    expect(maskResidentId('33048219850312123X').slice(2, 14)).toBe('*'.repeat(12));
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('masks names to the surname and, from three characters, the last one', () => {
    expect(['陈杰', '王小明', '欧阳晓娜', '李'].map(maskPersonName)).toEqual(['陈*', '王*明', '欧**娜', '*']);
  });
});

describe('parseCreditCode', () => {
  const unionCode = '81330482MC0000000' + computeCreditCodeCheckChar('81330482MC0000000');

  it('accepts a trade union code', () => {
    expect(parseCreditCode(unionCode)).toEqual({
      ok: true,
      code: unionCode,
      authority: '8',
      orgType: '1',
      divisionCode: '330482',
      orgCode: 'MC0000000',
      isTradeUnion: true,
    });
  });

  it('accepts a real company code', () => {
    const result = parseCreditCode('91350100M000100Y43');
    expect(result).toMatchObject({ ok: true, authority: '9', divisionCode: '350100', isTradeUnion: false });
  });

  it('normalises case, spaces and full-width characters', () => {
    const result = parseCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ');
    expect(result.ok && result.code).toBe('91350100M000100Y43');
  });

  it('maps a computed remainder of 0 to check character 0', () => {
    // Brute-force a prefix whose weighted sum is a multiple of 31.
    const prefix = Array.from({ length: 31 }, (_, i) => `8133048200000000${'0123456789ABCDEFGHJKLMNPQRTUWXY'[i]}`).find(
      (candidate) => computeCreditCodeCheckChar(candidate) === '0',
    );
    expect(prefix).toBeDefined();
    expect(parseCreditCode(`${prefix}0`).ok).toBe(true);
  });

  it('rejects bad codes with Chinese reasons', () => {
    expect(failureReason(parseCreditCode('91350100M000100Y44'))).toBe('校验码错误');
    expect(failureReason(parseCreditCode('91350100M000100Y4'))).toBe('长度应为18位');
    expect(failureReason(parseCreditCode('91350100M000100I43'))).toBe('含非法字符');
    expect(failureReason(parseCreditCode('91350100S000100Y43'))).toBe('含非法字符');
  });
});

describe('parseMobile', () => {
  it('accepts common spellings', () => {
    for (const input of ['13812345678', '+8613812345678', '+86 138 1234 5678', '0086-138-1234-5678', '86 13812345678', '１３８１２３４５６７８']) {
      expect(parseMobile(input)).toEqual({ ok: true, mobile: '13812345678' });
    }
  });

  it('rejects malformed numbers', () => {
    for (const input of ['138123456789', '1381234567', '12812345678', '23812345678', '+87 13812345678', '138a2345678', '']) {
      expect(parseMobile(input)).toEqual({ ok: false, reason: '手机号格式不正确' });
    }
  });
});

describe('masking identifiers in a text', () => {
  it('masks every resident ID and mobile number, and nothing else', () => {
    const text = '{"q":"33048219850312123X","note":"电话13812345678，旧号330482850312123，会员证号 330482-000000123，ID 123456"}';
    expect(maskIdentifiersIn(text)).toBe('{"q":"33************123X","note":"电话138****5678，旧号33*********2123，会员证号 330482-000000123，ID 123456"}');
    // Runs of digits longer than a number are not a number.
    expect(maskIdentifiersIn('1381234567890')).toBe('1381234567890');
  });
});
