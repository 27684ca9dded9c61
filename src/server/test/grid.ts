import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { loginAs, type Session } from "./harness.js";

/**
 * The roster of the authorization grids: one demo account per role, in the county (饶河县) and in the
 * other region (阿图什市). A grid row holds one answer per column, in this order.
 */
export const GRID_COLUMNS = [
  "raohe_village", // village_cadre     饶河村委会 230524100200 (township 饶河镇)
  "raohe_town", // township_official    饶河镇 230524100000
  "raohe_nyncj", // department_staff    饶河县农业农村局 230524D01 (region: the county)
  "raohe_office", // office             饶河县 230524
  "raohe_jiwei", // commission          饶河县 230524
  "raohe_admin", // admin               饶河县 230524
  "admin", // admin                     中华人民共和国 100000
  "atushi_office", // office            阿图什市 653001 (the other region)
  "atushi_town", // township_official   上阿图什镇 653001100000
] as const;
export type GridUser = (typeof GRID_COLUMNS)[number];

type OnePer<T extends readonly unknown[], V> = { [K in keyof T]: V };
/** Exactly one answer per column: a row with a cell missing or extra does not compile. */
export type GridCells = OnePer<typeof GRID_COLUMNS, string>;

/** Answers every grid shares, written "status [code]". */
export const OK = "200";
export const NEW = "201";
export const DENY = "403 FORBIDDEN";
export const OUT = "403 OUT_OF_SCOPE";
export const ANON = "401 UNAUTHENTICATED";

/** Who calls: a roster account, or nobody logged in. */
export type GridCaller = GridUser | "(anonymous)";

/** One test of a grid: a caller, an endpoint and a target, and the answer "status [code]" split for assertions. */
export type GridRow<E extends string = string> = { role: GridCaller; endpoint: E; target: string; expected: string; expectedStatus: number; expectedCode?: string };

const toGridRow = <E extends string>(role: GridCaller, endpoint: E, target: string, cell: string): GridRow<E> => {
  const [status, code] = cell.split(" ");
  return { role, endpoint, target, expected: cell, expectedStatus: Number(status), ...(code ? { expectedCode: code } : {}) };
};

/**
 * The rows of a grid endpoint × target × column, each followed by the anonymous caller, who is turned
 * away before anything else is looked at (ANON) unless the endpoint is public and says otherwise.
 */
export function gridRows<E extends string>(grid: Record<E, Record<string, GridCells>>, anonymous: (endpoint: E) => string = () => ANON): GridRow<E>[] {
  return (Object.entries(grid) as [E, Record<string, GridCells>][]).flatMap(([endpoint, targets]) =>
    Object.entries(targets).flatMap(([target, cells]) => [
      ...GRID_COLUMNS.map((role, i) => toGridRow(role, endpoint, target, cells[i]!)),
      toGridRow("(anonymous)", endpoint, target, anonymous(endpoint)),
    ]),
  );
}

/** The roster logged in once for a grid file (logins are rate limited per user), and the way a row's caller sends. */
export type GridSessions = {
  /** The session of one roster account, for fixtures a test sets up as that account. */
  of: (user: GridUser) => Session;
  /** Sends as the row's caller: a roster account with its session and CSRF token, or nobody logged in. */
  send: (caller: GridCaller, options: InjectOptions) => Promise<LightMyRequestResponse>;
};

export async function gridSessions(app: FastifyInstance): Promise<GridSessions> {
  const sessions = new Map<GridUser, Session>();
  for (const user of GRID_COLUMNS) sessions.set(user, await loginAs(app, user));
  const of = (user: GridUser) => sessions.get(user)!;
  return { of, send: (caller, options) => (caller === "(anonymous)" ? app.inject(options) : of(caller).request(options)) };
}

/** The answer a row expects: its status, and its error code when the cell names one. */
export function expectGridAnswer(res: LightMyRequestResponse, row: GridRow): void {
  expect(res.statusCode, res.body).toBe(row.expectedStatus);
  if (row.expectedCode) expect(res.json<{ error: { code: string } }>().error.code).toBe(row.expectedCode);
}
