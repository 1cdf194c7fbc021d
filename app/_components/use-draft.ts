"use client";
import { useState } from "react";

/**
 * What a form's fields hold while the person edits: their edits on top of `initial` (the saved values, or
 * what the server sent back). A new `version` (a new server answer, or the saved values changing) drops
 * the edits, so the form shows what the server said, not what was typed before it answered.
 */
export function useDraft<T extends Record<string, unknown>>(initial: T, version: string) {
  const [draft, setDraft] = useState<{ version: string; values: Partial<T> }>();
  const values: Partial<T> = draft?.version === version ? draft.values : {};
  return {
    current: { ...initial, ...values } as T,
    /** Whether this field (or, without one, any field) was edited since the version changed. */
    edited: (field?: keyof T) => (field === undefined ? Object.keys(values).length > 0 : field in values),
    update: (patch: Partial<T>) => setDraft({ version, values: { ...values, ...patch } }),
  };
}
