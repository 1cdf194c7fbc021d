// Rows that each engine's constraints must refuse alike (SPEC §3 and the rest of the schema's rules).

export type Row = Record<string, string | number | boolean | Date | null>;
export type Kind = "check" | "unique" | "foreign key";
export type Engine = {
  name: "SQLite" | "PostgreSQL";
  exec: (sql: string) => Promise<void>;
  run: (sql: string, params: unknown[]) => Promise<void>;
  /** What the engine's error says when `constraint` refuses a row. */
  expected: (kind: Kind, constraint: string) => string;
  describe: (error: unknown) => string;
};

const day = new Date("2026-01-05T09:00:00Z");
const later = new Date("2026-01-05T10:00:00Z");

const ada = { email: "ada@example.edu", name: "Ada Lovelace", password_hash: "x" };
const adaRoom = {
  user_id: 1,
  pmi: "4155550134",
  link: "ada.lovelace",
  passcode: "Abc@12_-",
  join_before_host: false,
  waiting_room: true,
};
const meeting = {
  user_id: 1,
  room_id: 1,
  meeting_id: "81234567890",
  uses_pmi: false,
  title: "Class",
  local_start: "2026-01-05T09:00",
  starts_at: day,
  duration_minutes: 60,
  time_zone: "UTC",
  ends_at: later,
  passcode: "abcdef12",
};
const vote = { page: "faq", visitor: "v1", day: "2026-01-05", helpful: true };
const attendee = { key: "room:1", room_id: 1, name: "Guest", token_hash: "t1", status: "waiting" };

/** Committed before the cases: Ada (user 1) with her room, a meeting, a vote, a guest; Grace (user 2). */
export const SETUP: [string, Row][] = [
  ["users", ada],
  ["users", { ...ada, email: "grace@example.edu", name: "Grace Hopper" }],
  ["rooms", adaRoom],
  ["meetings", meeting],
  ["help_votes", vote],
  ["attendees", attendee],
  ["support_access_log", { support_user_id: 2, target_user_id: 1, query: "ada@example.edu" }],
];

/** A good row goes in; the same row with `bad` applied is refused by `constraint`. */
export type Case = { why: string; table: string; good: Row; bad: Row; kind: Kind; constraint: string };

const graceRoom = { ...adaRoom, user_id: 2, pmi: "6505550199", link: "grace.hopper" };
const room = (why: string, bad: Row, constraint: string, kind: Kind = "check"): Case => ({
  why,
  table: "rooms",
  good: graceRoom,
  bad,
  kind,
  constraint,
});
const regular = { ...meeting, meeting_id: "81234567891" };
const meetingCase = (why: string, bad: Row, constraint: string, kind: Kind = "check"): Case => ({
  why,
  table: "meetings",
  good: regular,
  bad,
  kind,
  constraint,
});
const user = { email: "carol@example.edu", name: "Carol", password_hash: "x" };
const mail = {
  kind: "room-changed",
  user_id: 1,
  recipient: ada.email,
  payload: "{}",
  not_before: day,
  next_attempt_at: day,
};

