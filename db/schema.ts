// The tables every caller imports. SQLite's for now; db/postgres/schema.ts mirrors them, kept equal by a test.
export * from "./sqlite/schema";
