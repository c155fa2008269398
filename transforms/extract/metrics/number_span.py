"""A number found in a Doc (`NumberSpan`) and how its tokens compose into one."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from transforms.extract.metrics.numbers import NumToken, compose_value


@dataclass(frozen=True)
class NumberSpan:
    """A run of tokens doc[start:end] that writes one number.

    `kind` is digit | word | vague | fraction | times; `char_start`/`char_end` narrow
    the span inside a token when one token writes two numbers ("10-20").
    """

    start: int
    end: int
    value: float
    kind: str
    currency: str | None = None
    percent: bool = False
    plus: bool = False
    low_high: tuple[float, float] | None = None
    signed: bool = False
    scaled: bool = False
    char_start: int | None = None
    char_end: int | None = None
    range_with: int | None = None  # index of the other span of a range
    is_change: bool = False  # "from X to Y" after a change verb
    unit_hint: str | None = None  # unit glued to the digits ("120Hz")
    sent_start: int = 0  # token bounds of the sentence (Token.sent is O(n) per call)
    sent_end: int = 0


def make_span(start: int, end: int, parts: list[NumToken]) -> NumberSpan:
    kinds = {p.kind for p in parts}
    if "vague" in kinds:
        kind = "vague"
    elif "digit" in kinds:
        kind = "digit"
    elif "fraction" in kinds and "scale" not in kinds and compose_value(parts) < 1:
        kind = "fraction"  # "two-thirds of"; "two and a half years" counts years
    else:
        kind = "word"
    low_high = None
    if kind == "vague":
        vague = next(p for p in parts if p.kind == "vague")
        low_high = vague.low_high
    first = parts[0]
    return NumberSpan(
        start,
        end,
        compose_value(parts),
        kind,
        currency=first.currency,
        percent=any(p.percent for p in parts),
        plus=any(p.plus for p in parts),
        signed=first.signed,
        low_high=low_high,
        unit_hint=first.unit,
        scaled=any(p.kind in ("scale", "dozen") for p in parts),
    )


def split_range_token(tok: Token, pair: tuple[float, float]) -> list[NumberSpan]:
    """'10-20' is one token: two spans narrowed to characters."""
    text = tok.text
    cut = next(k for k, ch in enumerate(text) if k and ch in "-–—")
    a = NumberSpan(
        tok.i, tok.i + 1, pair[0], "digit", char_start=tok.idx, char_end=tok.idx + cut
    )
    b = NumberSpan(
        tok.i,
        tok.i + 1,
        pair[1],
        "digit",
        char_start=tok.idx + cut + 1,
        char_end=tok.idx + len(text),
    )
    return [a, b]
