import type { LiveStatus } from "@/lib/client/use-live-changes";

const look: Record<LiveStatus, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-stone-400" },
  live: { label: "Live", dot: "bg-red-600 animate-pulse motion-reduce:animate-none" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500" },
  offline: { label: "Offline", dot: "bg-stone-400" },
};

export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const { label, dot } = look[status];
  return (
    <p
      role="status"
      data-status={status}
      className="inline-flex items-center gap-2 rounded-full border border-stone-200 bg-white px-3 py-1 text-xs font-semibold uppercase tracking-wide dark:border-stone-700 dark:bg-stone-900"
    >
      <span aria-hidden className={`size-2 rounded-full ${dot}`} />
      {label}
    </p>
  );
}
