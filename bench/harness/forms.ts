import { parse, type HTMLElement } from "node-html-parser";

/**
 * A form read from a page the way a browser without JavaScript sees it: where it posts, its hidden fields
 * (for a server action these carry its id, whatever the build), and the names of the fields with the given
 * labels. The bench submits forms through this public interface, not through the build's internals.
 */
export type PageForm = {
  action: string;
  multipart: boolean;
  hidden: Array<[string, string]>;
  fields: Record<string, string>;
};

function fieldFor(doc: HTMLElement, form: HTMLElement, label: string): string | undefined {
  const byLabel = doc.querySelectorAll("label").find((l) => l.text.trim().toLowerCase() === label.toLowerCase());
  const id = byLabel?.getAttribute("for");
  const input = id ? form.querySelector(`#${id}`) : byLabel?.querySelector("input");
  return input?.getAttribute("name");
}

/** The first form on the page that has every one of `labels`, or undefined. */
export function readForm(html: string, pageUrl: string, labels: string[]): PageForm | undefined {
  const doc = parse(html);
  for (const form of doc.querySelectorAll("form")) {
    const names = labels.map((label) => fieldFor(doc, form, label));
    if (names.some((n) => !n)) continue;
    const hidden = form
      .querySelectorAll('input[type="hidden"]')
      .map((i): [string, string] => [i.getAttribute("name") ?? "", i.getAttribute("value") ?? ""])
      .filter(([name]) => name);
    const action = new URL(form.getAttribute("action") || pageUrl, pageUrl).toString();
    const multipart =
      (form.getAttribute("enctype") ?? "").includes("multipart") || hidden.some(([n]) => n.startsWith("$ACTION"));
    return { action, multipart, hidden, fields: Object.fromEntries(labels.map((label, i) => [label, names[i]!])) };
  }
  return undefined;
}

/**
 * The id of the server action a form runs, from its hidden fields: what a browser with JavaScript sends in the
 * Next-Action header. A plain action names it in `$ACTION_ID_<id>`, one bound to form state in `$ACTION_<n>:0`.
 */
export function actionId(form: PageForm): string | undefined {
  for (const [name, value] of form.hidden) {
    const plain = /^\$ACTION_ID_(.+)$/.exec(name);
    if (plain) return plain[1];
    if (!/^\$ACTION_\d+:0$/.test(name)) continue;
    try {
      const id: unknown = (JSON.parse(value) as { id?: unknown }).id;
      if (typeof id === "string") return id;
    } catch {
      // not a bound action's reference: keep looking
    }
  }
  return undefined;
}

export const BOUNDARY = "----RoomdeskBenchBoundary7MA4YWxkTrZu0gW";

/** A multipart/form-data body as a string (autocannon sends strings), with BOUNDARY. */
export function multipartBody(pairs: Array<[string, string]>): string {
  const parts = pairs.map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join("")}--${BOUNDARY}--\r\n`;
}
