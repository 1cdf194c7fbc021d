"use client";
import { useEffect, useId, useState } from "react";
import { SearchForm } from "./search-form";

type Suggestion = { title: string; href: string; snippet: string };

/**
 * The help index's search box: a plain GET form (works without JavaScript) that, with JavaScript,
 * lists matching answers as you type.
 */
export function SearchSuggest() {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      fetch(`/api/help/search?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : []))
        .then((data: Suggestion[]) => setSuggestions(data))
        .catch(() => {});
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const visible = query.trim().length >= 2 ? suggestions : [];
  return (
    <div onInput={(e) => setQuery((e.target as HTMLInputElement).value)}>
      <SearchForm id="help-index-q" describedBy={listId} />
      <div id={listId} aria-live="polite" className="mt-2">
        {visible.length > 0 ? (
          <>
            <p className="sr-only">{visible.length} suggested answers</p>
            <ul
              aria-label="Suggested answers"
              className="max-w-xl divide-y divide-slate-200 rounded-md border border-slate-200"
            >
              {visible.map((s) => (
                <li key={s.href} className="p-3">
                  <a href={s.href} className="font-medium">
                    {s.title}
                  </a>
                  <p className="text-sm text-slate-700">{s.snippet}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
