import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";
import { renderToStaticMarkup } from "react-dom/server";
import type { MDXComponents } from "mdx/types";
import { Callout } from "./callout";
import { Heading } from "./heading";
import { RuleList } from "./rule-list";

// The typed component map every article and answer renders with. Nothing in it runs in the browser:
// the content build renders it to HTML once (mdxToHtml), and pages insert that HTML as it is.
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

type MdxContent = React.ComponentType<{ components: MDXComponents }>;

/** Contentlayer's compiled MDX expects React, ReactDOM and the JSX runtime in scope (mdx-bundler's contract). */
function evaluate(code: string): MdxContent {
  const run = new Function("React", "ReactDOM", "_jsx_runtime", code) as (...scope: unknown[]) => {
    default: MdxContent;
  };
  return run(React, ReactDOM, jsxRuntime).default;
}

/** An article's or answer's body as static HTML, rendered once when the content is built. */
export function mdxToHtml(code: string): string {
  const Content = evaluate(code);
  return renderToStaticMarkup(<Content components={components} />);
}
