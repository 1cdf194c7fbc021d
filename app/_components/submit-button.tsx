"use client";
import { useFormStatus } from "react-dom";

export function SubmitButton({ children, className, ...rest }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      className={`rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60 ${className ?? ""}`}
      {...rest}
    >
      {children}
    </button>
  );
}
