// Speed lives at the boundary. An engine reads the law through this view: the same `Law` interface, whose
// look-ups by id and date (the thresholds that apply to a case's facts, a procedure's documents, a country's
// legalization and visa rules, the residence grounds) are answered once and then kept. A parameter's value
// on a date is the law's own look-up (by id, then a scan of its few dated values): cheaper than a memo keyed
// by the date, which a portfolio of many dates only churns. The rules read the plain interface, one article
// at a time, and never know the view is there.
//
// Each look-up is kept by everything it depends on — its arguments, nothing else — so a warm view answers
// exactly what the law answers (law-view.test.ts). The law is immutable once loaded; the view is bounded.
import {
  matchesCategory,
  type ApplicableThreshold,
  type CategoryFacts,
  type Law,
  type LookupOptions,
} from '../law/index.ts';
import type { IsoDate } from '../calendar/date.ts';

/** Entries kept per look-up before it starts over (bounds the memory of a long-running engine). */
export const KEPT = 4096;

/** Answers kept by two keys (an id and a date); each level starts over when it holds KEPT keys. */
class Memo2<V> {
  private readonly outer = new Map<string, Map<string, V | null>>();

  /** The answer kept for (a, b): undefined when none is kept yet; null stands for a kept `undefined`. */
  get(a: string, b: string): V | null | undefined {
    return this.outer.get(a)?.get(b);
  }

  set(a: string, b: string, v: V | undefined): V | undefined {
    let inner = this.outer.get(a);
    if (inner === undefined) {
      if (this.outer.size >= KEPT) this.outer.clear();
      inner = new Map();
      this.outer.set(a, inner);
    }
    if (inner.size >= KEPT) inner.clear();
    inner.set(b, v === undefined ? null : v);
    return v;
  }
}

/** One memo for the law in force and one with proposals. */
class Tracks<V> {
  readonly inForce = new Memo2<V>();
  readonly withProposed = new Memo2<V>();
  of(opts: LookupOptions | undefined): Memo2<V> {
    return opts?.includeProposed === true ? this.withProposed : this.inForce;
  }
}

/**
 * The thresholds of one set of categories (those a reading of a case fits), with their values by date and by
 * measurement period, for the law in force and with proposals. A threshold look-up depends on the facts only
 * through which categories they fit (Law.applicableThresholds), so every reading that fits the same categories
 * shares one table, however its facts are written.
 */
class ThresholdTable {
  /** By date (applicableThresholds) and by measurement period (applicableThresholdsInPeriod). */
  readonly onDate = new Tracks<readonly ApplicableThreshold[]>();
  readonly inPeriod = new Tracks<readonly ApplicableThreshold[]>();
}

/** A view of `law` that answers each look-up once. */
export function viewOfLaw(law: Law): Law {
  /** The table of each set of categories, by the ids of its threshold parameters (in the law's order). */
  const tables = new Map<string, ThresholdTable>();
  /** The table of each facts object the engine passed (one per evaluation), so its categories are matched once. */
  const tableOfFacts = new WeakMap<CategoryFacts, ThresholdTable>();
  const tableOf = (facts: CategoryFacts): ThresholdTable => {
    let table = tableOfFacts.get(facts);
    if (table === undefined) {
      let ids = '';
      for (const p of law.thresholdCategories()) if (matchesCategory(p.category, facts)) ids += `${p.id}\n`;
      table = tables.get(ids);
      if (table === undefined) {
        if (tables.size >= KEPT) tables.clear();
        table = new ThresholdTable();
        tables.set(ids, table);
      }
      tableOfFacts.set(facts, table);
    }
    return table;
  };
  const procedures = new Memo2<ReturnType<Law['documents']['forProcedure']>>();
  const legalization = new Memo2<ReturnType<Law['countries']['legalization']>>();
  const visas = new Memo2<ReturnType<Law['countries']['visaRequired']>>();
  const eaeu = new Memo2<boolean>();
  const grounds = new Tracks<ReturnType<Law['grounds']['inForce']>>();

  const countries: Law['countries'] = Object.create(law.countries, {
    legalization: {
      value(code: string, date: string) {
        const hit = legalization.get(code, date);
        return hit ?? legalization.set(code, date, law.countries.legalization(code, date));
      },
    },
    visaRequired: {
      value(code: string, date: string) {
        const hit = visas.get(code, date);
        return hit ?? visas.set(code, date, law.countries.visaRequired(code, date));
      },
    },
    isEaeu: {
      value(code: string, date: string) {
        const hit = eaeu.get(code, date);
        return hit ?? eaeu.set(code, date, law.countries.isEaeu(code, date));
      },
    },
  });
  const documents: Law['documents'] = Object.create(law.documents, {
    forProcedure: {
      value(id: Parameters<Law['documents']['forProcedure']>[0], date?: IsoDate) {
        if (date === undefined) return law.documents.forProcedure(id);
        const hit = procedures.get(id, date);
        return hit ?? procedures.set(id, date, law.documents.forProcedure(id, date));
      },
    },
  });
  const groundsTable: Law['grounds'] = Object.create(law.grounds, {
    inForce: {
      value(date: IsoDate, opts?: LookupOptions) {
        const memo = grounds.of(opts);
        const hit = memo.get('', date);
        return hit ?? memo.set('', date, law.grounds.inForce(date, opts));
      },
    },
  });
  return Object.create(law, {
    countries: { value: countries },
    documents: { value: documents },
    grounds: { value: groundsTable },
    // A parameter's value on a date is not kept: the law finds it by id and scans the parameter's few dated
    // values, which costs less than any memo keyed by the date (law-view.test.ts holds the view to the law).
    valueAt: {
      value: (id: string, date: IsoDate, opts?: LookupOptions) => law.valueAt(id, date, opts),
    },
    applicableThresholds: {
      value(facts: CategoryFacts, date: IsoDate, opts?: LookupOptions) {
        const memo = tableOf(facts).onDate.of(opts);
        const hit = memo.get('', date);
        return hit ?? memo.set('', date, law.applicableThresholds(facts, date, opts));
      },
    },
    applicableThresholdsInPeriod: {
      value(facts: CategoryFacts, period: string, opts?: LookupOptions) {
        const memo = tableOf(facts).inPeriod.of(opts);
        const hit = memo.get('', period);
        return hit ?? memo.set('', period, law.applicableThresholdsInPeriod(facts, period, opts));
      },
    },
  }) as Law;
}
