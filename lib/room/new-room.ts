import type { RoomChange } from "@/db/schema";
import { generatePasscode, generatePmi, linkFromName, numberedLink } from "@/lib/validation/generate";

type Free = (value: string) => boolean | Promise<boolean>;

/**
 * A new account's room (SPEC §3): a generated PMI and passcode, the waiting room on, join before host off,
 * and a link made from the owner's name with a number added if taken; with the "created" history entry.
 * `isFree` says whether a PMI or link is free; the app asks the database, bulk seeding a set in memory.
 */
export async function shapeNewRoom(name: string, isFree: { pmi: Free; link: Free }) {
  let pmi = generatePmi();
  while (!(await isFree.pmi(pmi))) pmi = generatePmi();
  const base = linkFromName(name);
  let link = base;
  for (let n = 2; !(await isFree.link(link)); n++) link = numberedLink(base, n);
  const created: RoomChange[] = [
    { field: "pmi", to: pmi },
    { field: "link", to: link },
  ];
  return { room: { pmi, link, passcode: generatePasscode(), waitingRoom: true, joinBeforeHost: false }, created };
}
