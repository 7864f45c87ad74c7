"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { previewAction } from "@/app/(dashboard)/dashboard/events/[slug]/draft-actions";

/**
 * What the post will look like, rendered by the server's own Markdown renderer and
 * sanitizer (so the preview never differs from the published post), debounced.
 */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const t = useTranslations("newsroom.preview");
  const [html, setHtml] = useState("");
  useEffect(() => {
    if (!markdown.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      previewAction(markdown).then(
        (rendered) => current && setHtml(rendered),
        () => {},
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [markdown]);
  if (!markdown.trim()) return null;
  return (
    <section
      aria-label={t("label")}
      className="rounded-md border border-dashed border-stone-300 p-3 dark:border-stone-700"
    >
      <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500 dark:text-stone-400">
        {t("label")}
      </p>
      <div className="post-body" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
