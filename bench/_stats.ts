import { loadLaw } from '../src/law/node.ts';
import { generateCase } from './generate.ts';
const law = loadLaw();
const N = 5000;
const types = new Map<string, number>(), fam = new Map<number, number>(), cit = new Map<string, number>(), per = new Map<string, number>(), kinds = new Map<string,number>();
const inc = (m: Map<any, number>, k: any) => m.set(k, (m.get(k) ?? 0) + 1);
let maxEv = 0;
for (let i = 0; i < N; i++) {
  const c = generateCase(i, { law });
  inc(fam, c.people.length - 1); inc(cit, c.people[0]!.citizenships[0]); inc(per, c.contract.salary.per); inc(kinds, c.employer.kind + '/' + c.contract.occupation);
  for (const e of c.events ?? []) inc(types, e.type);
  maxEv = Math.max(maxEv, c.events?.length ?? 0);
}
console.log('family', [...fam].sort()); console.log('types', [...types].sort((a,b)=>b[1]-a[1])); console.log('cit', [...cit].sort((a,b)=>b[1]-a[1])); console.log(per, maxEv); console.log([...kinds].sort((a,b)=>b[1]-a[1]).slice(0,30));
