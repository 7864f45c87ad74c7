import type { PostView } from "@/lib/shared/types";
import { AuthorAvatar } from "./author-avatar";
import { formatTime } from "@/lib/shared/format-time";

// Rendered on the server for the first paint and in the browser for live arrivals.
// `post.html` was sanitized when the post was written (lib/posts/render-markdown.ts).
export function PostCard({ post, actions }: { post: PostView; actions?: React.ReactNode }) {
  return (
    <article
      id={`post-${post.id}`}
      data-post-id={post.id}
      className="border-b border-stone-200 py-6 last:border-b-0 dark:border-stone-800"
    >
      {(post.pinned || post.keyLabel) && (
        <p className="mb-2 flex flex-wrap gap-2 text-xs font-bold uppercase tracking-wide">
          {post.pinned && (
            <span className="rounded bg-stone-900 px-2 py-0.5 text-white dark:bg-stone-100 dark:text-stone-900">
              Pinned
            </span>
          )}
          {post.keyLabel && (
            <span className="rounded bg-brand px-2 py-0.5 text-white">
              <span className="sr-only">Key event: </span>
              {post.keyLabel}
            </span>
          )}
        </p>
      )}
      <header className="mb-2 flex items-center gap-3 text-sm text-stone-500 dark:text-stone-400">
        <time dateTime={post.publishedAt} className="font-semibold tabular-nums text-brand-strong dark:text-red-300">
          {formatTime(post.publishedAt)}
        </time>
        <span className="inline-flex items-center gap-1.5">
          <AuthorAvatar name={post.authorName} />
          {post.authorName}
        </span>
        {post.editedAt && <span className="italic">edited</span>}
      </header>
      {post.headline && <h2 className="mb-2 text-lg font-semibold leading-snug">{post.headline}</h2>}
      <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      {actions}
    </article>
  );
}
