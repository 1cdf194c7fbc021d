"use client";

/** The last resort, when the root layout itself failed: its own html and body, no stack. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          maxWidth: "40rem",
          margin: "2rem auto",
          padding: "0 1rem",
          lineHeight: 1.5,
        }}
      >
        <h1>Something went wrong</h1>
        <p>Roomdesk could not show this page. Try again in a moment.</p>
        {error.digest ? <p>Reference for support: {error.digest}</p> : null}
        <p>
          <a href="/">Go home</a> · <a href="/help">Help centre</a>
        </p>
      </body>
    </html>
  );
}
