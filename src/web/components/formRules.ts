import type { FormRule } from "antd";
import type { ZodType } from "zod";

/**
 * An antd form rule backed by a zod schema of src/contracts, so the form checks exactly what the
 * server will check; the message is ours, in the user's language.
 */
export const zodRule = (schema: ZodType, message: string): FormRule => ({
  validator: (_rule, value: unknown) =>
    value === undefined || value === "" || schema.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(message)),
});
