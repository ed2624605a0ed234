"""``sitrep eval`` must give the figures of the team's scorer (../shared/eval/score.py), figure for figure.

The comparisons run both on the same predictions: sitrep's own extraction of the
dev set, the dev gold itself bent in ways that exercise merging and evidence, and
a small gold folder written here (texts in our own words) with hand-built
predictions for the edge cases: merging and conflicts, optional alternatives,
partial gold, country-level places, aliases, missing or bad evidence.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main
from sitrep.evaluate import (AliasTable, NameMatcher, Scorer, check_evidence, document_group, evaluate, fold,
                             merge_predictions, numbers_written, same_category)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "dev"
SCORE_PY = SHARED / "eval" / "score.py"


@pytest.fixture(scope="module")
def shared() -> Path:
    if not SCORE_PY.exists() or not DEV.is_dir():
        pytest.fail(f"the team's eval set is missing: expected {SCORE_PY} and {DEV} (a checkout of the shared "
                    f"folder beside the repository); these tests compare sitrep eval with score.py there")
    return SHARED


def score_py_text(gold_dirs: list[Path], pred: Path, *options: str) -> str:
    cmd = [sys.executable, str(SCORE_PY)]
    for d in gold_dirs:
        cmd += ["--gold", str(d)]
    return subprocess.run([*cmd, "--pred", str(pred), *options], capture_output=True, text=True, check=True).stdout


def score_py(gold_dirs: list[Path], pred: Path) -> dict[str, Any]:
    return json.loads(score_py_text(gold_dirs, pred, "--json"))


def sitrep_eval(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["eval", *args]) == 0
    return capsys.readouterr().out


def write_jsonl(path: Path, events: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in events) + "".join(s + "\n" for s in extra_lines),
                    encoding="utf-8")
    return path


def assert_same_figures(ours: dict, theirs: dict) -> None:
    for key in ("documents", "predictions", "unreadable_lines", "facts", "events", "evidence", "by_type",
                "by_slot", "misses"):
        assert ours[key] == theirs[key], key
    assert ours == theirs


# ---------------------------------------------------------------- the dev set


@pytest.fixture(scope="module")
def extracted(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("extract") / "events.jsonl"
    texts = sorted(str(p) for p in DEV.glob("*.txt") if p.with_suffix(".json").exists())
    assert main(["extract", *texts, "-o", str(out)]) == 0
    return out


def test_extracted_dev_scores_as_score_py(extracted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ours = json.loads(sitrep_eval([str(DEV), "--pred", str(extracted), "--json"], capsys))
    assert_same_figures(ours, score_py([DEV], extracted))


def test_eval_without_pred_extracts_the_gold_texts(extracted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ours = json.loads(sitrep_eval([str(DEV), "--json"], capsys))
    assert_same_figures(ours, score_py([DEV], extracted))
    assert ours["documents"] == len(list(DEV.glob("*.json")))


def test_the_team_alias_table_can_be_given(extracted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = SHARED / "eval" / "aliases.json"
    ours = json.loads(sitrep_eval([str(DEV), "--pred", str(extracted), "--json", "--aliases", str(table)], capsys))
    assert_same_figures(ours, score_py([DEV], extracted))


def test_text_report_is_laid_out_as_score_py(extracted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sitrep_eval([str(DEV), "--pred", str(extracted)], capsys) == score_py_text([DEV], extracted)


def _dev_gold_as_predictions(rotate: int) -> list[dict]:
    """The dev gold turned into predictions, bent in a fixed pattern: some events split in two
    (merging, with a disagreeing count), generic weapon categories, dropped or bad evidence."""
    preds: list[dict] = []
    for n, path in enumerate(sorted(DEV.glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        length = len(path.with_suffix(".txt").read_text(encoding="utf-8"))
        for i, event in enumerate(gold["events"]):
            pred = {k: v for k, v in copy.deepcopy(event).items() if k not in ("optional", "alternative_of")}
            pred["document_id"] = gold["document_id"]
            pred["evidence"] = [{"start": 0, "end": length}]
            pattern = (n + i + rotate) % 7
            if pattern == 0:
                continue  # missed
            if pattern == 1:
                pred["evidence"] = []
            if pattern == 2:
                pred["evidence"] = [{"start": length - 5, "end": length + 5}]
            if pattern == 3 and pred.get("weapons"):
                # one prediction per weapon, the second with a generic category and a wrong death toll
                first, *rest = pred["weapons"]
                preds.append({**pred, "weapons": [first]})
                pred["weapons"] = [{**w, "category": w["category"].split("_")[-1]} for w in rest]
                pred["killed"] = (pred.get("killed") or 0) + 1
            if pattern == 4:
                pred["location"] = {"name": "Ukraine"}
            if pattern == 5 and event.get("location", {}).get("name"):
                pred["location"] = {**event["location"], "name": event["location"]["name"] + " Oblast"}
            preds.append(pred)
    return preds


@pytest.mark.parametrize("rotate", [0, 3])
def test_bent_dev_gold_scores_as_score_py(shared: Path, tmp_path: Path, rotate: int,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", _dev_gold_as_predictions(rotate), ("not json at all",))
    ours = json.loads(sitrep_eval([str(DEV), "--pred", str(pred), "--json"], capsys))
    theirs = score_py([DEV], pred)
    assert_same_figures(ours, theirs)
    assert 0 < ours["facts"]["f1"] < 1 and ours["unreadable_lines"] == 1
    assert ours["evidence"]["spans_valid"] < 1


def test_shipped_aliases_hold_every_fact_of_the_team_table(shared: Path) -> None:
    team = json.loads((SHARED / "eval" / "aliases.json").read_text(encoding="utf-8"))
    ours = AliasTable.load()
    for section in ("names", "places", "countries"):
        mine = getattr(ours, section)
        assert {k: mine.get(k) for k in team[section]} == team[section], section
    assert set(team["generic_name_tails"]) <= ours.generic_name_tails


def test_by_prefix_adds_up_to_the_whole(extracted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = json.loads(sitrep_eval([str(DEV), "--pred", str(extracted), "--json", "--by-prefix"], capsys))
    groups = body["by_prefix"]
    assert {"seed", "af", "ke"} <= set(groups)
    assert sum(g["documents"] for g in groups.values()) == body["documents"]
    for k in ("tp", "fp", "fn"):
        assert sum(g["facts"][k] for g in groups.values()) == body["facts"][k]
        assert sum(g["events"][k] for g in groups.values()) == body["events"][k]
    text = sitrep_eval([str(DEV), "--pred", str(extracted), "--by-prefix"], capsys)
    assert "group af:" in text and "group ke:" in text


# ---------------------------------------------------------------- a gold folder of our own

MINI_TEXTS = {
    "mini-raid": (
        "Overnight Russia sent 40 drones towards Kharkiv, and air defences shot down 31 of them. "
        "Two residents died and five were hurt. Earlier a missile struck the port of Odesa. "
        "Volodymyr Zelenskyy urged allies to send more air defence."),
    "mini-wave": (
        "Russian forces fired missiles across Ukraine on Monday, hitting Lviv among other cities. "
        "Officials in Lviv said a warehouse burned."),
    "mini-partial": (
        "The air force said 12 of 20 drones were downed. Police in Kyiv detained a man they suspect of spying."),
}
MINI_GOLD: dict[str, dict[str, Any]] = {
    "mini-raid": {"events": [
        {"type": "aerial_attack", "attacker": "RU", "location": {"name": "Kharkiv", "admin1": "Kharkiv",
                                                                 "country": "UA"},
         "weapons": [{"category": "drone", "model": None, "launched": 40, "intercepted": 31, "suppressed": None}],
         "killed": 2, "injured": 5},
        {"type": "aerial_attack", "attacker": "RU", "location": {"name": "Odesa", "country": "UA"},
         "weapons": [{"category": "missile", "launched": None, "intercepted": None, "suppressed": None}]},
        {"type": "statement", "speaker": "Volodymyr Zelenskyy", "stance": "demand"},
    ]},
    "mini-wave": {"events": [
        {"type": "aerial_attack", "attacker": "RU", "date": "2024-01-01", "location": {"country": "UA"},
         "weapons": [{"category": "missile"}]},
        {"type": "aerial_attack", "attacker": "RU", "location": {"name": "Lviv", "admin1": "Lviv", "country": "UA"},
         "optional": True, "alternative_of": 0},
        {"type": "statement", "speaker": "Lviv officials", "stance": "assess", "optional": True},
    ]},
    "mini-partial": {"exhaustive": False, "events": [
        {"type": "aerial_attack", "location": {"country": "UA"},
         "weapons": [{"category": "attack_drone", "launched": 20, "intercepted": 12, "suppressed": None}]},
    ]},
}


@pytest.fixture
def mini_gold(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    for doc_id, text in MINI_TEXTS.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{doc_id}.json").write_text(json.dumps({"document_id": doc_id, **MINI_GOLD[doc_id]}),
                                              encoding="utf-8")
    return folder


def span_of(doc_id: str, words: str) -> dict:
    start = MINI_TEXTS[doc_id].index(words)
    return {"start": start, "end": start + len(words)}


def whole(doc_id: str) -> list[dict]:
    return [{"start": 0, "end": len(MINI_TEXTS[doc_id])}]


def raid_predictions() -> list[dict]:
    """Two predictions of the Kharkiv raid (merged; they disagree on the dead), the Odesa strike placed
    only by country (so it shares no key), a statement by surname, and a shelling nobody annotated."""
    return [
        {"document_id": "mini-raid", "type": "aerial_attack", "attacker": "Russia",
         "location": {"name": "Kharkov", "admin1": None, "country": "UA"},
         "weapons": [{"category": "attack_drone", "launched": 40, "intercepted": 31}], "killed": 2,
         "evidence": [span_of("mini-raid", "Overnight Russia sent 40 drones towards Kharkiv, and air defences "
                                           "shot down 31 of them."),
                      span_of("mini-raid", "Two residents died")]},
        {"document_id": "mini-raid", "type": "aerial_attack", "location": {"name": "Kharkiv City"},
         "killed": 3, "injured": 5, "date": "2025-01-01", "evidence": [span_of("mini-raid", "five were hurt")]},
        {"document_id": "mini-raid", "type": "aerial_attack", "location": {"name": "Ukraine"},
         "weapons": [{"category": "cruise_missile"}], "evidence": []},
        {"document_id": "mini-raid", "type": "statement", "speaker": "Zelensky", "stance": "demand",
         "quote": "send more", "evidence": whole("mini-raid")},
        {"document_id": "mini-raid", "type": "shelling", "attacker": "RU", "killed": 1,
         "evidence": [{"start": 5, "end": 999}]},
    ]


def wave_predictions() -> list[dict]:
    """Lviv alone: the optional reading of the country-wide wave, so the wave counts as found."""
    return [{"document_id": "mini-wave", "type": "aerial_attack", "attacker": "RU",
             "location": {"name": "Lviv", "admin1": "Lviv Oblast", "country": "UA"},
             "weapons": [{"category": "cruise_missile"}], "evidence": whole("mini-wave")}]


def partial_predictions() -> list[dict]:
    """Partial gold: the arrest and the extra weapon and date are not scored."""
    return [
        {"document_id": "mini-partial", "type": "aerial_attack", "date": "2023-05-05",
         "weapons": [{"category": "drone", "launched": 20, "intercepted": 12},
                     {"category": "missile", "launched": 3}],
         "evidence": whole("mini-partial")},
        {"document_id": "mini-partial", "type": "arrest", "authority": "Kyiv police", "charge": "espionage",
         "evidence": whole("mini-partial")},
        {"document_id": "no-gold-here", "type": "arrest", "evidence": []},
    ]


def test_hand_built_predictions_score_as_score_py(mini_gold: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], shared: Path) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", raid_predictions() + wave_predictions() + partial_predictions(),
                       ("{broken",))
    ours = json.loads(sitrep_eval([str(mini_gold), "--pred", str(pred), "--json"], capsys))
    assert_same_figures(ours, score_py([mini_gold], pred))
    assert sitrep_eval([str(mini_gold), "--pred", str(pred)], capsys) == score_py_text([mini_gold], pred)


@pytest.mark.parametrize("subset", ["raid", "wave", "partial"])
def test_each_edge_case_alone_scores_as_score_py(mini_gold: Path, tmp_path: Path, subset: str,
                                                 capsys: pytest.CaptureFixture[str], shared: Path) -> None:
    events = {"raid": raid_predictions, "wave": wave_predictions, "partial": partial_predictions}[subset]()
    pred = write_jsonl(tmp_path / "pred.jsonl", events)
    ours = json.loads(sitrep_eval([str(mini_gold), "--pred", str(pred), "--json"], capsys))
    assert_same_figures(ours, score_py([mini_gold], pred))


def test_edge_cases_score_as_the_definitions_say(mini_gold: Path, tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", raid_predictions() + wave_predictions() + partial_predictions())
    report, _ = evaluate([mini_gold], pred)
    slot = report.by_slot
    # Merged Kharkiv predictions: 2 dead and 3 dead conflict, so killed is both false and missed.
    killed = slot["aerial_attack.killed"]
    assert (killed.tp, killed.fp, killed.fn) == (0, 1, 1)
    assert slot["aerial_attack.injured"].tp == 1
    # "Kharkov" folds to Kharkiv; "Russia" is RU; the attack drone is the gold's generic drone.
    assert slot["location.name"].tp >= 1 and slot["aerial_attack.attacker"].tp >= 1
    assert slot["aerial_attack.weapons[].launched"].tp == 2  # Kharkiv 40, and the partial gold's 20
    # The wave is found through its optional Lviv reading; the Odesa strike is missed.
    assert report.by_type["aerial_attack"].tp == 3 and report.by_type["aerial_attack"].fn == 1
    # Only the country-level Odesa guess and the unannotated shelling are false events; the arrest in
    # the partial document and the document without gold are ignored.
    assert report.by_type["aerial_attack"].fp == 1 and report.by_type["shelling"].fp == 1
    assert "arrest" not in report.by_type and report.predictions == 8
    assert report.by_slot["statement.speaker"].tp == 1
    # The dates: the gold of the raid gives none (not scored); the partial document's is not scored.
    assert "date" not in slot or slot["date"].fp == 0
    assert report.evidence.checked == 8 and report.evidence.spans_valid == round(6 / 8, 4)


def test_a_later_gold_folder_overrides_an_earlier_one(mini_gold: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str], shared: Path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    (second / "mini-wave.json").write_text(json.dumps({"document_id": "mini-wave", "events": []}), encoding="utf-8")
    pred = write_jsonl(tmp_path / "pred.jsonl", wave_predictions() + raid_predictions())
    ours = json.loads(sitrep_eval([str(mini_gold), str(second), "--pred", str(pred), "--json"], capsys))
    assert_same_figures(ours, score_py([mini_gold, second], pred))


def test_eval_extracts_folders_of_our_own(mini_gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = json.loads(sitrep_eval([str(mini_gold), "--json"], capsys))
    assert body["documents"] == 3
    assert body["events"]["tp"] + body["events"]["fn"] == 5  # required events of the mini gold


def test_eval_reports_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path / "nowhere")]) == 2
    assert "gold folder not found" in capsys.readouterr().err
    assert main(["eval", str(tmp_path)]) == 2
    assert "no gold files" in capsys.readouterr().err
    (tmp_path / "x.json").write_text('{"document_id": "x", "events": []}', encoding="utf-8")
    assert main(["eval", str(tmp_path), "--pred", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read predictions" in capsys.readouterr().err
    (tmp_path / "bad-aliases.json").write_text("[]", encoding="utf-8")
    assert main(["eval", str(tmp_path), "--aliases", str(tmp_path / "bad-aliases.json")]) == 2
    assert "not an alias table" in capsys.readouterr().err


def test_another_alias_table_changes_name_matching(mini_gold: Path, tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", raid_predictions())
    bare = tmp_path / "aliases.json"
    bare.write_text(json.dumps({"names": {}, "places": {}, "countries": {}, "generic_name_tails": []}),
                    encoding="utf-8")
    with_aliases, _ = evaluate([mini_gold], pred)
    without, _ = evaluate([mini_gold], pred, aliases=AliasTable.load(bare))
    # Without the table, "Kharkov" is not Kharkiv and "Russia" is not RU.
    assert without.facts.tp < with_aliases.facts.tp


# ---------------------------------------------------------------- the pieces


def test_fold_drops_case_accents_and_punctuation() -> None:
    assert fold("Énerhodar’s  NPP!") == "enerhodars npp"
    assert fold(None) == "none"


def test_names_match_by_alias_surname_and_country() -> None:
    m = NameMatcher(AliasTable.load())
    assert m.same_name("Zelenskiy", "President Zelenskyy")
    assert m.same_name("Putin", "Vladimir Putin")
    assert m.same_name("Washington", "US")
    assert not m.same_name("Washington", "UK")
    assert not m.same_name("Defence", "Ministry of Defence")  # a generic tail alone is no name
    assert not m.same_name("", "")
    assert m.same_place("Kiev", "Kyiv City") and not m.same_place("Kyiv", "Kharkiv")


def test_weapon_families() -> None:
    assert same_category("drone", "decoy_drone") and same_category("missile", "missile")
    assert not same_category("attack_drone", "decoy_drone")
    assert not same_category("drone", "cruise_missile")


def test_numbers_written_reads_digits_scales_and_words() -> None:
    found = numbers_written("Some 1,200 troops, $2.5bn, forty-two shells and a dozen drones")
    assert {1200, 2_500_000_000, 42, 12, 1}.issubset(found)
    assert 7 not in numbers_written("no number here but an article")


def test_check_evidence() -> None:
    text = "Three were killed. Later 14 drones were shot down."
    assert check_evidence({"killed": 3, "evidence": [{"start": 0, "end": 18}]}, text) == (True, True)
    assert check_evidence({"killed": 14, "evidence": [{"start": 0, "end": 18}]}, text) == (True, False)
    assert check_evidence({"evidence": [{"start": 0, "end": 999}]}, text) == (False, False)
    assert check_evidence({"evidence": []}, text) == (False, False)


def test_merge_keeps_first_values_and_marks_disagreeing_numbers() -> None:
    merged = merge_predictions([
        {"killed": 2, "date": "2024-05-01", "location": {"name": "Sumy", "admin1": None}, "parties": ["UA"],
         "weapons": [{"category": "drone"}]},
        {"killed": 4, "date": "2024-05-02", "location": {"name": "Sumy city", "admin1": "Sumy"},
         "parties": ["UA", "RU"], "weapons": [{"category": "missile"}]},
    ])
    assert merged["killed"] == {"conflict": [2, 4]}
    assert merged["date"] == "2024-05-01"
    assert merged["location"] == {"name": "Sumy", "admin1": "Sumy"}
    assert merged["parties"] == ["UA", "RU"] and len(merged["weapons"]) == 2


def test_document_groups() -> None:
    assert document_group("af-1d937922d4") == "af" and document_group("seed") == "seed"


def test_scorer_without_gold_text_checks_no_evidence() -> None:
    from sitrep.evaluate import GoldDocument

    gold = {"d": GoldDocument("d", [{"type": "statement", "speaker": "Dmitry Peskov", "stance": "reject"}])}
    report = Scorer().score(gold, [{"document_id": "d", "type": "statement", "speaker": "Peskov",
                                    "stance": "reject"}])
    assert report.facts.f1 == 1.0 and report.evidence.checked == 0 and report.evidence.spans_valid is None
