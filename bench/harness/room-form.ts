import { BOUNDARY, actionId, multipartBody, readForm, type PageForm } from "./forms";

export const SETTINGS_LABELS = ["Passcode", "Waiting room"];
export const IDENTITY_LABELS = ["Personal Meeting ID", "Personal link"];

/** A form of /room, found by the labels of its fields, as the page serves it to a browser without JavaScript. */
export async function roomForm(origin: string, cookie: string, labels: string[]): Promise<PageForm> {
  const page = await fetch(`${origin}/room`, { headers: { cookie } });
  const form = readForm(await page.text(), page.url, labels);
  if (!form) throw new Error(`/room has no form with ${labels.map((l) => `“${l}”`).join(" and ")}`);
  return form;
}

// What Chromium's router sent as Next-Router-State-Tree for a save on /room.
const ROOM_TREE = encodeURIComponent(
  '["",{"children":["(account)",{"children":["room",{"children":["__PAGE__",{},null,null,0]},null,null,0]},null,null,0]},null,null,16]',
);

export type FormPost = { url: string; headers: Record<string, string>; body: string };

/**
 * A save of a /room form with values given by field label, sent to `origin` (cookie not included). With
 * `script`, as a browser with JavaScript sends it (React's encoding of the form, the action id in Next-Action,
 * the form state before it in field 0); without, as a plain form post. Either answer carries the form's message.
 */
export function roomSave(form: PageForm, origin: string, values: Record<string, string>, script = true): FormPost {
  const id = actionId(form);
  if (script && !id) throw new Error("/room's form names no server action");
  const typed = Object.entries(values).map(([label, value]): [string, string] => {
    const name = form.fields[label];
    if (!name) throw new Error(`the form has no field labelled “${label}”`);
    return [name, value];
  });
  const fields: Array<[string, string]> = script
    ? [...typed.map(([k, v]): [string, string] => [`_1_${k}`, v]), ["0", '[{},"$K1"]']]
    : [...form.hidden, ...typed];
  const action = new URL(form.action);
  return {
    url: new URL(action.pathname + action.search, origin).toString(),
    headers: {
      origin,
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      ...(script ? { accept: "text/x-component", "next-action": id!, "next-router-state-tree": ROOM_TREE } : {}),
    },
    body: multipartBody(fields),
  };
}
