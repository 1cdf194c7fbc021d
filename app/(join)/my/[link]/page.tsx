import type { Metadata } from "next";
import { JoinPage } from "../../_components/join-page";

export const metadata: Metadata = { title: "Join a meeting", robots: { index: false } };

type Props = {
  params: Promise<{ link: string }>;
  searchParams: Promise<{ error?: string; name?: string; pwd?: string }>;
};

export default async function JoinByLink({ params, searchParams }: Props) {
  return <JoinPage kind="link" raw={decodeURIComponent((await params).link)} search={await searchParams} />;
}
