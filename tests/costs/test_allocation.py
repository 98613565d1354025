"""PR2: the largest-remainder allocation, by hand and as properties."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan.costs.allocation import AllocationImpossible, Party, allocate
from tests.cast import MUNICIPALITIES

# 100 000,00 kr by the eleven municipalities' 2022-12-31 figures (total 368 805), worked by
# hand: floors sum to 9 999 994 öre; the six öre left go to the six largest remainders
# (Perstorp .85, Svalöv .80, Helsingborg .71, Bjuv .70, Åstorp .68, Landskrona .65).
EXPECTED_100K = {
    "1214": 392240,  # Svalöv       392 239,80… → +1
    "1257": 283483,  # Örkelljunga  283 483,14…
    "1260": 435515,  # Bjuv         435 514,70… → +1
    "1275": 201787,  # Perstorp     201 786,85… → +1
    "1276": 484402,  # Klippan      484 402,33…
    "1277": 443080,  # Åstorp       443 079,68… → +1
    "1278": 429061,  # Båstad       429 061,43…
    "1282": 1274495,  # Landskrona 1 274 494,65… → +1
    "1283": 4093627,  # Helsingborg 4 093 626,71… → +1
    "1284": 762001,  # Höganäs      762 001,60…
    "1292": 1200309,  # Ängelholm 1 200 309,11…
}


def parties_2022() -> list[Party]:
    return [Party(code=c, weight=p, population=p) for c, _, p in MUNICIPALITIES]


def test_eleven_municipalities_100000_kronor_by_hand_PR2():
    result = allocate(10_000_000, parties_2022())
    assert result == EXPECTED_100K
    assert sum(result.values()) == 10_000_000


def test_eleven_municipalities_match_exact_fractions_PR2():
    """The same case computed independently from the exact fractions."""
    total = sum(p for _, _, p in MUNICIPALITIES)
    exact = {c: Fraction(10_000_000 * p, total) for c, _, p in MUNICIPALITIES}
    floors = {c: int(x) for c, x in exact.items()}
    left = 10_000_000 - sum(floors.values())
    by_remainder = sorted(exact, key=lambda c: exact[c] - floors[c], reverse=True)
    expected = {c: floors[c] + (1 if c in by_remainder[:left] else 0) for c in exact}
    assert left == 6
    assert allocate(10_000_000, parties_2022()) == expected


def test_ties_go_to_larger_population_then_lower_code_PR2():
    # Equal sharing: 10 öre to three → 3 each and one left, to the largest population.
    parties = [Party("1283", 1, 150975), Party("1214", 1, 14466), Party("1260", 1, 16062)]
    assert allocate(10, parties) == {"1214": 3, "1260": 3, "1283": 4}
    # Equal populations: the lower code wins.
    same = [Party("1292", 1, 100), Party("1214", 1, 100), Party("1260", 1, 100)]
    assert allocate(11, same) == {"1214": 4, "1260": 4, "1292": 3}


def test_refuses_bad_input():
    with pytest.raises(ValueError):
        allocate(-1, parties_2022())
    with pytest.raises(TypeError):
        allocate(10.5, parties_2022())  # type: ignore[arg-type]
    with pytest.raises(AllocationImpossible):
        allocate(100, [])
    with pytest.raises(AllocationImpossible):
        allocate(100, [Party("1214", 0, 0)])
    with pytest.raises(ValueError):
        allocate(100, [Party("1214", 1), Party("1214", 2)])


codes = st.sampled_from([f"{n:04d}" for n in range(1200, 1300)])
party_lists = st.lists(
    st.builds(
        Party,
        code=codes,
        weight=st.integers(min_value=0, max_value=2_000_000),
        population=st.integers(min_value=0, max_value=2_000_000),
    ),
    min_size=1,
    max_size=15,
    unique_by=lambda p: p.code,
).filter(lambda ps: sum(p.weight for p in ps) > 0)
amounts = st.integers(min_value=0, max_value=10**13)


@given(amounts, party_lists)
def test_sum_is_exact_PR2(amount, parties):
    assert sum(allocate(amount, parties).values()) == amount


@given(amounts, party_lists)
def test_each_share_within_one_ore_of_exact_share_PR2(amount, parties):
    total = sum(p.weight for p in parties)
    result = allocate(amount, parties)
    for p in parties:
        exact = Fraction(amount * p.weight, total)
        assert abs(result[p.code] - exact) < 1
        assert result[p.code] >= 0


@given(amounts, party_lists, st.randoms(use_true_random=False))
def test_deterministic_and_order_irrelevant_PR2(amount, parties, rnd):
    first = allocate(amount, parties)
    shuffled = list(parties)
    rnd.shuffle(shuffled)
    assert allocate(amount, parties) == first
    assert allocate(amount, shuffled) == first
    assert list(allocate(amount, shuffled)) == sorted(p.code for p in parties)
