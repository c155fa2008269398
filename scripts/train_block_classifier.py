"""Train the block model (logistic regression) on every tuning page: clean-dev's
tuning part and the English pages of the in-domain tune half.

    uv run python scripts/train_block_classifier.py [--bench ../shared/bench]

clean-dev line labels come from matching each dump line to the true article body;
in-domain labels are the gold's body lines. Held-out clean-dev pages (see
benchmarks/clean_dev.is_held_out) and the in-domain test half are never read. The
decision threshold is chosen on out-of-fold predictions (page-grouped folds) as the
best mean of the clean-dev F1 and the in-domain body-line F1, and the weights are
written as JSON to transforms/clean/data/block_classifier.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from benchmarks.clean_dev import (
    _scorer,
    is_held_out,
    line_labels,
    load_pages,
    load_truth,
    read_lines,
)
from benchmarks.indomain import INDOMAIN, half_of, load_gold
from transforms.clean.article import repair_text
from transforms.clean.block_features import (
    block_features,
    feature_names,
    stack_features,
)
from transforms.clean.block_model import MODEL_FILE, LinearLayer
from transforms.clean.heuristics import grade_lines
from transforms.clean.prelabels import prelabel_lines
from transforms.clean.repeats import as_documents, evidence_table, repeated_line_keys
from transforms.clean.settings import CleanSettings

FOLDS = 4


def _page_data(lines, labels, repeated, settings):
    pre = prelabel_lines(lines, repeated, settings)
    reasons = pre.reasons
    view = grade_lines(lines, reasons, settings)
    x = block_features(lines, reasons, view)
    y = np.asarray(labels, dtype=float)
    free = np.asarray([i not in reasons for i in range(len(lines))])
    words = np.asarray([len(line.split()) for line in lines], dtype=float)
    return x, y, free, words


def _fit(x, y, w, l2) -> LinearLayer:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale

    def loss(theta):
        coef, bias = theta[:-1], theta[-1]
        logits = z @ coef + bias
        p = 1.0 / (1.0 + np.exp(-logits))
        nll = np.sum(w * (np.logaddexp(0, logits) - y * logits)) / w.sum()
        grad_logit = w * (p - y) / w.sum()
        grad = np.append(z.T @ grad_logit + 2 * l2 * coef, grad_logit.sum())
        return nll + l2 * coef @ coef, grad

    theta = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B").x
    return LinearLayer(mean, scale, theta[:-1], float(theta[-1]))


def _weights(pages, ids):
    """Token-weighted lines, each page summing to one: the metric is a page macro."""
    parts = []
    for pid in ids:
        _, _, free, words = pages[pid]
        w = np.sqrt(words[free] + 1)
        parts.append(w / w.sum())
    return np.concatenate(parts)


def _stack(pages, ids):
    x = np.vstack([pages[i][0][pages[i][2]] for i in ids])
    y = np.concatenate([pages[i][1][pages[i][2]] for i in ids])
    return x, y


def _out_of_fold(pages, ids, fit):
    """Each page scored by a layer trained on the other folds' pages."""
    oof = {}
    for fold in range(FOLDS):
        test = ids[fold::FOLDS]
        train = [i for i in ids if i not in test]
        layer = fit(*_stack(pages, train), _weights(pages, train))
        for i in test:
            oof[i] = layer.predict(pages[i][0])
    return oof


def _with_stage1(pages, dumps, p1):
    out = {}
    for i, (x, y, free, words) in pages.items():
        p = np.where(free, p1[i], 0.0)
        out[i] = (np.hstack([x, stack_features(dumps[i], p)]), y, free, words)
    return out


def _indomain_tune_pages() -> dict[str, tuple[list[str], list[int]]]:
    """(repaired lines, gold body labels) of the English in-domain tune pages."""
    pages = {}
    for page_id, gold in load_gold().items():
        if half_of(gold["url"]) != "tune" or gold["language"] != "en":
            continue
        lines = [
            repair_text(x) for x in read_lines(INDOMAIN / "texts" / f"{page_id}.txt")
        ]
        body = set(gold["body_lines"])
        pages[f"indomain:{page_id}"] = (
            lines,
            [int(k in body) for k in range(len(lines))],
        )
    return pages


