"""Stance rules beyond the plain verb: acceptance, proposals, accusations, demands, conditions, reports of facts."""
from __future__ import annotations

import pytest

from sitrep.extract import extract_events
from sitrep.model import Document


def _statements(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.speaker, e.stance) for e in extract_events(Document("t", text)) if e.type == "statement"]


@pytest.mark.parametrize("text, speaker, stance", [
    ("Volodymyr Zelenskyy said Kyiv was ready to accept an American plan for a truce.", "Volodymyr Zelenskyy", "agree"),
    ("Vladimir Putin said Moscow agreed with the proposal to pause the fighting.", "Vladimir Putin", "agree"),
    ("Sergei Lavrov said Russia was drawing up a draft memorandum on a settlement.", "Sergey Lavrov", "propose"),
    ("Keir Starmer said several countries would form a coalition to guard a future truce.", "Keir Starmer", "propose"),
    ("Dmitry Peskov said the reporter had been caught red-handed.", "Dmitry Peskov", "accuse"),
    ("Volodymyr Zelenskyy said the bombing proved that Moscow, not Kyiv, was blocking peace.", "Volodymyr Zelenskyy", "accuse"),
    ("Volodymyr Zelenskyy said his country needed more air defence from its partners.", "Volodymyr Zelenskyy", "demand"),
    ("Volodymyr Zelenskyy said pressure on Moscow had to grow.", "Volodymyr Zelenskyy", "demand"),
    ("Volodymyr Zelenskyy said the army would hold the line and asked allies for more shells.", "Volodymyr Zelenskyy", "demand"),
    ("Vladimir Putin said Moscow would rejoin the accord only if its exports were freed.", "Vladimir Putin", "demand"),
    ("Vladimir Putin said any such delivery would open a new stage of the conflict.", "Vladimir Putin", "threaten"),
    ("Antony Blinken called the arrest unacceptable.", "Antony Blinken", "condemn"),
    ("Vladimir Putin called the incursion a grave provocation.", "Vladimir Putin", "condemn"),
    ("Stephane Dujarric said the raids were unacceptable and threatened food supplies.", "Stephane Dujarric", "condemn"),
    ("Yuri Ushakov said the talks lasted two hours and had been constructive.", "Yuri Ushakov", "assess"),
])
def test_stance(text, speaker, stance):
    assert (speaker, stance) in _statements(text)


def test_a_condition_is_not_a_rejection():
    assert ("Volodymyr Zelenskyy", "reject") not in _statements(
        "Volodymyr Zelenskyy said talks would stop if Moscow rejected the truce.")


def test_a_report_of_damage_is_not_a_statement():
    assert _statements("Vitali Klitschko said falling debris started fires in two districts.") == []
    assert _statements("The main target of the strike was a gas plant, Herman Halushchenko said.") == []


def test_a_later_demand_verb_keeps_the_sentence_subject():
    assert ("Volodymyr Zelenskyy", "demand") in _statements(
        "Volodymyr Zelenskyy said the lack of shells had let Russia advance and urged partners to act.")


@pytest.mark.parametrize("text, speaker, stance", [
    ("A drone hit the reactor shelter overnight, Volodymyr Zelenskyy said on Friday, calling Russia a danger and a threat to everyone.",
     "Volodymyr Zelenskyy", "condemn"),
    ("Prisoners of war could be traded for Ukrainians, Volodymyr Zelenskyy said, suggesting a swap to Pyongyang.",
     "Volodymyr Zelenskyy", "propose"),
    ("Volodymyr Zelenskyy said the key was for partners to send shells faster.", "Volodymyr Zelenskyy", "demand"),
    ("Volodymyr Zelenskyy said the raid used drones and renewed his demand that allies lift limits.", "Volodymyr Zelenskyy", "demand"),
])
def test_stance_of_a_participle_or_a_noun(text, speaker, stance):
    assert (speaker, stance) in _statements(text)


def test_a_ministry_threat_about_ships():
    got = _statements("Russia's defence ministry said it would regard all ships sailing to Odesa as potential carriers of military cargo.")
    assert got == [("Russian Ministry of Defence", "threaten")]


def test_a_ministry_reporting_its_retaliation_is_no_statement():
    assert _statements("Russia's defence ministry said it had retaliated with strikes on military sites in Kharkiv.") == []


def test_a_fire_is_not_an_accusation():
    assert ("Sergei Aksyonov", "accuse") not in _statements(
        "A depot in Crimea caught fire, forcing evacuations, governor Sergei Aksyonov said.")


def test_evaluating_a_proposal_is_not_proposing():
    assert _statements('The Kremlin called the proposal "unacceptable".') == [("RU", "condemn")]


