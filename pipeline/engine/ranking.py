"""The ranking model's parameters, in one frozen value, so the evaluation can switch each
factor off and measure what it is worth (tools/evaluate.py prints one line per factor).

The model itself is in scoring.py. The weights were fitted on the fit halves of both judged
sets (tests/eval/queries.yaml and tests/eval/manuals/queries.yaml) by `tools/fit.py`, with
the known-item rate held at 90% or more, and checked on the held-out halves (`make eval`).
The fit gave graded coverage no weight: BM25F's sum over the query's words already rewards
a page for each word it holds, by that word's idf, and on both sets an extra reward for
holding every word only pushed up pages that hold them by accident.

For questions in people's own words (issue 22) the fit also covers tests/eval/questions.yaml's
fit half; there the model was found nearly flat in `meaning`, `numbers`, `role_words` and
`evidence_margin` (each moves the objective by less than one question), so they are set
where the issue asks them to be: everyday words and ages weak, the role's words half, and
priors that never lift a page over one holding clearly more of the question (0.3; 0.45
since, see `evidence_margin`). The own-section lift became a share of the page's own
score (fitted: 1.0, i.e. doubled), so that a page that barely answers gains little.

Fitted again after a lay phrase's frequency was corrected (scoring._frequency), with
`tools/fit.py --rounds 2` (stopped part-way through the second round): the objective moved
from 0.861 to 0.867 only through evidence_margin 1.0, numbers 1.0 and a higher proximity,
b and title, and the first two undo what the issue asks for (priors never above clearly
better evidence; ages weak). The values below were kept.

`read_on` (scoring.section_read_on) was chosen on the fit halves: below the first three
pages, the first page's section's other pages come next (nDCG@10 on the questions' fit
half 0.841 -> 0.859, toolkit queries' 0.925 -> 0.936, manuals unchanged; success@1 and @3
cannot move, the first three being kept). Reading on in the sections of all three first
pages measured the same (0.861), as did shares from 0 to 0.3; keeping only the first page
in place also measured 0.863, but lost answers from the first three (success@3 0.967 ->
0.933), as the earlier try that grouped whole sections had.

Below the first five pages (`scoring.READ_ON_WORDLESS_AFTER`), up to three pages of the first
page's section that the search did not match come next, nearest first (`search(read_on=True)`,
as cse-search and the web page list results; marked `read_on`). The judged sets grade a
relevant section's other pages as related, and the pages that matched no word were never
listed. On the fit halves: questions' nDCG@10 0.862 -> 0.883, toolkit queries' 0.936 ->
0.948, the no-role development set 0.622 -> 0.627; success@1 and @3 cannot move. Placed
after the third page it measured 0.886, after the sixth 0.881; one page 0.882, two 0.885,
three 0.886, more the same. After the fifth keeps the first screen to pages that match.

`other_reader` was chosen on the no-role development sets (the fit half has few questions
that speak as a parent or a young person). Lowering alone by 0.1, 0.2, 0.3, 0.5 gave the
no-role set's nDCG@10 0.628, 0.634, 0.635, 0.636 (from 0.627) and the second set's 0.733,
0.733, 0.734, 0.734 (from 0.730), but from 0.2 a parent's question that only the young
people's page answers (the age of consent) showed a chapter 1 page first. Letting the
other reader's pages no longer cap the asker's lift, with a lowering of 0.1: 0.633 and
0.733, success@1 0.725 -> 0.750 and 0.767 -> 0.783; no question of any set fell, and the
fit halves did not move.

`helpful_chapters` (scope.Scope.helpful_only) was chosen on the development sets: a role's
audience must read some chapters and may find others helpful (the sample's professionals
read 1, 2 and their own; 8 and 9, written to parents and young people, may help), and the
parents' "Signs to look out for" came first for a nurse's question about cars collecting a
patient. Lowering the helpful-only chapters' pages by 0.1, 0.2, 0.3, 0.5, 0.7, 1.0 of their
score moved nDCG@10 over the fit half and nine development sets from 0.723 to 0.724, 0.726,
0.728, 0.730, 0.730, 0.730 (success@1 0.772 -> 0.783 from 0.5); at 0.5, 43 questions rose and
4 fell, none of any set lower as a whole. The third fresh set (questions-fresh3.yaml),
written by a helper who never saw this change and measured only as a whole, 0.701 -> 0.733
(with a role 0.780 -> 0.829, success@1 0.925 -> 0.975). Not letting those pages cap the
role's lift (as the other reader's do) changed nothing.

`introduction` was chosen on the development sets too: a chapter's introduction came
first for a school nurse's question on emergency contraception, above the School Nurses
pages it summarises. Lowering introductions by 0.1, 0.2, 0.3, 0.5, 1.0 of their score moved
nDCG@10 over the fit half and nine development sets from 0.740 to 0.742, 0.742, 0.745,
0.745, 0.743 (success@1 0.802 -> 0.809 from 0.3); the third fresh set 0.734 -> 0.737, and
the toolkit queries' fit half 0.948 -> 0.950. (A lowering of 0.05, tried before
`helpful_chapters`, gained on the development sets and was mixed on the fresh sets.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Ranking:
    """Parameters of the score; each factor's weight multiplies a signal between 0 and 1."""

    k1: float = 6.0  # BM25 term-frequency saturation
    b: float = 0.5  # BM25 length normalisation of the page text
    title: float = 12.0  # BM25F weight of a section-title match (times how much the word carries)
    headers: float = 2.0  # BM25F weight of running-header words (what the page is about)
    proximity: float = 0.1  # BM25TP term proximity: query words close together
    phrase: float = 0.35  # share of the query's neighbouring words side by side, in order
    coverage: float = 0.0  # share of the query's weight that the page holds (fitted to 0: see below)
    # Below the word typed, by design (a page that says the word typed comes first). On the
    # questions' fit half 0.5 -> 0.65 -> 0.8 -> 1.0 gave nDCG@10 0.774, 0.787, 0.792, 0.800,
    # but from 0.8 a lay synonym in a section title (weighed squared) outranks the word's
    # own pages ("worried about my daughter" found "Recognising concerns in school" first).
    synonyms: float = 0.65  # a lay synonym counts this much of the word typed ("drunk" ~ alcohol)
    exact_form: float = (
        0.75  # share of a bare word's matches lost when the query's punctuation (".Call") is missing
    )
    # A page gains this share of the best score of its section's pages, as a prior: the
    # section that answers brings its other answering pages up, the reader's next page.
    # On the fit halves 0.35 was best without losing a first page (questions nDCG@10 0.793
    # -> 0.807); the fresh set, checked after, lost two first pages at 0.35, one at 0.2.
    section: float = 0.2
    read_on: float = 1.0  # 1: below the first three pages, the first page's section's other pages
    own_section: float = 1.0  # a page of the searching role's own section gains this share of its score
    # A question that speaks as a parent lowers the young people's pages by this share of
    # their score, and the reverse (asker.py): they answer the subject for the other reader.
    # Nor do they cap the asking reader's lift (scoring.evidence_first). 0 switches both off.
    other_reader: float = 0.1
    # A page of a chapter the searching role's audience only may find helpful (the parents'
    # and young people's chapters, for a nurse) loses this share of its score: the chapters
    # it must read answer its questions first (scope.Scope.helpful_only).
    helpful_chapters: float = 0.5
    # A chapter's introduction loses this share of its score: it names every section's
    # subject in a sentence, so it holds a little of many questions that a section answers.
    introduction: float = 0.5
    finding_aid: float = 0.5  # a contents or index page loses this much (scores are mostly 0..2)
    # How far a word's weight follows how common it is in everyday English (0: not at all;
    # 1: "year" and "old" count for almost nothing beside "drinking").
    meaning: float = 0.5
    # A prior (own section, running headers) never lifts a page above one that holds more of
    # the question's meaning by more than this share (1: priors lift freely, as before); and
    # the own-section lift needs some of the question beyond the words that say who asks
    # (scoring.score_candidates). 0.3 until that rule and the reader's priors (the asker,
    # must-read chapters) came: on the fit half and eleven development sets 0.3 -> 0.45
    # moved nDCG@10 0.742 -> 0.748, success@1 0.806 -> 0.813 (0.746 / 0.810 with 0.45 for
    # a parent's or young person's lift only); 0.6 the same. Without the rule, 0.45 lifted
    # a college's own page that holds only "student" above the warning signs on phones.
    evidence_margin: float = 0.45
    # The weight kept by a word that names the role searched as ("foster" asked as a foster
    # carer): it says who asks, and the own-section prior already stands for it.
    role_words: float = 0.5
    # The weight kept by a number (an age, a school year): "14" in "a 14 year old is missing"
    # is rare in the toolkit but says little about what is asked.
    numbers: float = 0.25

    def without(self, factor: str) -> Ranking:
        """The same model with one factor switched off (a weight kept as it is is 1.0)."""
        return replace(self, **{factor: OFF.get(factor, 0.0)})


# The value that switches a factor off when it is not 0: a share kept whole, a margin no
# page can exceed.
OFF = {"numbers": 1.0, "role_words": 1.0, "evidence_margin": 1.0}


DEFAULT = Ranking()
# The factors the evaluation switches off one at a time (k1 and b are shape, not factors).
FACTORS = (
    "meaning",
    "numbers",
    "role_words",
    "evidence_margin",
    "title",
    "headers",
    "proximity",
    "phrase",
    "coverage",
    "synonyms",
    "exact_form",
    "section",
    "read_on",
    "own_section",
    "other_reader",
    "helpful_chapters",
    "introduction",
    "finding_aid",
)
