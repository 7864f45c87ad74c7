"use client";

import { useTranslations } from "next-intl";
import { usePresence } from "@/lib/client/use-presence";

/**
 * The console header's live line: "12 reading now · Also here: Ana (typing…), Ben" — the
 * event's readers across all server processes, and the other team members in this console.
 */
export function ConsolePresence({ slug }: { slug: string }) {
  const t = useTranslations("newsroom.presence");
  const { others, readers } = usePresence(slug);
  return (
    <p className="text-sm text-stone-500 dark:text-stone-400">
      {readers !== null && <span>{t("reading", { count: readers })}</span>}
      {others.length === 0 ? (
        t("nobody")
      ) : (
        <>
          {t("alsoHere")}{" "}
          {others.map((member, index) => (
            <span key={member.id}>
              {index > 0 && ", "}
              <span className="font-medium text-stone-700 dark:text-stone-200">{member.name}</span>
              {member.typing && <span className="italic">{t("typing")}</span>}
            </span>
          ))}
        </>
      )}
    </p>
  );
}
