"use client";

import { formatDeskTime } from "@/lib/shared/format-time";
import { useTranslations } from "next-intl";
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
import { useConfirm } from "./ui/confirm";
import { TextField } from "./ui/field";

/** The event's API tokens for its owners: create (the secret is shown once), list, revoke. */
/** `timeZone`: the event's; every time shown is its clock, with the zone named. */
export function ApiTokensPanel({ slug, tokens, timeZone }: { slug: string; tokens: ApiTokenView[]; timeZone: string }) {
  const t = useTranslations("newsroom.apiTokens");
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
          {t("heading")}
        </h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {t.rich("explain", { slug, code: (chunks) => <code>{chunks}</code> })}
        </p>
      </div>

      {created && <NewSecret token={created} onDone={() => setDismissed(created.id)} />}

      <form action={action} className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <TextField
            label={t("name")}
            name="name"
            required
            maxLength={limits.name}
            placeholder={t("namePlaceholder")}
            errors={state.fieldErrors?.name}
            defaultValue={state.ok ? "" : state.values?.name}
          />
        </div>
        <Button type="submit" pending={pending}>
          {pending ? t("creating") : t("create")}
        </Button>
      </form>
      {!state.ok && state.message && !state.fieldErrors?.name && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}

      <TokenList slug={slug} tokens={tokens} timeZone={timeZone} />
    </section>
  );
}

function NewSecret({ token, onDone }: { token: NonNullable<CreateApiTokenState["created"]>; onDone: () => void }) {
  const t = useTranslations("newsroom.apiTokens");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(token.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 dark:bg-amber-950/40">
      <p className="text-sm font-medium">{t("copyNow", { name: token.name })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm select-all dark:bg-stone-900">
          {token.secret}
        </code>
        <Button type="button" onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </Button>
        <button type="button" onClick={onDone} className="text-sm font-medium underline">
          {t("done")}
        </button>
      </div>
    </div>
  );
}

function TokenList({ slug, tokens, timeZone }: { slug: string; tokens: ApiTokenView[]; timeZone: string }) {
  const t = useTranslations("newsroom.apiTokens");
  if (tokens.length === 0) return <p className="text-sm text-stone-500 dark:text-stone-400">{t("none")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-stone-500 dark:text-stone-400">
          <tr>
            <th className="py-1 pr-3 font-medium">{t("colName")}</th>
            <th className="py-1 pr-3 font-medium">{t("colToken")}</th>
            <th className="py-1 pr-3 font-medium">{t("colCreated")}</th>
            <th className="py-1 pr-3 font-medium">{t("colLastUsed")}</th>
            <th className="py-1 font-medium">{t("colStatus")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <TokenRow key={token.id} slug={slug} token={token} timeZone={timeZone} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ slug, token, timeZone }: { slug: string; token: ApiTokenView; timeZone: string }) {
  const formatWhen = (iso: string) => formatDeskTime(iso, timeZone);
  const t = useTranslations("newsroom.apiTokens");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const { dialog, ask } = useConfirm();
  const revoke = () =>
    ask({
      title: t("revokeTitle", { name: token.name }),
      detail: t("revokeDetail"),
      confirmLabel: t("revokeConfirm"),
      destructive: true,
      onConfirm: () =>
        startTransition(async () => {
          const result = await revokeApiTokenAction(slug, token.id);
          setMessage(result.ok ? null : (result.message ?? t("notRevoked")));
        }),
    });
  return (
    <tr className="border-t border-stone-200 align-top dark:border-stone-800">
      <td className="py-2 pr-3">
        {token.name}
        {token.createdByName && (
          <span className="block text-xs text-stone-500 dark:text-stone-400">
            {t("by", { name: token.createdByName })}
          </span>
        )}
      </td>
      <td className="py-2 pr-3 font-mono">{token.prefix}…</td>
      <td className="py-2 pr-3">{formatWhen(token.createdAt)}</td>
      <td className="py-2 pr-3">{token.lastUsedAt ? formatWhen(token.lastUsedAt) : t("never")}</td>
      <td className="py-2">
        {token.revokedAt ? (
          <span className="text-stone-500 dark:text-stone-400">
            {t("revokedAt", { when: formatWhen(token.revokedAt) })}
          </span>
        ) : (
          <button
            type="button"
            onClick={revoke}
            disabled={pending}
            className="font-medium text-red-700 underline dark:text-red-400"
          >
            {pending ? t("revoking") : t("revoke")}
          </button>
        )}
        {message && (
          <span role="alert" className="block text-red-700 dark:text-red-400">
            {message}
          </span>
        )}
        {dialog}
      </td>
    </tr>
  );
}
