"""Search quality: the judged queries are valid, and ranking does not fall below the baseline.

The figures in tests/eval/baseline.json are what search reached when they were last
recorded; see tests/eval/README.md for how to raise them when ranking improves.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from pipeline.config import Toolkit, load_config
from tests.conftest import REPO, SAMPLE_CONFIG
from tools.evaluate import (
    METRICS,
    JudgedQuery,
    Judgement,
    QueriesError,
    check_queries,
    dcg,
    evaluate,
    evaluate_baseline,
    fresh_report,
    load_queries,
    main,
    query_lines,
    score_ranking,
    section_pages,
)
from tools.manuals import half
from tools.metrics import split

EVAL_DIR = REPO / "tests" / "eval"
QUERIES = EVAL_DIR / "queries.yaml"
BASELINE = EVAL_DIR / "baseline.json"
QUESTIONS = EVAL_DIR / "questions.yaml"  # in people's own words (issue 22)
QUESTIONS_BASELINE = EVAL_DIR / "questions-baseline.json"
FRESH = EVAL_DIR / "questions-fresh.yaml"  # the same kind, only ever measured as a whole
FRESH2 = EVAL_DIR / "questions-fresh2.yaml"  # a second such set, written later
FRESH3 = EVAL_DIR / "questions-fresh3.yaml"  # a third, written with the ninth development set
NO_ROLE = EVAL_DIR / "questions-no-role.yaml"  # asked without a role: a development set
DEV = EVAL_DIR / "questions-dev.yaml"  # a second development set, with and without a role
DEV3 = EVAL_DIR / "questions-dev3.yaml"  # a third, most of it asked without a role
DEV4 = EVAL_DIR / "questions-dev4.yaml"  # a fourth, three quarters asked without a role
DEV5 = EVAL_DIR / "questions-dev5.yaml"  # a fifth: the common situations asked again in new words
DEV6 = EVAL_DIR / "questions-dev6.yaml"  # a sixth, the same, half asked with a role
DEV7 = EVAL_DIR / "questions-dev7.yaml"  # a seventh, the same, all asked without a role
DEV8 = EVAL_DIR / "questions-dev8.yaml"  # an eighth, the same, three quarters without a role
DEV9 = EVAL_DIR / "questions-dev9.yaml"  # a ninth, the same, half asked with a role
DEV11 = EVAL_DIR / "questions-dev11.yaml"  # an eleventh (the tenth became FRESH3), a third very short
DEV12 = EVAL_DIR / "questions-dev12.yaml"  # a twelfth, two thirds with a role, every role
DEV13 = EVAL_DIR / "questions-dev13.yaml"  # a thirteenth, the same mix
TOLERANCE = 0.005  # float noise; a real regression is larger


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return load_config(SAMPLE_CONFIG)


def test_queries_file_is_valid(sample_index: Path, toolkit: Toolkit) -> None:
    """Every judged section exists, every page lies in its section, every role resolves and
    can see the sections judged relevant for it."""
    queries = load_queries(QUERIES)
    assert len(queries) >= 45
    assert check_queries(queries, toolkit, section_pages(sample_index)) == []


def test_queries_file_covers_roles_and_several_relevant_sections() -> None:
    queries = load_queries(QUERIES)
    assert sum(1 for q in queries if q.role) >= 5
    assert any(len(q.relevant) > 1 for q in queries)


@pytest.mark.parametrize(("queries", "baseline_file"), [(QUERIES, BASELINE), (QUESTIONS, QUESTIONS_BASELINE)])
def test_search_quality_does_not_fall_below_baseline(
    sample_index: Path, toolkit: Toolkit, queries: Path, baseline_file: Path
) -> None:
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))
    assert set(baseline) == set(METRICS)
    results = evaluate(sample_index, toolkit, load_queries(queries))
    worst = sorted(results["per_query"], key=lambda q: (q["reciprocal_rank"], q["ndcg@10"]))[:10]
    detail = "\n".join(
        f"  {q['query']!r} role={q['role']}: first relevant rank {q['first_relevant_rank'] or 'not found'}, "
        f"top {q['top'][:1] or q['error'] or 'no hits'}"
        for q in worst
    )
    dropped = {
        metric: (round(results[metric], 4), baseline[metric])
        for metric in METRICS
        if results[metric] < baseline[metric] - TOLERANCE
    }
    assert not dropped, (
        f"search quality fell below the baseline (now, baseline): {dropped}\nworst queries:\n{detail}"
    )


@pytest.mark.parametrize("baseline_file", [BASELINE, QUESTIONS_BASELINE])
def test_baseline_is_rounded_down_and_in_range(baseline_file: Path) -> None:
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))
    for metric in METRICS:
        assert 0.0 <= baseline[metric] <= 1.0
        assert math.isclose(baseline[metric], round(baseline[metric], 2))


# ---------------------------------------------------------------- the harness itself
PAGES = {"pharmacies": ("74",), "camhs": ("67", "68", "69"), "midwifery": ("60", "61")}


def _query(*judgements: Judgement) -> JudgedQuery:
    return JudgedQuery("q", judgements)


def test_perfect_ranking_scores_one() -> None:
    query = _query(Judgement("camhs", ("67",)))
    score = score_ranking(query, [("camhs", "67"), ("camhs", "68"), ("camhs", "69")], PAGES)
    assert (score.first_relevant_rank, score.reciprocal_rank, score.ndcg, score.recall) == (1, 1.0, 1.0, 1.0)


def test_graded_gain_and_reciprocal_rank() -> None:
    query = _query(Judgement("camhs", ("67",)), Judgement("pharmacies", ("74",)))
    hits = [("midwifery", "60"), ("camhs", "68"), ("camhs", "67")]
    score = score_ranking(query, hits, PAGES)
    assert score.first_relevant_rank == 2
    assert score.reciprocal_rank == 0.5
    assert score.recall == 0.5
    ideal = dcg([2, 2, 1, 1])
    assert score.ndcg == pytest.approx(dcg([0, 1, 2]) / ideal)


def test_nothing_relevant_scores_zero() -> None:
    score = score_ranking(_query(Judgement("pharmacies", ("74",))), [("camhs", "67")], PAGES)
    assert score.first_relevant_rank is None
    assert (score.reciprocal_rank, score.ndcg, score.recall) == (0.0, 0.0, 0.0)


def test_only_the_top_ten_count() -> None:
    hits = [("midwifery", "60")] * 10 + [("pharmacies", "74")]
    score = score_ranking(_query(Judgement("pharmacies", ("74",))), hits, PAGES)
    assert score.first_relevant_rank is None


def test_check_queries_reports_bad_judgements(sample_index: Path, toolkit: Toolkit) -> None:
    queries = [
        JudgedQuery("a", (Judgement("no-such-section", ("1",)),)),
        JudgedQuery("b", (Judgement("pharmacies", ("75",)),)),
        JudgedQuery("c", (Judgement("midwifery", ("60",)),), role="pharmacist"),
        JudgedQuery("d", (Judgement("pharmacies", ("74",)),), role="astronaut"),
        JudgedQuery("b", (Judgement("pharmacies", ("74",)),)),
    ]
    problems = "\n".join(check_queries(queries, toolkit, section_pages(sample_index)))
    assert "no such section" in problems
    assert "page 75 is outside the section" in problems
    assert "cannot see this section" in problems
    assert "unknown role" in problems
    assert "judged twice" in problems


def test_load_queries_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "queries.yaml"
    path.write_text(
        "- query: ''\n  relevant: []\n"
        "- query: x\n  relevent: []\n"
        "- query: y\n  relevant:\n    - section: camhs\n      page: ['67']\n",
        encoding="utf-8",
    )
    with pytest.raises(QueriesError) as caught:
        load_queries(path)
    message = str(caught.value)
    assert "queries.yaml[0].query" in message
    assert "queries.yaml[1].relevent: unknown key" in message
    assert "queries.yaml[2].relevant[0].page: unknown key" in message


@pytest.mark.parametrize("questions_file", [QUESTIONS, FRESH, FRESH2, FRESH3])
def test_questions_are_many_mostly_with_a_role_and_from_every_audience(
    sample_index: Path, toolkit: Toolkit, questions_file: Path
) -> None:
    """At least 60 questions, about two thirds asked with a role, and some asked by a role of
    each audience the config names (the new ones for education, councils, hospitality,
    police, parents and young people too); every section and page exists, every role is a
    configured role that can see what is judged for it."""
    questions = load_queries(questions_file)
    assert len(questions) >= 60
    assert 0.6 <= sum(1 for q in questions if q.role) / len(questions) <= 0.75
    audience_of = {role.id: role.audience for role in toolkit.roles}
    asked_by = {audience_of[q.role] for q in questions if q.role}
    assert asked_by == {audience.id for audience in toolkit.audiences}
    assert check_queries(questions, toolkit, section_pages(sample_index)) == []


def test_fresh_questions_are_not_those_of_the_other_sets() -> None:
    """A fresh set measures without bias only if none of its questions is one already
    tuned on or read (in questions.yaml, queries.yaml or a development set)."""
    seen = {q.query.casefold() for path in (QUERIES, QUESTIONS) for q in load_queries(path)}
    assert [q.query for q in load_queries(FRESH) if q.query.casefold() in seen] == []
    tuned = (QUERIES, QUESTIONS, NO_ROLE, DEV, DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, FRESH)
    seen = {q.query.casefold() for path in tuned for q in load_queries(path)}
    assert [q.query for q in load_queries(FRESH2) if q.query.casefold() in seen] == []
    tuned = (*tuned, FRESH2, DEV9)
    seen = {q.query.casefold() for path in tuned for q in load_queries(path)}
    assert [q.query for q in load_queries(FRESH3) if q.query.casefold() in seen] == []


def test_fresh_report_gives_aggregates_over_all_questions_only(sample_index: Path, toolkit: Toolkit) -> None:
    """`make eval` shows the fresh set as cse-search beside plain BM25, with and without a
    role, over all of it: no fit or held-out column and no question, so no miss is read."""
    report = fresh_report(sample_index, toolkit)
    lines = report.splitlines()
    count = len(load_queries(FRESH))
    assert lines[0].startswith(f"Fresh questions, only measured (questions-fresh.yaml): {count} questions")
    assert "fit" not in report and "held-out" not in report
    assert [line.split()[0] for line in lines[3:6]] == ["cse-search", "with", "without"]
    assert [line[34:50].strip() for line in lines[3:]] == ["all", "with a role", "without a role"] * 2
    assert len(lines) == 9
    assert not any(q.query.casefold() in report.casefold() for q in load_queries(FRESH))


@pytest.mark.parametrize("flag", ["--verbose", "--json"])
@pytest.mark.parametrize("fresh", [FRESH, FRESH2, FRESH3])
def test_fresh_questions_are_never_listed_one_by_one(
    flag: str, fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asking the harness for a fresh set's per-question lines is refused (exit 2), before
    any ingest or search, so its misses cannot be read by accident."""
    assert main(["--queries", str(fresh), flag]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"error: {fresh.name} is only measured as a whole: run it without --verbose and --json\n"
    )


