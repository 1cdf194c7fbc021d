import { getMDXComponent } from "next-contentlayer2/hooks";
import type { MDXComponents } from "mdx/types";
import { Callout } from "./callout";
import { Heading } from "./heading";
import { RuleList } from "./rule-list";

// The typed component map every article and answer renders with; server components only.
const components: MDXComponents = {
  h2: ({ id, children }) => (
    <Heading level={2} id={id}>
      {children}
    </Heading>
  ),
  h3: ({ id, children }) => (
    <Heading level={3} id={id}>
      {children}
    </Heading>
  ),
  a: ({ href = "", children }) => (
    <a href={href} className="underline">
      {children}
    </a>
  ),
  p: ({ children }) => <p className="my-3 leading-7">{children}</p>,
  ul: ({ children }) => <ul className="my-3 list-disc space-y-1 pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="my-3 list-decimal space-y-1 pl-6">{children}</ol>,
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 font-mono text-[0.95em]">{children}</code>,
  Callout,
  RuleList,
};

const cache = new Map<string, ReturnType<typeof getMDXComponent>>();

export function Mdx({ code }: { code: string }) {
  let Component = cache.get(code);
  if (!Component) {
    Component = getMDXComponent(code);
    cache.set(code, Component);
  }
  // A server component renders once per request, so calling the compiled content directly is safe and
  // keeps one compiled function per document (the cache above) instead of a new component type per render.
  return Component({ components });
}
