import { databaseAnswers } from "@/lib/server/queries";

export const dynamic = "force-dynamic";

export async function GET() {
  const answer = await databaseAnswers();
  return Response.json(answer, { status: answer.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
