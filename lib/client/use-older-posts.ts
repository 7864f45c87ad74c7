import { useRef, useState } from "react";
import type { PostView } from "@/lib/shared/types";

type Page = { posts: PostView[]; nextCursor: string | null };

/** Fetches the page of posts after `cursor` from GET /api/events/<slug>/posts, one at a time. */
export function useOlderPosts(slug: string, cursor: string | null, onPage: (page: Page) => void) {
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const busy = useRef(false);

  async function load() {
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoading(true);
    setFailed(false);
    try {
      const query = new URLSearchParams({ before: cursor, limit: "20" });
      const response = await fetch(`/api/events/${encodeURIComponent(slug)}/posts?${query}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      onPage((await response.json()) as Page);
    } catch {
      setFailed(true); // the button offers to try again; nothing retries by itself
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }

  return { loading, failed, load };
}
