import Link from "next/link";
import type { MailItem, MailState } from "@/lib/support/mail-view";

const STATE_CLASS: Record<MailState, string> = {
  delivered: "text-green-800",
  waiting: "text-slate-700",
  failed: "font-medium text-red-800",
};

/** Messages from the outbox: what each was, to whom, when and by whom, and whether it arrived. */
export function MailList({ items, label, empty }: { items: MailItem[]; label: string; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <ul aria-label={label} className="space-y-2">
      {items.map((item) => (
        <li key={item.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <p className="font-medium">
            {item.answer ? <Link href={item.answer.path}>{item.answer.title}</Link> : item.subject}
          </p>
          <p className="break-all">To {item.recipient}</p>
          <p>
            {item.answer ? `Sent by ${item.answer.sentBy} on ` : "Queued on "}
            <time dateTime={item.at}>{item.when}</time>
          </p>
          <p className={STATE_CLASS[item.state]}>
            {item.stateText}
            {item.lastError ? <span className="break-all">. Last error: {item.lastError}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
