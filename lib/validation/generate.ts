import { pmiProblems } from "./pmi";
import { LINK_MAX, LINK_MIN, isReservedLink, linkProblems } from "./link";
import { passcodeProblems } from "./passcode";

// Web Crypto exists in browsers and in Node 20 alike, so generators run on both sides. One call fills a whole
// buffer: each call has a fixed cost far above the bytes it makes, and bulk seeding draws millions.
function randomInts(count: number, maxExclusive: number): number[] {
  const limit = Math.floor(0x1_0000_0000 / maxExclusive) * maxExclusive;
  const out: number[] = [];
  while (out.length < count) {
    const buf = globalThis.crypto.getRandomValues(new Uint32Array(count - out.length + 2));
    for (const value of buf) {
      // Rejection sampling: values past the last whole multiple would favour the low digits.
      if (value < limit && out.length < count) out.push(value % maxExclusive);
    }
  }
  return out;
}

function randomInt(maxExclusive: number): number {
  return randomInts(1, maxExclusive)[0]!;
}

function randomFrom(alphabet: string, length: number): string {
  return randomInts(length, alphabet.length)
    .map((i) => alphabet[i])
    .join("");
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random PMI that passes every value rule (uniqueness is the caller's job). */
export function generatePmi(): string {
  for (;;) {
    const pmi = String(2 + randomInt(8)) + randomFrom("0123456789", 9);
    if (pmiProblems(pmi).length === 0) return pmi;
  }
}

/** An 8-character passcode of letters and digits that passes every passcode rule. */
export function generatePasscode(): string {
  for (;;) {
    const passcode = randomFrom(ALNUM, 8);
    if (passcodeProblems(passcode).length === 0) return passcode;
  }
}

function randomLetters(length: number): string {
  return randomFrom(LOWER, length);
}

/** `Ada Lovelace` -> `ada.lovelace`; `user.` plus random letters when the name gives nothing usable. */
export function linkFromName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let link = words.join(".").replace(/^[^a-z]+/, "");
  if (link.length > LINK_MAX) link = link.slice(0, LINK_MAX).replace(/\.+$/, "");
  if (link.length > 0 && link.length < LINK_MIN) link = `${link}.${randomLetters(LINK_MIN)}`.slice(0, LINK_MAX);
  if (link.length === 0 || isReservedLink(link) || linkProblems(link).length > 0) {
    link = `user.${randomLetters(8)}`;
  }
  return link;
}

/** A link with a number added, for when the name's link is taken: `ada.lovelace2`. */
export function numberedLink(base: string, n: number): string {
  const suffix = String(n);
  return `${base.slice(0, LINK_MAX - suffix.length).replace(/\.+$/, "")}${suffix}`;
}

/** After an intrusion: the current link plus a random suffix, so the new one cannot be guessed from the old. */
export function securedLink(current: string): string {
  const suffix = `.${randomLetters(6)}`;
  return `${current.slice(0, LINK_MAX - suffix.length).replace(/\.+$/, "")}${suffix}`;
}
