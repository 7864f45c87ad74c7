import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/session";
import { listKeptBack } from "@/lib/posts/list-kept-back";
import { KeptBackList } from "./kept-back-list";

type Props = { eventId: string; slug: string; actor: Actor; timeZone: string };

/** The desk's drafts and scheduled posts, anyone's: edit, "publish now" and "delete". */
export async function KeptBackSection({ eventId, slug, actor, timeZone }: Props) {
  const posts = await listKeptBack(actor, eventId);
  if (posts.length === 0) return null;
  const t = await getTranslations("newsroom.keptBack");
  return (
    <section
      aria-labelledby="kept-back-heading"
      className="rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
    >
      <h2 id="kept-back-heading" className="font-semibold">
        {t("heading")}
      </h2>
      <KeptBackList
        slug={slug}
        timeZone={timeZone}
        posts={posts.map((p) => ({ ...p, scheduledFor: p.scheduledFor?.toISOString() ?? null }))}
      />
    </section>
  );
}
