import { z } from "zod";
import { textSchema } from "./text";

// Account passwords follow NIST SP 800-63B: length, not composition; paste allowed (WCAG 3.3.8).
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;

export const emailSchema = z
  .string()
  .trim()
  .max(254, { error: "Enter a valid email address." })
  .pipe(z.email({ error: "Enter a valid email address." }))
  .transform((e) => e.toLowerCase());

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters.` })
  .max(PASSWORD_MAX, { error: `Use at most ${PASSWORD_MAX} characters.` });

export const signInSchema = z.object({
  email: z
    .string()
    .max(1000)
    .transform((e) => e.trim().toLowerCase()),
  password: z.string().max(1000),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, { error: "Enter your current password." })
      .max(PASSWORD_MAX * 4),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX * 4),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    error: "The two new passwords don't match.",
    path: ["confirmPassword"],
  });

export const nameSchema = textSchema({ max: 100, blank: "Enter a name." });
export const roleSchema = z.enum(["owner", "support"]);
export type Role = z.infer<typeof roleSchema>;
