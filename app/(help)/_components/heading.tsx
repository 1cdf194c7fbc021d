import { CopyLink } from "./copy-link";

function text(children: React.ReactNode): string {
  if (typeof children === "string" || typeof children === "number") return String(children);
  if (Array.isArray(children)) return children.map(text).join("");
  if (children && typeof children === "object" && "props" in children) {
    return text((children.props as { children?: React.ReactNode }).children);
  }
  return "";
}

/** An article heading with its own "Copy link" control beside it (outside the heading, so its name stays clean). */
export function Heading({ level, id, children }: { level: 2 | 3; id?: string; children?: React.ReactNode }) {
  const Tag = level === 2 ? "h2" : "h3";
  const size = level === 2 ? "mt-10 text-2xl" : "mt-6 text-xl";
  return (
    <div className={`flex flex-wrap items-baseline gap-x-3 ${size}`}>
      <Tag id={id} className="font-semibold">
        {children}
      </Tag>
      {id ? <CopyLink href={`#${id}`} label={text(children)} /> : null}
    </div>
  );
}
