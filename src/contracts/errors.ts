import { z } from "zod";

/** The one JSON shape of every error the API returns. */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ZErrorBody>;

/** Parses any API error body; the web client uses this, never ad-hoc property access. */
export function parseErrorBody(body: unknown): ErrorBody["error"] | null {
  const parsed = ZErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error : null;
}