def test_a_planned_call_is_a_contact_not_a_statement():
    text = "Emmanuel Macron said he would call Vladimir Putin in the coming days."
    assert _statements(text) == []
    got = [e for e in extract_events(Document("t", text)) if e.type == "diplomatic_contact"]
    assert got and got[0].status == "planned" and got[0].mode == "call"


def test_crimes_against_humanity_accuse():
    assert ("Volodymyr Zelenskyy", "accuse") in _statements('"This is a crime against humanity," Zelenskyy said on Monday.')


def test_not_planning_rejects_and_an_aid_announcement_is_no_statement():
    assert _statements("Dmitry Peskov said Moscow was not planning any new mobilisation.") == [("Dmitry Peskov", "reject")]
    assert _statements("Germany will send Ukraine four more IRIS-T air defence systems, Boris Pistorius said.") == []


def test_a_memorandum_in_passing_proposes_nothing():
    assert ("Volodymyr Zelenskyy", "propose") not in _statements(
        "Volodymyr Zelenskyy said the Budapest Memorandum had not protected Ukraine.")
    assert ("Sergey Lavrov", "propose") in _statements("Sergei Lavrov said Moscow would hand Kyiv a memorandum on peace terms.")


def test_never_recognise_rejects_and_air_defence_at_work_is_a_fact():
    assert _statements("Kaja Kallas said the EU would never recognise the annexation.") == [("Kaja Kallas", "reject")]
    assert _statements("Governor Oleh Syniehubov said air defence systems were working over the city.") == []


def test_said_on_a_weekday_then_what_was_said():
    got = _statements("RIYADH (Wire) — Ukraine said on Tuesday it was ready to accept an American truce plan, after long talks.")
    assert got == [("UA", "agree")]
    # "said on Thursday during a visit": the words before were what was said
    assert _statements("Israel will expand its aid to Ukraine, Eli Cohen said on Thursday during a visit to Kyiv.") == []


def test_readiness_proposes():
    assert _statements("Vladimir Putin said Russia was ready for talks with Ukraine.") == [("Vladimir Putin", "propose")]
    assert _statements("Keir Starmer said Britain stood ready to put troops on the ground.") == [("Keir Starmer", "propose")]


def test_words_inside_a_condition_carry_no_stance():
    assert ("Volodymyr Zelenskyy", "reject") not in _statements(
        "Volodymyr Zelenskyy said talks would end if Moscow would not accept a ceasefire.")


def test_inverted_attribution_reads_the_words_before():
    assert _statements('"Heavy shelling" hit the border villages, where residents were evacuated, said governor Oleh Syniehubov.') == []


def test_said_this_relays_a_report():
    assert _statements("The air force commander, Mykola Oleshchuk, said this on Telegram.") == []


def test_prepared_for_a_year_is_no_proposal():
    got = _statements('Volodymyr Zelenskyy called the raid "a brilliant result" and said it had been prepared for a year.')
    assert ("Volodymyr Zelenskyy", "propose") not in got


def test_said_it_denied():
    got = _statements("The Wall Street Journal said it firmly denied the allegations and demanded the release of its reporter.")
    assert got and got[0] == ("The Wall Street Journal", "deny")


def test_now_is_the_time_demands():
    got = _statements('"Now is the time to stop the killing," Scott Bessent said in a statement.')
    assert got == [("Scott Bessent", "demand")]


def test_the_other_side_killing_is_an_accusation():
    assert _statements('"Russia is killing our children," Zelenskyy said.') == [("Volodymyr Zelenskyy", "accuse")]


@pytest.mark.parametrize("text, expected", [
    # the subject of a coordinated verb is the sentence's subject, not the last name before "and"
    ("Polish President Andrzej Duda phoned Emmanuel Macron and Olaf Scholz and proposed a joint fund for rebuilding schools.",
     [("Andrzej Duda", "propose")]),
    ("Sergey Lavrov said Moscow was \"ready\" to talk but rejected any foreign troops in Ukraine as \"unacceptable\".",
     [("Sergey Lavrov", "reject")]),
    # a participle clause keeps its speaker; the office relaying it is not a second speaker
    ("German Chancellor Olaf Scholz spoke with Vladimir Putin for an hour on Friday, urging him to pull his troops back, "
     "a German government spokesman said.", [("Olaf Scholz", "demand")]),
    ("Volodymyr Zelenskyy, speaking in Vilnius where he met Lithuanian President Gitanas Nauseda, said the allies "
     "\"must act faster\".", [("Volodymyr Zelenskyy", "demand")]),
    ("Vladimir Putin said the talks went well and suggested the next round be held in Minsk.", [("Vladimir Putin", "propose")]),
    ("Friedrich Merz said he was in favour of sending more long-range missiles to Kyiv.", [("Friedrich Merz", "propose")]),
    ("Volodymyr Zelenskyy acknowledged the raid in his evening address.", [("Volodymyr Zelenskyy", "confirm")]),
    ("Antony Blinken warned that Washington \"will not hesitate\" to punish any company that helps Moscow.",
     [("Antony Blinken", "threaten")]),
])
def test_coordinated_and_relayed_speakers(text: str, expected: list[tuple[str, str]]) -> None:
    assert _statements(text) == expected


