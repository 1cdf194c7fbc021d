import { databaseUrl } from "@/lib/server/env";
import * as postgres from "./postgres/schema";
import * as sqlite from "./sqlite/schema";

// The tables of the engine in use, chosen once at load from DATABASE_URL, as db() chooses its client. They are
// typed as SQLite's: both engines' tables have the same names and row types (tests/unit/schema-parity.test.ts),
// so each query is type-checked once and runs on either engine.
const tables = databaseUrl()
  ? (postgres satisfies Record<keyof typeof sqlite, unknown> as unknown as typeof sqlite)
  : sqlite;

export const {
  users,
  rooms,
  roomHolds,
  roomChanges,
  rateLimits,
  helpVotes,
  meetings,
  roomChangesRelations,
  supportAccessLog,
  liveSessions,
  attendees,
  sessions,
  ssoIdentities,
  outbox,
} = tables;

export type {
  Attendee,
  HelpVote,
  MailKind,
  LiveSession,
  Meeting,
  NewRoom,
  NewUser,
  OutboxRow,
  Room,
  RoomChange,
  RoomChangeRow,
  Session,
  SsoIdentity,
  User,
} from "./sqlite/schema";
