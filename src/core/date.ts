// The ISO date brand: a civil date written `YYYY-MM-DD`, never an instant. A plain string is not an IsoDate
// until something checked it (src/calendar/date.ts `parseIsoDate`, src/law's and src/case's schemas), so a
// date that was never checked cannot reach the engine's arithmetic by accident.

/** A real calendar date as `YYYY-MM-DD` (the brand says it was checked). */
export type IsoDate = string & { readonly __brand: 'IsoDate' };
