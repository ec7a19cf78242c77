import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderTerminalBars } from '../../../src/render/charts/terminal.js';

const rows = [
  { label: '北京', value: 18.8, text: '18.8' },
  { label: '内蒙古', value: 17.0, text: '17.0' },
  { label: '上海', value: 201.6, text: '201.6' },
  { label: 'Hainan', value: 6.3, text: '6.3' },
  { label: '宁夏', value: null, text: 'n/a' },
];

/** display column where the bar (or the missing mark) starts: after the label and two blanks */
function barStart(line: string): number {
  const at = line.search(/[█▏▎▍▌▋▊▉—]/);
  return stringWidth(line.slice(0, at));
}

describe('renderTerminalBars', () => {
  it('sorts descending with missing last, and starts every bar in one display column despite CJK labels', () => {
    const lines = renderTerminalBars(rows, 80).split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['上海', '北京', '内蒙古', 'Hainan', '宁夏']);
    // the widest label, 内蒙古, is 6 columns; bars start at column 6 + 2 in every line
    expect(lines.map(barStart)).toEqual([8, 8, 8, 8, 8]);
    // each value text follows its bar after one blank
    for (const [i, text] of ['201.6', '18.8', '17.0', '6.3'].entries()) expect(lines[i]).toMatch(new RegExp(`[█▏▎▍▌▋▊▉] ${text.replace('.', '\\.')}$`));
    expect(lines[4]).toBe('宁夏    —');
  });

  it('is never wider than the width', () => {
    for (const width of [20, 40, 80, 120]) {
      for (const line of renderTerminalBars(rows, width).split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(width);
    }
    // the longest bar fills the line exactly
    expect(stringWidth(renderTerminalBars(rows, 80).split('\n')[0]!)).toBe(80);
  });

  it('is exact to an eighth of a column', () => {
    // width 20 = label 1 + 2 blanks + 16 bar columns + 1 blank + text 0: the max is 16 full blocks
    const bars = (values: number[]) =>
      renderTerminalBars(values.map((value, i) => ({ label: String.fromCharCode(65 + i), value, text: '' })), 20)
        .split('\n')
        .map((line) => line.slice(3).trimEnd());
    expect(bars([128, 16])).toEqual(['█'.repeat(16), '██']); // 1/8 of the max over 16 columns: 2 full blocks
    expect(bars([128, 1])).toEqual(['█'.repeat(16), '▏']); // 1/128 of the max: 16/128 column = one eighth
    expect(bars([128, 3, 0])).toEqual(['█'.repeat(16), '▍', '']); // 3 eighths; zero: no bar
    expect(bars([128, 15])).toEqual(['█'.repeat(16), '█▉']); // 15 eighths
    // one bar column (width 5): the max is one full block and 1/8 of the max exactly one ▏
    const one = renderTerminalBars([{ label: 'A', value: 8, text: '' }, { label: 'B', value: 1, text: '' }], 5).split('\n');
    expect(one).toEqual(['A  █', 'B  ▏']);
  });

  it('colours only the bar, and refuses negative values and a width too small', () => {
    const out = renderTerminalBars([{ label: 'a', value: 2, text: '2' }], 10, { color: (s) => `<${s}>` });
    expect(out).toBe('a  <█████> 2'); // 10 = label 1 + 2 blanks + 5 bar columns + 1 blank + text 1
    expect(() => renderTerminalBars([{ label: 'a', value: -1, text: '-1' }], 80)).toThrow(/0 or more/);
    expect(() => renderTerminalBars([{ label: '内蒙古自治区', value: 1, text: '1.000' }], 15)).toThrow(/width of at least/);
    expect(renderTerminalBars([], 80)).toBe('');
  });
});
