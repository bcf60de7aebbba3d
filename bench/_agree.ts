import { loadLaw } from '../src/law/node.ts';
import { loadCalendar } from '../src/calendar/node.ts';
import { createEngine } from '../src/engine/index.ts';
import { generateCase } from './generate.ts';
import { referenceEligibility } from './jre-eligibility.ts';
const law = loadLaw(); const engine = createEngine({ law, calendar: loadCalendar() });
const pairs = new Map<string, number>();
const reasons = new Map<string, number>();
for (let i = 0; i < 3000; i++) {
  const c = generateCase(i, { law });
  const ev = engine.evaluate(c, '2026-11-21' as never);
  const ref = referenceEligibility(law, c, '2026-11-21' as never);
  const k = `${ev.eligibility.status} / ${ref.status} (${ref.codes.join(',')})`;
  pairs.set(k, (pairs.get(k) ?? 0) + 1);
  if (ev.eligibility.status !== ref.status) for (const r of ev.eligibility.reasons) { const kk = `${ev.eligibility.status}: ${r.code}/${r.severity}`; reasons.set(kk, (reasons.get(kk) ?? 0) + 1); }
}
console.log([...pairs].sort((a, b) => b[1] - a[1]));
console.log([...reasons].sort((a, b) => b[1] - a[1]));
