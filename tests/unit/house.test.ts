import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// README "House": the import rules are enforced by `npm run lint`. Each case lints a file at a path in the
// tree (the file need not exist) and expects the house rule to accept or refuse its imports.
const eslint = new ESLint({ cwd: process.cwd() });

async function houseErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "house/imports").map((m) => m.message);
}

// Loading the lint config (Next's plugins, TypeScript's parser) takes seconds; do it once, with room to spare.
beforeAll(() => houseErrors("lib/validation/warm-up.ts", "export const x = 1;\n"), 60_000);

describe("the house import rules", () => {
  it("refuse a page that reads the database or calls a service", async () => {
    expect(
      await houseErrors("app/(account)/room/example.tsx", 'import { db } from "@/db";\nexport const x = db;\n'),
    ).toHaveLength(1);
    expect(
      await houseErrors(
        "app/(account)/room/example.tsx",
        'import { secureRoom } from "@/lib/room/service";\nexport const x = secureRoom;\n',
      ),
    ).toHaveLength(1);
    expect(
      await houseErrors(
        "app/(account)/room/example.tsx",
        'import { myRoom } from "@/lib/room/queries";\nexport const x = myRoom;\n',
      ),
    ).toEqual([]);
  });

  it("keep client components to rules, actions and shared UI", async () => {
    const client = (line: string) =>
      houseErrors("app/(account)/room/example.tsx", `"use client";\n${line}\nexport const x = 1;\n`);
    expect(await client('import { myRoom } from "@/lib/room/queries";')).toHaveLength(1);
    expect(await client('import { secureMyRoom } from "@/lib/room/actions";')).toEqual([]);
    expect(await client('import type { Room } from "@/db/schema";')).toEqual([]);
  });

  it("keep lib/validation to zod, and db/ away from features", async () => {
    expect(
      await houseErrors(
        "lib/validation/example.ts",
        'import { db } from "@/db";\nimport { z } from "zod";\nexport const x = [db, z];\n',
      ),
    ).toHaveLength(1);
    expect(
      await houseErrors("lib/validation/example.ts", 'import fs from "node:fs";\nexport const x = fs;\n'),
    ).toHaveLength(1);
    expect(
      await houseErrors(
        "db/example.ts",
        'import { secureRoom } from "@/lib/room/service";\nexport const x = secureRoom;\n',
      ),
    ).toHaveLength(1);
  });

  it("let an action call its own service but not another feature's, nor the schema", async () => {
    const action = (line: string) => houseErrors("lib/support/actions.ts", `${line}\nexport const x = 1;\n`);
    expect(await action('import { secureUserRoom } from "@/lib/support/service";')).toEqual([]);
    expect(await action('import { secureRoom } from "@/lib/room/service";')).toHaveLength(1);
    expect(await action('import { rooms } from "@/db/schema";')).toHaveLength(1);
  });
});
