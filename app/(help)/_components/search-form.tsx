/** The plain GET search form: works without JavaScript, lands on the server-rendered results page. */
export function SearchForm({
  defaultValue = "",
  id = "help-search",
  describedBy,
}: {
  defaultValue?: string;
  id?: string;
  describedBy?: string;
}) {
  return (
    <form action="/help/search" method="get" role="search" className="flex max-w-xl flex-wrap gap-2">
      <label htmlFor={id} className="sr-only">
        Search help
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        aria-describedby={describedBy}
        autoComplete="off"
        maxLength={200}
        placeholder="Search help, e.g. change my passcode"
        className="min-w-0 flex-1 rounded-md border border-slate-400 px-3 py-2"
      />
      <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        Search
      </button>
    </form>
  );
}
