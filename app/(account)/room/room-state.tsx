"use client";
import { useRouter } from "next/navigation";
import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from "react";
import { useFormAction } from "@/app/_components/use-form-action";
import { updateRoomIdentity, updateRoomSettings } from "@/lib/room/actions";
import type { HistoryItem } from "@/lib/room/history";
import type { RoomSaved, RoomView } from "@/lib/room/view";

// As many entries as the page is rendered with (roomHistory's limit).
const HISTORY_LENGTH = 20;

type Known = { room: RoomView; history: HistoryItem[] };

// What the room's actions sent back in this tab. A page restored by Back comes from the router's cache, as
// rendered before those saves: it shows what is kept here instead. Written only in effects, so never on the server.
let kept: Known | null = null;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const newestFirst = (a: HistoryItem, b: HistoryItem) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1);

/** The newest room among those given, and every history entry they carry, newest first, without repeats. */
function combine(base: Known, more: Array<Known | RoomSaved | null | undefined>): Known {
  let room = base.room;
  const entries = new Map(base.history.map((e) => [e.id, e]));
  for (const m of more) {
    if (!m || m.room.id !== room.id) continue;
    if (m.room.version >= room.version) room = m.room;
    for (const e of "history" in m ? m.history : m.entry ? [m.entry] : []) entries.set(e.id, e);
  }
  return { room, history: [...entries.values()].sort(newestFirst).slice(0, HISTORY_LENGTH) };
}

function useRoomForms() {
  return { identity: useFormAction(updateRoomIdentity), settings: useFormAction(updateRoomSettings) };
}

type RoomState = Known & { origin: string; forms: ReturnType<typeof useRoomForms> };

const RoomContext = createContext<RoomState | null>(null);

/**
 * The room as /room shows it: first as the server rendered it, then as each save sent it back, so the summary,
 * the invitation, the forms and the history change together without rendering the page again. Both forms'
 * actions live here so that their answers reach every part; without JavaScript the server renders it all.
 */
export function RoomStateProvider({
  initial,
  origin,
  children,
}: {
  initial: Known;
  origin: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const forms = useRoomForms();
  const stored = useSyncExternalStore(
    subscribe,
    () => kept,
    () => null,
  );
  const identity = forms.identity.state.result;
  const settings = forms.settings.state.result;
  const known = combine(initial, [stored, identity, settings]);

  useEffect(() => {
    for (const answer of [identity, settings]) {
      if (!answer) continue;
      const before = combine(initial, [kept]);
      // The room changed elsewhere (another tab, support) since this page knew it: only a render shows it all.
      if (answer.before > before.room.version) router.refresh();
      kept = combine(before, [answer]);
    }
    listeners.forEach((listener) => listener());
  }, [identity, settings, initial, router]);

  return <RoomContext value={{ ...known, origin, forms }}>{children}</RoomContext>;
}

export function useRoom(): RoomState {
  const state = use(RoomContext);
  if (!state) throw new Error("useRoom needs a RoomStateProvider");
  return state;
}
