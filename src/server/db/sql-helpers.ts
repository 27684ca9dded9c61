import { eq, like, or, type Column } from "drizzle-orm";

/** Escapes LIKE wildcards so a user's "%" or "_" is taken literally. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `column` is the path itself or a path below it: a prefix range scan on a text_pattern_ops index. */
export const pathWithin = (column: Column, path: string) => or(eq(column, path), like(column, `${likeEscape(path)}.%`));
