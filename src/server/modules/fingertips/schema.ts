import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * The ledger of apps, official accounts and work groups 政务应用、公众号、工作群台账. Units by code and path
 * (org owns them); the audience is a list of unit codes whose subtrees are asked, with the roles asked.
 */
export const fingertipChannels = pgTable(
  "fingertip_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    platform: text("platform"),
    ownerCode: text("owner_code").notNull(),
    ownerPath: text("owner_path").notNull(),
    /** The region whose office keeps it: the owner's county for a department, else the owner. */
    regionPath: text("region_path").notNull(),
    audienceCodes: text("audience_codes").array().notNull(),
    audiencePaths: text("audience_paths").array().notNull(),
    audienceRoles: text("audience_roles").array().notNull(),
    demands: text("demands").array().notNull(),
    minutesPerWeek: integer("minutes_per_week").notNull(),
    status: text("status").notNull().default("active"),
    mergedIntoId: uuid("merged_into_id"),
    /** What a merge added to the channel kept (audience units and roles), so the office can undo it 撤销整合. */
    mergeAdded: jsonb("merge_added").$type<{ codes: string[]; paths: string[]; roles: string[] }>(),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    admissionNumber: text("admission_number"),
    note: text("note"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fingertip_channels_owner_name_uq").on(t.ownerCode, t.name),
    index("fingertip_channels_region_idx").using("btree", sql`${t.regionPath} text_pattern_ops`),
  ],
);

/**
 * Named cadres 干部 who must follow a channel: users (org owns them; kept by id, no cross-module key).
 * Recorded on the page by the office or the unit that runs the channel. A merge moves the members of the
 * channel merged into the one kept; `addedByMerge` names the merged channel so an undo takes them back out.
 */
export const fingertipMembers = pgTable(
  "fingertip_members",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => fingertipChannels.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    addedByMerge: uuid("added_by_merge"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("fingertip_members_user_idx").on(t.userId)],
);
