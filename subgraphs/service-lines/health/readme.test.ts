import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { HEALTH_RULES } from './rules.ts';
import { THRESHOLDS } from './thresholds.ts';

const README = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');

/** Every number of a thresholds entry, as the README writes it: ratios as percentages. */
function numbers(value: unknown): string[] {
  if (typeof value === 'number') return [Number.isInteger(value) ? String(value) : `${Math.round(value * 100)}%`];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}

const KEY: Record<(typeof HEALTH_RULES)[number], keyof typeof THRESHOLDS> = {
  incidents: 'incidents', tickets: 'tickets', sla: 'sla', velocity: 'velocity', work_in_progress: 'workInProgress',
  blocked: 'blocked', capacity: 'capacity', integrations: 'integrations', spend: 'spend',
};

describe('the README describes the health rules as the code applies them', () => {
  it('has a row per rule, in signal order, naming every threshold of the rule', () => {
    const rows = README.split('\n').filter((line) => /^\| `[a-z_]+` \|/.test(line) && HEALTH_RULES.some((rule) => line.startsWith(`| \`${rule}\` |`)));
    expect(rows.map((row) => row.split('`')[1])).toEqual([...HEALTH_RULES]);
    rows.forEach((row, i) => {
      // 1.1 of a budget reads "110%", 0.8 of the previous window "80%".
      for (const n of numbers(THRESHOLDS[KEY[HEALTH_RULES[i]]])) expect(row, `${HEALTH_RULES[i]}: ${n}`).toMatch(new RegExp(`(^|[^0-9.])${n.replace('%', '')}(?![0-9])`));
    });
  });

  it('gives the status bands', () => {
    const { healthy, atRisk } = THRESHOLDS.status;
    expect(README).toContain(`the score is below ${atRisk}, **at_risk** below ${healthy}, **healthy** otherwise`);
  });
});
