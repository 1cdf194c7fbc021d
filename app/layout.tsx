import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Roomdesk", template: "%s · Roomdesk" },
  description: "Your personal meeting room, and the help that explains it.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// The root layout reads no session, so help pages under it stay static. Plain links, not next/link: every
// page would otherwise hydrate and prefetch them, and no page needs client-side navigation to work.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className={
            "sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
          }
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
            <a href="/" className="text-lg font-semibold text-slate-900 no-underline">
              Roomdesk
            </a>
            <nav aria-label="Main">
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <li>
                  <a href="/help">Help</a>
                </li>
                <li>
                  <a href="/help/search">Search</a>
                </li>
                <li>
                  <a href="/meetings">Meetings</a>
                </li>
                <li>
                  <a href="/room">My room</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
        <footer className="mx-auto max-w-5xl border-t border-slate-200 px-4 py-6 text-sm text-slate-600">
          <p>
            Roomdesk · personal meeting rooms, explained. <a href="/help/faq">FAQ</a> · <a href="/account">Account</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
