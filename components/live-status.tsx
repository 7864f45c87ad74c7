import { useTranslations } from "next-intl";
import type { LiveStatus } from "@/lib/client/use-live-changes";

const dots: Record<LiveStatus["state"], string> = {
  connecting: "bg-stone-400",
  live: "bg-red-600 animate-pulse motion-reduce:animate-none",
  reconnecting: "bg-amber-500",
  polling: "bg-sky-600",
  ended: "bg-stone-500",
  offline: "bg-stone-400",
};

function label(status: LiveStatus, t: ReturnType<typeof useTranslations<"reader.liveStatus">>): string {
  if (status.state === "reconnecting" && status.inSeconds !== null)
    return t("reconnectingIn", { seconds: status.inSeconds });
  return t(status.state);
}

/** How current the page is: live, catching up, on the polling fallback, or finished. */
export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const t = useTranslations("reader.liveStatus");
  return (
    <p
      role="status"
      data-status={status.state}
      className="inline-flex items-center gap-2 rounded-full border border-stone-200 bg-white px-3 py-1 text-xs font-semibold uppercase tracking-wide dark:border-stone-700 dark:bg-stone-900"
    >
      <span aria-hidden className={`size-2 rounded-full ${dots[status.state]}`} />
      {label(status, t)}
    </p>
  );
}
