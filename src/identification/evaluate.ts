// `acts eval` section for α: author-disjoint cross-validation on the dev authorship data, for the shipped
// writeprint method and for the character-trigram cosine baseline (with and without cohort
// normalisation), at bursts of 1, 5 and 10 messages, with the leading addressee stripped and kept.
import type { EvalSection } from '../cli/report.js';
import { authorshipFile, loadAuthors } from './authorship-data.js';
import { DEFAULT_LAYOUT } from './background.js';
import { figures, fusedColumn, splitBySame, THRESHOLD_BURST } from './calibrate.js';
import { crossValidate, CV_FOLDS } from './cross-validate.js';
import { loadIdentifier } from './identifier.js';
import { baselineCrossValidate } from './trigram-baseline.js';

const SIZES = [1, 5, 10];
const f3 = (x: number): string => x.toFixed(3);

type Figures = Record<string, { auc: number; eer: number }>;

function row(name: string, addressee: string, figs: Figures): string[] {
  return [name, addressee, ...SIZES.flatMap((s) => [f3(figs[`b${s}`]?.auc ?? Number.NaN), f3(figs[`b${s}`]?.eer ?? Number.NaN)])];
}

export async function evaluate({ sharedDir }: { sharedDir: string; json: boolean }): Promise<EvalSection> {
  const authors = loadAuthors(authorshipFile(sharedDir));
  const { model } = loadIdentifier();
  const json: Record<string, unknown> = {
    protocol: `${CV_FOLDS}-fold author-disjoint CV over ${authors.length} dev authors: background fitted on the other folds; enrol on reference, verify query bursts against every held-out profile`,
  };
  const table: string[][] = [['system', 'addressee', ...SIZES.flatMap((s) => [`AUC@${s}`, `EER@${s}`])]];
  for (const strip of [true, false]) {
    const label = strip ? 'stripped' : 'kept';
    const cv = crossValidate(authors, { layout: { ...DEFAULT_LAYOUT, stripAddressee: strip } });
    const ours: Figures = {};
    for (const [size, c] of cv.bySize) {
      const scores = fusedColumn(c, model.fusion);
      const { auc, eer } = figures(size, c.same, scores);
      ours[`b${size}`] = { auc, eer };
      if (strip && size === THRESHOLD_BURST) {
        const { genuine, impostor } = splitBySame(c.same, scores);
        const rate = (xs: number[], t: number): number => xs.filter((x) => x >= t).length / xs.length;
        const { r1, r2 } = model.thresholds;
        json.thresholds = { r1, r2, burst: size, falseAlarmAtR1: rate(impostor, r1), hitAtR1: rate(genuine, r1), falseAlarmAtR2: rate(impostor, r2), hitAtR2: rate(genuine, r2) };
      }
    }
    if (strip) json.attribution = cv.attribution;
    const base = baselineCrossValidate(authors, CV_FOLDS, SIZES, strip);
    const tnorm: Figures = {}, raw: Figures = {};
    for (const [size, c] of base) {
      const t = figures(size, c.same, c.tnorm), r = figures(size, c.same, c.raw);
      tnorm[`b${size}`] = { auc: t.auc, eer: t.eer };
      raw[`b${size}`] = { auc: r.auc, eer: r.eer };
    }
    json[`writeprint_${label}`] = ours;
    json[`trigram_tnorm_${label}`] = tnorm;
    json[`trigram_raw_${label}`] = raw;
    table.push(row('writeprint α (LDA+PCA, T-norm)', label, ours), row('char-trigram cosine + T-norm', label, tnorm), row('char-trigram cosine', label, raw));
  }
  const a = json.attribution as { size: number; top1: number; top5: number; candidates: number } | undefined;
  const t = json.thresholds as Record<string, number> | undefined;
  if (a) table.push([`attribution top-1, top-5 @${a.size} (of ~${Math.round(a.candidates)})`, 'stripped', f3(a.top1), f3(a.top5)]);
  if (t) {
    table.push([`r1 ${f3(t.r1 ?? 0)}: false alarms, hits @${t.burst}`, 'stripped', f3(t.falseAlarmAtR1 ?? 0), f3(t.hitAtR1 ?? 0)]);
    table.push([`r2 ${f3(t.r2 ?? 0)}: false alarms, hits @${t.burst}`, 'stripped', f3(t.falseAlarmAtR2 ?? 0), f3(t.hitAtR2 ?? 0)]);
  }
  return { title: 'Attacker identification α (writeprints), dev authors, author-disjoint CV', table, key: 'identification', json };
}
