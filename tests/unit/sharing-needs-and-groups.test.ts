import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { aggregateNeedsCrontab } from "../../app/domain/sharing/aggregation-queue.server";
import { describeGroup, shortName } from "../../app/domain/sharing/describe-group";
import {
  decodeOnBehalf,
  emptyNeedRaw,
  encodeOnBehalf,
  needSchema,
  parseEuros,
  parseNeedForm,
  roundLocation,
  windowsToRows,
} from "../../app/domain/sharing/need-schemas";
import { getTranslator } from "../../app/i18n/translator.server";
import { groupEventAllowed, groupStatusTransitions, nextGroupStatus } from "../../app/domain/sharing/shared-group-status-machine";

describe("the need form", () => {
  it("turns rows of weekdays and times into merged weekly windows", () => {
    const parsed = parseNeedForm(
      needSchema,
      emptyNeedRaw({
        category: "doposcuola",
        address: "Via Padova 21",
        quartiereId: "1",
        windows: [
          { days: ["1", "3"], from: "16:00", to: "18:00" },
          { days: ["1"], from: "17:30", to: "19:00" },
          { days: [], from: "", to: "" },
        ],
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.windows).toEqual([
      { weekday: 1, startMinute: 960, endMinute: 1140 },
      { weekday: 3, startMinute: 960, endMinute: 1080 },
    ]);
    expect(parsed.data).toMatchObject({ persons: 1, maxWalk: 500, openToSharing: true, budget: null, location: null, condominiumId: null });
  });

  it("reads euros exactly, refusing negative and malformed amounts", () => {
    expect(parseEuros("12")).toEqual({ cents: 1200 });
    expect(parseEuros("12,5")).toEqual({ cents: 1250 });
    expect(parseEuros("€ 9.05")).toEqual({ cents: 905 });
    expect(parseEuros("")).toEqual({ cents: null });
    expect(parseEuros("-3")).toEqual({ error: "errors.budgetNegative" });
    expect(parseEuros("3,333")).toEqual({ error: "errors.budgetInvalid" });
  });

  it("keeps a device location to a grid of about 50 metres", () => {
    const rounded = roundLocation(45.4973123, 9.2213456);
    expect(Math.abs(rounded.lat - 45.4973123) * 111_320).toBeLessThanOrEqual(25.1);
    expect(Math.abs(rounded.lng - 9.2213456) * 111_320 * Math.cos((45.4973 * Math.PI) / 180)).toBeLessThanOrEqual(25.1);
    expect(roundLocation(rounded.lat, rounded.lng)).toEqual(rounded);
  });

  it("gives stored windows back as form rows, one per time range", () => {
    const rows = windowsToRows([
      { weekday: 1, startMinute: 990, endMinute: 1110 },
      { weekday: 2, startMinute: 990, endMinute: 1110 },
      { weekday: 6, startMinute: 540, endMinute: 720 },
    ]);
    expect(rows).toEqual([
      { days: ["6"], from: "09:00", to: "12:00" },
      { days: ["1", "2"], from: "16:30", to: "18:30" },
      { days: [], from: "", to: "" },
    ]);
  });

  it("keeps a hub-desk person's name and contact note apart", () => {
    expect(decodeOnBehalf(encodeOnBehalf(" Maria Bianchi ", "tel. 02 1234"))).toEqual({ name: "Maria Bianchi", contactNote: "tel. 02 1234" });
    expect(decodeOnBehalf(encodeOnBehalf("Luigi", ""))).toEqual({ name: "Luigi", contactNote: "" });
    expect(decodeOnBehalf(null)).toBeNull();
  });
});

describe("the shared group state machine", () => {
  it("allows only the listed status changes", () => {
    expect(nextGroupStatus("proposed", "form")).toBe("formed");
    expect(nextGroupStatus("formed", "book")).toBe("booked");
    expect(nextGroupStatus("booked", "activate")).toBe("active");
    expect(nextGroupStatus("proposed", "book")).toBeNull();
    expect(nextGroupStatus("dissolved", "dissolve")).toBeNull();
    for (const status of groupStatusTransitions.dissolve.from) expect(nextGroupStatus(status, "dissolve")).toBe("dissolved");
  });

  it("allows answers only on proposals, offers only on formed groups, leaving only once formed", () => {
    expect(groupEventAllowed("proposed", "accept")).toBe(true);
    expect(groupEventAllowed("formed", "accept")).toBe(false);
    expect(groupEventAllowed("formed", "offer")).toBe(true);
    expect(groupEventAllowed("booked", "offer")).toBe(false);
    expect(groupEventAllowed("proposed", "leave")).toBe(false);
    expect(groupEventAllowed("booked", "leave")).toBe(true);
  });

  it("runs the aggregation nightly with a crontab graphile-worker reads", () => {
    const [item] = parseCrontab(aggregateNeedsCrontab);
    expect(item!.task).toBe("aggregate_needs");
    expect(item!.options).toMatchObject({ jobKey: "aggregate_needs", queueName: "sharing" });
  });
});

describe("a group in words", () => {
  it("names others by first name and initial, never by an e-mail address", () => {
    expect(shortName("Anna Maria Rossi")).toBe("Anna R.");
    expect(shortName("Anna")).toBe("Anna");
    expect(shortName("anna@example.org")).toBeNull();
    expect(shortName(null)).toBeNull();
  });

  it("says the families, the quartiere, the times and the saving in the reader's language", async () => {
    const facts = {
      families: 3,
      quartiereName: "Loreto",
      schedule: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 990, endMinute: 1110 }],
      shareHourlyCents: 620,
      individualHourlyCents: 1100,
    };
    // Intl puts narrow or no-break spaces around currency symbols: compare with plain spaces.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
    const it = await getTranslator("it", ["sharing", "booking", "common"]);
    expect(plain(describeGroup(it, facts, "it"))).toBe("3 famiglie a Loreto, da lunedì a venerdì 16:30–18:30: 6,20 €/ora per te invece di 11 €/ora da soli.");
    const en = await getTranslator("en", ["sharing", "booking", "common"]);
    expect(plain(describeGroup(en, facts, "en"))).toBe("3 families in Loreto, Monday to Friday 16:30–18:30: €6.20/hour for you instead of €11/hour alone.");
  });
});
