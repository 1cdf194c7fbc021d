import { parseArgs } from "node:util";
import { db } from "@/db";
import { migrate } from "@/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { createUserWithRoom, userByEmail } from "@/lib/auth/users";
import { emailSchema, nameSchema, newPasswordSchema, roleSchema } from "@/lib/validation/account";

// Creates a real account (with its room). The password comes from ROOMDESK_PASSWORD or is generated and
// printed once, so it never sits in shell history.
const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "owner" } },
});

function fail(message: string): never {
  console.error(message);
  console.error('Usage: npm run user:add -- --email someone@example.org --name "Their Name" [--role support]');
  process.exit(1);
}

const email = emailSchema.safeParse(values.email ?? "");
const name = nameSchema.safeParse(values.name ?? "");
const role = roleSchema.safeParse(values.role);
if (!email.success) fail("--email: enter a valid email address.");
if (!name.success) fail("--name: enter a name.");
if (!role.success) fail("--role: use owner or support.");

const generated = !process.env.ROOMDESK_PASSWORD;
const password =
  process.env.ROOMDESK_PASSWORD ?? Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
const checked = newPasswordSchema.safeParse(password);
if (!checked.success) fail(`ROOMDESK_PASSWORD: ${checked.error.issues[0]?.message}`);

const database = db();
await migrate(database);
if (await userByEmail(database, email.data)) fail(`An account with ${email.data} already exists.`);
const user = await createUserWithRoom(database, {
  email: email.data,
  name: name.data,
  role: role.data,
  passwordHash: await hashPassword(password),
});
console.log(`Created ${user.role} account ${user.email} (${user.name}).`);
if (generated) console.log(`Temporary password: ${password}\nAsk them to change it at /account after signing in.`);
