import type { Adapter, AdapterPayload } from "oidc-provider";

type Entry = { payload: AdapterPayload; expiresAt: number };

// The models whose rows die with their grant, as in oidc-provider's own in-memory adapter.
const GRANTABLE = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
]);

/**
 * The provider's state in memory, one store per provider. Unlike oidc-provider's own in-memory adapter, it can be
 * read by account, so the test controls can name the sessions (sid) someone has open.
 */
export function memoryStore() {
  const entries = new Map<string, Entry>();

  function read(key: string): AdapterPayload | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  function findWhere(model: string, test: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const key of entries.keys()) {
      const payload = key.startsWith(`${model}:`) ? read(key) : undefined;
      if (payload && test(payload)) return payload;
    }
    return undefined;
  }

  function adapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
        entries.set(key(id), { payload, expiresAt });
      },
      async find(id) {
        return read(key(id));
      },
      async findByUid(uid) {
        return findWhere(model, (payload) => payload.uid === uid);
      },
      async findByUserCode(userCode) {
        return findWhere(model, (payload) => payload.userCode === userCode);
      },
      async consume(id) {
        const payload = read(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [name, entry] of entries) {
          if (GRANTABLE.has(name.slice(0, name.indexOf(":"))) && entry.payload.grantId === grantId)
            entries.delete(name);
        }
      },
    };
  }

  /**
   * The sessions open for an account, latest sign-in first: one sid per client it signed in to, as that client's
   * tokens carry it.
   */
  function sessionsOf(accountId: string): Array<{ clientId: string; sid: string }> {
    const found: Array<{ clientId: string; sid: string; loginTs: number }> = [];
    for (const key of [...entries.keys()]) {
      const payload = key.startsWith("Session:") ? read(key) : undefined;
      if (payload?.accountId !== accountId) continue;
      for (const [clientId, authorization] of Object.entries(payload.authorizations ?? {})) {
        if (authorization.sid) found.push({ clientId, sid: authorization.sid, loginTs: payload.loginTs ?? 0 });
      }
    }
    return found.sort((a, b) => b.loginTs - a.loginTs).map(({ clientId, sid }) => ({ clientId, sid }));
  }

  return { adapter, sessionsOf };
}
