import { describe, it, expect } from 'vitest';
import { columnsOf, csvLine, csvRecord, parseFirstRecord } from './csv.ts';

describe('export CSV', () => {
  it('quotes cells holding commas, quotes and line breaks (RFC 4180) and leaves null empty', () => {
    const row = { id: 'EVT-1', title: 'a, "quoted"\nline', count: 3, done: false, none: null };
    const columns = columnsOf(row);
    expect(csvLine(columns)).toBe('id,title,count,done,none\r\n');
    expect(csvRecord(row, columns, 1)).toBe('EVT-1,"a, ""quoted""\nline",3,false,\r\n');
  });

  it('writes a list of scalars as JSON text and refuses objects, naming the column', () => {
    expect(csvRecord({ ids: ['PRJ-1', 'PRJ-2'] }, ['ids'], 1)).toBe('"[""PRJ-1"",""PRJ-2""]"\r\n');
    expect(() => columnsOf({ id: 'x', settings: { a: 1 } })).toThrow(/row 1: settings is an object; CSV takes flat rows/);
    expect(() => csvRecord({ list: [{ a: 1 }] }, ['list'], 7)).toThrow(/row 7: list is an object/);
  });

  it('leaves a missing column empty and refuses a column the header lacks', () => {
    expect(csvRecord({ b: 2 }, ['a', 'b'], 2)).toBe(',2\r\n');
    expect(() => csvRecord({ a: 1, c: 3 }, ['a', 'b'], 2)).toThrow(/row 2 has the column c, which the header \(from row 1\) lacks/);
  });

  it('reads back the header a resumed export continues under', () => {
    const columns = ['id', 'a,b', 'say "hi"', ''];
    expect(parseFirstRecord(`${csvLine(columns)}x,y,z,w\r\n`)).toEqual(columns);
    expect(parseFirstRecord('one\r\n')).toEqual(['one']);
  });
});
