import { beforeAll } from "vitest";
import { emptiedPglite } from "./temp-pg";

// PGlite takes seconds to start, more on a busy machine: once per file, before the tests and their timeouts.
beforeAll(async () => void (await emptiedPglite()), 180_000);
