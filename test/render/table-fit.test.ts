import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { OutputTable } from '../../src/render/model.js';
import { displayWidth, groupDigits, renderTable } from '../../src/render/table.js';

const plain = new Chalk({ level: 0 });

const PROVINCES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西',
  '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃',
  '青海', '宁夏', '新疆',
];
const HEADERS = [
  '社区数（个）', '城镇人口（人）', '居委会成员数（人）', '社区服务中心数（个）', '一般社区服务设施（个）',
  '平均每社区人口数（人）', '平均每社区居委会工作人员数（人）', '每个社区拥有社区服务中心数（个）',
  '每个社区服务中心覆盖社区数（个）', '每万城镇人口拥有社区服务中心数（个）', '每个社区服务中心服务人口（万人）',
];

/** 31 provinces × 12 columns (地区 and 11 measures or indicators); every cell distinct, so each can be found once. */
function provinceTable(): OutputTable {
  return {
    columns: [
      { id: 'unit', label: '地区', kind: 'text' },
      ...HEADERS.map((label, index) => ({ id: `m${index}`, label, kind: 'number' as const })),
    ],
    rows: PROVINCES.map((province, row) => [
      province,
      ...HEADERS.map((_, column) => (column === 1 ? String(10_000_000 + row * 1_000_003) : `${row + 1}.${String(column).padStart(2, '0')}`)),
    ]),
  };
}

function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

/** The body lines of each block (between the rule under the header and the bottom border). */
function blocks(text: string): string[][] {
  return text.replace(/\n$/, '').split('\n\n').map((block) => {
    const all = block.split('\n');
    const rule = all.findIndex((line) => line.startsWith('├'));
    return all.slice(rule + 1, -1);
  });
}

function cellsOf(line: string): string[] {
  return line.split('│').slice(1, -1).map((cell) => cell.trim());
}

describe('displayWidth', () => {
  it('counts CJK and full-width characters as 2 columns, ANSI codes as 0', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('地区')).toBe(4);
    expect(displayWidth('（个）')).toBe(6);
    expect(displayWidth('５６')).toBe(4);
    expect(displayWidth('\u001b[1m全国\u001b[22m')).toBe(4);
    expect(displayWidth('one\n全国全国')).toBe(8);
  });
});

describe('renderTable fits the terminal', () => {
  for (const width of [80, 160]) {
    it(`31 provinces × 12 columns at width ${width}: every line fits, each cell once, 地区 in every block`, () => {
      const table = provinceTable();
      const text = renderTable(table, plain, width);
      for (const line of lines(text)) expect(displayWidth(line)).toBeLessThanOrEqual(width);

      const parts = blocks(text);
      expect(parts.length).toBeGreaterThan(1);
      const seen = new Map<string, number>();
      for (const body of parts) {
        expect(body).toHaveLength(PROVINCES.length);
        body.forEach((line, row) => {
          const [label, ...cells] = cellsOf(line);
          expect(label).toBe(PROVINCES[row]); // the label column repeated in every block
          for (const cell of cells) seen.set(cell, (seen.get(cell) ?? 0) + 1);
        });
      }
      const expected = table.rows.flatMap((row) => row.slice(1).map((cell) => groupDigits(cell ?? '')));
      expect([...seen.keys()].sort()).toEqual([...expected].sort());
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
    });
  }

  it('blocks keep the columns in order and wrap long headers before the bracket', () => {
    const text = renderTable(provinceTable(), plain, 80);
    expect(text).toContain('每万城镇人口拥有社区服务中心数');
    expect(text).not.toContain('每万城镇人口拥有社区服务中心数（个）'); // wrapped before （个）
    const heads = text.split('\n\n').map((block) => block.split('\n')[1] ?? '');
    expect(heads.every((line) => cellsOf(line)[0] === '地区')).toBe(true);
  });

  it('the plain grid when it fits, or with width Infinity, or with wide', () => {
    const table = provinceTable();
    const wide = renderTable(table, plain, Infinity);
    expect(wide).not.toContain('\n\n');
    expect(lines(wide)[1]).toContain('每万城镇人口拥有社区服务中心数（个）');
    expect(renderTable(table, plain, 80, { wide: true })).toBe(wide);
    expect(renderTable(table, plain, displayWidth(lines(wide)[0] ?? ''))).toBe(wide);
  });

  it('wraps header labels (at blanks, before a bracket) before it splits into blocks', () => {
    const table: OutputTable = {
      columns: [
        { id: 'unit', label: 'unit', kind: 'text' },
        { id: 'a', label: 'population per community (persons)', kind: 'number' },
        { id: 'b', label: '每万城镇人口拥有社区服务中心数（个）', kind: 'number' },
      ],
      rows: [['全国', '7031', '0.15'], ['北京', '7002', '0.20'], ['天津', '5000', '0.30'], ['河北', '1', '2'],
        ['山西', '2', '3'], ['辽宁', '3', '4'], ['吉林', '4', '5']],
    };
    const text = renderTable(table, plain, 56);
    for (const line of lines(text)) expect(displayWidth(line)).toBeLessThanOrEqual(56);
    expect(text).not.toContain('\n\n');
    expect(text).toContain('每万城镇人口拥有社区服务中心数');
    expect(text).toMatch(/│ +（个） │/);
    expect(text).toContain('(persons)');
  });
});

