import { loadLaw } from '../src/law/node.ts';
import { parseCase, formatCaseErrors } from '../src/case/index.ts';
import { generateCase } from './generate.ts';
const law = loadLaw();
const N = Number(process.env.N ?? 2000);
let bad = 0, events = 0, people = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const c = generateCase(i, { law });
  events += c.events?.length ?? 0; people += c.people.length;
  const r = parseCase(c, { countries: law.countries.codes, regions: law.regions.codes });
  if (!r.ok) { if (bad++ < 5) console.log(i, formatCaseErrors(r.errors)); }
}
console.log({ N, bad, events: events / N, people: people / N, ms: performance.now() - t0 });
if (process.env.SHOW) console.log(JSON.stringify(generateCase(Number(process.env.SHOW), { law }), null, 1));
