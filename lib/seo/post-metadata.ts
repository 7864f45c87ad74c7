import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ogLocale, toLocale } from "@/lib/i18n/locales";
import { env, newsroomName } from "@/lib/env";
import { absoluteUrl, postImagePath, postPath } from "@/lib/shared/event-urls";
import { excerpt, plainText } from "@/lib/shared/plain-text";
import type { PostView } from "@/lib/shared/types";
import { shareImageSize, type EventForMetadata } from "./event-metadata";

/** The post's generated share card, a new URL whenever the event changes (its badge may). */
export function postShareImageUrl(event: EventForMetadata, post: PostView): string {
  return `${absoluteUrl(env().publicUrl, postImagePath(event.slug, post.id))}?v=${event.lastSeq}`;
}

/**
 * A permalink's title, description, canonical URL, OpenGraph article and Twitter card:
 * the update's headline (else its first words) and text, with its own share image.
 */
export async function postMetadata(event: EventForMetadata, post: PostView): Promise<Metadata> {
  const locale = toLocale(event.language);
  const t = await getTranslations({ locale, namespace: "reader" });
  const url = absoluteUrl(env().publicUrl, postPath(event.slug, post.id));
  const text = plainText(post.html);
  const headline = post.headline?.trim() || excerpt(text, 70) || t("feedUpdate");
  const title = `${headline} — ${event.title}`;
  const description = excerpt(text, 160) || event.description || t("updateFrom", { title: event.title });
  const images = [{ url: postShareImageUrl(event, post), ...shareImageSize, alt: headline }];
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "article",
      url,
      title,
      description,
      siteName: newsroomName(),
      images,
      locale: ogLocale(locale),
      publishedTime: post.publishedAt,
      modifiedTime: post.editedAt ?? post.publishedAt,
    },
    twitter: { card: "summary_large_image", title, description, images },
  };
}
