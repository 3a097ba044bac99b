"""The offline gazetteer of US jurisdictions: lookup, ranking, containment and spaCy patterns."""

import pytest
import spacy

from kg.facts import Entity
from kg.gazetteer import entity_ruler_patterns, get, lookup, normalize, state_named

MIAMI_DADE, SANTA_CLARA, COOK = "county/fips-12086", "county/fips-06085", "county/fips-17031"
NEW_YORK_CITY, WASHINGTON_DC = "city/geonames-5128581", "city/geonames-4140963"


@pytest.mark.parametrize(
    ("name", "cls", "fips"),
    [
        ("Miami-Dade County", "County", "12086"),
        ("Miami-Dade", "County", "12086"),
        ("Miami Dade County", "County", "12086"),
        ("MIAMI-DADE COUNTY", "County", "12086"),
        ("County of Santa Clara", "County", "06085"),
        ("Santa Clara County", "County", "06085"),
        ("Cook County", "County", "17031"),
        ("Florida", "State", "12"),
        ("State of California", "State", "06"),
        ("New York State", "State", "36"),
        ("Commonwealth of Massachusetts", "State", "25"),
    ],
)
def test_counties_and_states_resolve_to_their_fips(name: str, cls: str, fips: str) -> None:
    best = lookup(name)[0]
    assert (best.cls, best.identifiers["fips"]) == (cls, fips)


@pytest.mark.parametrize(
    ("name", "city", "state"),
    [
        ("Los Angeles", "Los Angeles", "state/us-ca"),
        ("City of Los Angeles", "Los Angeles", "state/us-ca"),
        ("Boston", "Boston", "state/us-ma"),
        ("New York City", "New York City", "state/us-ny"),
        ("City of New York", "New York City", "state/us-ny"),
        ("Chicago", "Chicago", "state/us-il"),
        ("City of Chicago", "Chicago", "state/us-il"),
        ("City and County of San Francisco", "San Francisco", "state/us-ca"),
        ("San Francisco", "San Francisco", "state/us-ca"),
        ("Saint Louis", "St. Louis", "state/us-mo"),
        ("Carson City", "Carson City", "state/us-nv"),  # the whole name beats 'Carson' + a class word
        ("Washington, D.C.", "Washington", "state/us-dc"),
        ("Portland, ME", "Portland", "state/us-me"),
    ],
)
def test_cities_resolve_to_the_city(name: str, city: str, state: str) -> None:
    best = lookup(name)[0]
    assert (best.cls, best.name, best.state) == ("City", city, state)


@pytest.mark.parametrize("name", ["the United States", "United States", "United States of America", "U.S.", "America"])
def test_names_of_the_country(name: str) -> None:
    assert [place.key for place in lookup(name)] == ["country/us"]


def test_the_country_has_its_authority_ids() -> None:
    us = get("country/us")
    assert us is not None
    assert us.identifiers == {"wikidata": "Q30", "geonamesId": "6252001"}
    assert us.part_of is None


def test_lookup_tolerates_accents_case_and_hyphens() -> None:
    assert lookup("los ángeles")[0].name == "Los Angeles"
    assert lookup("miami dade")[0].key == MIAMI_DADE
    assert normalize("The U.S.") == "us"


def test_a_class_word_decides_the_class() -> None:
    assert [place.cls for place in lookup("Los Angeles County")] == ["County"]
    assert {place.cls for place in lookup("City of Santa Clara")} == {"City"}
    assert lookup("City and County of San Francisco")[1].identifiers["fips"] == "06075"
    assert lookup("County of Boston") == []  # there is a city of Boston, but no such county


def test_a_big_city_comes_before_the_state_of_the_same_name() -> None:
    candidates = [place.key for place in lookup("New York")]
    assert candidates[:2] == [NEW_YORK_CITY, "state/us-ny"]


def test_washington_is_the_state_then_the_capital() -> None:
    candidates = [place.key for place in lookup("Washington")]
    assert candidates[:2] == ["state/us-wa", WASHINGTON_DC]
    assert lookup("Washington DC")[0].key == WASHINGTON_DC


def test_a_smaller_city_yields_to_its_namesake_county() -> None:
    assert [place.cls for place in lookup("Santa Clara")][:2] == ["County", "City"]
    # ... but a major city does not, and a same-named county elsewhere never comes first.
    assert lookup("St. Louis")[0].cls == "City"
    assert lookup("Miami")[0].key == "city/geonames-4164138"


def test_state_narrows_ambiguous_names() -> None:
    assert lookup("Santa Clara", state="California")[0].key == SANTA_CLARA
    assert lookup("Portland")[0].state == "state/us-or"
    assert lookup("Portland", state="Maine")[0].state == "state/us-me"
    assert lookup("Cook County")[0].key == COOK
    assert lookup("Cook County", state="MN")[0].identifiers["fips"] == "27031"
    assert lookup("Cook County", state="state/us-ga")[0].identifiers["fips"] == "13075"
    assert lookup("Boston", state="Florida") == []


