// From the calibrated offensive probability to the module's label. Cyberstalking needs an offensive
// text with a person in view: someone addressed (a second-person pronoun or a @mention) or referred to
// (a third-person pronoun, or a noun naming a person or group: "idiot", "liberals", "neighbour").
// Offensive with nobody in view ("this damn bus is late again") and the uncertain band just below
// the flag threshold are grey.
//
// OLID's sub-task B labels back this rule: out of fold, requiring a person in view turns most
// untargeted offensive texts without one grey while costing almost no targeted ones (models/README.md).
// The targeted head's probability (sub-task B) is reported with every result for the aggregator; it
// does not gate on its own because on OLID it separates targeted from untargeted too weakly
// (out-of-fold ROC AUC about 0.71) to be worth the flagged insults it would drop.
import type { ModuleLabel } from '../core/types.js';

export interface Thresholds {
  /** Calibrated offensive probability from which a text is flagged. */
  flag: number;
  /** Lower edge of the grey band below `flag`. */
  grey: number;
}

export function decide(t: Thresholds, offensive: number, personInView: boolean): ModuleLabel {
  if (offensive >= t.flag) return personInView ? 'cyberstalking' : 'grey';
  return offensive >= t.grey ? 'grey' : 'not';
}
