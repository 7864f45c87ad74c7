import type { QuestionStatus } from "@/lib/generated/prisma/enums";

/** A question as the desk sees it. */
export type QuestionView = {
  id: string;
  body: string;
  name: string | null;
  status: QuestionStatus;
  createdAt: string;
  answeredPostId: string | null;
};

export const questionViewSelect = {
  id: true,
  body: true,
  name: true,
  status: true,
  createdAt: true,
  answeredPostId: true,
} as const;

export function toQuestionView(row: {
  id: string;
  body: string;
  name: string | null;
  status: QuestionStatus;
  createdAt: Date;
  answeredPostId: string | null;
}): QuestionView {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
