import { normalizePmi } from "@/lib/validation/pmi";

export type JoinKind = "id" | "link";

/** What a join request names, after the same normalization for known and unknown IDs. */
export function normalizeRequested(kind: JoinKind, raw: string): string {
  const value = raw.trim().slice(0, 64);
  return kind === "id" ? normalizePmi(value) : value.toLowerCase();
}

/** The join page's own path for an ID or a link: `/j/<id>` or `/my/<link>`. */
export function joinPath(kind: JoinKind, raw: string): string {
  return kind === "id" ? `/j/${encodeURIComponent(raw)}` : `/my/${encodeURIComponent(raw)}`;
}
