"use client";

import { usePresence } from "@/lib/client/use-presence";

/**
 * The console header's live line: "12 reading now · Also here: Ana (typing…), Ben" — the
 * event's readers across all server processes, and the other team members in this console.
 */
export function ConsolePresence({ slug }: { slug: string }) {
  const { others, readers } = usePresence(slug);
  return (
    <p className="text-sm text-stone-500 dark:text-stone-400">
      {readers !== null && <span>{readers} reading now · </span>}
      {others.length === 0 ? (
        "Nobody else here"
      ) : (
        <>
          Also here:{" "}
          {others.map((member, index) => (
            <span key={member.id}>
              {index > 0 && ", "}
              <span className="font-medium text-stone-700 dark:text-stone-200">{member.name}</span>
              {member.typing && <span className="italic"> (typing…)</span>}
            </span>
          ))}
        </>
      )}
    </p>
  );
}
