// Summarises a V8 heap snapshot: self size and count per constructor, largest first;
// given a second (earlier) snapshot, what grew between the two.
//   node --import tsx bench/heap-summary.ts loaded.heapsnapshot [idle.heapsnapshot] [--per 1000]
// With --per N, sizes are divided by N (e.g. the number of readers connected).
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { per: { type: "string", default: "1" }, top: { type: "string", default: "25" } },
  allowPositionals: true,
});
type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
};
function summarise(file: string): Map<string, { size: number; count: number }> {
  const snap = JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const totals = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const name = type === "object" || type === "closure" ? snap.strings[snap.nodes[i + nameAt]!]! : `(${type})`;
    const key = type === "closure" ? `closure ${name}` : name;
    const entry = totals.get(key) ?? { size: 0, count: 0 };
    entry.size += snap.nodes[i + sizeAt]!;
    entry.count++;
    totals.set(key, entry);
  }
  return totals;
}

const totals = summarise(positionals[0]!);
if (positionals[1]) {
  for (const [name, before] of summarise(positionals[1])) {
    const entry = totals.get(name) ?? { size: 0, count: 0 };
    totals.set(name, { size: entry.size - before.size, count: entry.count - before.count });
  }
}
const per = Number(values.per);
const rows = [...totals].sort((a, b) => b[1].size - a[1].size).slice(0, Number(values.top));
let sum = 0;
for (const [, { size }] of totals) sum += size;
console.log(`${(sum / per).toFixed(0).padStart(8)} B  in all`);
for (const [name, { size, count }] of rows) {
  console.log(`${(size / per).toFixed(0).padStart(8)} B  ${(count / per).toFixed(1).padStart(7)}×  ${name}`);
}
