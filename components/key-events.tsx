import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import type { KeyEventView } from "@/lib/shared/types";
import { formatClock } from "@/lib/shared/format-time";

type Props = {
  slug: string;
  keyEvents: KeyEventView[];
  timeZone: string;
  /** Posts on the page: their links jump in place; the others open their permalink. */
  loaded: ReadonlySet<string>;
  variant: "sidebar" | "collapsible";
};

function Timeline({ slug, keyEvents, timeZone, loaded }: Omit<Props, "variant">) {
  const t = useTranslations("reader");
  const locale = toLocale(useLocale());
  if (keyEvents.length === 0)
    return <p className="text-sm text-stone-600 dark:text-stone-400">{t("keyEventsEmpty")}</p>;
  return (
    <ol className="relative border-s-2 border-stone-200 dark:border-stone-800">
      {keyEvents.map((key) => (
        <li key={key.id} className="relative pb-3 ps-4 last:pb-0">
          <span aria-hidden className="absolute top-1.5 -start-[5px] size-2 rounded-full bg-brand" />
          <a
            href={loaded.has(key.id) ? `#post-${key.id}` : `/e/${slug}/p/${key.id}`}
            onClick={(event) => jumpTo(event, key.id)}
            className="group block rounded text-sm"
          >
            <time dateTime={key.publishedAt} className="block text-xs text-stone-600 tabular-nums dark:text-stone-400">
              {formatClock(key.publishedAt, timeZone, locale)}
            </time>
            <span className="font-medium group-hover:underline">{key.label}</span>
          </a>
        </li>
      ))}
    </ol>
  );
}

// In the page: scroll there and move focus to the post, so keyboard and screen reader
// users land where sighted readers look. Not in the page (not loaded yet): follow the link.
function jumpTo(event: React.MouseEvent, postId: string) {
  const target = document.getElementById(`post-${postId}`);
  if (!target) return;
  event.preventDefault();
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  target.scrollIntoView({ behavior: reduced ? "auto" : "smooth", block: "start" });
  target.focus({ preventScroll: true });
  history.replaceState(null, "", `#post-${postId}`);
}

/** Key events as a timeline: a sticky sidebar on wide screens, a collapsible list on phones. */
export function KeyEvents({ variant, ...props }: Props) {
  const t = useTranslations("reader");
  const heading = (
    <>
      {t("keyEvents")}{" "}
      <span className="font-normal text-stone-600 dark:text-stone-400">({props.keyEvents.length})</span>
    </>
  );
  if (variant === "collapsible")
    return (
      <nav aria-label={t("keyEvents")} className="border-b border-stone-200 py-3 lg:hidden dark:border-stone-800">
        <details>
          <summary className="cursor-pointer rounded py-1 text-sm font-semibold">{heading}</summary>
          <div className="pt-3 pb-1">
            <Timeline {...props} />
          </div>
        </details>
      </nav>
    );
  return (
    <nav
      aria-label={t("keyEvents")}
      className="sticky top-6 hidden max-h-[calc(100dvh-3rem)] overflow-y-auto pt-10 lg:block"
    >
      <h2 className="mb-4 text-xs font-bold tracking-widest uppercase">{heading}</h2>
      <Timeline {...props} />
    </nav>
  );
}
