// Shared by the publishing API's route tests.
import { expect } from "vitest";

export type ErrorBody = { error: string; fieldErrors: Record<string, string[]> };

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Checks an API error response: status, JSON, never cached, and the error shape. */
export async function errorOf(response: Response, status: number): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as ErrorBody;
  expect(body).toEqual({ error: expect.any(String), fieldErrors: expect.any(Object) });
  return body;
}