describe('wrapped headers take the fewest lines that fit', () => {
  it('the 2005 national table in English at 160 columns: a two-line header, blanks kept inside a line', () => {
    const labels = ['unit', 'year', 'communities (units)', 'urban population (persons)', "residents' committee members (persons)",
      'community service centres (units)', 'population per community (persons)', 'committee members per community (persons)',
      'service centres per community (centres)'];
    const table: OutputTable = {
      columns: labels.map((label, index) => ({ id: `c${index}`, label, kind: index === 0 ? 'text' : 'number' })),
      rows: [['全国', '2005', '79947', '562120000', '453543', '8479', '7031', '5.67', '0.11']],
    };
    const text = renderTable(table, plain, 160);
    const all = lines(text);
    for (const line of all) expect(displayWidth(line)).toBeLessThanOrEqual(160);
    expect(all[3]).toMatch(/^├/); // top border, two header lines, the rule
    expect(cellsOf(all[1] ?? '')).toContain("residents' committee");
    expect(cellsOf(all[2] ?? '')).toContain('members (persons)');
    expect(cellsOf(all[4] ?? '')).toEqual(['全国', '2005', '79,947', '562,120,000', '453,543', '8479', '7031', '5.67', '0.11']);
  });
});

describe('transposing a short table', () => {
  const national: OutputTable = {
    columns: [
      { id: 'unit', label: '地区', kind: 'text' },
      ...HEADERS.map((label, index) => ({ id: `m${index}`, label, kind: 'number' as const })),
    ],
    rows: [['全国', ...HEADERS.map((_, index) => String(index + 1))]],
  };

  it('a 1-row table too wide for the terminal is transposed, being narrower', () => {
    const text = renderTable(national, plain, 60);
    expect(text).toMatch(/│ 每万城镇人口拥有社区服务中心数（个） +│ +10 │/);
    for (const line of lines(text)) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it('not transposed when the transposed grid would be wider than the plain one', () => {
    const table: OutputTable = {
      columns: [
        { id: 'unit', label: '地区', kind: 'text' },
        { id: 'a', label: 'a', kind: 'number' },
        { id: 'b', label: 'b', kind: 'number' },
      ],
      rows: [['全国全国全国全国全国全国全国全国全国全国全国全国', '1', '2']],
    };
    const text = renderTable(table, plain, 30);
    // in blocks (nothing fits 30 columns), each headed by 地区: the row's label is never made a header
    const heads = text.split('\n\n').map((block) => cellsOf(block.split('\n')[1] ?? ''));
    expect(heads).toEqual([['地区', 'a'], ['地区', 'b']]);
  });
});

describe('thousands grouping in tables', () => {
  it('groups number cells with 5 or more integer digits, keeping the decimals and the sign', () => {
    expect(groupDigits('606670000')).toBe('606,670,000');
    expect(groupDigits('56212')).toBe('56,212');
    expect(groupDigits('-1234567.125')).toBe('-1,234,567.125');
    expect(groupDigits('7031')).toBe('7031');
    expect(groupDigits('5.67')).toBe('5.67');
    expect(groupDigits('-2')).toBe('-2');
    expect(groupDigits('0.12345678')).toBe('0.12345678');
  });

  it('only in number columns of the table', () => {
    const table: OutputTable = {
      columns: [
        { id: 'unit', label: 'unit', kind: 'text' },
        { id: 'code', label: 'code', kind: 'text' },
        { id: 'population', label: 'population', kind: 'number' },
        { id: 'ratio', label: 'ratio', kind: 'number' },
      ],
      rows: [['全国', '110000', '562120000', '5.67'], ['北京', '110100', null, '7031']],
    };
    const text = renderTable(table, plain);
    expect(text).toContain('│ 110000 │ 562,120,000 │  5.67 │');
    expect(text).toContain('│ 110100 │           — │  7031 │');
  });
});
