import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/enums";
import { listInvitations } from "@/lib/members/list-invitations";
import { listTeam } from "@/lib/members/list-team";
import { roleLabels } from "@/lib/members/schemas";
import { TeamPanel, type PanelInvitation, type PanelMember } from "./team-panel";

type Props = { eventId: string; slug: string; actor: Actor; role: Role; timeZone: string };

/** The event's team. Owners manage it (invite, roles, removal); everyone else just sees it. */
export async function TeamSection({ eventId, slug, actor, role, timeZone }: Props) {
  const owner = role === "OWNER";
  const t = await getTranslations("newsroom.team");
  const [team, pending] = await Promise.all([
    listTeam(actor, eventId),
    owner ? listInvitations(actor, eventId) : Promise.resolve([]),
  ]);
  const members: PanelMember[] = team.map((m) => ({
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    you: m.userId === actor.id,
  }));
  const invitations: PanelInvitation[] = pending.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt.toISOString(),
    expired: i.expired,
  }));
  return (
    <section
      aria-labelledby="team-heading"
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
    >
      <h2 id="team-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      {owner ? (
        <TeamPanel slug={slug} members={members} invitations={invitations} timeZone={timeZone} />
      ) : (
        <ul aria-label={t("members")} className="divide-y divide-stone-200 text-sm dark:divide-stone-800">
          {members.map((m) => (
            <li key={m.userId} className="flex items-center justify-between py-2">
              <span>
                {m.name}
                {m.you && <span className="text-stone-500 dark:text-stone-400">{t("you")}</span>}
              </span>
              <span className="text-stone-500 dark:text-stone-400">{roleLabels[m.role]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
