"""The rule reading of a page (jusText-style): grade each line, let short lines take
their context's class, keep the densest runs of body lines."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.clean.settings import CleanSettings
from transforms.clean.signals import line_signals


@dataclass(frozen=True)
class HeuristicView:
    """The rule-based reading of a page: grades, context body flags and body runs."""

    grades: tuple[str, ...]
    context_body: tuple[bool, ...]
    run_share: tuple[float, ...]  # text share of the line's run against the main run
    kept: frozenset[int]


def reads_cut_short(line: str, settings: CleanSettings) -> bool:
    """A page's last line that opens a sentence the excerpt cut off ('The main aim
    of these collaborations is to co'): several words, mostly lower-case, no end."""
    s = line_signals(line)
    return (
        s.words >= settings.cut_min_words
        and s.title_case <= settings.cut_max_title_case
        and not s.sentence_end
        and not s.starts_lower
        and s.digit_share < settings.title_max_digit_share
    )


def grade_lines(
    lines: Sequence[str], fixed: dict[int, str], settings: CleanSettings
) -> HeuristicView:
    """jusText-style reading: grade lines good/near/short/bad by length and stop
    words, let short and near lines take their context's class, then keep only the
    densest contiguous run(s) of body lines."""
    grades: list[str] = []
    for i, line in enumerate(lines):
        if i in fixed:
            grades.append("bad")
            continue
        s = line_signals(line)
        if (
            s.starts_lower
            and not s.sentence_end
            and s.words <= settings.caption_max_words
        ):
            grades.append("bad")
        elif s.words >= settings.good_min_words and (
            s.stop_density >= settings.good_min_stop_density or s.sentence_end
        ):
            grades.append("good")
        elif s.tokens >= settings.near_min_words and s.sentence_end:
            grades.append("near")
        else:
            grades.append("short")
    body = _resolve_context(grades, settings)
    runs = _body_runs(lines, body, fixed, settings)
    share = [0.0] * len(lines)
    weights = [sum(len(lines[i]) for i in run) for run in runs]
    best = max(weights, default=1)
    kept: set[int] = set()
    for run, weight in zip(runs, weights, strict=True):
        for i in run:
            share[i] = weight / best
        if weight >= settings.run_min_share * best:
            kept.update(run)
    return HeuristicView(tuple(grades), tuple(body), tuple(share), frozenset(kept))


def _resolve_context(grades: list[str], settings: CleanSettings) -> list[bool]:
    """A short/near line is body when good lines enclose it within a small gap."""
    n = len(grades)
    body = [g == "good" for g in grades]
    good_idx = [i for i, g in enumerate(grades) if g == "good"]
    for i, g in enumerate(grades):
        if g not in ("near", "short"):
            continue
        k = bisect_left(good_idx, i)  # good_idx[k] is the first good line after i
        prev_good = good_idx[k - 1] if k else None
        next_good = good_idx[k] if k < len(good_idx) else None
        gap = settings.context_max_gap
        before = prev_good is not None and i - prev_good <= gap
        after = next_good is not None and next_good - i <= gap
        if before and after:
            between = grades[prev_good + 1 : next_good]
            body[i] = "bad" not in between or g == "near"
        elif g == "near" and (before or after) and n:
            body[i] = True
    return body


def _body_runs(
    lines: Sequence[str],
    body: list[bool],
    fixed: dict[int, str],
    settings: CleanSettings,
) -> list[list[int]]:
    """Group body lines into runs; a few non-body lines don't split a run."""
    runs: list[list[int]] = []
    last = None
    for i, is_body in enumerate(body):
        if not is_body:
            continue
        if last is not None and i - last - 1 <= settings.run_max_gap:
            runs[-1].append(i)
        else:
            runs.append([i])
        last = i
    return runs
