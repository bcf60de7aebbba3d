// How sure the research is of a legal value (law data `confidence`), and what the engine says of a result.

/** Strongest first, as the law data and hqs-evaluation/1 list them. */
export const CONFIDENCES = ['high', 'medium-high', 'medium', 'low-medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Weakest first: a result is as sure as the least sure value it rests on. */
export const CONFIDENCE_ORDER: readonly Confidence[] = [...CONFIDENCES].reverse();
