import { signOutAction } from "@/lib/auth/actions";
import type { User } from "@/db/schema";

/** Who is signed in, and the way out. Rendered by each signed-in page with the user it already checked. */
export function UserBar({ user }: { user: User }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm">
      <p>
        Signed in as <strong>{user.name}</strong> ({user.email}){user.role === "support" ? " · Support" : ""}
      </p>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-1">
          Sign out
        </button>
      </form>
    </div>
  );
}
