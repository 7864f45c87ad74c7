import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/session";
import { listQuestions } from "@/lib/questions/list-questions";
import { QuestionQueue, QuestionsSwitch } from "./question-queue";

type Props = { eventId: string; slug: string; actor: Actor; open: boolean; timeZone: string };

const box = "space-y-3 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900";

/** Reader questions, for owners and editors: whether readers may ask, and the waiting ones. */
export async function QuestionsSection({ eventId, slug, actor, open, timeZone }: Props) {
  const { questions, waiting } = await listQuestions(actor, eventId);
  const t = await getTranslations("newsroom.questions");
  return (
    <section aria-labelledby="questions-heading" aria-describedby="questions-count" className={box}>
      <div className="flex items-baseline gap-2">
        <h2 id="questions-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <span id="questions-count" className="text-sm text-stone-500 dark:text-stone-400">
          {t("waiting", { count: waiting })}
        </span>
      </div>
      <QuestionsSwitch slug={slug} open={open} />
      <QuestionQueue slug={slug} questions={questions} timeZone={timeZone} />
    </section>
  );
}
