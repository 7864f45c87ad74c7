import { useTranslations } from "next-intl";
import type { EventView } from "@/lib/shared/types";

type Order = EventView["order"];
const options = [
  ["NEWEST_FIRST", "newestFirst"],
  ["OLDEST_FIRST", "oldestFirst"],
] as const;

/** The reader's choice of order (remembered by the feed); a pair of toggle buttons. */
export function OrderToggle({ order, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const t = useTranslations("reader");
  return (
    <div
      role="group"
      aria-label={t("order")}
      className="inline-flex rounded-full border border-stone-300 p-0.5 text-xs font-semibold dark:border-stone-700"
    >
      {options.map(([value, label]) => (
        <button
          key={value}
          type="button"
          aria-pressed={order === value}
          onClick={() => onChange(value)}
          className="rounded-full px-2.5 py-1 text-stone-700 aria-pressed:bg-stone-900 aria-pressed:text-white dark:text-stone-300 dark:aria-pressed:bg-stone-100 dark:aria-pressed:text-stone-900"
        >
          {t(label)}
        </button>
      ))}
    </div>
  );
}
