import type { RuleId } from "./rules";

import { PASSCODE_MAX, PASSCODE_MIN } from "./limits";

export { PASSCODE_MAX, PASSCODE_MIN };

const DIGITS = "0123456789";
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

// A run is a substring of one alphabet read forwards or backwards, without wrapping (`123456`, `fedcba`).
function isRun(value: string): boolean {
  return [DIGITS, LETTERS].some((alphabet) => {
    const reversed = [...alphabet].reverse().join("");
    return alphabet.includes(value) || reversed.includes(value);
  });
}

export function passcodeProblems(input: string): RuleId[] {
  if (input.length < PASSCODE_MIN || input.length > PASSCODE_MAX) return ["passcode-length"];
  if (!/^[A-Za-z0-9@*_-]+$/.test(input)) return ["passcode-characters"];
  const lower = input.toLowerCase();
  const problems: RuleId[] = [];
  if (lower === lower[0]!.repeat(lower.length)) problems.push("passcode-repeated");
  if (isRun(lower)) problems.push("passcode-sequence");
  return problems;
}
