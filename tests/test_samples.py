"""The sample generator: deterministic, flagged, plausible (sectors from the city's strengths)."""

import csv

from etl.contract.paths import SEED_DIR
from etl.samples import FOCUS_CITY, generate


def read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_same_seed_same_files(tmp_path):
    generate(SEED_DIR, tmp_path / "a", seed=7)
    generate(SEED_DIR, tmp_path / "b", seed=7)
    for name in ("companies_sample.csv", "projects_sample.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_bundled_sample_files_are_the_generators_output(tmp_path):
    """data/seed/*_sample.csv must be regenerated (python -m etl samples) when the generator changes."""
    generate(SEED_DIR, tmp_path)
    for name in ("companies_sample.csv", "projects_sample.csv"):
        assert (tmp_path / name).read_bytes() == (SEED_DIR / name).read_bytes(), name


def test_every_sample_is_flagged_and_sectors_follow_city_strengths(tmp_path):
    companies_n, projects_n = generate(SEED_DIR, tmp_path)
    companies = read(tmp_path / "companies_sample.csv")
    projects = read(tmp_path / "projects_sample.csv")
    assert len(companies) == companies_n and len(projects) == projects_n
    assert {row["is_sample"] for row in companies + projects} == {"true"}
    strengths = {r["city_id"]: {c[:2] for c in r["strengths"].split(";") if c} for r in read(SEED_DIR / "cities.csv")}
    off = [c["company_id"] for c in companies
           if strengths[c["city_id"]] and c["sector"][:2] not in strengths[c["city_id"]]]
    assert off == []
    assert sum(1 for c in companies if c["city_id"] == FOCUS_CITY) >= 40
    sizes = [int(c["employees"]) for c in companies]
    assert sum(1 for n in sizes if n < 250) / len(sizes) > 0.8  # mostly SMEs


def test_chinese_samples_have_chinese_names(tmp_path):
    generate(SEED_DIR, tmp_path)
    cn = {r["city_id"] for r in read(SEED_DIR / "cities.csv") if r["country"] == "CN"}
    for company in read(tmp_path / "companies_sample.csv"):
        if company["city_id"] in cn:
            assert company["name_zh"].endswith("有限公司"), company
        else:
            assert company["name_zh"] == ""
