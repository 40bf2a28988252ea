import { describe, expect, it } from "vitest";
import {
  loadMunicipi,
  loadNilPolygons,
  loadQuartieri,
  nilDisplayName,
  nilShortName,
  parseCsv,
  pointInPolygon,
  quartiereMunicipi,
  slugify,
  straddlingNils,
  type Position,
} from "../../db/seed/territory";

const quartieri = loadQuartieri();
const municipi = loadMunicipi();
const links = quartiereMunicipi(quartieri);
const polygons = loadNilPolygons();

describe("Milan territory reference data", () => {
  it("loads the 88 NIL quartieri with ids 1..88", () => {
    expect(quartieri).toHaveLength(88);
    expect(quartieri.map((q) => q.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 88 }, (_, i) => i + 1));
  });

  it("loads the 9 municipi with their main areas", () => {
    expect(municipi.map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(municipi.map((m) => m.name)).toEqual(municipi.map((m) => `Municipio ${m.id}`));
    expect(municipi.find((m) => m.id === 2)?.areas).toBe("Stazione Centrale, Gorla, Turro, Greco, Crescenzago");
    for (const m of municipi) expect(m.areas.length).toBeGreaterThan(3);
  });

  it("links every quartiere to at least one municipio, with exactly one primary", () => {
    for (const q of quartieri) {
      const own = links.filter((l) => l.quartiereId === q.id);
      expect(own.length, q.name).toBeGreaterThanOrEqual(1);
      expect(own.filter((l) => l.isPrimary), q.name).toHaveLength(1);
      for (const l of own) expect(municipi.some((m) => m.id === l.municipioId)).toBe(true);
    }
  });

  it("gives both municipi to exactly the six NILs that straddle two, the larger share first", () => {
    const withoutMunicipio = quartieri.filter((q) => q.municipio === null).map((q) => q.id);
    expect(withoutMunicipio.sort((a, b) => a - b)).toEqual(straddlingNils.map((s) => s.quartiereId));
    for (const split of straddlingNils) {
      expect(split.shares[0]).toBeGreaterThanOrEqual(split.shares[1]);
      expect(links.filter((l) => l.quartiereId === split.quartiereId)).toEqual([
        { quartiereId: split.quartiereId, municipioId: split.municipi[0], isPrimary: true },
        { quartiereId: split.quartiereId, municipioId: split.municipi[1], isPrimary: false },
      ]);
    }
    expect(links).toHaveLength(88 + 6);
  });

  it("gives every quartiere a unique URL-safe slug", () => {
    const slugs = quartieri.map((q) => q.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(quartieri.find((q) => q.id === 22)?.slug).toBe("citta-studi");
  });

  it("places every centroid inside Milan's bounding box", () => {
    for (const q of quartieri) {
      expect(q.lat, q.name).toBeGreaterThan(45.38);
      expect(q.lat, q.name).toBeLessThan(45.54);
      expect(q.lng, q.name).toBeGreaterThan(9.04);
      expect(q.lng, q.name).toBeLessThan(9.28);
    }
  });

  it("has one boundary polygon per quartiere, containing its centroid (except concave NIL 85)", () => {
    expect([...polygons.keys()].sort((a, b) => a - b)).toEqual(quartieri.map((q) => q.id).sort((a, b) => a - b));
    for (const q of quartieri) {
      const polygon = polygons.get(q.id)!;
      expect(polygon.name).toBe(q.name);
      // The data README notes that NIL 85's centroid falls outside its own polygon.
      if (q.id !== 85) expect(pointInPolygon(q, polygon.rings), q.name).toBe(true);
    }
    expect(polygons.get(85)!.rings).toHaveLength(2);
  });
});

describe("pointInPolygon", () => {
  const square: Position[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const hole: Position[] = [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]];

  it("tells inside from outside", () => {
    expect(pointInPolygon({ lng: 5, lat: 5 }, [square])).toBe(true);
    expect(pointInPolygon({ lng: 11, lat: 5 }, [square])).toBe(false);
    expect(pointInPolygon({ lng: 5, lat: -1 }, [square])).toBe(false);
  });

  it("treats a point in a hole as outside", () => {
    expect(pointInPolygon({ lng: 5, lat: 5 }, [square, hole])).toBe(false);
    expect(pointInPolygon({ lng: 2, lat: 5 }, [square, hole])).toBe(true);
  });
});

describe("text helpers", () => {
  it("parses quoted CSV fields with commas, escaped quotes and CRLF line ends", () => {
    expect(parseCsv('id,areas\r\n1,"Gorla, Turro"\r\n2,"say ""hi"""\n3,\n')).toEqual([
      ["id", "areas"],
      ["1", "Gorla, Turro"],
      ["2", 'say "hi"'],
      ["3", ""],
    ]);
  });

  it("slugifies NIL names to lowercase ASCII with dashes", () => {
    expect(slugify("CITTA' STUDI")).toBe("citta-studi");
    expect(slugify("Q.RE GALLARATESE - Q.RE SAN LEONARDO - LAMPUGNANO")).toBe("q-re-gallaratese-q-re-san-leonardo-lampugnano");
    expect(slugify("Città Studi")).toBe("citta-studi");
  });

  it("writes NIL names for running text", () => {
    expect(nilDisplayName("CITTA' STUDI")).toBe("Città Studi");
    expect(nilDisplayName("GIARDINI P.TA VENEZIA")).toBe("Giardini Porta Venezia");
    expect(nilDisplayName("RONCHETTO DELLE RANE")).toBe("Ronchetto delle Rane");
    expect(nilDisplayName("QT 8")).toBe("QT8");
    expect(nilShortName("NIGUARDA - CA' GRANDA - PRATO CENTENARO - Q.RE FULVIO TESTI")).toBe("Niguarda");
    expect(nilShortName("Q.RE GALLARATESE - Q.RE SAN LEONARDO - LAMPUGNANO")).toBe("Gallaratese");
  });
});
