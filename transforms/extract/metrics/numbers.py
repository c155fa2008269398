"""Number parsing for metrics: lexicons, token classification and value composition."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import pycountry

# thousands grouped in threes ("1,200,000") or the Indian way ("11,11,111")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?|\.\d+"
_NUMERIC = re.compile(rf"^(?P<num>{_DIGITS})$")
_GLUED = re.compile(
    rf"^(?P<sign>\+)?(?P<cur>[A-Z]{{2,3}}\$?|[A-Z]{{0,3}}\$|[€£¥₹₩₽₦₱₺₫]|Rs\.?|K?[Ss]h|[RN])?"
    rf"(?P<num>{_DIGITS})"
    r"(?P<scale>[a-zA-Z]{1,4})?(?P<tail>%|\+)?$"
)
_DIGIT_RANGE = re.compile(rf"^(?P<a>{_DIGITS})[-–—](?P<b>{_DIGITS})$")
_FOLD = re.compile(r"^(?P<word>[a-z]+|\d+(?:\.\d+)?)-?fold$")


class EmptyLexiconError(ValueError):
    """A shipped lexicon is empty: a packaging error, never a data issue."""


@dataclass(frozen=True)
class Lexicon:
    """Every word list the metrics extractor reads, loaded once from data files."""

    cardinals: MappingProxyType
    scales: MappingProxyType
    money_scales: MappingProxyType
    glued_scales: MappingProxyType
    dozen: MappingProxyType
    fractions: MappingProxyType
    vague: MappingProxyType
    multipliers: MappingProxyType
    hedge_prefix: MappingProxyType
    hedge_suffix: MappingProxyType
    currency_symbols: MappingProxyType
    currency_codes: MappingProxyType
    currency_words: MappingProxyType
    dollar_modifiers: MappingProxyType
    currency_units: MappingProxyType
    shared_signs: MappingProxyType  # sign -> {"default_cues": [...], ISO: [cues]}
    letter_signs: MappingProxyType  # "R" -> ZAR: money only before a scale word
    percent: MappingProxyType
    times: frozenset[str]
    months: frozenset[str]
    time_of_day: frozenset[str]
    identifier_cues: frozenset[str]
    not_units: frozenset[str]
    change_verbs: frozenset[str]
    count_verbs: frozenset[str]
    name_labels: frozenset[str]
    indicator_stop: frozenset[str]
    measure_units: frozenset[str]
    identifier_cues_weak: frozenset[str]
    street_words: frozenset[str]
    score_nouns: frozenset[str]
    score_cues: frozenset[str]
    lemmas: MappingProxyType
    era_words: frozenset[str]
    person_verbs: frozenset[str]
    number_words: frozenset[str]  # words that can start a number
    changes: MappingProxyType  # changes.json: word list name -> frozenset

    def currency_unit(self, iso: str) -> str:
        return self.currency_units.get(iso, iso.lower())


def _read_json(name: str) -> dict[str, Any]:
    path = resources.files("transforms.extract.metrics").joinpath("data", name)
    return json.loads(path.read_text("utf-8"))


def _table(data: dict[str, Any], key: str, source: str) -> Any:
    value = data.get(key)
    if not value:
        raise EmptyLexiconError(f"lexicon {source}:{key} is missing or empty")
    if isinstance(value, dict):
        return MappingProxyType(dict(value))
    return frozenset(value)


# the X- codes that are money in use: CFA francs and the East Caribbean dollar
_X_MONEY = frozenset({"XAF", "XOF", "XCD"})


def _iso_codes(cur: dict[str, Any]) -> dict[str, str]:
    """Codes written before or glued to an amount: ISO 4217 from pycountry, less the
    codes that are also words, with the shipped table's own ('RMB') on top."""
    stop = set(_table(cur, "codes_not_money", "currencies"))
    iso = {
        c.alpha_3: c.alpha_3
        for c in pycountry.currencies
        if c.alpha_3 not in stop and (c.alpha_3[0] != "X" or c.alpha_3 in _X_MONEY)
    }
    return {**iso, **_table(cur, "codes", "currencies")}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the metrics lexicons; raise EmptyLexiconError if any list is empty."""
    num = _read_json("numbers.json")
    hed = _read_json("hedges.json")
    cur = _read_json("currencies.json")
    ctx = _read_json("context.json")
    chg = _read_json("changes.json")
    lex = Lexicon(
        cardinals=_table(num, "cardinals", "numbers"),
        scales=_table(num, "scales", "numbers"),
        money_scales=_table(num, "money_scales", "numbers"),
        glued_scales=_table(num, "glued_scales", "numbers"),
        dozen=_table(num, "dozen", "numbers"),
        fractions=_table(num, "fractions", "numbers"),
        vague=_table(num, "vague", "numbers"),
        multipliers=_table(num, "multipliers", "numbers"),
        hedge_prefix=_table(hed, "prefix", "hedges"),
        hedge_suffix=_table(hed, "suffix", "hedges"),
        currency_symbols=_table(cur, "symbols", "currencies"),
        currency_codes=MappingProxyType(_iso_codes(cur)),
        currency_words=_table(cur, "words", "currencies"),
        dollar_modifiers=_table(cur, "dollar_modifiers", "currencies"),
        currency_units=_table(cur, "units", "currencies"),
        shared_signs=_table(cur, "shared_signs", "currencies"),
        letter_signs=_table(cur, "letter_signs", "currencies"),
        percent=_table(ctx, "percent", "context"),
        times=_table(ctx, "times", "context"),
        months=_table(ctx, "months", "context"),
        time_of_day=_table(ctx, "time_of_day", "context"),
        identifier_cues=_table(ctx, "identifier_cues", "context"),
        not_units=_table(ctx, "not_units", "context"),
        change_verbs=_table(ctx, "change_verbs", "context"),
        count_verbs=_table(ctx, "count_verbs", "context"),
        name_labels=_table(ctx, "name_labels", "context"),
        indicator_stop=_table(ctx, "indicator_stop", "context"),
        measure_units=_table(ctx, "measure_units", "context"),
        identifier_cues_weak=_table(ctx, "identifier_cues_weak", "context"),
        street_words=_table(ctx, "street_words", "context"),
        score_nouns=_table(ctx, "score_nouns", "context"),
        score_cues=_table(ctx, "score_cues", "context"),
        era_words=_table(ctx, "era_words", "context"),
        person_verbs=_table(ctx, "person_verbs", "context"),
        number_words=frozenset(
            {"a", "an"}.union(
                *(num[k] for k in ("cardinals", "scales", "dozen", "fractions")),
                num["vague"],
                num["multipliers"],
            )
        ),
        lemmas=_table(_read_json("lemmas.json"), "lemmas", "lemmas"),
        changes=MappingProxyType(
            {key: _table(chg, key, "changes") for key in chg if not key.startswith("_")}
        ),
    )
    return lex


@dataclass(frozen=True)
class NumToken:
    """What one token contributes to a number.

    kind: digit | word | scale | dozen | fraction | vague | article
    """

    kind: str
    value: float
    currency: str | None = None  # ISO code glued in front ("RMB30", "HK$20")
    percent: bool = False  # "%" glued behind ("27.3%")
    plus: bool = False  # "+" glued behind ("40+")
    low_high: tuple[float, float] | None = None  # vague amounts
    unit: str | None = None  # unit glued behind ("120Hz", "256GB")
    signed: bool = False  # "+" in front: a change ("+0.2 %") or a phone prefix


def parse_digits(text: str) -> float | None:
    """'1,200' -> 1200.0, '27.3' -> 27.3; None for anything else."""
    if not _NUMERIC.match(text):
        return None
    return float(text.replace(",", ""))


def classify_token(text: str, lex: Lexicon) -> NumToken | None:
    """Classify one token's text as a piece of a number, or None."""
    lower = text.lower()
    if lower in lex.cardinals:
        return NumToken("word", float(lex.cardinals[lower]))
    if lower in lex.scales:
        return NumToken("scale", float(lex.scales[lower]))
    if lower in lex.dozen:
        return NumToken("dozen", float(lex.dozen[lower]))
    if lower in lex.fractions:
        return NumToken("fraction", float(lex.fractions[lower]))
    if lower in lex.vague:
        low, high = lex.vague[lower]
        return NumToken("vague", float(low), low_high=(float(low), float(high)))
    if lower in ("a", "an"):
        return NumToken("article", 1.0)
    value = parse_digits(text)
    if value is not None:
        return NumToken("digit", value)
    if text.startswith("+") and (value := parse_digits(text[1:])) is not None:
        return NumToken("digit", value, signed=True)
    return _classify_glued(text, lex)


