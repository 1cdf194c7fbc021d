import type { Room } from "@/db/schema";
import type { HistoryItem } from "@/lib/room/history";
import { roomInvitation } from "@/lib/room/invitation";

/** What /room shows of a room, owner's passcode included; `version` (its last change) orders two views. */
export type RoomView = {
  id: number;
  pmi: string;
  link: string;
  passcode: string | null;
  joinBeforeHost: boolean;
  waitingRoom: boolean;
  joinUrl: string;
  invitation: string;
  version: number;
};

/**
 * What a room action sends back instead of the page: the room as saved, the history entry it recorded, and
 * the version it changed from (newer than the page's when someone else changed the room meanwhile).
 */
export type RoomSaved = { room: RoomView; entry?: HistoryItem; before: number };

export function roomView(room: Room, host: string, origin: string): RoomView {
  return {
    id: room.id,
    pmi: room.pmi,
    link: room.link,
    passcode: room.passcode,
    joinBeforeHost: room.joinBeforeHost,
    waitingRoom: room.waitingRoom,
    joinUrl: `${origin}/my/${room.link}`,
    invitation: roomInvitation({ host, origin, ...room }),
    version: room.updatedAt.getTime(),
  };
}
