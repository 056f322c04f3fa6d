import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { buildSearchDocument, mayMatchMany, nameTokens, searchQuery, searchTokens } from './search-tokens.js';

function tokensOf(document: string): string[] {
  return document.split(' ');
}

describe('buildSearchDocument', () => {
  it('indexes an organisation name by characters, bigrams, jieba words and pinyin', () => {
    const tokens = tokensOf(buildSearchDocument({ orgNames: ['平湖市当湖街道总工会'] }));
    expect(tokens).toEqual(expect.arrayContaining(['当', '当湖', '湖街', '总工', '工会', '总工会', '平湖市']));
    expect(tokens).toEqual(expect.arrayContaining(['pinghushidanghujiedaozonggonghui', 'danghu', 'dh', 'zgh']));
  });

  it('adds pinyin and initials for personal names', () => {
    const tokens = tokensOf(buildSearchDocument({ personNames: ['陈杰'] }));
    expect(tokens).toEqual(expect.arrayContaining(['陈', '杰', '陈杰', 'chenjie', 'cj']));
  });

  it('keeps exact codes whole and split at punctuation', () => {
    const tokens = tokensOf(buildSearchDocument({ exact: ['330482', '138-1234-5678', 'ＡＢ12'] }));
    expect(tokens).toEqual(['330482', '13812345678', '138', '1234', '5678', 'ab12']);
  });

  it('lower-cases latin words, folds full-width forms and de-duplicates', () => {
    expect(searchTokens('Hello ＨＥＬＬＯ world', null, undefined, 'hello')).toBe('hello world');
  });

  it('strips characters that are special in tsvector input', () => {
    const document = searchTokens(`O'Brien: a&b | !c (d) \\e 工会😀`);
    expect(document).toBe('o brien a b c d e 工 会 工会');
  });

  it('returns an empty string when there is nothing to index', () => {
    expect(buildSearchDocument({ texts: [null, '', '  !! '], personNames: [undefined] })).toBe('');
  });
});

describe('nameTokens', () => {
  it('gives full pinyin and initials', () => {
    expect(nameTokens('陈杰')).toEqual(['chenjie', 'cj']);
    expect(nameTokens('吕布')).toEqual(['lvbu', 'lb']);
  });

  it('uses surname readings for personal names but keeps the ordinary reading too', () => {
    expect(nameTokens('单田芳')).toEqual(['shantianfang', 'stf', 'dantianfang', 'dtf']);
    expect(nameTokens('曾小贤')).toContain('zengxiaoxian');
  });

  it('uses ordinary readings and per-word pinyin for organisations', () => {
    expect(nameTokens('区总工会', 'org')).toEqual(['quzonggonghui', 'qzgh', 'zonggonghui', 'zgh']);
  });

  it('ignores non-Han names', () => {
    expect(nameTokens('Anna')).toEqual([]);
  });
});

describe('searchQuery', () => {
  it('uses bigrams for Han input and the character itself for a single one', () => {
    expect(searchQuery('当湖')).toBe(`'当湖'`);
    expect(searchQuery('当湖街道')).toBe(`'当湖' & '湖街' & '街道'`);
    expect(searchQuery('陈')).toBe(`'陈'`);
  });

  it('uses prefix matches for latin and digit words', () => {
    expect(searchQuery('cj')).toBe(`'cj':*`);
    expect(searchQuery(' Zhang  1381 ')).toBe(`'zhang':* & '1381':*`);
    expect(searchQuery('陈jie')).toBe(`'陈' & 'jie':*`);
  });

  it('returns null when there is nothing to search for', () => {
    for (const input of ['', '   ', '!!', `'"&|()`, '😀']) expect(searchQuery(input)).toBeNull();
  });
});