def _classify_glued(text: str, lex: Lexicon) -> NumToken | None:
    """'RMB30', 'USD2', 'HK$20', '1.4bn', '10k', '27.3%' as one token."""
    m = _GLUED.match(text)
    if not m:
        return None
    cur, scale = m.group("cur"), m.group("scale")
    iso = None
    if cur:
        iso = (
            lex.currency_symbols.get(cur)
            or lex.currency_codes.get(cur)
            or lex.letter_signs.get(cur)
        )
        if iso is None:
            return None
    value = float(m.group("num").replace(",", ""))
    tail = m.group("tail")
    percent, unit = tail == "%", None
    if scale:
        key = scale.lower()
        mult = lex.glued_scales.get(key)
        # "10m" is ten metres, "4K" a resolution, unless money makes the scale plain
        money_only = key in lex.money_scales and (key != "k" or value < 10)
        if key in lex.percent:
            percent = True  # "24pc"
        elif mult is not None and not (money_only and iso is None):
            value *= mult
        elif key in lex.measure_units and iso is None and not tail:
            unit = key  # "120Hz", "3.5GHz"
        else:
            return None
    if not cur and not scale and not tail:
        return None  # a sign alone ("+49") is a phone prefix; "+0.2%" keeps its tail
    plus = tail == "+"
    return NumToken("digit", value, currency=iso, percent=percent, plus=plus, unit=unit)


