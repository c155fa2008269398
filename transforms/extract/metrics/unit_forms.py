"""Units written over several words: rates, square measures, temperatures, symbols.

"28 million barrels a day" and "$49/bbl" are rates (`barrel per day`, `usd per bbl`),
"2,011 square kilometres" a square measure, "40°C" and "104 degrees Fahrenheit"
temperatures, "225 km/h" a unit symbol the tagger does not call a noun. The unit
keeps the words as written, singular and lower case; the surface grows to cover them.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from transforms.extract.metrics.drafts import Draft
from transforms.extract.metrics.numbers import Lexicon

_AREA = frozenset({"square", "cubic", "sq"})
_SCALES = {"celsius": "celsius", "centigrade": "celsius", "fahrenheit": "fahrenheit"}
_DEGREE_SIGNS = {
    "°c": "celsius",
    "ºc": "celsius",
    "°f": "fahrenheit",
    "ºf": "fahrenheit",
}
_RATE_WORDS = frozenset({"per", "a", "an"})
_TIME_WORDS = frozenset({"day", "week", "month", "year", "hour", "minute", "second"})
_NOT_RATE_AFTER = frozenset({"earlier", "ago", "before", "later", "after", "back"})


def unit_form(doc: Doc, d: Draft, lex: Lexicon) -> Draft:
    """The draft with its unit read over the words that follow or precede it."""
    j = _token_at(doc, d.end_char, d.span.sent_end)
    if d.currency is None and not d.span.percent:
        scale = _magnitude(doc, d)
        if scale is not None:
            return scale
    if d.unit is None or d.unit == "degree":
        temperature = _temperature(doc, j, d)
        if temperature is not None:
            return temperature
    elif d.currency is None and d.unit_tok is not None:
        # "35–40°C temperatures": the degree sign glued to the number is the unit,
        # the noun after it only names what was measured
        temperature = _temperature(doc, _number_end(doc, d), d)
        if temperature is not None:
            return replace(temperature, unit_tok=None)
    if d.unit is None and j < d.span.sent_end and doc[j].lower_ in lex.measure_units:
        tok = doc[j]  # "225 km/h": a unit symbol tagged X or ADJ
        d = replace(d, unit=tok.lower_, strong_unit=True, end_char=tok.idx + len(tok))
        j += 1
    if d.unit_tok is not None and d.unit_tok.i > d.span.end:
        before = doc[d.unit_tok.i - 1]
        if before.lower_ in _AREA and d.unit and not d.unit.startswith(before.lower_):
            d = replace(d, unit=f"{before.lower_} {d.unit}")
    area = doc[j - 1] if j > 0 else None
    if (
        area is not None
        and area.lower_ in _AREA
        and area.i >= d.span.end
        and j < d.span.sent_end
        and doc[j].is_alpha
    ):
        # "752 sq ft", "5,000 sq km": the measure after the area word
        tok = doc[j]
        d = replace(
            d,
            unit=f"{area.lower_} {tok.lower_}",
            unit_tok=tok,
            end_char=tok.idx + len(tok),
        )
        j += 1
    return _rate(doc, j, d, lex) if d.unit else d


def _magnitude(doc: Doc, d: Draft) -> Draft | None:
    """'a magnitude 6 earthquake', '7.0 on the Richter scale', '9.4 on the moment
    magnitude scale': an earthquake's size, whatever noun follows the number."""
    i = d.span.start
    if i > d.span.sent_start and doc[i - 1].lower_ == "magnitude":
        start = doc[i - 1].idx if d.hedge_start == i else d.start_char
        end = doc[i].idx + len(doc[i])
        return replace(
            d, unit="magnitude", unit_tok=None, start_char=start, end_char=end
        )
    j = _number_end(doc, d)
    after = [t.lower_ for t in doc[j : min(j + 5, d.span.sent_end)]]
    if after[:2] == ["on", "the"] and "scale" in after:
        scale = after[2 : after.index("scale")]
        if "richter" in scale or "magnitude" in scale:
            return replace(d, unit="magnitude", unit_tok=None)
    return None


def _number_end(doc: Doc, d: Draft) -> int:
    """Index of the first token after the number's own characters."""
    last = doc[d.span.end - 1]
    end = last.idx + len(last)
    if d.span.char_end not in (None, end):
        return d.span.sent_end  # "35" of "35–40°C": the sign belongs to the other end
    return _token_at(doc, end, d.span.sent_end)


def _token_at(doc: Doc, char: int, sent_end: int) -> int:
    """Index of the first token at or after `char`."""
    j = doc.char_span(char, char, alignment_mode="expand")
    k = j.start if j is not None else sent_end
    while k < sent_end and doc[k].idx < char:
        k += 1
    return k


def _temperature(doc: Doc, j: int, d: Draft) -> Draft | None:
    if j >= d.span.sent_end:
        return None
    tok = doc[j]
    glued = tok.text.lower()
    if j + 1 < d.span.sent_end and tok.text in ("°", "º") and not tok.whitespace_:
        glued += doc[j + 1].text.lower()
        tok = doc[j + 1]
    scale = _DEGREE_SIGNS.get(glued) or (
        _SCALES.get(glued) if d.unit == "degree" else None
    )
    if scale is None:
        return None
    return replace(
        d,
        unit=f"degree {scale}",
        strong_unit=True,
        end_char=tok.idx + len(tok),
    )


def _rate(doc: Doc, j: int, d: Draft, lex: Lexicon) -> Draft:
    """'barrels per day', '$5 a gallon', '$49/bbl', 'HK$26,168 per square foot'."""
    end = d.span.sent_end
    if j + 1 >= end:
        return d
    if doc[j].text in ("-", "–") and doc[j + 1].lower_ in _RATE_WORDS and j + 3 < end:
        j += 1  # "100-mile-per-hour", "$19 billion-a-year"
    word, nxt = doc[j], doc[j + 1]
    glued = not word.whitespace_ and j + 2 < end
    if word.lower_ in _RATE_WORDS and nxt.text in ("-", "–") and glued:
        nxt = doc[j + 2]
        j += 1
    slash = word.text == "/" and not word.whitespace_ and not doc[j - 1].whitespace_
    if not (word.lower_ == "per" or slash or word.lower_ in ("a", "an")):
        return d
    k = j + 1
    if nxt.lower_ in _AREA and k + 1 < end:
        k += 1
    denom_tok = doc[k]
    if not denom_tok.is_alpha:
        return d
    denom = denom_tok.lemma_.lower() if denom_tok.pos_ == "NOUN" else denom_tok.lower_
    if word.lower_ in ("a", "an"):
        if denom not in _TIME_WORDS and denom not in lex.measure_units:
            return d
        after = doc[k + 1].lower_ if k + 1 < end else ""
        if denom in _TIME_WORDS and after in _NOT_RATE_AFTER:
            return d  # "5 percent a year earlier" is a level of a year ago
    if k > j + 1:
        denom = f"{doc[j + 1].lower_} {denom}"
    short = len(d.unit) <= 3 and len(denom) <= 3 and d.currency is None
    unit = f"{d.unit}/{denom}" if slash and short else f"{d.unit} per {denom}"
    return replace(d, unit=unit, end_char=denom_tok.idx + len(denom_tok))
