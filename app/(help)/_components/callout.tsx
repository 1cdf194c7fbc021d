export function Callout({ type = "note", children }: { type?: "note" | "warning"; children: React.ReactNode }) {
  const styles = type === "warning" ? "border-amber-500 bg-amber-50" : "border-brand-600 bg-brand-50";
  return (
    <aside className={`my-4 rounded-md border-l-4 p-4 ${styles}`}>
      <p className="mb-1 font-semibold">{type === "warning" ? "Warning" : "Note"}</p>
      <div className="[&>p]:my-1">{children}</div>
    </aside>
  );
}