@pytest.mark.parametrize("queries_file", [QUERIES, QUESTIONS])
def test_held_out_ndcg_is_above_plain_bm25(sample_index: Path, toolkit: Toolkit, queries_file: Path) -> None:
    """On the half of the queries never used to fit the ranking, cse-search beats plain BM25
    over the same indexed text."""
    queries = load_queries(queries_file)
    ours = split(evaluate(sample_index, toolkit, queries), half, "held-out")["ndcg@10"]
    theirs = split(evaluate_baseline(sample_index, toolkit, queries), half, "held-out")["ndcg@10"]
    assert ours > theirs, (ours, theirs)


def test_the_worst_queries_listed_are_the_fit_halfs_unless_asked() -> None:
    """`--verbose` lists the fit half's queries (the ones to tune on); the held-out half's
    only with --half held-out or all, so its misses are not read while tuning."""
    names = [f"question {i}" for i in range(12)]
    results = {
        "per_query": [
            {
                "query": q,
                "role": None,
                "first_relevant_rank": 1,
                "reciprocal_rank": 1.0,
                "ndcg@10": 1.0,
                "recall@10": 1.0,
                "top": ["x p.1"],
                "error": None,
            }
            for q in names
        ]
    }

    def listed(which: str | None = None) -> set[str]:
        lines = query_lines(results) if which is None else query_lines(results, which)
        return {q for q in names if any(repr(q) in line for line in lines)}

    fit = {q for q in names if half(q) == "fit"}
    assert 0 < len(fit) < len(names)
    assert (listed(), listed("held-out"), listed("all")) == (fit, set(names) - fit, set(names))


