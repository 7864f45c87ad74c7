"use client";

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
import { Dialog } from "./ui/dialog";
import { TextField, inputClass } from "./ui/field";

export type PanelMember = { userId: string; name: string; email: string | null; role: Role; you: boolean };
export type PanelInvitation = { id: string; email: string; role: Role; expiresAt: string; expired: boolean };

const roles: Role[] = ["OWNER", "EDITOR", "CONTRIBUTOR"];
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

type Props = { slug: string; members: PanelMember[]; invitations: PanelInvitation[] };

/** The owner's view of the team: invite, change roles, remove, revoke pending invitations. */
export function TeamPanel({ slug, members, invitations }: Props) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? null : (result.message ?? "That did not work."));
    });
  const [removing, setRemoving] = useState<PanelMember | null>(null);
  const remove = (member: PanelMember) => setRemoving(member);

  return (
    <div className="space-y-5">
      <InviteForm slug={slug} />
      {removing && (
        <Dialog
          title={removing.you ? "Leave this event’s team?" : `Remove ${removing.name} from the team?`}
          confirmLabel={removing.you ? "Leave team" : "Remove member"}
          destructive
          onConfirm={() => run(() => removeMemberAction(slug, removing.userId))}
          onClose={() => setRemoving(null)}
        >
          <p className="text-sm text-stone-700 dark:text-stone-300">
            {removing.you ? "You will lose access to its console." : "They lose access at once."}
          </p>
        </Dialog>
      )}
      {message && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      )}
      <ul aria-label="Members" className="divide-y divide-stone-200 text-sm dark:divide-stone-800">
        {members.map((member) => (
          <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              {member.name}
              {member.you && <span className="text-stone-500 dark:text-stone-400"> (you)</span>}
              {member.email && <span className="block text-xs text-stone-500 dark:text-stone-400">{member.email}</span>}
            </span>
            <span className="flex items-center gap-3">
              <select
                key={member.role}
                aria-label={`Role of ${member.name}`}
                defaultValue={member.role}
                disabled={pending}
                onChange={(e) => {
                  const select = e.currentTarget;
                  startTransition(async () => {
                    const result = await changeRoleAction(slug, member.userId, select.value as Role);
                    // Refused (the last owner, say): show the role as it still is.
                    if (!result.ok) select.value = member.role;
                    setMessage(result.ok ? null : (result.message ?? "The role was not changed."));
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
                aria-label={`Remove ${member.name}`}
                className="font-medium text-red-700 dark:text-red-400 underline"
              >
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      {invitations.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Pending invitations</h3>
          <ul aria-label="Pending invitations" className="divide-y divide-stone-200 text-sm dark:divide-stone-800">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex items-center justify-between gap-2 py-2">
                <span>
                  {invitation.email}
                  <span className="block text-xs text-stone-500 dark:text-stone-400">
                    {roleLabels[invitation.role]} ·{" "}
                    {invitation.expired ? "expired" : `until ${day.format(new Date(invitation.expiresAt))}`}
                  </span>
                </span>
                <button
                  type="button"
                  onClick={() => run(() => revokeInvitationAction(slug, invitation.id))}
                  disabled={pending}
                  aria-label={`Revoke the invitation for ${invitation.email}`}
                  className="font-medium underline"
                >
                  Revoke
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
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} aria-label="Invite someone" className="space-y-3">
      <TextField
        label="Email"
        name="email"
        type="email"
        errors={errors.email}
        required
        maxLength={limits.email}
        defaultValue={state.values?.email}
      />
      <div className="space-y-1">
        <label htmlFor="invite-role" className="block text-sm font-medium">
          Role
        </label>
        <select
          id="invite-role"
          name="role"
          key={state.values?.role ?? "CONTRIBUTOR"}
          defaultValue={state.values?.role ?? "CONTRIBUTOR"}
          className={inputClass}
        >
          <option value="CONTRIBUTOR">Contributor: writes posts that editors approve</option>
          <option value="EDITOR">Editor: publishes, edits and approves</option>
          <option value="OWNER">Owner: also manages the team</option>
        </select>
        {errors.role && <p className="text-sm text-red-700 dark:text-red-400">{errors.role.join(" ")}</p>}
      </div>
      <Button type="submit" pending={pending}>
        {pending ? "Inviting…" : "Invite"}
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
        aria-label="Invitation link"
        onFocus={(e) => e.currentTarget.select()}
        className={`${inputClass} font-mono text-xs`}
      />
      <button type="button" onClick={copy} className="shrink-0 text-sm font-medium underline">
        {copied ? "Copied" : "Copy link"}
      </button>
    </div>
  );
}
