import { useEffect, useLayoutEffect, useRef, useState } from "react";

// Keeps a live feed from yanking the page. The "live edge" is where new posts go in: the
// top of the list when newest first, the end when oldest first. A change that lands while
// the edge is off screen keeps the first visible post exactly where it was (we scroll by
// what was inserted above it: the browser's own scroll anchoring is turned off for the
// page, so the two never both correct), and new posts the reader has not seen are counted
// for the "N new updates" pill and the tab title.

type Anchor = { id: string; top: number };

function inViewport(element: Element): boolean {
  const { top } = element.getBoundingClientRect();
  return top >= 0 && top <= window.innerHeight;
}

export function useFeedViewport(newestFirst: boolean, postIds: ReadonlySet<string>, version: unknown) {
  const edgeRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<Anchor | null>(null);
  const [unread, setUnread] = useState<string[]>([]);
  const [away, setAway] = useState(false);
  // Set while the pill's scroll heads for the live edge (newest first): the reader is
  // treated as there already. A post arriving mid-scroll is not anchored away from (which
  // would cancel the scroll and leave the reader short of it); the reader lands on it.
  const headingToEdge = useRef(false);
  const landOnEdge = useRef(false);

  /** Has the reader moved away from the edge (past it, so that arrivals are out of sight)? */
  const isAway = () => {
    if (headingToEdge.current) return false;
    const edge = edgeRef.current;
    if (!edge) return false;
    const { top } = edge.getBoundingClientRect();
    return newestFirst ? top < 0 : top > window.innerHeight;
  };

  /** Call before a change is applied: remembers what the reader is looking at. */
  const holdViewport = () => {
    anchor.current = null;
    if (headingToEdge.current) return void (landOnEdge.current = true);
    if (edgeRef.current && inViewport(edgeRef.current)) return; // the reader watches the edge
    const posts = listRef.current?.querySelectorAll<HTMLElement>("[data-post-id]") ?? [];
    let chosen: HTMLElement | undefined;
    for (const post of posts) {
      if (post.getBoundingClientRect().bottom > 0) {
        chosen = post;
        break;
      }
    }
    chosen ??= posts[posts.length - 1];
    if (chosen) anchor.current = { id: chosen.id, top: chosen.getBoundingClientRect().top };
  };

  /** A new post arrived: unseen if the reader is away from the edge or on another tab. */
  const arrived = (id: string) => {
    if (isAway() || document.visibilityState === "hidden") setUnread((ids) => [...ids, id]);
  };

  // After the change is on screen, before it is painted: put the anchor back in place.
  useLayoutEffect(() => {
    if (landOnEdge.current) {
      landOnEdge.current = false;
      // The newest post (the edge sits just above it), at once.
      const newest = edgeRef.current?.nextElementSibling ?? edgeRef.current;
      newest?.scrollIntoView({ block: "start" });
      return;
    }
    const held = anchor.current;
    anchor.current = null;
    const element = held && document.getElementById(held.id);
    if (!held || !element) return;
    const moved = element.getBoundingClientRect().top - held.top;
    if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, behavior: "instant" });
  }, [version]);

  useEffect(() => {
    const root = document.documentElement;
    const before = root.style.overflowAnchor;
    root.style.overflowAnchor = "none";
    return () => {
      root.style.overflowAnchor = before;
    };
  }, []);

  // Back at the edge, on this tab: everything has been seen.
  useEffect(() => {
    const edge = edgeRef.current;
    if (!edge) return;
    const check = () => {
      const isNowAway = isAway();
      setAway(isNowAway);
      if (!isNowAway && document.visibilityState === "visible") setUnread([]);
    };
    const observer = new IntersectionObserver(check);
    observer.observe(edge);
    document.addEventListener("visibilitychange", check);
    return () => {
      observer.disconnect();
      document.removeEventListener("visibilitychange", check);
    };
    // isAway reads the refs and `newestFirst`, which is a dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newestFirst]);

  const unseen = unread.filter((id) => postIds.has(id));

  // The tab title says how many updates wait unseen.
  const baseTitle = useRef<string | null>(null);
  useEffect(() => {
    baseTitle.current ??= document.title;
    document.title = unseen.length ? `(${unseen.length}) ${baseTitle.current}` : baseTitle.current;
  }, [unseen.length]);

  /** The pill: to the new posts, with focus on the one to read first. */
  const showNew = () => {
    const target = newestFirst ? unseen.at(-1) : unseen[0];
    setUnread([]);
    const element = (target && document.getElementById(`post-${target}`)) || edgeRef.current;
    if (!element) return;
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (newestFirst && !reduced) {
      headingToEdge.current = true;
      // Until the scroll ends (or, where `scrollend` is not fired, a moment after it would have).
      const arrivedThere = () => {
        headingToEdge.current = false;
        clearTimeout(timer);
        window.removeEventListener("scrollend", arrivedThere);
      };
      const timer = setTimeout(arrivedThere, 1500);
      window.addEventListener("scrollend", arrivedThere);
    }
    element.scrollIntoView({ block: newestFirst ? "start" : "center", behavior: reduced ? "auto" : "smooth" });
    element.focus({ preventScroll: true });
  };

  return { edgeRef, listRef, unseen, away, holdViewport, arrived, showNew };
}
