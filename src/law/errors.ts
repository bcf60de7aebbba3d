// Errors of the law module. Both name exactly what is wrong so that a lawyer editing law/ or a developer
// calling the API can fix it without reading the loader.

/** Law data that is not valid. `problems` lists every problem found, each as `file: key.path: what is wrong`. */
export class LawDataError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const n = problems.length;
    super(`law data has ${n} problem${n === 1 ? '' : 's'}:\n${problems.join('\n')}`);
    this.name = 'LawDataError';
    this.problems = problems;
  }
}

/** A look-up of something the loaded law does not have (an unknown parameter or source id), or of the wrong kind. */
export class LawLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LawLookupError';
  }
}
