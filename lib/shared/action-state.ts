/** What a dashboard server action returns to its form (useActionState). */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What the user typed, handed back on failure so a rejected form loses nothing. */
  values?: Record<string, string>;
  /** An edit conflict: the version someone else saved, to show and offer to load. */
  current?: { headline: string | null; body: string; version: number };
};

export const idle: ActionState = { ok: false };