def test_the_no_role_questions_are_valid_asked_without_a_role_and_new(
    sample_index: Path, toolkit: Toolkit
) -> None:
    """The development set for questions asked without a role: every section and page exists,
    no question has a role, and none is one of the other sets' questions."""
    questions = load_queries(NO_ROLE)
    assert len(questions) >= 40 and all(q.role is None for q in questions)
    assert check_queries(questions, toolkit, section_pages(sample_index)) == []
    seen = {q.query.casefold() for path in (QUERIES, QUESTIONS, FRESH) for q in load_queries(path)}
    assert [q.query for q in questions if q.query.casefold() in seen] == []


def test_the_second_development_set_is_valid_half_asked_with_a_role_and_new(
    sample_index: Path, toolkit: Toolkit
) -> None:
    """Every section, page and role of the second development set exists, half of it is
    asked with a role, and none is one of the other sets' questions."""
    questions = load_queries(DEV)
    assert len(questions) >= 60 and sum(1 for q in questions if q.role) == len(questions) // 2
    assert check_queries(questions, toolkit, section_pages(sample_index)) == []
    others = (QUERIES, QUESTIONS, FRESH, NO_ROLE)
    seen = {q.query.casefold() for path in others for q in load_queries(path)}
    assert [q.query for q in questions if q.query.casefold() in seen] == []


