import { handleJoin } from "@/lib/join/route";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleJoin(request, "id", decodeURIComponent((await params).id));
}
