import { is, Param, Placeholder, type Query, type SQL } from "drizzle-orm";
import type { Queryable } from "./client.js";

/**
 * Statements sent on every admission check (and the session lookup of every request) go out under a
 * name, so that PostgreSQL parses and plans each once per connection (a named prepared statement of
 * node-postgres) rather than at every call: on the gate's path that was a fifth of PostgreSQL's time
 * per check. Each is also built once per database (or transaction) and kept: building the same SQL
 * from Drizzle's objects at every call had cost about 6 % of the gate's Node time.
 *
 * A statement's values are therefore `sql.placeholder`s, filled at each call. A value written into the
 * statement itself would be the first call's for ever, so one is refused when the statement is built.
 * A name must always stand for the same SQL text — give each shape of a query (with or without an
 * optional condition) its own; node-postgres refuses a name reused for another text. PGlite runs the
 * same SQL and ignores the name.
 */

type Values = Record<string, unknown>;
type Prepared<R> = { execute(values?: Values): Promise<R>; getQuery(): { params: unknown[] } };

type Internals = {
  session: { prepareQuery(query: Query, fields: undefined, name: string, arrayMode: boolean): Prepared<unknown> };
  dialect: { sqlToQuery(sql: SQL): Query };
};

const built = new WeakMap<object, Map<string, Prepared<unknown>>>();

function builtOnce<R>(db: Queryable, name: string, make: () => Prepared<R>): Prepared<R> {
  let byName = built.get(db);
  if (!byName) built.set(db, (byName = new Map()));
  let statement = byName.get(name);
  if (!statement) {
    const made = make();
    const fixed = made.getQuery().params.filter((p) => !is(p, Placeholder) && !(is(p, Param) && is(p.value, Placeholder)));
    if (fixed.length > 0) throw new Error(`statement ${name}: every value must be a placeholder, not ${JSON.stringify(fixed).slice(0, 200)}`);
    byName.set(name, (statement = made));
  }
  return statement as Prepared<R>;
}

/** db.execute of a statement under a name, built once, with its placeholders' values: raw rows. */
export function executeBuilt<T>(db: Queryable, name: string, build: () => SQL, values: Values): Promise<{ rows: T[] }> {
  const { session, dialect } = db as unknown as Internals;
  return builtOnce(db, name, () => session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false)).execute(values) as Promise<{ rows: T[] }>;
}

/** A query builder (select …) under a name, built once, with its placeholders' values; rows mapped as the builder maps them. */
export function runBuilt<R>(db: Queryable, name: string, build: () => { prepare(name: string): Prepared<R> }, values: Values): Promise<R> {
  return builtOnce<R>(db, name, () => build().prepare(name)).execute(values);
}
