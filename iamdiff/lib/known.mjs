// Matching a disagreement against known-differences.json, whose entries are `{name, when,
// ours, theirs, doc, right, case}`: `doc` quotes the sentence that settles it, `right` says
// which side it shows right, `case` names the evaluator's case that pins our side. An
// entry explains a disagreement when every tag pattern in `when.tags` is among the
// request's tags (a pattern ending in `*` matches a prefix), at least one of `when.any` is
// (when given), none of `when.without` is, and the two results are the entry's.

const hit = (tags, pattern) =>
  pattern.endsWith('*') ? tags.some((t) => t.startsWith(pattern.slice(0, -1))) : tags.includes(pattern)

/** The first entry that explains the disagreement, or undefined. */
export function explainedBy(known, tags, ours, theirs) {
  return known.find(
    (k) =>
      k.ours === ours &&
      k.theirs === theirs &&
      (k.when.tags ?? []).every((p) => hit(tags, p)) &&
      (k.when.any ?? ['*']).some((p) => hit(tags, p)) &&
      !(k.when.without ?? []).some((p) => hit(tags, p))
  )
}
