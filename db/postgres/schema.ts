import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { LINK_MAX, LINK_MIN, PASSCODE_MAX, PASSCODE_MIN } from "@/lib/validation/limits";
import type { Recurrence } from "@/lib/validation/meeting";
import type { RoomChange } from "../sqlite/schema";

// The same tables as db/sqlite/schema.ts (what each holds is documented there); tests/unit/schema-parity.test.ts
// keeps the two equal. Booleans are boolean, JSON is jsonb, instants are timestamptz.

// Milliseconds, as SQLite stores them and as a JS Date holds them, so values round-trip and copy exactly.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });
const createdAt = () => instant("created_at").notNull().defaultNow();
const updatedAt = () =>
  instant("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
// Identity (SQL standard, the sequence belongs to the column); "by default" lets a copy keep its ids.
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: ["owner", "support"] })
      .notNull()
      .default("owner"),
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`),
    check("users_role_check", sql`${t.role} in ('owner', 'support')`),
    check("users_email_lower_check", sql`${t.email} = lower(${t.email})`),
  ],
);

export const rooms = pgTable(
  "rooms",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pmi: text("pmi").notNull(),
    link: text("link").notNull(),
    passcode: text("passcode"),
    joinBeforeHost: boolean("join_before_host").notNull().default(false),
    waitingRoom: boolean("waiting_room").notNull().default(true),
    securedAt: instant("secured_at"),
    securedBy: integer("secured_by").references(() => users.id, { onDelete: "set null" }),
    guestEpoch: integer("guest_epoch").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("rooms_user_unique").on(t.userId),
    uniqueIndex("rooms_pmi_unique").on(t.pmi),
    uniqueIndex("rooms_link_lower_unique").on(sql`lower(${t.link})`),
    // SQLite's `not glob '*[^0-9]*'` is `!~ '[^0-9]'` here: no character outside the class.
    check(
      "rooms_pmi_format",
      sql`length(${t.pmi}) = 10 and ${t.pmi} !~ '[^0-9]' and substr(${t.pmi}, 1, 1) between '2' and '9'`,
    ),
    check(
      "rooms_link_format",
      sql.join([
        sql`length(${t.link}) between ${sql.raw(String(LINK_MIN))} and ${sql.raw(String(LINK_MAX))} and `,
        sql`${t.link} = lower(${t.link}) and ${t.link} !~ '[^a-z0-9.]' and ${t.link} ~ '^[a-z]' and `,
        sql`${t.link} not like '%..%' and ${t.link} not like '%.'`,
      ]),
    ),
    check(
      "rooms_passcode_format",
      sql.join([
        sql`${t.passcode} is null or (length(${t.passcode}) between `,
        sql`${sql.raw(String(PASSCODE_MIN))} and ${sql.raw(String(PASSCODE_MAX))} and `,
        sql`${t.passcode} !~ '[^A-Za-z0-9@*_-]')`,
      ]),
    ),
    // SPEC §3: join before host needs a passcode; every room has a passcode or a waiting room.
    check("rooms_jbh_needs_passcode", sql`not ${t.joinBeforeHost} or ${t.passcode} is not null`),
    check("rooms_passcode_or_waiting_room", sql`${t.passcode} is not null or ${t.waitingRoom}`),
  ],
);

export const roomHolds = pgTable(
  "room_holds",
  {
    kind: text("kind", { enum: ["pmi", "link"] }).notNull(),
    value: text("value").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.value] }),
    check("room_holds_kind_check", sql`${t.kind} in ('pmi', 'link')`),
  ],
);

export const roomChanges = pgTable(
  "room_changes",
  {
    id: id(),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["created", "updated", "secured"] }).notNull(),
    changes: jsonb("changes").$type<RoomChange[]>().notNull(),
    at: instant("at").notNull().defaultNow(),
  },
  (t) => [index("room_changes_room_at").on(t.roomId, t.at)],
);

// rate-limiter-flexible's own layout (RateLimiterPostgres): `expire` is epoch milliseconds, past int4's range.
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});

export const helpVotes = pgTable(
  "help_votes",
  {
    id: id(),
    page: text("page").notNull(),
    visitor: text("visitor").notNull(),
    day: text("day").notNull(),
    helpful: boolean("helpful").notNull(),
    at: instant("at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("help_votes_once_a_day").on(t.page, t.visitor, t.day), index("help_votes_page").on(t.page)],
);

export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id"),
    usesPmi: boolean("uses_pmi").notNull().default(false),
    title: text("title").notNull(),
    localStart: text("local_start").notNull(),
    startsAt: instant("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    timeZone: text("time_zone").notNull(),
    recurrence: jsonb("recurrence").$type<Recurrence>(),
    endsAt: instant("ends_at").notNull(),
    passcode: text("passcode"),
    waitingRoom: boolean("waiting_room").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("meetings_meeting_id_unique").on(t.meetingId),
    index("meetings_user_ends").on(t.userId, t.endsAt),
    check(
      "meetings_id_kind",
      sql.join([
        sql`(${t.usesPmi} and ${t.meetingId} is null) or `,
        sql`(not ${t.usesPmi} and length(${t.meetingId}) = 11 and ${t.meetingId} !~ '[^0-9]')`,
      ]),
    ),
    check("meetings_regular_passcode", sql`${t.usesPmi} or ${t.passcode} is not null`),
    check("meetings_duration", sql`${t.durationMinutes} between 15 and 1440`),
  ],
);

export const roomChangesRelations = relations(roomChanges, ({ one }) => ({
  actor: one(users, { fields: [roomChanges.actorId], references: [users.id] }),
  room: one(rooms, { fields: [roomChanges.roomId], references: [rooms.id] }),
}));

// Append-only: a trigger (the custom migration after this table's) refuses every UPDATE and DELETE.
export const supportAccessLog = pgTable(
  "support_access_log",
  {
    id: id(),
    supportUserId: integer("support_user_id")
      .notNull()
      .references(() => users.id),
    targetUserId: integer("target_user_id").references(() => users.id),
    query: text("query").notNull(),
    action: text("action", { enum: ["lookup", "secure", "send"] })
      .notNull()
      .default("lookup"),
    at: instant("at").notNull().defaultNow(),
  },
  (t) => [index("support_access_log_at").on(t.at)],
);

export const liveSessions = pgTable("live_sessions", {
  key: text("key").primaryKey(),
  roomId: integer("room_id")
    .notNull()
    .references(() => rooms.id, { onDelete: "cascade" }),
  startedAt: instant("started_at"),
  locked: boolean("locked").notNull().default(false),
});

export const attendees = pgTable(
  "attendees",
  {
    id: id(),
    key: text("key").notNull(),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: ["waiting", "admitted", "removed"] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("attendees_key_token").on(t.key, t.tokenHash), index("attendees_room").on(t.roomId, t.status)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: instant("last_seen_at").notNull().defaultNow(),
    idpSid: text("idp_sid"),
    idToken: text("id_token"),
  },
  (t) => [
    index("sessions_user").on(t.userId),
    index("sessions_last_seen").on(t.lastSeenAt),
    index("sessions_idp_sid").on(t.idpSid),
  ],
);

export const ssoIdentities = pgTable(
  "sso_identities",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
    lastSignInAt: instant("last_sign_in_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sso_identities_issuer_subject_unique").on(t.issuer, t.subject),
    index("sso_identities_user").on(t.userId),
  ],
);

export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    kind: text("kind", {
      enum: ["room-changed", "passcode-changed", "room-secured", "password-changed", "new-sign-in", "answer-sent"],
    }).notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    recipient: text("recipient").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: instant("not_before").notNull(),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    claimedBy: text("claimed_by"),
    claimedUntil: instant("claimed_until"),
    sentAt: instant("sent_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_burst").on(t.recipient, t.kind, t.status),
    // What was sent to one account, for the support look-up card.
    index("outbox_user").on(t.userId, t.id),
    check(
      "outbox_kind_check",
      sql`${t.kind} in ('room-changed', 'passcode-changed', 'room-secured', 'password-changed', 'new-sign-in', 'answer-sent')`,
    ),
    check("outbox_status_check", sql`${t.status} in ('pending', 'sending', 'sent', 'failed')`),
  ],
);
