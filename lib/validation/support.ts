import { z } from "zod";
import { textSchema } from "./text";

// "Send to a user" in the support console's answer finder. The answer is only named here: the server looks it
// up in the help content, so a form can never put its own title or text into a message.

export const SEND_NOTE_MAX = 300;
export const SEND_USER_MESSAGE = "Enter the user's email, Personal Meeting ID, meeting ID or personal link.";

export const sendAnswerSchema = z.object({
  answer: z
    .string({ error: "Choose an answer from the results." })
    .trim()
    .min(1, { error: "Choose an answer from the results." })
    .max(300, { error: "Choose an answer from the results." }),
  user: z
    .string({ error: SEND_USER_MESSAGE })
    .trim()
    .min(1, { error: SEND_USER_MESSAGE })
    .max(300, { error: SEND_USER_MESSAGE }),
  // Optional: a blank note is no note.
  note: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    textSchema({
      max: SEND_NOTE_MAX,
      blank: "Write a note, or leave the note empty.",
      tooLong: `Keep the note to ${SEND_NOTE_MAX} characters or fewer.`,
    }).optional(),
  ),
});

export type SendAnswerInput = z.output<typeof sendAnswerSchema>;
