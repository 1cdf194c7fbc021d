/**
 * "Copy link": a plain link to the anchor, so it leads somewhere useful without JavaScript. With JavaScript,
 * CopyLinkHandler (one listener for the whole page) turns every such link into a copy button.
 */
export function CopyLink({ href, label, text = "Copy link" }: { href: string; label: string; text?: string }) {
  return (
    <a
      href={href}
      data-copy-link=""
      className={
        "no-print inline-flex items-center rounded border border-slate-300 px-2 py-0.5 " +
        "text-xs font-normal text-slate-700 no-underline hover:bg-slate-50"
      }
    >
      {text}
      <span className="sr-only"> to {label}</span>
    </a>
  );
}
