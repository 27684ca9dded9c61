import { eq, like, or, Placeholder, sql, type Column, type SQL } from "drizzle-orm";

/** Escapes LIKE wildcards so a user's "%" or "_" is taken literally. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `column` is the path itself or a path below it: a prefix range scan on a text_pattern_ops index. */
export const pathWithin = (column: Column, path: string) => or(eq(column, path), like(column, `${likeEscape(path)}.%`));

/** PostgreSQL's unique_violation (23505), as raised by node-postgres or PGlite, possibly wrapped by Drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * `column = any($1)` with the values as ONE array parameter: an IN list of hundreds of codes (a county's
 * villages) costs Drizzle and the driver a parameter each, and PostgreSQL a longer statement to parse.
 */
export const anyText = (column: Column | SQL, values: readonly string[] | Placeholder) => sql`${column} = any(${arrayParam(values)}::text[])`;
export const anyUuid = (column: Column | SQL, values: readonly string[] | Placeholder) => sql`${column} = any(${arrayParam(values)}::uuid[])`;
/** The values as one parameter, or a placeholder for them (a statement built once: db/named.ts). */
const arrayParam = (values: readonly string[] | Placeholder) => (values instanceof Placeholder ? values : sql.param([...values]));