def digit_range(text: str) -> tuple[float, float] | None:
    """'10-20' written as one token -> (10, 20)."""
    m = _DIGIT_RANGE.match(text)
    if not m:
        return None
    return float(m.group("a").replace(",", "")), float(m.group("b").replace(",", ""))


def fold_value(text: str, lex: Lexicon) -> float | None:
    """'threefold', '1.5-fold' -> 3.0, 1.5."""
    m = _FOLD.match(text.lower())
    if not m:
        return None
    word = m.group("word")
    if word in lex.cardinals:
        return float(lex.cardinals[word])
    return parse_digits(word)


def compose_value(parts: Sequence[NumToken]) -> float:
    """Value of a run of number tokens: 'two hundred and five thousand', '1.5 million',
    'two dozen', 'two-thirds', 'one and a half million', 'half a million', and the
    South-Asian scales of scales ('3 lakh crore' = 3e12)."""
    total = current = fraction = 0.0
    group = 0.0  # the amount the last large scale added to the total
    prev = ""
    for part in parts:
        if part.kind in ("digit", "word", "vague"):
            current += part.value
        elif part.kind == "fraction":
            # a numerator right before ("two-thirds") multiplies; "and a half" adds
            if prev in ("digit", "word"):
                fraction, current = current * part.value, 0.0
            else:
                fraction = part.value
        elif part.kind == "scale" and prev == "scale" and group and not current:
            # a scale of scales: "3 lakh crore" is 3e5 crores, "10 thousand crore"
            total += group * (part.value - 1)
            group *= part.value
        elif part.kind in ("scale", "dozen"):
            base = (current + fraction) or 1.0
            fraction = 0.0
            if part.kind == "dozen" or part.value < 1000:
                current = base * part.value
            else:
                group = base * part.value
                total, current = total + group, 0.0
        prev = part.kind
    return total + current + fraction
