"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { onDeskChange } from "@/lib/client/use-presence";

/** A burst of desk changes (an editor approving five posts) is one refetch. */
const settleMs = 300;

/**
 * Keeps the console's server-rendered queues (review, reader questions, kept-back posts)
 * current: when the desk changes anywhere, the page's server components are fetched again.
 * What is being typed stays: a refresh keeps client state.
 */
export function DeskRefresh({ slug }: { slug: string }) {
  const router = useRouter();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onDeskChange(slug, () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), settleMs);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [slug, router]);
  return null;
}
