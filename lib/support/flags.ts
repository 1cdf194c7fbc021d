import type { Room } from "@/db/schema";

type Flag = { message: string; help: string; helpLabel: string };

/** Settings that break a best practice, each with the answer that explains it. */
export function bestPracticeFlags(room: Room): Flag[] {
  const flags: Flag[] = [];
  if (!room.passcode) {
    flags.push({
      message: "No passcode: only the waiting room keeps uninvited guests out.",
      help: "/help/faq/how-do-i-add-a-waiting-room-to-my-pmi",
      helpLabel: "How do I add a waiting room to my Personal Meeting ID?",
    });
  }
  if (!room.waitingRoom) {
    flags.push({
      message: "Waiting room off: anyone with the ID and passcode walks straight in.",
      help: "/help/waiting-room",
      helpLabel: "Use the waiting room",
    });
  }
  if (room.joinBeforeHost && !room.waitingRoom) {
    flags.push({
      message: "Join before host with no waiting room: guests can use the room while the owner is away.",
      help: "/help/faq/do-i-have-to-use-a-passcode-with-my-pmi",
      helpLabel: "Do I have to use a passcode with my Personal Meeting ID?",
    });
  }
  return flags;
}
