"""Political events from sentences written for these tests."""
import datetime as dt

from sitrep.extract import build_context
from sitrep.extract.politics import extract
from sitrep.model import Document

REF = dt.date(2025, 3, 14)  # a Friday


def events(text, etype=None):
    doc = Document("t", text, reference_date=REF)
    out = extract(build_context(doc))
    for e in out:
        for sp in e.evidence:
            assert 0 <= sp.start < sp.end <= len(text)
    return [e for e in out if etype is None or e.type == etype]


def test_rejection_by_named_speaker_with_quote():
    (st,) = events("The plan was rejected by Foreign Minister Sergey Lavrov, who called it “a provocation.”", "statement")
    assert (st.speaker, st.stance, st.quote) == ("Sergey Lavrov", "reject", "a provocation")


def test_report_of_fact_is_not_a_statement():
    assert events("The Russian Defence Ministry said its troops captured the village of Pishchane.", "statement") == []
    assert events("Governor Oleh Syniehubov said two people were injured in Kharkiv.", "statement") == []


def test_demand_and_threaten():
    (d,) = events("Polish President Andrzej Duda urged allies to send more air defence systems.", "statement")
    assert (d.speaker, d.stance) == ("Andrzej Duda", "demand")
    (t,) = events("Dmitry Medvedev warned that Kyiv would face a harsh response.", "statement")
    assert t.stance == "threaten"


def test_quote_continues_into_next_sentence():
    text = ("“We will not give up our land,” Ukrainian President Volodymyr Zelenskyy said. "
            "“Not now, not ever.”")
    (st,) = events(text, "statement")
    assert st.speaker == "Volodymyr Zelenskyy"
    assert st.quote == "We will not give up our land ... Not now, not ever"


def test_phone_call_with_duration():
    (c,) = events("Joe Biden spoke by phone with Volodymyr Zelenskyy for nearly an hour on Tuesday.", "diplomatic_contact")
    assert (c.mode, c.status, c.duration_minutes) == ("call", "held", 60)
    assert set(c.participants) == {"Joe Biden", "Volodymyr Zelenskyy"}
    assert c.date == "2025-03-11"


def test_planned_meeting_with_place():
    (c,) = events("Recep Tayyip Erdogan will meet Vladimir Putin in Sochi next week.", "diplomatic_contact")
    assert (c.mode, c.status) == ("meeting", "planned")
    assert set(c.participants) == {"Recep Tayyip Erdoğan", "Vladimir Putin"}


def test_arrest_with_suspicion_and_side():
    (a,) = events("The SBU detained a man in Odesa suspected of spying for Russia.", "arrest")
    assert (a.authority, a.charge, a.accused_of_working_for) == ("Security Service of Ukraine", "espionage", "RU")


def test_named_charge_in_later_sentence():
    text = ("Russia's FSB detained a woman in Tomsk accused of sending money to the Ukrainian army. "
            "She faces charges of high treason.")
    (a,) = events(text, "arrest")
    assert (a.authority, a.charge, a.accused_of_working_for) == ("Federal Security Service", "treason", "UA")


def test_exchange_counts_and_direction():
    text = "Russia and Ukraine swapped prisoners. Kyiv said 95 soldiers had been returned to Ukraine."
    (x,) = events(text, "prisoner_exchange")
    assert set(x.parties) == {"RU", "UA"}
    assert [(r.count, r.released_by) for r in x.released] == [(95, "RU")]


def test_aid_pledge_amount_and_kind():
    (a,) = events("Germany announced a €500 million military aid package for Ukraine, including air defence systems.",
                  "aid_pledge")
    assert (a.donor, a.recipient, a.amount.value, a.amount.currency, a.aid_kind) == ("DE", "UA", 500e6, "EUR", "military")
    assert a.amount_usd is None


def test_sanctions_and_agreement():
    (s,) = events("Japan imposed new sanctions on Russian banks.", "sanctions")
    assert s.imposer == ["JP"] and s.target == ["Russian banks"]
    (g,) = events("Ukraine and Moldova signed an agreement on energy cooperation.", "agreement")
    assert set(g.parties) == {"UA", "MD"}


