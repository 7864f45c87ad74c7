"use client";

import { useState, useTransition } from "react";
import { usePageActionState } from "@/lib/client/use-page-action-state";
import {
  createApiTokenAction,
  revokeApiTokenAction,
  type CreateApiTokenState,
} from "@/app/(dashboard)/dashboard/events/[slug]/api-token-actions";
import type { ApiTokenView } from "@/lib/api-tokens/list-api-tokens";
import { idle } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { TextField } from "./ui/field";
import { Dialog } from "./ui/dialog";

// UTC, like formatTime: the server's HTML and the browser's hydration print the same text.
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const formatWhen = (iso: string) => `${when.format(new Date(iso))} UTC`;

/** The event's API tokens for its owners: create (the secret is shown once), list, revoke. */
export function ApiTokensPanel({ slug, tokens }: { slug: string; tokens: ApiTokenView[] }) {
  const [state, action, pending] = usePageActionState<CreateApiTokenState, FormData>(
    createApiTokenAction.bind(null, slug),
    idle,
  );
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state.created && state.created.id !== dismissed ? state.created : null;
  return (
    <section
      aria-labelledby="api-tokens-heading"
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
    >
      <div>
        <h2 id="api-tokens-heading" className="text-lg font-semibold">
          Publishing API tokens
        </h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          For scripts that publish to this event (scores, wires, bots). A token acts as you: it stops working if you
          leave the team. Send it as <code>Authorization: Bearer &lt;token&gt;</code> to{" "}
          <code>/api/v1/events/{slug}/posts</code>.
        </p>
      </div>

      {created && <NewSecret token={created} onDone={() => setDismissed(created.id)} />}

      <form action={action} className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <TextField
            label="Token name"
            name="name"
            required
            maxLength={limits.name}
            placeholder="Score bot"
            errors={state.fieldErrors?.name}
            defaultValue={state.ok ? "" : state.values?.name}
          />
        </div>
        <Button type="submit" pending={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {!state.ok && state.message && !state.fieldErrors?.name && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}

      <TokenList slug={slug} tokens={tokens} />
    </section>
  );
}

function NewSecret({ token, onDone }: { token: NonNullable<CreateApiTokenState["created"]>; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(token.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 dark:bg-amber-950/40">
      <p className="text-sm font-medium">
        Copy the token “{token.name}” now: it will not be shown again. Store it as a secret.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm select-all dark:bg-stone-900">
          {token.secret}
        </code>
        <Button type="button" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </Button>
        <button type="button" onClick={onDone} className="text-sm font-medium underline">
          Done
        </button>
      </div>
    </div>
  );
}

function TokenList({ slug, tokens }: { slug: string; tokens: ApiTokenView[] }) {
  if (tokens.length === 0) return <p className="text-sm text-stone-500 dark:text-stone-400">No tokens yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-stone-500 dark:text-stone-400">
          <tr>
            <th className="py-1 pr-3 font-medium">Name</th>
            <th className="py-1 pr-3 font-medium">Token</th>
            <th className="py-1 pr-3 font-medium">Created</th>
            <th className="py-1 pr-3 font-medium">Last used</th>
            <th className="py-1 font-medium">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <TokenRow key={token.id} slug={slug} token={token} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ slug, token }: { slug: string; token: ApiTokenView }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const revoke = () => {
    startTransition(async () => {
      const result = await revokeApiTokenAction(slug, token.id);
      setMessage(result.ok ? null : (result.message ?? "The token was not revoked."));
    });
  };
  return (
    <tr className="border-t border-stone-200 align-top dark:border-stone-800">
      <td className="py-2 pr-3">
        {token.name}
        {token.createdByName && (
          <span className="block text-xs text-stone-500 dark:text-stone-400">by {token.createdByName}</span>
        )}
      </td>
      <td className="py-2 pr-3 font-mono">{token.prefix}…</td>
      <td className="py-2 pr-3">{formatWhen(token.createdAt)}</td>
      <td className="py-2 pr-3">{token.lastUsedAt ? formatWhen(token.lastUsedAt) : "Never"}</td>
      <td className="py-2">
        {token.revokedAt ? (
          <span className="text-stone-500 dark:text-stone-400">Revoked {formatWhen(token.revokedAt)}</span>
        ) : (
          <button
            type="button"
            onClick={() => setAsking(true)}
            disabled={pending}
            className="font-medium text-red-700 underline dark:text-red-400"
          >
            {pending ? "Revoking…" : "Revoke"}
          </button>
        )}
        {asking && (
          <Dialog
            title={`Revoke “${token.name}”?`}
            confirmLabel="Revoke token"
            destructive
            onConfirm={revoke}
            onClose={() => setAsking(false)}
          >
            <p className="text-sm text-stone-700 dark:text-stone-300">Anything using it stops publishing at once.</p>
          </Dialog>
        )}
        {message && (
          <span role="alert" className="block text-red-700 dark:text-red-400">
            {message}
          </span>
        )}
      </td>
    </tr>
  );
}