def _line_f1(pages, oof, ids, threshold) -> float:
    """Body-line F1 over pages with line labels (the in-domain gold)."""
    tp = fp = fn = 0
    for i in ids:
        _, y, free, _ = pages[i]
        pred = free & (oof[i] >= threshold)
        tp += int(np.sum(pred & (y == 1)))
        fp += int(np.sum(pred & (y == 0)))
        fn += int(np.sum(~pred & (y == 1)))
    return 2 * tp / max(1, 2 * tp + fp + fn)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench"))
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--oof-out", type=Path, help="write out-of-fold scores (JSON)")
    args = ap.parse_args(argv)
    settings = CleanSettings()
    dumps = load_pages(args.bench)
    truth = load_truth(args.bench)
    repeated = repeated_line_keys(
        evidence_table(as_documents(dumps), settings), settings
    )
    dev_ids = sorted(i for i in truth if not is_held_out(i))
    pages = {
        i: _page_data(
            dumps[i],
            line_labels(dumps[i], truth[i]),
            repeated.get(i, frozenset()),
            settings,
        )
        for i in dev_ids
    }
    indomain = _indomain_tune_pages()
    repeated_in = repeated_line_keys(
        evidence_table(
            as_documents({i: lines for i, (lines, _) in indomain.items()}), settings
        ),
        settings,
    )
    for i, (lines, labels) in indomain.items():
        pages[i] = _page_data(lines, labels, repeated_in.get(i, frozenset()), settings)
        dumps[i] = lines
    in_ids = sorted(indomain)
    ids = sorted(pages)
    scorer = _scorer(args.bench)

    def linear(x, y, w):
        return _fit(x, y, w, args.l2)

    layer1 = linear(*_stack(pages, ids), _weights(pages, ids))
    stacked = _with_stage1(pages, dumps, _out_of_fold(pages, ids, linear))
    oof = _out_of_fold(stacked, ids, linear)
    layer2 = linear(*_stack(stacked, ids), _weights(stacked, ids))

    if args.oof_out:
        args.oof_out.write_text(json.dumps({i: oof[i].round(3).tolist() for i in ids}))
    best = (0.0, 0.5)
    for threshold in np.arange(0.2, 0.81, 0.05):
        pred = {}
        for i in dev_ids:
            keep = pages[i][2] & (oof[i] >= threshold)
            pred[i] = "\n\n".join(dumps[i][k] for k in np.flatnonzero(keep))
        _, counts, _ = scorer.score({i: truth[i] for i in dev_ids}, pred)
        dev_f1 = scorer.benchmark_prf(counts)[0]
        in_f1 = _line_f1(pages, oof, in_ids, threshold)
        f1 = (dev_f1 + in_f1) / 2
        sys.stdout.write(
            f"threshold={threshold:.2f} out-of-fold clean-dev F1={dev_f1:.4f}"
            f" in-domain line F1={in_f1:.4f} mean={f1:.4f}\n"
        )
        best = max(best, (f1, float(threshold)))

    out = Path(__file__).resolve().parents[1] / "transforms/clean/data" / MODEL_FILE
    out.write_text(json.dumps({
        "about": "stacked logistic regression over the block features; "
                 "trained by scripts/train_block_classifier.py on clean-dev "
                 "tuning pages and the in-domain tune half",
        "names": list(feature_names()),
        "stage1": layer1.to_json(), "stage2": layer2.to_json(),
        "threshold": round(best[1], 2),
    }, indent=1))  # fmt: skip
    sys.stdout.write(f"wrote {out} (threshold {best[1]:.2f}, oof F1 {best[0]:.4f})\n")


if __name__ == "__main__":
    main()
