// Runs once when a server process starts: refuse to start without a secret, then bring the database
// schema up to date (safe when several processes start at once; see db/migrate.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("@/lib/server/startup");
  await startServer();
}
