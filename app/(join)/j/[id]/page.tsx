import type { Metadata } from "next";
import { JoinPage } from "../../_components/join-page";

export const metadata: Metadata = { title: "Join a meeting", robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string; name?: string; pwd?: string }>;
};

export default async function JoinById({ params, searchParams }: Props) {
  return <JoinPage kind="id" raw={decodeURIComponent((await params).id)} search={await searchParams} />;
}
