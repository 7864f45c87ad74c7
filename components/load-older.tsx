import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useRef } from "react";

type Props = {
  /** Load automatically as the reader nears this point (newest first: the end of the feed). */
  auto: boolean;
  loading: boolean;
  failed: boolean;
  label: string;
  /** Where the next page starts: observing anew after each page checks whether to go on. */
  cursor: string;
  onLoad: () => void;
};

/** "Load older updates": a button for keyboards, and on its own as the reader reaches it. */
export function LoadOlder({ auto, loading, failed, label, cursor, onLoad }: Props) {
  const t = useTranslations("reader");
  const ref = useRef<HTMLDivElement>(null);
  const load = useEffectEvent(() => {
    if (!loading && !failed) onLoad();
  });
  useEffect(() => {
    const target = ref.current;
    if (!auto || !target) return;
    // Starts a screen ahead, so a reader scrolling steadily never waits at the bottom.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), {
      rootMargin: "0px 0px 100% 0px",
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [auto, cursor]);
  return (
    <div ref={ref} className="py-6 text-center">
      <button
        type="button"
        onClick={onLoad}
        disabled={loading}
        className="rounded-full border border-stone-300 px-4 py-2 text-sm font-semibold hover:bg-stone-100 disabled:opacity-70 dark:border-stone-700 dark:hover:bg-stone-900"
      >
        {loading ? t("loading") : failed ? t("tryAgain", { label }) : label}
      </button>
    </div>
  );
}
