import type { TestProject } from "vitest/node";
import { startCluster } from "./pg-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { url: string } | { problem: string };
  }
}

/** One PostgreSQL server for the postgres project's run; each test makes its own database on it. */
export default async function setup(project: TestProject) {
  try {
    const cluster = await startCluster();
    project.provide("postgres", { url: cluster.url("postgres") });
    return () => cluster.stop();
  } catch (error) {
    // Only the tests that need the server fail, each with this message; the others still run.
    project.provide("postgres", { problem: (error as Error).message });
  }
}
