import { describe, expect, it } from "vitest";
import { benford, jump, mismatch, peerOutliers } from "./statistics.js";

describe("jump against the unit's previous periods", () => {
  it("flags a figure that more than doubles, naming the period compared", () => {
    expect(jump(2600, [{ period: "2024", value: 1180 }, { period: "2025", value: 1200 }])).toEqual({ previousPeriod: "2025", previous: 1200, current: 2600, changePercent: 116.7 });
  });
  it("lets a modest change, tiny numbers and a first period pass", () => {
    expect(jump(1300, [{ period: "2025", value: 1200 }])).toBeNull();
    expect(jump(6, [{ period: "2025", value: 2 }])).toBeNull();
    expect(jump(1300, [])).toBeNull();
  });
});

describe("outliers among peer villages", () => {
  const peers = [820, 860, 900, 940, 980, 1010, 1050, 1100, 1150].map((value, i) => ({ unit: `v${i}`, value }));
  it("flags the village far from its peers with the robust z-score", () => {
    const flagged = peerOutliers([...peers, { unit: "x", value: 9800 }]);
    expect(flagged.map((f) => f.unit)).toEqual(["x"]);
    expect(flagged[0]!.evidence).toMatchObject({ median: 995, peers: 10 });
    expect(flagged[0]!.evidence.robustZ).toBeGreaterThan(3.5);
  });
  it("says nothing on a small or flat sample", () => {
    expect(peerOutliers(peers.slice(0, 5).concat({ unit: "x", value: 9800 }))).toEqual([]);
    expect(peerOutliers(Array.from({ length: 10 }, (_, i) => ({ unit: `v${i}`, value: 5 })))).toEqual([]);
  });
});

describe("first digits against Benford's law", () => {
  // Figures that grow geometrically follow Benford's law closely.
  const natural = Array.from({ length: 300 }, (_, i) => Math.round(10 * 1.035 ** i));
  it("passes figures spread over orders of magnitude", () => {
    expect(benford(natural)).toBeNull();
  });
  it("flags invented figures that all start with 5 to 7", () => {
    const invented = Array.from({ length: 150 }, (_, i) => 500 + ((i * 37) % 280));
    const flagged = benford(invented);
    expect(flagged).not.toBeNull();
    expect(flagged!.sample).toBe(150);
    expect(flagged!.chiSquare).toBeGreaterThan(20.09);
  });
  it("needs a sample of at least 100 values of 10 or more", () => {
    expect(benford(Array.from({ length: 99 }, () => 555))).toBeNull();
  });
});

describe("mismatch between two sources of one datum", () => {
  it("flags numbers further apart than 1 % of the larger, with the difference against the other source", () => {
    expect(mismatch("70", "65")).toEqual({ held: "70", other: "65", differencePercent: 7.7, tolerancePercent: 1 });
    expect(mismatch("0", "12")).toEqual({ held: "0", other: "12", differencePercent: -100, tolerancePercent: 1 });
    expect(mismatch("5", "0")).toEqual({ held: "5", other: "0", differencePercent: null, tolerancePercent: 1 });
  });
  it("lets numbers agreeing within the tolerance pass, however written", () => {
    expect(mismatch("1000", "1009")).toBeNull();
    expect(mismatch("12.5", "12.50")).toBeNull();
    expect(mismatch("1000", "1020")).not.toBeNull();
    expect(mismatch("1000", "1020", 0.05)).toBeNull();
  });
  it("compares other values as text", () => {
    expect(mismatch("是", " 是")).toBeNull();
    expect(mismatch("是", "否")).toMatchObject({ held: "是", other: "否", differencePercent: null });
  });
});
