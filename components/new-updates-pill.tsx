import { useTranslations } from "next-intl";

type Props = { count: number; direction: "up" | "down"; onClick: () => void };

/** "3 new updates": floats over the page (so nothing moves) and takes the reader to them. */
export function NewUpdatesPill({ count, direction, onClick }: Props) {
  const t = useTranslations("reader");
  return (
    <button
      type="button"
      onClick={onClick}
      data-testid="new-updates-pill"
      className={`fixed left-1/2 z-20 -translate-x-1/2 rounded-full bg-stone-900 px-4 py-2 text-sm font-semibold text-white shadow-lg transition hover:bg-stone-700 motion-reduce:transition-none dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-white ${
        direction === "up" ? "top-4" : "bottom-4"
      }`}
    >
      <span aria-hidden>{direction === "up" ? "↑ " : "↓ "}</span>
      {t("newUpdates", { count })}
    </button>
  );
}
