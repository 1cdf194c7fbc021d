import { RESERVED_PMI_PREFIXES, type RuleId } from "./rules";

/** Separators people type in phone numbers; stripped before the digits are checked. Nothing else is. */
const SEPARATORS = /[ \-.()]/g;
const MAX_INPUT = 40;

export function normalizePmi(input: string): string {
  return input.replace(SEPARATORS, "");
}

/** `4155550134` -> `415 555 0134` (anything else is returned as given). */
export function formatPmi(pmi: string): string {
  return /^\d{10}$/.test(pmi) ? `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}` : pmi;
}

const isRun = (d: number[], step: 1 | -1) => d.slice(0, 8).every((digit, i) => d[i + 1] === (digit + step + 10) % 10);

const isOneDigitRepeated = (group: string) => group[0] !== undefined && group === group[0].repeat(group.length);

/**
 * Every value-only PMI rule the input breaks, in the order a person should fix them.
 * "In use" is not here: only the database knows.
 */
export function pmiProblems(input: string): RuleId[] {
  if (input.length > MAX_INPUT) return ["pmi-length"];
  const value = normalizePmi(input);
  if (!/^[0-9]*$/.test(value)) return ["pmi-characters"];
  if (value.length !== 10) return ["pmi-length"];

  const problems: RuleId[] = [];
  const d = [...value].map(Number);
  const [g1, g2, g3] = [value.slice(0, 3), value.slice(3, 6), value.slice(6, 9)];
  if (value[0] === "0" || value[0] === "1") problems.push("pmi-first-digit");
  if ((RESERVED_PMI_PREFIXES as readonly string[]).includes(g1)) problems.push("pmi-reserved-prefix");
  if (g1 === g2 && g2 === g3) problems.push("pmi-repeated-groups");
  if (isOneDigitRepeated(g1) && isOneDigitRepeated(g2) && isOneDigitRepeated(g3)) {
    problems.push("pmi-repeated-digit-groups");
  }
  if (/(\d)\1{4}/.test(value)) problems.push("pmi-digit-run");
  const counts = new Map<number, number>();
  for (const digit of d) counts.set(digit, (counts.get(digit) ?? 0) + 1);
  if ([...counts.values()].some((n) => n >= 8)) problems.push("pmi-digit-count");
  if (isRun(d, 1) || isRun(d, -1)) problems.push("pmi-sequence");
  return problems;
}
