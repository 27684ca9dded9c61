import type { UnitSearchResult } from "../../contracts/org.js";

type Found = UnitSearchResult["items"][number];

/** The names above a search result (the server's pathNames end with the unit itself). */
export const parentPath = (u: Found): string[] => (u.pathNames.at(-1) === u.name ? u.pathNames.slice(0, -1) : u.pathNames);
