import { z } from "zod";

// Names, titles and topics that other people read (a host panel, an invitation, a support screen) must show
// what was typed and nothing that rearranges or hides it: Unicode TR 36 §3.2 and UTS 55 on bidirectional
// controls. Joiners (ZWJ, ZWNJ) stay between two visible characters, where Persian, Indic scripts and emoji
// sequences need them, and go everywhere else.

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
// Controls (Cc), format characters (Cf: zero-width space, word joiner, BOM, tags, ...) except the joiners,
// and characters that render as nothing but count as letters (Hangul and Braille fillers).
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;
const JOINER = /[\u200C\u200D]/u;
const VISIBLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function keepJoinersInside(value: string): string {
  const chars = Array.from(value);
  return chars
    .filter((c, i) => !JOINER.test(c) || (VISIBLE.test(chars[i - 1] ?? "") && VISIBLE.test(chars[i + 1] ?? "")))
    .join("");
}

/** NFC, no bidirectional or invisible characters, one space between words, no space at either end. */
export function cleanText(value: string): string {
  const stripped = value.normalize("NFC").replace(BIDI_CONTROLS, "").replace(LINE_BREAKS, " ").replace(INVISIBLE, "");
  return keepJoinersInside(stripped).replace(/\s+/gu, " ").trim();
}

/**
 * A one-line text field: cleaned first, then refused when nothing visible is left or when it is too long.
 * The raw value gets a generous cap first so a huge input is refused before any work is done on it.
 */
export function textSchema(options: { max: number; blank: string; tooLong?: string }) {
  const tooLong = options.tooLong ?? `Use at most ${options.max} characters.`;
  return z
    .string({ error: options.blank })
    .max(options.max * 8, { error: tooLong })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .refine((v) => VISIBLE.test(v), { error: options.blank })
        .refine((v) => Array.from(v).length <= options.max, { error: tooLong }),
    );
}

/** What a guest types as "Your name" on a join page: the host panel shows it. */
export const GUEST_NAME_MAX = 60;
export const GUEST_NAME_MESSAGE =
  `Enter your name (up to ${GUEST_NAME_MAX} characters) ` + "so the host knows who is joining.";
export const guestNameSchema = textSchema({
  max: GUEST_NAME_MAX,
  blank: GUEST_NAME_MESSAGE,
  tooLong: GUEST_NAME_MESSAGE,
});
