"use client";

import { formatDeskTime } from "@/lib/shared/format-time";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import {
  changeRoleAction,
  inviteMemberAction,
  removeMemberAction,
  revokeInvitationAction,
  type InviteState,
} from "@/app/(dashboard)/dashboard/events/[slug]/team-actions";
import type { Role } from "@/lib/generated/prisma/enums";
import { roleLabels } from "@/lib/members/schemas";
import type { ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { useConfirm } from "./ui/confirm";
import { TextField, inputClass } from "./ui/field";

export type PanelMember = { userId: string; name: string; email: string | null; role: Role; you: boolean };
export type PanelInvitation = { id: string; email: string; role: Role; expiresAt: string; expired: boolean };

const roles: Role[] = ["OWNER", "EDITOR", "CONTRIBUTOR"];

/** `timeZone`: the event's; an invitation's expiry is its clock, with the zone named. */
type Props = { slug: string; members: PanelMember[]; invitations: PanelInvitation[]; timeZone: string };

/** The owner's view of the team: invite, change roles, remove, revoke pending invitations. */
export function TeamPanel({ slug, members, invitations, timeZone }: Props) {
  const t = useTranslations("newsroom.team");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.message ?? t("failed")));
    });
  const { dialog, ask } = useConfirm();
  const remove = (member: PanelMember) =>
    ask(
      member.you
        ? {
            title: t("leaveTitle"),
            detail: t("leaveDetail"),
            confirmLabel: t("leave"),
            destructive: true,
            onConfirm: () => run(() => removeMemberAction(slug, member.userId)),
          }
        : {
            title: t("removeTitle", { name: member.name }),
            detail: t("removeDetail"),
            confirmLabel: t("removeConfirm"),
            destructive: true,
            onConfirm: () => run(() => removeMemberAction(slug, member.userId)),
          },
    );

  return (
    <div className="space-y-5">
      {dialog}
      <InviteForm slug={slug} />
      {message && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      )}
      <ul aria-label={t("members")} className="divide-y divide-stone-200 text-sm dark:divide-stone-800">
        {members.map((member) => (
          <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              {member.name}
              {member.you && <span className="text-stone-500 dark:text-stone-400">{t("you")}</span>}
              {member.email && <span className="block text-xs text-stone-500 dark:text-stone-400">{member.email}</span>}
            </span>
            <span className="flex items-center gap-3">
              <select
                key={member.role}
                aria-label={t("roleOf", { name: member.name })}
                defaultValue={member.role}
                disabled={pending}
                onChange={(e) => {
                  const select = e.currentTarget;
                  startTransition(async () => {
                    const result = await changeRoleAction(slug, member.userId, select.value as Role);
                    // Refused (the last owner, say): show the role as it still is.
                    if (!result.ok) select.value = member.role;
                    setMessage(result.ok ? null : (result.message ?? t("roleNotChanged")));
                  });
                }}
                className="rounded-md border border-stone-300 bg-white px-2 py-1 dark:border-stone-700 dark:bg-stone-900"
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {roleLabels[role]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                onClick={() => remove(member)}
                disabled={pending}
                aria-label={t("removeMember", { name: member.name })}
                className="font-medium text-red-700 dark:text-red-400 underline"
              >
                {t("remove")}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {invitations.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">{t("pending")}</h3>
          <ul aria-label={t("pending")} className="divide-y divide-stone-200 text-sm dark:divide-stone-800">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex items-center justify-between gap-2 py-2">
                <span>
                  {invitation.email}
                  <span className="block text-xs text-stone-500 dark:text-stone-400">
                    {roleLabels[invitation.role]} ·{" "}
                    {invitation.expired
                      ? t("expired")
                      : t("until", { day: formatDeskTime(invitation.expiresAt, timeZone) })}
                  </span>
                </span>
                <button
                  type="button"
                  onClick={() => run(() => revokeInvitationAction(slug, invitation.id))}
                  disabled={pending}
                  aria-label={t("revokeInvitation", { email: invitation.email })}
                  className="font-medium underline"
                >
                  {t("revoke")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function InviteForm({ slug }: { slug: string }) {
  const [state, action, pending] = usePageActionState(inviteMemberAction.bind(null, slug), {
    ok: false,
  } as InviteState);
  const t = useTranslations("newsroom.team");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} aria-label={t("inviteForm")} className="space-y-3">
      <TextField
        label={t("email")}
        name="email"
        type="email"
        errors={errors.email}
        required
        maxLength={limits.email}
        defaultValue={state.values?.email}
      />
      <div className="space-y-1">
        <label htmlFor="invite-role" className="block text-sm font-medium">
          {t("role")}
        </label>
        <select
          id="invite-role"
          name="role"
          key={state.values?.role ?? "CONTRIBUTOR"}
          defaultValue={state.values?.role ?? "CONTRIBUTOR"}
          className={inputClass}
        >
          <option value="CONTRIBUTOR">{t("roleContributor")}</option>
          <option value="EDITOR">{t("roleEditor")}</option>
          <option value="OWNER">{t("roleOwner")}</option>
        </select>
        {errors.role && <p className="text-sm text-red-700 dark:text-red-400">{errors.role.join(" ")}</p>}
      </div>
      <Button type="submit" pending={pending}>
        {pending ? t("inviting") : t("invite")}
      </Button>
      {!pending && state.message && (
        <p
          role={state.ok && state.delivery !== "failed" ? "status" : "alert"}
          data-delivery={state.delivery}
          className={`text-sm ${messageTone(state)}`}
        >
          {state.message}
        </p>
      )}
      {!pending && state.ok && state.link && <InviteLink path={state.link} />}
    </form>
  );
}

/** Red when nothing was created; amber when the invitation exists but its email did not go. */
function messageTone(state: InviteState): string {
  if (!state.ok) return "text-red-700 dark:text-red-400";
  return state.delivery === "failed" ? "text-amber-800 dark:text-amber-300" : "";
}

/** The invitation link, shown once, with a copy button. */
function InviteLink({ path }: { path: string }) {
  const t = useTranslations("newsroom.team");
  const [copied, setCopied] = useState(false);
  const link = new URL(path, window.location.origin).href;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard access: the link stays selectable in the box
    }
  };
  return (
    <div className="flex gap-2">
      <input
        readOnly
        value={link}
        aria-label={t("inviteLink")}
        onFocus={(e) => e.currentTarget.select()}
        className={`${inputClass} font-mono text-xs`}
      />
      <button type="button" onClick={copy} className="shrink-0 text-sm font-medium underline">
        {copied ? t("copied") : t("copyLink")}
      </button>
    </div>
  );
}
