import type { Query, SQL } from "drizzle-orm";
import type { Queryable } from "./client.js";

/**
 * Statements sent on every admission check go out under a name, so that PostgreSQL parses and plans each
 * once per connection (a named prepared statement of node-postgres) rather than at every call: on the
 * gate's path that was a fifth of PostgreSQL's time per check. A name must always stand for the same SQL
 * text — give each shape of a query (with or without an optional condition) its own; node-postgres
 * refuses a name reused for another text. PGlite runs the same SQL and ignores the name.
 */

type Internals = {
  session: { prepareQuery(query: Query, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
  dialect: { sqlToQuery(sql: SQL): Query };
};

/** db.execute(query) under a statement name. */
export function executeNamed<T>(db: Queryable, name: string, query: SQL): Promise<{ rows: T[] }> {
  const { session, dialect } = db as unknown as Internals;
  return session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute() as Promise<{ rows: T[] }>;
}

/** A query builder (select …) run under a statement name; its rows mapped as the builder maps them. */
export function runNamed<R>(builder: { prepare(name: string): { execute(): Promise<R> } }, name: string): Promise<R> {
  return builder.prepare(name).execute();
}
