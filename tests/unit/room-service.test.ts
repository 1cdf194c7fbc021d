import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { roomHolds, rooms } from "@/db/schema";
import { roomHistory } from "@/lib/room/queries";
import { changeIdentity, changeSettings, secureRoom } from "@/lib/room/service";
import { createUserWithRoom } from "@/lib/auth/users";
import { generatePmi, linkProblems, pmiProblems } from "@/lib/validation";
import { tempDatabase } from "../support/temp-db";

async function setup() {
  const { db } = await tempDatabase();
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  const grace = await createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "x" });
  const support = await createUserWithRoom(db, {
    email: "support@example.edu",
    name: "Support Desk",
    passwordHash: "x",
    role: "support",
  });
  const room = async (userId: number) => (await db.select().from(rooms).where(eq(rooms.userId, userId)))[0]!;
  return { db, ada, grace, support, room };
}

describe("changing the PMI and link", () => {
  it("holds the old values for their owner for 30 days: others are refused, the owner can take them back", async () => {
    const { db, ada, grace, room } = await setup();
    const old = await room(ada.id);
    const next = { pmi: generatePmi(), link: "ada.new.room" };
    expect(await changeIdentity(db, ada.id, ada.id, next)).toMatchObject({ ok: true });
    expect(await changeIdentity(db, grace.id, grace.id, { pmi: old.pmi, link: (await room(grace.id)).link })).toEqual({
      ok: false,
      refusals: [{ field: "pmi", rule: "pmi-in-use" }],
    });
    expect(
      await changeIdentity(db, grace.id, grace.id, {
        pmi: (await room(grace.id)).pmi,
        link: "ADA.LOVELACE".toLowerCase(),
      }),
    ).toEqual({ ok: false, refusals: [{ field: "link", rule: "link-in-use" }] });
    expect(await changeIdentity(db, ada.id, ada.id, { pmi: old.pmi, link: old.link })).toMatchObject({ ok: true });
    expect(await room(ada.id)).toMatchObject({ pmi: old.pmi, link: old.link });
  });

  it("frees a value once its hold has expired", async () => {
    const { db, ada, grace, room } = await setup();
    const old = await room(ada.id);
    await changeIdentity(db, ada.id, ada.id, { pmi: generatePmi(), link: old.link });
    await db.update(roomHolds).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(
      await changeIdentity(db, grace.id, grace.id, { pmi: old.pmi, link: (await room(grace.id)).link }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("is all or nothing: a taken link keeps the free PMI from being saved too", async () => {
    const { db, ada, grace, room } = await setup();
    const before = await room(grace.id);
    const outcome = await changeIdentity(db, grace.id, grace.id, {
      pmi: generatePmi(),
      link: (await room(ada.id)).link,
    });
    expect(outcome.ok).toBe(false);
    expect(await room(grace.id)).toEqual(before);
  });

  it("records old and new values in the history", async () => {
    const { db, ada, room } = await setup();
    const old = await room(ada.id);
    const pmi = generatePmi();
    await changeIdentity(db, ada.id, ada.id, { pmi, link: old.link });
    const [latest] = await roomHistory(db, old.id);
    expect(latest).toMatchObject({
      changes: [{ field: "pmi", from: old.pmi, to: pmi }],
      actor: { name: "Ada Lovelace" },
    });
  });
});

describe("settings", () => {
  it("refuses the dependent-settings rules and never writes a passcode into the history", async () => {
    const { db, ada, room } = await setup();
    expect(
      await changeSettings(db, ada.id, ada.id, { passcode: null, joinBeforeHost: true, waitingRoom: true }),
    ).toMatchObject({ ok: false });
    expect(
      await changeSettings(db, ada.id, ada.id, { passcode: "Secret_99", joinBeforeHost: true, waitingRoom: false }),
    ).toMatchObject({ ok: true });
    const history = JSON.stringify(await roomHistory(db, (await room(ada.id)).id));
    expect(history).not.toContain("Secret_99");
    expect(history).toContain('"field":"passcode"');
  });
});

describe("secure my room", () => {
  it("replaces PMI, link and passcode, turns the waiting room on and join before host off", async () => {
    const { db, ada, room } = await setup();
    await changeSettings(db, ada.id, ada.id, { passcode: "Secret_99", joinBeforeHost: true, waitingRoom: false });
    const before = await room(ada.id);
    const after = await secureRoom(db, ada.id, ada.id);
    expect(after.pmi).not.toBe(before.pmi);
    expect(pmiProblems(after.pmi)).toEqual([]);
    expect(after.link).toMatch(/^ada\.lovelace\.[a-z]{6}$/);
    expect(linkProblems(after.link)).toEqual([]);
    expect(after.passcode).not.toBe("Secret_99");
    expect(after).toMatchObject({ waitingRoom: true, joinBeforeHost: false, securedAt: null });
  });

  it("run by support, it says so on the room and in the history", async () => {
    const { db, ada, support, room } = await setup();
    await secureRoom(db, ada.id, support.id);
    expect((await room(ada.id)).securedBy).toBe(support.id);
    const [latest] = await roomHistory(db, (await room(ada.id)).id);
    expect(latest).toMatchObject({ kind: "secured", actor: { name: "Support Desk", role: "support" } });
  });
});
