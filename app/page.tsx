import Link from "next/link";

export default function HomePage() {
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold">Your personal meeting room, in one place</h1>
        <p className="max-w-2xl text-lg text-slate-700">
          Roomdesk is where you see and change your personal room: your Personal Meeting ID, your personal link, your
          passcode and who gets in. The help centre explains every setting in plain words.
        </p>
      </section>
      <ul className="grid gap-4 sm:grid-cols-3">
        <li className="rounded-lg border border-slate-200 p-4">
          <h2 className="font-semibold">
            <Link href="/room">My room</Link>
          </h2>
          <p className="text-sm text-slate-700">Change your Personal Meeting ID, link, passcode and waiting room.</p>
        </li>
        <li className="rounded-lg border border-slate-200 p-4">
          <h2 className="font-semibold">
            <Link href="/help">Help centre</Link>
          </h2>
          <p className="text-sm text-slate-700">
            What a PMI is, how it differs from a regular meeting, best practices.
          </p>
        </li>
        <li className="rounded-lg border border-slate-200 p-4">
          <h2 className="font-semibold">
            <Link href="/help/search">Search the help</Link>
          </h2>
          <p className="text-sm text-slate-700">Ask a question in your own words.</p>
        </li>
      </ul>
    </div>
  );
}
