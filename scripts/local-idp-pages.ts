import type { ErrorOut, KoaContextWithOIDC } from "oidc-provider";

// The local provider's own pages besides its development login: sign out, signed out, and errors.

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(ctx: KoaContextWithOIDC, title: string, body: string) {
  ctx.type = "html";
  ctx.body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;display:block;width:100%}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** RP-initiated logout asks first; the form (given by oidc-provider) carries its anti-forgery token. */
export function logoutPage(ctx: KoaContextWithOIDC, form: string, name: string) {
  page(
    ctx,
    `Sign out of ${name}`,
    `<h1>Sign out of ${escape(name)}?</h1>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

export function signedOutPage(ctx: KoaContextWithOIDC, name: string) {
  page(ctx, `Signed out of ${name}`, `<h1>You are signed out of ${escape(name)}.</h1>`);
}

export function errorPage(ctx: KoaContextWithOIDC, out: ErrorOut, name: string) {
  const details = Object.entries(out)
    .map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(String(value))}</p>`)
    .join("\n");
  page(ctx, `${name}: sign-in error`, `<h1>${escape(name)}: something went wrong</h1>\n${details}`);
}
