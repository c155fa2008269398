"""The `change` of a quantity: increase, decrease, or None for a level."""

import pytest

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.nlp import analyse


def _changes(nlp, text: str) -> list[tuple[float, str | None]]:
    (analysis,) = analyse(nlp, [text])
    return [(m.value, m.change) for m in extract_part_metrics(analysis.parts)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 5% in the quarter.", [(5, "increase")]),
        ("The company cut its workforce by 300 jobs.", [(300, "decrease")]),
        ("Membership fell to 20 clubs.", [(20, "decrease")]),
        ("The board approved an increase of 12 percent.", [(12, "increase")]),
        (
            "Profit was 4 million euros, up 3% on the year.",
            [(4e6, None), (3, "increase")],
        ),
        (
            "Output slowed to 6.1 percent from 7.4 percent.",
            [(6.1, "decrease"), (7.4, None)],
        ),
        ("Prices were 9 percent higher than a year earlier.", [(9, "increase")]),
        ("Rainfall was 20 percent above average.", [(20, None)]),
        ("The league has 18 clubs and 400 players.", [(18, None), (400, None)]),
        ("Revenue reached 300 million dollars.", [(3e8, None)]),
    ],
)
def test_change_follows_the_governing_word(nlp, text, expected):
    assert _changes(nlp, text) == [(pytest.approx(v), c) for v, c in expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the number hangs on the verb, "per cent" is a prepositional phrase of it
        ("Turnover rose 2.9 per cent in May.", [(2.9, "increase")]),
        # "from X to Y" after a verb with a particle: the old and the new level
        (
            "The deficit was brought down from 4.5 percent to 2.7 percent.",
            [(4.5, None), (2.7, "decrease")],
        ),
        # the level a change arrives at moves with it; a level only reported does not
        (
            "Oil climbed 3 percent, reaching $90 per barrel.",
            [(3, "increase"), (90, "increase")],
        ),
        (
            "Shares fell 2%, closing at 23,553 points.",
            [(2, "decrease"), (23553, "decrease")],
        ),
        ("The chain reached 300 stores.", [(300, None)]),
        # a target approached by a fall
        ("Inflation is set to fall toward a 2% target.", [(2, "decrease")]),
        # "up" as the particle of a verb that moves nothing
        ("One buyer was snapping up four units.", [(1, None), (4, None)]),
        # a range's ends, a restatement after "or" and a bracketed conversion
        (
            "The yield dropped to 17-18 quintal per acre.",
            [(17, "decrease"), (18, "decrease")],
        ),
        (
            "Targets were cut by 91 percent or Sh314 billion this year.",
            [(91, "decrease"), (3.14e11, "decrease")],
        ),
        (
            "Turnover rose to HK$87.6 billion (US$11.3 billion) in May.",
            [(8.76e10, "increase"), (1.13e10, "increase")],
        ),
    ],
)
def test_changes_reach_restated_amounts_and_arrival_levels(nlp, text, expected):
    assert _changes(nlp, text) == [(pytest.approx(v), c) for v, c in expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OPEC agreed 1.6 million barrels a day in additional cuts.",
            [(1.6e6, "decrease")],
        ),
        ("He invested $5 million in growth.", [(5e6, None)]),
        ("This will bring the number of cases to 20.", [(20, "increase")]),
        ("The deficit was brought down to 3%.", [(3, "decrease")]),
    ],
)
def test_named_cuts_and_verbs_that_bring_a_value_to_a_level(nlp, text, expected):
    assert _changes(nlp, text) == [(pytest.approx(v), c) for v, c in expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parse hangs the first amount on the second: the verb before it decides
        (
            "The bank's reserves increased $20 million to $8.5 billion.",
            [(2e7, "increase"), (8.5e9, "increase")],
        ),
        # a passive change verb before 'to'; the same amount restated in brackets
        (
            "The fund has been increased to Rs.2,000 crore (Rs.20 billion).",
            [(2e10, "increase"), (2e10, "increase")],
        ),
        # an amount compared with a change is a change; compared levels are not
        (
            "Exports rose 6.2%, higher than the expected 3.1%.",
            [(6.2, "increase"), (3.1, "increase")],
        ),
        (
            "The surplus was $30 billion, higher than the expected $25 billion.",
            [(3e10, None), (2.5e10, None)],
        ),
        # 'from X to Y': the old level is no change, the new one moves with the verb
        ("Turnout grew from 41% to 47%.", [(41, None), (47, "increase")]),
        (
            "The cap has been lowered from 90 percent to 80 percent.",
            [(90, None), (80, "decrease")],
        ),
        # an adverb between the verb and its 'to'
        ("Prices should fall all the way back to the 3% mark.", [(3, "decrease")]),
    ],
)
def test_changes_the_parse_hangs_elsewhere(nlp, text, expected):
    assert _changes(nlp, text) == [(pytest.approx(v), c) for v, c in expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The jobless rate stood at 5.1%, up from 4.8% in March.",
            [(5.1, "increase"), (4.8, None)],
        ),
        (
            "Unemployment was 4.1 percent, down from 4.5 percent a year earlier.",
            [(4.1, "decrease"), (4.5, None)],
        ),
        (
            "Profit was 4 million euros, up 3% from 2 million euros.",
            [(4e6, None), (3, "increase"), (2e6, None)],
        ),
        ("The team reported a drop in profit of 18%.", [(18, "decrease")]),
        ("There was an increase in sales of 5 percent.", [(5, "increase")]),
        ("The firm invested $5 million in growth of its network.", [(5e6, None)]),
    ],
)
def test_level_before_its_old_level_and_change_nouns_before_in(nlp, text, expected):
    """A level followed only by the level it moved from carries the move; a change
    noun governs the amount after the 'in' phrase it names."""
    assert _changes(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares closed 2.4% lower on Friday.", [(2.4, "decrease")]),
        (
            "Earnings were 5.6% higher in the three months to June.",
            [(5.6, "increase"), (3, None)],
        ),
        ("Ticket sales were off 30 percent.", [(30, "decrease")]),
        ("He needs 3 more wins to qualify.", [(3, None)]),
        ("The peak stands 20 metres higher than the average ridge.", [(20, None)]),
    ],
)
def test_higher_and_lower_state_a_move_unless_a_norm_follows(nlp, text, expected):
    assert _changes(nlp, text) == expected