export const CASES: Case[] = [
  room("join before host without a passcode", { passcode: null, join_before_host: true }, "rooms_jbh_needs_passcode"),
  room(
    "neither a passcode nor a waiting room",
    { passcode: null, waiting_room: false },
    "rooms_passcode_or_waiting_room",
  ),
  room("a PMI starting with 1", { pmi: "1505550199" }, "rooms_pmi_format"),
  room("a PMI with a letter", { pmi: "65055501a9" }, "rooms_pmi_format"),
  room("a PMI of 9 digits", { pmi: "650555019" }, "rooms_pmi_format"),
  room("a link with a capital", { link: "Grace.hopper" }, "rooms_link_format"),
  room("a link with ..", { link: "grace..hopper" }, "rooms_link_format"),
  room("a link ending in .", { link: "grace." }, "rooms_link_format"),
  room("a link starting with a digit", { link: "1grace" }, "rooms_link_format"),
  room("a link of 4 characters", { link: "grac" }, "rooms_link_format"),
  room("a link with _", { link: "grace_hopper" }, "rooms_link_format"),
  room("a passcode of 5 characters", { passcode: "abc12" }, "rooms_passcode_format"),
  room("a passcode with a space", { passcode: "abc 1234" }, "rooms_passcode_format"),
  room("a passcode with a letter outside ASCII", { passcode: "pässcode1" }, "rooms_passcode_format"),
  room("a PMI in use", { pmi: adaRoom.pmi }, "rooms_pmi_unique", "unique"),
  room("a link in use", { link: adaRoom.link }, "rooms_link_lower_unique", "unique"),
  room("a second room for one account", { user_id: 1 }, "rooms_user_unique", "unique"),
  room("a room for no account", { user_id: 99 }, "rooms_user_id_users_id_fk", "foreign key"),
  {
    why: "an email not in lower case",
    table: "users",
    good: user,
    bad: { email: "Carol@example.edu" },
    kind: "check",
    constraint: "users_email_lower_check",
  },
  {
    why: "a role that does not exist",
    table: "users",
    good: user,
    bad: { role: "admin" },
    kind: "check",
    constraint: "users_role_check",
  },
  {
    why: "an email in use",
    table: "users",
    good: user,
    bad: { email: ada.email },
    kind: "unique",
    constraint: "users_email_lower_unique",
  },
  {
    why: "a hold on something else than a PMI or link",
    table: "room_holds",
    good: { kind: "pmi", value: "4155550135", user_id: 1, expires_at: later },
    bad: { kind: "meeting" },
    kind: "check",
    constraint: "room_holds_kind_check",
  },
  meetingCase("a regular meeting without a passcode", { passcode: null }, "meetings_regular_passcode"),
  meetingCase("a regular meeting ID of 10 digits", { meeting_id: "8123456789" }, "meetings_id_kind"),
  meetingCase("a regular meeting ID with a letter", { meeting_id: "8123456789a" }, "meetings_id_kind"),
  meetingCase("a meeting on the PMI with an ID of its own", { uses_pmi: true }, "meetings_id_kind"),
  meetingCase("a meeting of 10 minutes", { duration_minutes: 10 }, "meetings_duration"),
  meetingCase("a meeting of a day and a minute", { duration_minutes: 1441 }, "meetings_duration"),
  meetingCase("a meeting ID in use", { meeting_id: meeting.meeting_id }, "meetings_meeting_id_unique", "unique"),
  {
    why: "a second vote on one page in a day",
    table: "help_votes",
    good: { ...vote, day: "2026-01-06" },
    bad: { day: vote.day },
    kind: "unique",
    constraint: "help_votes_once_a_day",
  },
  {
    why: "a guest token used twice in one meeting",
    table: "attendees",
    good: { ...attendee, token_hash: "t2" },
    bad: { token_hash: attendee.token_hash },
    kind: "unique",
    constraint: "attendees_key_token",
  },
  {
    why: "mail of a kind that does not exist",
    table: "outbox",
    good: mail,
    bad: { kind: "newsletter" },
    kind: "check",
    constraint: "outbox_kind_check",
  },
  {
    why: "mail in a state that does not exist",
    table: "outbox",
    good: mail,
    bad: { status: "lost" },
    kind: "check",
    constraint: "outbox_status_check",
  },
  {
    why: "mail for no account",
    table: "outbox",
    good: mail,
    bad: { user_id: 99 },
    kind: "foreign key",
    constraint: "outbox_user_id_users_id_fk",
  },
];

/** Statements the support access log refuses; TRUNCATE exists only on PostgreSQL. */
export const TRIGGER_CASES: { sql: string; engines: Engine["name"][] }[] = [
  { sql: "update support_access_log set query = 'changed'", engines: ["SQLite", "PostgreSQL"] },
  { sql: "delete from support_access_log", engines: ["SQLite", "PostgreSQL"] },
  { sql: "truncate support_access_log", engines: ["PostgreSQL"] },
];
