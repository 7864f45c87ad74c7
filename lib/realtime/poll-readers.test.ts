import { describe, expect, it } from "vitest";
import { unique } from "@/test/factories";
import { pollerFreshMs, pollersByEvent, recordPoll } from "./poll-readers";

describe("polling readers", () => {
  it("counts distinct recent pollers per event and forgets those that stopped", () => {
    const [a, b] = [`evt-${unique()}`, `evt-${unique()}`];
    const t = 1_000_000;
    recordPoll(a, "poller-one-0001", t);
    recordPoll(a, "poller-one-0001", t + 5_000); // the same reader again: one
    recordPoll(a, "poller-two-0002", t + 1_000);
    recordPoll(b, "poller-three-03", t);
    recordPoll(b, null, t); // no id (an old page, curl): not counted
    recordPoll(b, "x", t); // malformed: not counted
    const now = pollersByEvent(t + 6_000);
    expect(now.get(a)).toBe(2);
    expect(now.get(b)).toBe(1);
    const later = pollersByEvent(t + 5_000 + pollerFreshMs + 1);
    expect(later.get(a)).toBeUndefined();
    expect(later.get(b)).toBeUndefined();
  });
});
