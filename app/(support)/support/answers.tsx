import Link from "next/link";
import type { SearchResult } from "@/lib/help/search";
import { CopyText } from "@/app/_components/copy-text";
import { SendAnswer } from "./send-answer";

export function replyText(result: SearchResult, url: string): string {
  return (
    `Hi! This answer should help: "${result.title}"\n${url}\n` +
    "If it doesn't, reply to this message and we'll take it from there."
  );
}

/**
 * The answer finder's results: the same engine and ranking as /help/search, each with its permanent link and
 * "Send to a user" (filled in with `sendTo`, the user looked up, if any).
 */
export function AnswerResults({
  query,
  results,
  origin,
  sendTo,
}: {
  query: string;
  results: SearchResult[];
  origin: string;
  sendTo: string;
}) {
  if (!query) return null;
  if (results.length === 0)
    return <p>No answers for “{query}”. Try other words, such as “passcode” or “waiting room”.</p>;
  return (
    <ol aria-label={`Answers for ${query}`} className="space-y-4">
      {results.map((r, i) => {
        const url = `${origin}${r.href}`;
        return (
          <li key={r.id} className="rounded-md border border-slate-200 p-3">
            <p className="font-medium">{r.title}</p>
            <p className="text-sm text-slate-700">{r.snippet}</p>
            <p className="mt-1 break-all font-mono text-sm">
              <Link href={r.href}>{url}</Link>
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              <CopyText text={url} label="Copy link" />
              <CopyText text={replyText(r, url)} label="Copy reply" />
            </div>
            <div className="mt-2">
              <SendAnswer path={r.href} index={i} user={sendTo} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
