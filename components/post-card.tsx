import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/lib/i18n/locales";
import type { PostView } from "@/lib/shared/types";
import { formatExact } from "@/lib/shared/format-time";
import { localizeFold } from "@/lib/shared/fold";
import { excerpt, plainText } from "@/lib/shared/plain-text";
import { AuthorAvatar } from "./author-avatar";
import { Poll } from "./poll";
import { Reactions } from "./reactions";
import { RelativeTime } from "./relative-time";
import { ShareButton } from "./share-button";

type Props = {
  post: PostView;
  slug: string;
  timeZone: string;
  /** The post a permalink points at: marked, and announced as the current one. */
  highlighted?: boolean;
  /** Arrived live while the reader was elsewhere: marked until they have seen it. */
  fresh?: boolean;
  actions?: React.ReactNode;
};

// Rendered on the server for the first paint and in the browser for live arrivals.
// `post.html` was sanitized when the post was written (lib/posts/render-markdown.ts).
export function PostCard({ post, slug, timeZone, highlighted, fresh, actions }: Props) {
  const t = useTranslations("reader");
  const locale = toLocale(useLocale());
  const permalink = `/e/${slug}/p/${post.id}`;
  return (
    <article
      id={`post-${post.id}`}
      data-post-id={post.id}
      tabIndex={-1}
      aria-current={highlighted ? "true" : undefined}
      aria-labelledby={post.headline ? `post-${post.id}-headline` : undefined}
      className={`relative scroll-mt-20 border-b border-stone-200 py-6 last:border-b-0 focus:outline-none dark:border-stone-800 ${
        highlighted
          ? "-mx-4 rounded-lg bg-amber-50 px-4 ring-2 ring-amber-400 dark:bg-amber-950/40 dark:ring-amber-500"
          : ""
      }`}
    >
      {fresh && <span aria-hidden className="absolute top-6 -start-3 h-6 w-1 rounded-full bg-brand" />}
      {(post.pinned || post.keyLabel) && (
        <p className="mb-2 flex flex-wrap gap-2 text-xs font-bold tracking-wide uppercase">
          {post.pinned && (
            <span className="rounded bg-stone-900 px-2 py-0.5 text-white dark:bg-stone-100 dark:text-stone-900">
              {t("pinned")}
            </span>
          )}
          {post.keyLabel && (
            <span className="rounded bg-brand-strong px-2 py-0.5 text-white">
              <span className="sr-only">{t("keyEvent")} </span>
              {post.keyLabel}
            </span>
          )}
        </p>
      )}
      <header className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-600 dark:text-stone-400">
        {/* The fragment scrolls the permalink page to the post where no script runs to do it. */}
        <a
          href={`${permalink}#post-${post.id}`}
          className="rounded font-semibold text-brand-strong tabular-nums hover:underline dark:text-red-300"
        >
          <RelativeTime iso={post.publishedAt} timeZone={timeZone} />
        </a>
        <span className="inline-flex items-center gap-1.5">
          <AuthorAvatar name={post.authorName} />
          {post.authorName}
        </span>
        {post.editedAt && (
          <span className="italic" title={t("editedAt", { when: formatExact(post.editedAt, timeZone, locale) })}>
            {t("edited")}
          </span>
        )}
        <span className="ms-auto">
          <ShareButton path={permalink} title={shareTitle(post) || t("anUpdate")} />
        </span>
      </header>
      {post.headline && (
        <h2 id={`post-${post.id}-headline`} className="mb-2 text-lg leading-snug font-semibold">
          {post.headline}
        </h2>
      )}
      <div className="post-body" dangerouslySetInnerHTML={{ __html: localizeFold(post.html, t("readMore")) }} />
      {post.poll && <Poll poll={post.poll} postId={post.id} timeZone={timeZone} />}
      {/* Only under a ReactionsProvider (the reader's page, permalink and embed). */}
      <Reactions postId={post.id} />
      {actions}
    </article>
  );
}

/** What the share sheet calls the update: its headline, else its first words. */
function shareTitle(post: PostView): string {
  return post.headline?.trim() || excerpt(plainText(post.html), 100);
}
