import { parseEnv } from "@/lib/server/env";

/** The one setting every start needs, for tests that read settings through parseEnv. */
export const BASE_SETTINGS = { AUTH_SECRET: "x".repeat(40) };

/** The problems parseEnv reports for these settings (each names its variable), or "" when there are none. */
export function settingsProblems(source: Record<string, string>): string {
  try {
    parseEnv({ ...BASE_SETTINGS, ...source });
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}
