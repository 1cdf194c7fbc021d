import { handleJoin } from "@/lib/join-http";

export async function POST(request: Request, { params }: { params: Promise<{ link: string }> }) {
  return handleJoin(request, "link", decodeURIComponent((await params).link));
}