def test_a_state_by_name_code_or_ap_abbreviation() -> None:
    assert lookup("Portland, Maine")[0].state == lookup("Portland, Me.")[0].state == "state/us-me"
    assert lookup("Danbury, Conn.")[0].state == "state/us-ct"
    assert [state_named(s).key for s in ("Connecticut", "CT", "Conn.", "State of Connecticut")] == ["state/us-ct"] * 4
    assert state_named("Danbury") is None
    assert state_named("New York State").key == "state/us-ny"


def test_a_place_named_after_its_state_is_no_state() -> None:
    # "Kansas City", "Washington County", "City of New York": a city's or a county's class word is no state's
    assert [state_named(s) for s in ("Kansas City", "Iowa City", "Washington County", "City of New York")] == [None] * 4
    assert lookup("Conn.") == []  # an abbreviation alone names nothing: "Miss.", "Wash." are words


def test_an_unknown_state_is_an_error() -> None:
    with pytest.raises(ValueError, match="Narnia"):
        lookup("Springfield", state="Narnia")


@pytest.mark.parametrize("name", ["Atlantis", "Gotham City", "", "County"])
def test_unknown_names_have_no_candidates(name: str) -> None:
    assert lookup(name) == []


def test_boston_is_a_city_in_massachusetts() -> None:
    boston = lookup("Boston")[0]
    assert boston.cls == "City"
    assert boston.state == boston.part_of == "state/us-ma"
    assert boston.population > 500_000
    assert boston.identifiers == {"geonamesId": "4930956"}
    assert "City of Boston" in boston.aliases


def test_part_of_chains_county_to_state_to_country() -> None:
    county = get(MIAMI_DADE)
    assert county is not None and county.part_of == "state/us-fl"
    state = get(county.part_of)
    assert state is not None and (state.cls, state.name, state.part_of) == ("State", "Florida", "country/us")
    assert get("no/such-key") is None


def test_county_aliases_and_state_codes() -> None:
    county = get(MIAMI_DADE)
    assert county is not None
    assert {"Miami-Dade", "County of Miami-Dade", "Miami Dade County"} <= county.aliases
    florida = get("state/us-fl")
    assert florida is not None
    assert "FL" not in florida.aliases  # codes like 'IN', 'OR', 'ME' are words
    assert lookup("FL") == []


def test_geonames_alternate_names_of_other_places_are_not_aliases() -> None:
    macomb = get("city/geonames-4900817")  # geonames lists 'Washington' among its names
    assert macomb is not None and macomb.name == "Macomb"
    assert macomb.aliases == {"City of Macomb"}
    assert macomb not in lookup("Washington")


def test_a_place_becomes_an_entity() -> None:
    county = get(MIAMI_DADE)
    assert county is not None
    entity = county.to_entity()
    assert isinstance(entity, Entity)
    assert (entity.key, entity.cls, entity.label, entity.identifiers) == (
        MIAMI_DADE,
        "County",
        "Miami-Dade County",
        {"fips": "12086"},
    )
    assert "Miami-Dade" in entity.aliases


@pytest.fixture(scope="module")
def patterns() -> list[dict[str, str]]:
    return entity_ruler_patterns()


def test_patterns_cover_counties_states_and_cities(patterns: list[dict[str, str]]) -> None:
    ids = {pattern["pattern"]: pattern["id"] for pattern in patterns}
    assert len(ids) == len(patterns)  # one pattern per surface
    assert 2_000 < len(patterns) < 20_000
    assert all(pattern["label"] == "GPE" for pattern in patterns)
    assert ids["Miami-Dade County"] == MIAMI_DADE
    assert ids["County of Santa Clara"] == SANTA_CLARA
    assert ids["Florida"] == "state/us-fl"
    assert ids["City of Chicago"] == ids["Chicago"] == "city/geonames-4887398"
    assert ids["New York"] == NEW_YORK_CITY  # the same best candidate as lookup


def test_patterns_leave_out_risky_bare_names(patterns: list[dict[str, str]]) -> None:
    surfaces = {pattern["pattern"] for pattern in patterns}
    assert "Cook" not in surfaces  # bare county name: a surname
    assert "Birmingham" not in surfaces  # a bigger city abroad has it
    assert "City of Birmingham" in surfaces
    assert "US" not in surfaces and "FL" not in surfaces
    assert "Baltimore city" not in surfaces  # Census spelling of an independent city


def test_patterns_respect_the_population_threshold() -> None:
    surfaces = {pattern["pattern"] for pattern in entity_ruler_patterns(min_population=1_000_000)}
    assert "City of Chicago" in surfaces
    assert "City of Boston" not in surfaces


def test_an_entity_ruler_tags_jurisdictions(patterns: list[dict[str, str]]) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    doc = nlp(
        "Miami-Dade County agreed to honor detainers, while the City of Chicago and Santa Clara County "
        "sued the United States over funds for Florida."
    )
    assert [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents] == [
        ("Miami-Dade County", "GPE", MIAMI_DADE),
        ("City of Chicago", "GPE", "city/geonames-4887398"),
        ("Santa Clara County", "GPE", SANTA_CLARA),
        ("United States", "GPE", "country/us"),
        ("Florida", "GPE", "state/us-fl"),
    ]
