// src/notes.ts on its own: how notes of one kind become one line, and what --verbose and --quiet print.
import { describe, expect, it } from 'vitest';
import type { Note } from '../src/notes.js';
import { noteAbout, noteLines, noteText, someNames } from '../src/notes.js';

const LEFT_OUT = 'left out, measures missing';

describe('someNames', () => {
  it('names up to five, then "and N more"', () => {
    expect(someNames(['甲', '乙'])).toBe('甲, 乙');
    expect(someNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c, d, e');
    expect(someNames(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 more');
  });
});

describe('noteLines', () => {
  const notes: Note[] = [
    'a.csv: title above the header, not data: 表4-2',
    { kind: LEFT_OUT, item: 'x (m1)', itemFull: 'x (a.csv has no column for m1)' },
    { kind: 'kept out of the groups, not summed', where: 'a.csv', item: '全国 (line 2)', separator: '; ' },
    { kind: LEFT_OUT, item: 'y (m2)', itemFull: 'y (a.csv has no column for m2)' },
    { kind: 'kept out of the groups, not summed', where: 'b.csv', item: '全国 (line 2)', separator: '; ' },
  ];

  it('joins the items of a kind into one line, at the place of the first; plain lines stay', () => {
    expect(noteLines(notes)).toEqual([
      'a.csv: title above the header, not data: 表4-2',
      'left out, measures missing: x (m1), y (m2)',
      'kept out of the groups, not summed: a.csv: 全国 (line 2); b.csv: 全国 (line 2)',
    ]);
  });

  it('a kind with one item reads as a sentence about its file', () => {
    expect(noteLines([notes[2]!])).toEqual(['a.csv: kept out of the groups, not summed: 全国 (line 2)']);
  });

  it('--verbose: every note alone, lists in full', () => {
    expect(noteLines(notes, 'verbose')).toEqual([
      'a.csv: title above the header, not data: 表4-2',
      'left out, measures missing: x (a.csv has no column for m1)',
      'a.csv: kept out of the groups, not summed: 全国 (line 2)',
      'left out, measures missing: y (a.csv has no column for m2)',
      'b.csv: kept out of the groups, not summed: 全国 (line 2)',
    ]);
  });

  it('--quiet: nothing', () => {
    expect(noteLines(notes, 'quiet')).toEqual([]);
  });

  it('the same item twice is named once', () => {
    expect(noteLines([{ kind: LEFT_OUT, item: 'x (m1)' }, { kind: LEFT_OUT, item: 'x (m1)' }])).toEqual(['left out, measures missing: x (m1)']);
  });
});

describe('noteAbout (a year of several)', () => {
  it('puts the year before a plain line, and before the file of an item', () => {
    expect(noteAbout('2008', 'no CAGR')).toBe('2008: no CAGR');
    expect(noteText(noteAbout('2008', { kind: 'units left out for lack of a value', item: 'x (甲)' }))).toBe('2008: units left out for lack of a value: x (甲)');
    expect(noteText(noteAbout('2008', { kind: 'k', where: 'a.csv', item: 'i' }))).toBe('2008: a.csv: k: i');
  });
});
