import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/enums";
import { listMyDrafts, listSubmissions } from "@/lib/posts/list-submissions";
import { MyDrafts, ReviewQueue } from "./review-queue";

type Props = { eventId: string; slug: string; actor: Actor; role: Role; timeZone: string };

const box = "space-y-3 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900";

/**
 * Review. Editors and owners get the queue of submitted posts to approve or send back;
 * contributors get their own drafts and submissions, with the editors' notes.
 */
export async function ReviewSection({ eventId, slug, actor, role, timeZone }: Props) {
  const t = await getTranslations("newsroom.review");
  if (role === "CONTRIBUTOR") {
    const drafts = await listMyDrafts(actor, eventId);
    return (
      <section aria-labelledby="review-heading" className={box}>
        <h2 id="review-heading" className="text-lg font-semibold">
          {t("mineHeading")}
        </h2>
        <p className="text-sm text-stone-500 dark:text-stone-400">{t("mineExplain")}</p>
        <MyDrafts slug={slug} drafts={drafts} timeZone={timeZone} />
      </section>
    );
  }
  const submissions = await listSubmissions(actor, eventId);
  return (
    <section
      aria-labelledby="review-heading"
      aria-describedby={submissions.length > 0 ? "review-count" : undefined}
      className={box}
    >
      {/* The count is beside the heading, not in it: the region is named "Review queue", not "Review queue2". */}
      <div className="flex items-baseline gap-2">
        <h2 id="review-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        {submissions.length > 0 && (
          <span id="review-count" className="text-sm text-stone-600 dark:text-stone-300">
            {t("waiting", { count: submissions.length })}
          </span>
        )}
      </div>
      <ReviewQueue slug={slug} submissions={submissions} timeZone={timeZone} />
    </section>
  );
}
