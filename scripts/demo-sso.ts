import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startLocalIdp } from "./local-idp";

export const DEMO_SSO_NAME = "Example University";

/**
 * The demo's single sign-on: a local OpenID provider in this process, on `ssoPort`, with Roomdesk (on `port`) as
 * its one client, and the OIDC_* settings that point Roomdesk at it. The client secret is made once and kept in
 * `dataDir`. Returns what to tell the person running the demo, or undefined when it could not start.
 */
export async function startDemoSso(dataDir: string, port: string, ssoPort: number): Promise<string | undefined> {
  const secretFile = path.join(dataDir, "sso-client-secret");
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  const clientSecret = fs.readFileSync(secretFile, "utf8").trim();
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  try {
    const idp = await startLocalIdp({
      port: ssoPort,
      name: DEMO_SSO_NAME,
      clients: [
        {
          clientId: "roomdesk-demo",
          clientSecret,
          redirectUris: origins.map((origin) => `${origin}/api/auth/callback/oidc`),
          postLogoutRedirectUris: origins.flatMap((origin) => [`${origin}/`, `${origin}/signin`]),
          backchannelLogoutUri: `http://127.0.0.1:${port}/api/auth/backchannel-logout`,
        },
      ],
    });
    Object.assign(process.env, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: "roomdesk-demo",
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_NAME: DEMO_SSO_NAME,
      OIDC_SUPPORT_GROUPS: "roomdesk-support",
    });
    return (
      `Sign in with ${DEMO_SSO_NAME}: any login name and password at the provider's page; ` +
      `a login beginning with "support" is support staff.`
    );
  } catch (error) {
    console.warn(
      `The local OpenID provider could not start on port ${ssoPort} (${error instanceof Error ? error.message : error}); ` +
        "Roomdesk runs without it. Set DEMO_SSO_PORT to another port, or DEMO_SSO=off.",
    );
    return undefined;
  }
}