def test_speaker_behind_relative_clause_and_pronoun():
    text = ("Valerii Zaluzhnyi, who was joined by Defence Minister Oleksii Reznikov, said the enemy had “lost the initiative”. "
            "“They are tired,” he said.")
    (st,) = events(text, "statement")
    assert st.speaker == "Valerii Zaluzhnyi"
    assert st.quote == "lost the initiative ... They are tired"


def test_demonym_does_not_speak():
    assert events("Russian bloggers called for the general to be sacked.", "statement") == []


def test_accusation_inside_an_arrest_is_not_a_statement():
    text = "The FSB detained a man in Kursk, accusing him of passing coordinates to Kyiv."
    assert events(text, "statement") == []
    assert [a.authority for a in events(text, "arrest")] == ["Federal Security Service"]


def test_countries_meet_and_talk():
    (m,) = events("The leaders of France, Germany and Poland met in Berlin.", "diplomatic_contact")
    assert (m.mode, set(m.participants), m.location.name) == ("meeting", {"FR", "DE", "PL"}, "Berlin")
    (t,) = events("Ukraine and Russia held their first direct talks in Istanbul.", "diplomatic_contact")
    assert (t.mode, t.status, set(t.participants)) == ("talks", "held", {"UA", "RU"})


def test_planned_weekday_lies_ahead():
    (m,) = events("Donald Trump and Vladimir Putin will hold a summit on Tuesday.", "diplomatic_contact")
    assert (m.status, m.date) == ("planned", "2025-03-18")


def test_office_named_instead_of_a_person_joins_a_contact():
    (c,) = events("Ukraine's president spoke by phone with Emmanuel Macron.", "diplomatic_contact")
    assert set(c.participants) == {"Volodymyr Zelenskyy", "Emmanuel Macron"}


def test_refusal_is_not_a_pledge():
    assert events("Slovak Prime Minister Robert Fico said Slovakia would not send weapons to Ukraine.", "aid_pledge") == []


def test_sanctioned_targets_and_international_donors():
    (s,) = events("Britain sanctioned six Russian officials over the poisoning.", "sanctions")
    assert (s.imposer, s.target) == (["GB"], ["Russian officials"])
    (a,) = events("The IMF approved an $880m disbursement to Ukraine.", "aid_pledge")
    assert (a.donor, a.amount.value, a.aid_kind) == ("International Monetary Fund", 880e6, "financial")


def test_charge_of_another_arrest_does_not_leak():
    text = ("The SBU detained a Kharkiv resident who was spotting targets for Russian strikes. "
            "Separately, Russia's Investigative Committee charged a Ukrainian commander in absentia with terrorism.")
    sbu, ic = events(text, "arrest")
    assert (sbu.authority, sbu.charge, sbu.accused_of_working_for) == ("Security Service of Ukraine", "espionage", "RU")
    assert (ic.authority, ic.charge) == ("Investigative Committee of Russia", "terrorism")


def test_a_dateline_with_a_spaced_hyphen():
    from sitrep.extract.political import dateline_end
    text = "RIGA/WARSAW, June 3, 2025 - Latvia said it would send more drones."
    assert text[dateline_end(text):].startswith("Latvia")
    assert dateline_end("- Latvia said it would send more drones.") == 0


def test_a_surname_alone_is_the_person_named_before():
    from sitrep.extract import extract_events
    from sitrep.model import Document
    text = ("US envoy Steve Witkoff landed in Moscow on Thursday. "
            "Witkoff met Vladimir Putin at the Kremlin for about three hours.")
    got = [e for e in extract_events(Document("t", text)) if e.type == "diplomatic_contact" and e.mode == "meeting"]
    assert [(e.participants, e.duration_minutes) for e in got] == [(["Steve Witkoff", "Vladimir Putin"], 180)]
