"""Body detection: the block model's decision where it is shipped, the rule reading
otherwise, one reason per undecided line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from transforms.clean.block_model import load_block_model, score_blocks
from transforms.clean.body_shapes import overruled_body_lines
from transforms.clean.heuristics import grade_lines, reads_cut_short
from transforms.clean.settings import CleanSettings
from transforms.clean.signals import line_signals

# A sentence announcing the list or table below it.
_INTRODUCES_LIST = re.compile(r"(?::|\bbelow\.?)$")


def classify_lines(
    lines: Sequence[str], fixed: dict[int, str], settings: CleanSettings
) -> dict[int, str]:
    """Body/boilerplate reasons for lines not already decided in `fixed`.

    The shipped block model decides when present; the rules alone otherwise, and
    also when the model keeps no line at all or the page has too few prose lines
    for it (it learnt from whole pages): a short article of one or two sentences
    must not vanish, so its sentence-like lines are kept.
    """
    view = grade_lines(lines, fixed, settings)
    model = load_block_model()
    probs = score_blocks(model, lines, fixed, view) if model else None
    free = [i for i in range(len(lines)) if i not in fixed]
    if probs is not None and not any(
        probs[i] >= model.threshold and view.grades[i] != "bad" for i in free
    ):
        probs = None  # the model kept nothing: fall back to the rule reading
    if sum(view.grades[i] == "good" for i in free) < settings.model_min_good_lines:
        probs = None  # too little page for the model: the rule reading decides
    kept = view.kept or {i for i in free if view.grades[i] in ("good", "near")}
    out: dict[int, str] = {}
    for i in free:
        grade = view.grades[i]
        if probs is not None:
            is_body = probs[i] >= model.threshold and grade != "bad"
        else:
            is_body = i in kept
        if is_body:
            out[i] = "body_" + grade if grade in ("good", "near") else "body_context"
        elif view.context_body[i]:
            out[i] = "outside_main_run"
        elif probs is not None and grade == "good":
            out[i] = "model_teaser_or_aside"
        else:
            out[i] = "short_no_sentence" if grade != "bad" else "caption_like"
    body = {i for i, reason in out.items() if reason.startswith("body")}
    out.update(overruled_body_lines(lines, body))
    _keep_introduced_lists(lines, out, settings)
    last = len(lines) - 1
    if (
        last in out
        and not out[last].startswith("body")
        and out.get(last - 1, "").startswith("body")
        and reads_cut_short(lines[last], settings)
    ):
        out[last] = "body_cut_short"  # the excerpt ends inside a paragraph
    return out


def _keep_introduced_lists(
    lines: Sequence[str], out: dict[int, str], settings: CleanSettings
) -> None:
    """Short lines after a body line that announces them ('… several blocks:',
    '… shown in the table below.') are the list or table it announces: body. The
    announcing line is a sentence; a short label ('Trending:') heads site links."""
    for i in sorted(out):
        if (
            not out[i].startswith("body")
            or not _INTRODUCES_LIST.search(lines[i])
            or line_signals(lines[i]).words < settings.near_min_words
        ):
            continue
        for j in range(i + 1, len(lines)):
            if (
                j not in out
                or line_signals(lines[j]).words > settings.list_item_max_words
            ):
                break
            if not out[j].startswith("body"):
                out[j] = "body_list_item"