describe('search on PostgreSQL', () => {
  let pg: PGlite;

  const members = [
    { id: 1, name: '陈杰', union: '平湖市当湖街道总工会', mobile: '13812345678' },
    { id: 2, name: '张三', union: '嘉兴市南湖区总工会', mobile: '13900001111' },
    { id: 3, name: '陈红', union: '平湖市钟埭街道总工会', mobile: '13700002222' },
    { id: 4, name: '单田芳', union: '平湖市新埭镇工会', mobile: '13600003333' },
  ];

  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec('create table member (id int primary key, search tsvector not null)');
    for (const member of members) {
      const document = buildSearchDocument({
        personNames: [member.name],
        orgNames: [member.union],
        exact: [member.mobile.slice(-4)],
      });
      await pg.query(`insert into member values ($1, to_tsvector('simple', $2))`, [member.id, document]);
    }
  }, 60_000);

  afterAll(async () => {
    await pg?.close();
  });

  async function search(input: string): Promise<number[]> {
    const query = searchQuery(input);
    if (query === null) return [];
    const result = await pg.query<{ id: number }>(
      `select id from member where search @@ to_tsquery('simple', $1) order by id`,
      [query],
    );
    return result.rows.map((row) => row.id);
  }

  it.each([
    ['杰', [1]],
    ['陈', [1, 3]],
    ['田芳', [4]],
    ['chen', [1, 3]],
    ['chenj', [1]],
    ['cj', [1]],
    ['ZS', [2]],
    ['zhangs', [2]],
    ['shantian', [4]],
    ['当湖', [1]],
    ['钟埭', [3]],
    ['埭', [3, 4]],
    ['南湖区', [2]],
    ['总工会', [1, 2, 3]],
    ['平湖', [1, 3, 4]],
    ['danghu', [1]],
    ['陈 当湖', [1]],
    ['5678', [1]],
    ['王五', []],
  ])('finds %s', async (input, expected) => {
    expect(await search(input)).toEqual(expected);
  });

  it('stores every token as exactly one lexeme', async () => {
    const document = buildSearchDocument({
      personNames: ['陈杰', 'José Ñúñez'],
      texts: ['第1届 abc123 1e5 00123 Straße café 〇 々', '𠀀𠀁 工会'],
    });
    const { rows } = await pg.query<{ lexemes: number }>(
      `select length(to_tsvector('simple', $1)) as lexemes`,
      [document],
    );
    expect(rows[0].lexemes).toBe(tokensOf(document).length);
  });

  it('never produces a tsquery syntax error', async () => {
    const nasty = [`'`, `"`, '&', '|', '!', '(', ')', '\\', ':', '*', '<->', '<2>', ' ', '　', '😀', '👨‍👩‍👧', '\u0301', '\u0000', '工', '会', 'a', 'Ｚ', '1', '-', '.', '/', '@', '%', '\n', '\t'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; // deterministic, so failures reproduce
      return seed / 2 ** 31;
    };
    const inputs = [
      `'); drop table member; --`,
      `a:* & !b`,
      `\\'`,
      'x'.repeat(5000),
      '工'.repeat(500),
      ...Array.from({ length: 300 }, () =>
        Array.from({ length: 1 + Math.floor(random() * 12) }, () => nasty[Math.floor(random() * nasty.length)]).join(''),
      ),
    ];
    for (const input of inputs) {
      const query = searchQuery(input);
      if (query === null) continue;
      await expect(pg.query(`select to_tsquery('simple', $1)`, [query]), JSON.stringify(input)).resolves.toBeDefined();
    }
  });
});

describe('mayMatchMany', () => {
  it('is what a search box holds mid-typing: one Han character, a short latin word, up to three digits', () => {
    for (const q of ['王', ' 李 ', 'li', 'zhang', 'WJ', 'zhangw', '138', '３３０']) expect(mayMatchMany(q), q).toBe(true);
  });

  it('is not a name, a longer word, a number to look up, or two words', () => {
    for (const q of ['王伟', 'zhangwei', '1381', '330482', 'wang wei', '王 李', '', '，']) expect(mayMatchMany(q), q).toBe(false);
  });
});
