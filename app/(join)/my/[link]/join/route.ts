import { handleJoin } from "@/lib/join/route";

export async function POST(request: Request, { params }: { params: Promise<{ link: string }> }) {
  return handleJoin(request, "link", decodeURIComponent((await params).link));
}
