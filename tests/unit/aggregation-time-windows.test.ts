import { describe, expect, it } from "vitest";
import { aggregateNeeds } from "../../app/domain/sharing/aggregation/aggregate-needs";
import { intersectWindows, normalizeWindows, scheduleSlots, weeklyMinutes } from "../../app/domain/sharing/aggregation/time-windows";
import { hm, need, on, prices, schoolDays } from "./aggregation-fixtures";

describe("aggregation: shared time", () => {
  it("does not group needs whose windows only touch (one ends at 18:30, the other starts at 18:30)", () => {
    const groups = aggregateNeeds(
      [need("a", { windows: on(schoolDays, hm(16, 30), hm(18, 30)) }), need("b", { windows: on(schoolDays, hm(18, 30), hm(20, 30)) })],
      prices,
    );
    expect(groups).toEqual([]);
  });

  it("does not group needs that overlap for less than the minimum shared time, and does once the minimum is lowered", () => {
    const needs = [need("a", { windows: on([1], hm(16), hm(17, 30)) }), need("b", { windows: on([1], hm(16, 45), hm(19)) })];
    expect(aggregateNeeds(needs, prices)).toEqual([]);
    const relaxed = aggregateNeeds(needs, prices, { minSharedMinutes: 45, minOwnTimeCoverage: 0 });
    expect(relaxed.map((g) => g.needIds)).toEqual([["a", "b"]]);
    expect(relaxed[0]!.sharedWindows).toEqual([{ weekday: 1, startMinute: hm(16, 45), endMinute: hm(17, 30) }]);
  });

  it("does not group needs on different weekdays even at the same hours", () => {
    const groups = aggregateNeeds([need("a", { windows: on([1, 3], hm(16), hm(19)) }), need("b", { windows: on([2, 4], hm(16), hm(19)) })], prices);
    expect(groups).toEqual([]);
  });

  it("proposes the intersection of all members' windows as the schedule and counts its weekly minutes", () => {
    const groups = aggregateNeeds(
      [
        need("a", { windows: on(schoolDays, hm(15), hm(19)) }),
        need("b", { windows: on([1, 2, 3], hm(16), hm(18)) }),
        need("c", { windows: on([1, 2, 6], hm(16, 30), hm(19)) }),
      ],
      prices,
      { minOwnTimeCoverage: 0 },
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.sharedWindows).toEqual(on([1, 2], hm(16, 30), hm(18)));
    expect(groups[0]!.weeklySharedMinutes).toBe(180);
    expect(groups[0]!.explanation).toMatchObject({ weekdays: [1, 2], startMinute: hm(16, 30), endMinute: hm(18), weeklySharedMinutes: 180 });
  });

  it("does not offer a family asking for Monday to Friday a group that shares only one day of it", () => {
    const weekdays = need("a", { windows: on(schoolDays, hm(16, 30), hm(18, 30)) });
    const wednesday = need("b", { windows: on([3], hm(16, 30), hm(18, 30)) });
    expect(aggregateNeeds([weekdays, wednesday], prices)).toEqual([]);
    // Two of five days is still under half of the first family's time; three of five is enough.
    const twoDays = need("c", { windows: on([1, 3], hm(16, 30), hm(18, 30)) });
    expect(aggregateNeeds([weekdays, twoDays], prices)).toEqual([]);
    const threeDays = need("d", { windows: on([1, 3, 5], hm(16, 30), hm(18, 30)) });
    expect(aggregateNeeds([weekdays, threeDays], prices).map((g) => g.needIds)).toEqual([["a", "d"]]);
  });

  it("drops pieces of the intersection shorter than the minimum, since further members can only shorten them", () => {
    const a = [...on([1], hm(9), hm(12)), ...on([2], hm(9), hm(12))];
    const b = [...on([1], hm(11, 30), hm(14)), ...on([2], hm(10), hm(13))];
    expect(intersectWindows(a, b, 60)).toEqual(on([2], hm(10), hm(12)));
    expect(intersectWindows(a, b, 30)).toEqual([...on([1], hm(11, 30), hm(12)), ...on([2], hm(10), hm(12))]);
  });

  it("merges one family's own overlapping or touching windows and drops empty or invalid ones", () => {
    const normalized = normalizeWindows([
      { weekday: 2, startMinute: hm(17), endMinute: hm(18) },
      { weekday: 2, startMinute: hm(16), endMinute: hm(17) },
      { weekday: 2, startMinute: hm(17, 30), endMinute: hm(19) },
      { weekday: 1, startMinute: hm(10), endMinute: hm(10) },
      { weekday: 8, startMinute: hm(10), endMinute: hm(12) },
      { weekday: 3, startMinute: hm(23), endMinute: hm(25) },
    ]);
    expect(normalized).toEqual([
      { weekday: 2, startMinute: hm(16), endMinute: hm(19) },
      { weekday: 3, startMinute: hm(23), endMinute: hm(24) },
    ]);
    expect(weeklyMinutes(normalized)).toBe(240);
  });

  it("summarises the schedule with the hours shared on most weekdays first", () => {
    const slots = scheduleSlots([...on([6], hm(9), hm(13)), ...on([1, 3, 5], hm(16), hm(18))]);
    expect(slots).toEqual([
      { weekdays: [1, 3, 5], startMinute: hm(16), endMinute: hm(18) },
      { weekdays: [6], startMinute: hm(9), endMinute: hm(13) },
    ]);
  });
});
