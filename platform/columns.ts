import { timestamp, numeric } from 'drizzle-orm/pg-core';

/** A timestamptz read and written as a JS Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** created_at, defaulting to the transaction's time. */
export const createdAt = () => ts('created_at').notNull().defaultNow();
export const updatedAt = () => ts('updated_at').notNull().defaultNow();

/** Exact decimal (money, hours) read as a JS number: the API prints numbers, not strings. */
export const decimal = (name: string, precision = 18, scale = 2) => numeric(name, { precision, scale, mode: 'number' });
