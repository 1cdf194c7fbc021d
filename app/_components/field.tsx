import type { FieldError } from "@/lib/validation/errors";

type FieldProps = {
  id: string;
  name: string;
  label: string;
  error?: FieldError;
  hint?: React.ReactNode;
  children?: never;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "children">;

/** A labelled input whose error sits next to it, linked by aria-describedby, with its help link. */
export function Field({ id, name, label, error, hint, className, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        className={[
          "block w-full max-w-md rounded-md border px-3 py-2",
          error ? "border-red-700" : "border-slate-400",
          className ?? "",
        ].join(" ")}
        {...input}
      />
      <FieldMessage id={errorId} error={error} />
    </div>
  );
}

export function FieldMessage({ id, error }: { id?: string; error?: FieldError }) {
  if (!error) return null;
  return (
    <p id={id} className="text-sm text-red-800">
      {error.message}{" "}
      {error.help ? (
        <a href={error.help} className="underline">
          Why?
        </a>
      ) : null}
    </p>
  );
}

export function FormMessage({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null;
  return (
    <p
      role={ok ? "status" : "alert"}
      className={`rounded-md p-3 text-sm ${ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}
    >
      {message}
    </p>
  );
}
