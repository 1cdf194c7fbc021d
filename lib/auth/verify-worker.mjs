// One sign-in verifier, run by lib/auth/verify-pool.ts as a child process at the lowest CPU priority. Plain
// JavaScript run by node as it is: no bundler touches it, so it imports only what node itself can load.
import { verifySync } from "@node-rs/argon2";

// The server exited, crashed or was killed: nobody is left to answer, so no verifier outlives it.
process.on("disconnect", () => process.exit(0));

process.on("message", (message) => {
  const { id, hash, password } = message;
  let ok = false;
  try {
    // Synchronous on purpose: on Linux the lowered priority reaches this main thread, not threads started before.
    ok = verifySync(hash, password);
  } catch {
    ok = false; // a malformed stored hash matches no password
  }
  if (process.connected) process.send({ id, ok });
});
