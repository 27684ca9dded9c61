import { z } from "zod";

/** What an import of a register table 台账 from Excel wrote: one record per row of the sheet. */
export const ZTableImportResult = z.object({
  imported: z.number().int().describe("rows written"),
  rows: z.array(z.object({ row: z.number().int().describe("the row of the sheet"), id: z.string().describe("the record created") })),
  unchanged: z.number().int().describe("rows of a list already on it as written (a list is not a log): nothing to write"),
});
export type TableImportResult = z.infer<typeof ZTableImportResult>;

/** `?template=true` on an export.xlsx: the same sheet with its header and no rows, to fill in and import. */
export const ZTemplateQuery = z.object({ template: z.enum(["true", "false"]).optional().describe("the empty sheet to fill in and import") });