@pytest.mark.parametrize("text", [
    "A drone strike on a fuel depot in Russia's Belgorod region started a large fire, the regional governor said.",
    "Ukrainian drones attacked an oil depot in the Kursk region overnight, triggering explosions, Governor Roman Starovoit said.",
    "Gazprom cut off gas to Denmark after Copenhagen refused to pay in roubles.",
    "Volodymyr Zelenskyy said he would travel to Brussels on Thursday to meet EU leaders.",
])
def test_reports_of_acts_are_not_statements(text: str) -> None:
    assert _statements(text) == []


def test_she_in_a_where_clause_is_the_subject() -> None:
    assert _statements("Kaja Kallas visited Irpin on Monday, where she said the world had seen \"cruel and senseless "
                       "destruction\".") == [("Kaja Kallas", "condemn")]


def test_aid_already_given_is_not_a_statement() -> None:
    assert _statements("Mette Frederiksen said Denmark had given Ukraine all of its howitzers.") == []


def test_a_demand_outweighs_thanks_in_one_sentence() -> None:
    assert _statements("Volodymyr Zelenskyy thanked Norway for the new package and said Kyiv needed more air defence.") == [
        ("Volodymyr Zelenskyy", "demand")]


@pytest.mark.parametrize("text, stance", [
    ("In his nightly address, Volodymyr Zelenskyy described the shelling as \"sheer terror\".", "condemn"),
    ("Volodymyr Zelenskyy said the world had to halt \"Russian terror\".", "demand"),
    ("Sergey Lavrov said Moscow firmly opposes any peacekeepers in Ukraine.", "reject"),
])
def test_terror_and_opposition(text: str, stance: str) -> None:
    assert [st for _, st in _statements(text)] == [stance]


def test_words_after_a_new_subject_are_not_the_speakers() -> None:
    text = ("The regional governor Roman Starovoit said five people had been killed, and Moscow declared a "
            "\"counter-terrorist operation\" in the border districts.")
    assert [sp for sp, _ in _statements(text)] == []


def test_thanks_during_a_call_belong_to_the_call() -> None:
    text = "Volodymyr Zelenskyy held a phone call with Mark Rutte on Friday, thanking him for a new package of shells."
    assert _statements(text) == []


def _quotes(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.speaker, e.quote) for e in extract_events(Document("t", text)) if e.type == "statement"]


def test_the_one_before_who_goes_on_speaking() -> None:
    text = ("In Brussels, Volodymyr Zelenskyy met Mark Rutte, who said NATO would keep its course and called on "
            "members to send more shells.")
    assert _statements(text) == [("Mark Rutte", "demand")]


@pytest.mark.parametrize("second", ["\"Every day of delay costs lives,\" Rutte said.",
                                    "\"Every day of delay costs lives,\" he wrote on X."])
def test_a_quote_told_next_by_surname_or_pronoun(second: str) -> None:
    text = "Mark Rutte urged allies to send more air defence. " + second
    assert _quotes(text) == [("Mark Rutte", "Every day of delay costs lives")]


def test_a_surname_names_the_person_named_before() -> None:
    text = ("Mark Rutte arrived in Kyiv on Monday. He toured a power plant. "
            "\"Allies must do more, and faster,\" Rutte told reporters.")
    assert _statements(text) == [("Mark Rutte", "demand")]


@pytest.mark.parametrize("text, expected", [
    ("Maria Zakharova called the new sanctions \"illegitimate\".", [("Maria Zakharova", "condemn")]),
    ("Volodymyr Zelenskyy, in his evening address, vowed to retaliate for the strike.", [("Volodymyr Zelenskyy", "threaten")]),
    ("Vladimir Putin warned that sending such missiles would mean NATO was at war with Russia.", [("Vladimir Putin", "threaten")]),
    # the participle's subject is the sentence's first, not the person named in its object
    ("The Kremlin rejected a proposal by Emmanuel Macron to send troops, calling it \"unacceptable\".", [("RU", "reject")]),
])
def test_more_stance_phrasings(text: str, expected: list[tuple[str, str]]) -> None:
    assert _statements(text) == expected


def test_a_denied_meeting_is_no_contact() -> None:
    got = [e for e in extract_events(Document("t", "Dmitry Peskov denied that Putin had agreed to meet Zelenskyy."))
           if e.type == "diplomatic_contact"]
    assert got == []