@pytest.mark.parametrize(
    ("path", "with_role", "others"),
    [
        (DEV3, 25, ()),
        (DEV4, 15, (DEV3,)),
        (DEV5, 20, (DEV3, DEV4)),
        (DEV6, 30, (DEV3, DEV4, DEV5)),
        (DEV7, 0, (DEV3, DEV4, DEV5, DEV6)),
        (DEV8, 15, (DEV3, DEV4, DEV5, DEV6, DEV7)),
        (DEV9, 30, (DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, FRESH2)),
        (DEV11, 35, (DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, DEV9, FRESH2, FRESH3)),
        (DEV12, 40, (DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, DEV9, DEV11, FRESH2, FRESH3)),
        (DEV13, 40, (DEV3, DEV4, DEV5, DEV6, DEV7, DEV8, DEV9, DEV11, DEV12, FRESH2, FRESH3)),
    ],
)
def test_the_later_development_sets_are_valid_asked_as_written_and_new(
    sample_index: Path, toolkit: Toolkit, path: Path, with_role: int, others: tuple[Path, ...]
) -> None:
    """Every section, page and role of the third to thirteenth development sets exists, as many
    of their 60 questions are asked with a role as their headers say, and none is one of
    the other sets'."""
    questions = load_queries(path)
    assert len(questions) == 60 and sum(1 for q in questions if q.role) == with_role
    assert check_queries(questions, toolkit, section_pages(sample_index)) == []
    seen = {
        q.query.casefold()
        for p in (QUERIES, QUESTIONS, FRESH, NO_ROLE, DEV, *others)
        for q in load_queries(p)
    }
    assert [q.query for q in questions if q.query.casefold() in seen] == []
