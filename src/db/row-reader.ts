import { Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * Reads a table's rows from a raw (array) better-sqlite3 result as Drizzle's `select()` returns them: the same keys
 * and the same decoding (JSON columns parsed, boolean columns as booleans, NULL as null), taken from the table's
 * own definition, so the schema stays the one place a column is described. Drizzle's mapping walks every column's
 * path and checks its kind on every row, which was about a third of reading one item on the request path; this one
 * works out once per table which columns need decoding at all.
 */
export interface RowReader<Row> {
  /** The columns read, qualified by the table (`"items"."id", …`), in the order `read` takes them. */
  readonly columns: string;
  /** How many values of a raw row are this table's: what follows them is the query's own. */
  readonly width: number;
  /** The row from `raw[offset]` … `raw[offset + width - 1]`. */
  read(raw: readonly unknown[], offset?: number): Row;
}

export function rowReader<T extends SQLiteTable, K extends keyof T['$inferSelect'] = never>(
  table: T,
  omit: readonly K[] = [],
): RowReader<Omit<T['$inferSelect'], K>> {
  const defs = Object.entries(getTableColumns(table)).filter(([key]) => !(omit as readonly string[]).includes(key));
  const name = getTableName(table);
  const keys = defs.map(([key]) => key);
  // A column whose driver value is its value (text, integer, real) is copied; the rest go through their decoder.
  const decoders = defs.map(([, col]) =>
    col.mapFromDriverValue === Column.prototype.mapFromDriverValue ? null : (v: unknown) => col.mapFromDriverValue(v),
  );
  return {
    columns: defs.map(([, col]) => `"${name}"."${col.name}"`).join(', '),
    width: defs.length,
    read(raw, offset = 0) {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const v = raw[offset + i];
        const decode = decoders[i];
        row[keys[i]!] = v === null || v === undefined ? null : decode ? decode(v) : v;
      }
      return row as Omit<T['$inferSelect'], K>;
    },
  };
}
