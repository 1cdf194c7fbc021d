export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>We couldn&apos;t find that page. It may have moved, or the address may be mistyped.</p>
      <form action="/help/search" method="get" role="search" className="flex max-w-md flex-wrap gap-2">
        <label htmlFor="nf-q" className="sr-only">
          Search help
        </label>
        <input
          id="nf-q"
          name="q"
          type="search"
          className="min-w-0 flex-1 rounded-md border border-slate-400 px-3 py-2"
          placeholder="Search help"
        />
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-white">
          Search
        </button>
      </form>
      <p>
        <a href="/help">Browse the help centre</a> or go <a href="/">home</a>.
      </p>
    </div>
  );
}
