import { RESERVED_LINKS, type RuleId } from "./rules";

import { LINK_MAX, LINK_MIN } from "./limits";

export { LINK_MAX, LINK_MIN };

/** Links are unique without regard to case, so they are stored (and looked up) in lower case. */
export function normalizeLink(input: string): string {
  return input.trim().toLowerCase();
}

export function isReservedLink(link: string): boolean {
  return (RESERVED_LINKS as readonly string[]).includes(link.toLowerCase());
}

export function linkProblems(input: string): RuleId[] {
  const value = input.trim();
  if (value.length < LINK_MIN || value.length > LINK_MAX) return ["link-length"];
  if (!/^[A-Za-z0-9.]+$/.test(value)) return ["link-characters"];
  const problems: RuleId[] = [];
  if (!/^[A-Za-z]/.test(value)) problems.push("link-start");
  if (value.includes("..") || value.endsWith(".")) problems.push("link-dots");
  if (isReservedLink(value)) problems.push("link-reserved");
  return problems;
}

/** Whether a value could be a stored link at all (its shape, any case): a cheap filter before a look-up. */
export function hasLinkShape(value: string): boolean {
  return value.length >= LINK_MIN && value.length <= LINK_MAX && /^[A-Za-z][A-Za-z0-9.]*$/.test(value);
}
