import { backchannelLogout } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

// The provider's server calls this (OpenID Connect Back-Channel Logout 1.0), never a browser.
export const POST = backchannelLogout;
