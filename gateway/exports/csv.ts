import { unprocessable } from '../../platform/errors.ts';

/**
 * CSV for flat rows (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break). A cell is a string, number, boolean or null (empty), or a list
 * of those written as JSON text; an object is refused: CSV is for flat results, NDJSON for the rest.
 * The header is the first row's keys; a later row may leave a column out (empty cell) but may not
 * bring a column the header lacks.
 */

function cell(value: unknown, column: string, rowNumber: number): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) text = JSON.stringify(value);
  else throw unprocessable(`row ${rowNumber}: ${column} is an object; CSV takes flat rows, use format ndjson.`, column);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: string[]): string {
  return `${values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')}\r\n`;
}

/** The columns of a first row, checking it is flat. */
export function columnsOf(row: unknown, rowNumber = 1): string[] {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) throw unprocessable(`row ${rowNumber} is not an object.`, 'format');
  const columns = Object.keys(row);
  for (const column of columns) cell((row as Record<string, unknown>)[column], column, rowNumber);
  return columns;
}

/** One row as a CSV record in the header's column order. */
export function csvRecord(row: unknown, columns: string[], rowNumber: number): string {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) throw unprocessable(`row ${rowNumber} is not an object.`, 'format');
  const record = row as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!columns.includes(key)) throw unprocessable(`row ${rowNumber} has the column ${key}, which the header (from row 1) lacks; use format ndjson.`, key);
  }
  return `${columns.map((column) => cell(record[column], column, rowNumber)).join(',')}\r\n`;
}

/** Parses the first record of CSV text (the header a resumed export continues under). */
export function parseFirstRecord(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  let field = '';
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      break;
    } else {
      field += c;
      i++;
    }
  }
  fields.push(field);
  return fields;
}
