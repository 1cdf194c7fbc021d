import { relations, sql } from "drizzle-orm";
import { LINK_MAX, LINK_MIN, PASSCODE_MAX, PASSCODE_MIN } from "@/lib/validation/limits";
import type { Recurrence } from "@/lib/validation/meeting";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch('subsec') * 1000)`;
const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull().default(now);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(now)
    .$onUpdate(() => new Date());

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    // Null for an account that signs in only through the identity provider (sso_identities).
    passwordHash: text("password_hash"),
    role: text("role", { enum: ["owner", "support"] })
      .notNull()
      .default("owner"),
    // No longer read: each session has a row in `sessions` (below), which sign-outs delete.
    // Left for a later migration to drop.
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

export const rooms = sqliteTable(
  "rooms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pmi: text("pmi").notNull(),
    link: text("link").notNull(),
    passcode: text("passcode"),
    joinBeforeHost: integer("join_before_host", { mode: "boolean" }).notNull().default(false),
    waitingRoom: integer("waiting_room", { mode: "boolean" }).notNull().default(true),
    securedAt: integer("secured_at", { mode: "timestamp_ms" }),
    securedBy: integer("secured_by").references(() => users.id, { onDelete: "set null" }),
    // Signed into every guest's per-room token; "Secure my room" bumps it, which voids them all at once.
    guestEpoch: integer("guest_epoch").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("rooms_user_unique").on(t.userId),
    uniqueIndex("rooms_pmi_unique").on(t.pmi),
    uniqueIndex("rooms_link_lower_unique").on(sql`lower(${t.link})`),
    check(
      "rooms_pmi_format",
      sql`length(${t.pmi}) = 10 and ${t.pmi} not glob '*[^0-9]*' and substr(${t.pmi}, 1, 1) between '2' and '9'`,
    ),
    check(
      "rooms_link_format",
      sql.join([
        sql`length(${t.link}) between ${sql.raw(String(LINK_MIN))} and ${sql.raw(String(LINK_MAX))} and `,
        sql`${t.link} = lower(${t.link}) and ${t.link} not glob '*[^a-z0-9.]*' and ${t.link} glob '[a-z]*' and `,
        sql`${t.link} not like '%..%' and ${t.link} not like '%.'`,
      ]),
    ),
    check(
      "rooms_passcode_format",
      sql.join([
        sql`${t.passcode} is null or (length(${t.passcode}) between `,
        sql`${sql.raw(String(PASSCODE_MIN))} and ${sql.raw(String(PASSCODE_MAX))} and `,
        sql`${t.passcode} not glob '*[^A-Za-z0-9@*_-]*')`,
      ]),
    ),
    // SPEC §3: join before host needs a passcode; every room has a passcode or a waiting room.
    check("rooms_jbh_needs_passcode", sql`${t.joinBeforeHost} = 0 or ${t.passcode} is not null`),
    check("rooms_passcode_or_waiting_room", sql`${t.passcode} is not null or ${t.waitingRoom} = 1`),
  ],
);

/** A released PMI or link, held for its previous owner for 30 days (SPEC §3). */
export const roomHolds = sqliteTable(
  "room_holds",
  {
    kind: text("kind", { enum: ["pmi", "link"] }).notNull(),
    value: text("value").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.value] }),
    check("room_holds_kind_check", sql`${t.kind} in ('pmi', 'link')`),
  ],
);

/** Room history: who changed what, when. Secret values (the passcode) are recorded as changed, never stored. */
export const roomChanges = sqliteTable(
  "room_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["created", "updated", "secured"] }).notNull(),
    changes: text("changes", { mode: "json" }).$type<RoomChange[]>().notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("room_changes_room_at").on(t.roomId, t.at)],
);

export type RoomChange = { field: string; from?: string | boolean | null; to?: string | boolean | null };

/** Counters for rate-limiter-flexible's RateLimiterSQLite (its own column layout). */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Room = typeof rooms.$inferSelect;
export type NewRoom = typeof rooms.$inferInsert;
export type RoomChangeRow = typeof roomChanges.$inferSelect;

/** "Was this helpful?" answers: one a visitor a page a day (the visitor is a digest of a random cookie). */
export const helpVotes = sqliteTable(
  "help_votes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    page: text("page").notNull(),
    visitor: text("visitor").notNull(),
    day: text("day").notNull(),
    helpful: integer("helpful", { mode: "boolean" }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [uniqueIndex("help_votes_once_a_day").on(t.page, t.visitor, t.day), index("help_votes_page").on(t.page)],
);

export type HelpVote = typeof helpVotes.$inferSelect;

/**
 * Scheduled meetings. A regular meeting owns a generated 11-digit ID and always a passcode; a meeting on the
 * PMI stores no number at all and points at the room, so it follows the PMI when the owner changes it.
 */
export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id"),
    usesPmi: integer("uses_pmi", { mode: "boolean" }).notNull().default(false),
    title: text("title").notNull(),
    /** The wall-clock start as typed (YYYY-MM-DDTHH:mm) in `timeZone`; `startsAt` is the same instant in UTC. */
    localStart: text("local_start").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    timeZone: text("time_zone").notNull(),
    /** How the series repeats (lib/validation Recurrence), null for a one-time meeting. */
    recurrence: text("recurrence", { mode: "json" }).$type<Recurrence>(),
    /** When the last occurrence ends (UTC), so "past" is one comparison. */
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    passcode: text("passcode"),
    waitingRoom: integer("waiting_room", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("meetings_meeting_id_unique").on(t.meetingId),
    index("meetings_user_ends").on(t.userId, t.endsAt),
    check(
      "meetings_id_kind",
      sql.join([
        sql`(${t.usesPmi} = 1 and ${t.meetingId} is null) or `,
        sql`(${t.usesPmi} = 0 and length(${t.meetingId}) = 11 and ${t.meetingId} not glob '*[^0-9]*')`,
      ]),
    ),
    check("meetings_regular_passcode", sql`${t.usesPmi} = 1 or ${t.passcode} is not null`),
    check("meetings_duration", sql`${t.durationMinutes} between 15 and 1440`),
  ],
);

export type Meeting = typeof meetings.$inferSelect;

export const roomChangesRelations = relations(roomChanges, ({ one }) => ({
  actor: one(users, { fields: [roomChanges.actorId], references: [users.id] }),
  room: one(rooms, { fields: [roomChanges.roomId], references: [rooms.id] }),
}));

/** Who looked up whom, and when. Append-only: triggers (migration 0004) refuse every UPDATE and DELETE. */
export const supportAccessLog = sqliteTable(
  "support_access_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    supportUserId: integer("support_user_id")
      .notNull()
      .references(() => users.id),
    targetUserId: integer("target_user_id").references(() => users.id),
    query: text("query").notNull(),
    action: text("action", { enum: ["lookup", "secure", "send"] })
      .notNull()
      .default("lookup"),
    at: integer("at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("support_access_log_at").on(t.at)],
);

/**
 * A meeting in progress, keyed `room:<id>` (the personal room) or `meeting:<id>` (a scheduled meeting),
 * so every server process sees the same state.
 */
export const liveSessions = sqliteTable("live_sessions", {
  key: text("key").primaryKey(),
  roomId: integer("room_id")
    .notNull()
    .references(() => rooms.id, { onDelete: "cascade" }),
  startedAt: integer("started_at", { mode: "timestamp_ms" }),
  locked: integer("locked", { mode: "boolean" }).notNull().default(false),
});

/** A guest who got past the passcode: waiting, admitted or removed. The browser holds a token; we keep its digest. */
export const attendees = sqliteTable(
  "attendees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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

export type Attendee = typeof attendees.$inferSelect;
export type LiveSession = typeof liveSessions.$inferSelect;

/**
 * A signed-in session (SPEC §2). The token carries a random id; the table keeps only its SHA-256 digest, so a
 * copy of the table signs nobody in. Signing out deletes the row, which ends every copy of the cookie.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    // Written at most once an hour per session (lib/sessions.ts), so reading a session rarely writes.
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull().default(now),
    // A single sign-on session: the provider's session id (its back-channel logout may name it) and the ID token,
    // sent back as id_token_hint when signing out at the provider. Never leaves the server.
    idpSid: text("idp_sid"),
    idToken: text("id_token"),
  },
  (t) => [
    index("sessions_user").on(t.userId),
    index("sessions_last_seen").on(t.lastSeenAt),
    index("sessions_idp_sid").on(t.idpSid),
  ],
);

export type Session = typeof sessions.$inferSelect;

/**
 * An account's identity at an OpenID provider: (issuer, subject) is the key, never the email, which the
 * provider may change or reuse.
 */
export const ssoIdentities = sqliteTable(
  "sso_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
    lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("sso_identities_issuer_subject_unique").on(t.issuer, t.subject),
    index("sso_identities_user").on(t.userId),
  ],
);

export type SsoIdentity = typeof ssoIdentities.$inferSelect;

/**
 * Mail waiting to go, written in the same transaction as the change that causes it (lib/mail/outbox.ts). The
 * sender (lib/mail/sender.ts) claims due rows for a while (claimed_until, a lease a crashed sender's claim runs out
 * of), sends them, and marks them sent, or pending again with a later next_attempt_at, or failed.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", {
      enum: ["room-changed", "passcode-changed", "room-secured", "password-changed", "new-sign-in", "answer-sent"],
    }).notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    recipient: text("recipient").notNull(),
    // What happened, rendered into a message at delivery, so several rows of a burst become one message.
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: integer("not_before", { mode: "timestamp_ms" }).notNull(),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    claimedBy: text("claimed_by"),
    claimedUntil: integer("claimed_until", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
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

export type OutboxRow = typeof outbox.$inferSelect;
export type MailKind = OutboxRow["kind"];
