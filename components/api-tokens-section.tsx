import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import type { Actor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { ApiTokensPanel } from "./api-tokens-panel";

type Props = { slug: string; eventId: string; actor: Actor; timeZone: string };

/** The console's API token section: owners only, so it renders nothing for anyone else. */
export async function ApiTokensSection({ slug, eventId, actor, timeZone }: Props) {
  const tokens = await listApiTokens(actor, eventId).catch((error: unknown) => {
    if (error instanceof ForbiddenError) return null;
    throw error;
  });
  if (!tokens) return null;
  return <ApiTokensPanel slug={slug} tokens={tokens} timeZone={timeZone} />;
}
