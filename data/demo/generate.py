#!/usr/bin/env python3
"""Generate the bundled demo market: five fictional Slovenian telecom operators.

Run from the repository root:

    .venv/bin/python data/demo/generate.py

It rewrites, deterministically (same bytes on every run), everything under
data/demo/: feeds/*.xml (RSS 2.0 blogs, Atom 1.0 newsrooms), exports/*.csv
(Meta-like Facebook / Instagram exports, LinkedIn-like exports), truth.csv (one
row per post with its planted topic and signal) and the numbers block of
README.md between the `<!-- signals:start -->` and `<!-- signals:end -->` markers.

Pure standard library. Every random draw comes from one random.Random(20261127),
in a fixed order; no set or dict-order or hash() dependence.

Template mini-language used by the text pools below:
    [a|b|c]   pick one alternative at random (may nest)
    <vi|ti>   register: the formal (vikanje) form or the informal (tikanje) form,
              chosen by the brand's voice
    $slot     a slot filled per post (city, price, product, date ...); the same slot
              name yields the same value within one post ($city2 is a second city)
"""

from __future__ import annotations

import csv
import io
import math
import random
import re
import sys
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

SEED = 20261127
HERE = Path(__file__).resolve().parent
START = date(2026, 2, 2)  # a Monday
END = date(2026, 11, 22)  # a Sunday
N_WEEKS = ((END - START).days + 1) // 7  # 42
RISE_WEEKS = 4  # eSIM rises over the last four weeks
CRISIS_WEEK_START = date(2026, 9, 14)
SYND_DAY = date(2026, 5, 12)

# --------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------
# (nominative, "in" (locative with its preposition), genitive, "from" (with preposition))
CITIES = {
    "lj": ("Ljubljana", "v Ljubljani", "Ljubljane", "iz Ljubljane"),
    "mb": ("Maribor", "v Mariboru", "Maribora", "iz Maribora"),
    "ce": ("Celje", "v Celju", "Celja", "iz Celja"),
    "kp": ("Koper", "v Kopru", "Kopra", "iz Kopra"),
    "kr": ("Kranj", "v Kranju", "Kranja", "iz Kranja"),
    "nm": ("Novo mesto", "v Novem mestu", "Novega mesta", "iz Novega mesta"),
    "ve": ("Velenje", "v Velenju", "Velenja", "iz Velenja"),
    "ms": ("Murska Sobota", "v Murski Soboti", "Murske Sobote", "iz Murske Sobote"),
    "pt": ("Ptuj", "na Ptuju", "Ptuja", "s Ptuja"),
    "ng": ("Nova Gorica", "v Novi Gorici", "Nove Gorice", "iz Nove Gorice"),
    "sg": ("Slovenj Gradec", "v Slovenj Gradcu", "Slovenj Gradca", "iz Slovenj Gradca"),
    "po": ("Postojna", "v Postojni", "Postojne", "iz Postojne"),
    "je": ("Jesenice", "na Jesenicah", "Jesenic", "z Jesenic"),
    "sl": ("Škofja Loka", "v Škofji Loki", "Škofje Loke", "iz Škofje Loke"),
    "do": ("Domžale", "v Domžalah", "Domžal", "iz Domžal"),
    "ka": ("Kamnik", "v Kamniku", "Kamnika", "iz Kamnika"),
    "tr": ("Trbovlje", "v Trbovljah", "Trbovelj", "iz Trbovelj"),
    "iz": ("Izola", "v Izoli", "Izole", "iz Izole"),
    "pi": ("Piran", "v Piranu", "Pirana", "iz Pirana"),
    "aj": ("Ajdovščina", "v Ajdovščini", "Ajdovščine", "iz Ajdovščine"),
    "br": ("Brežice", "v Brežicah", "Brežic", "iz Brežic"),
    "kk": ("Krško", "v Krškem", "Krškega", "iz Krškega"),
    "bl": ("Bled", "na Bledu", "Bleda", "z Bleda"),
    "id": ("Idrija", "v Idriji", "Idrije", "iz Idrije"),
    "se": ("Sežana", "v Sežani", "Sežane", "iz Sežane"),
    "rk": ("Ravne na Koroškem", "na Ravnah na Koroškem", "Raven na Koroškem", "z Raven na Koroškem"),
    "le": ("Lendava", "v Lendavi", "Lendave", "iz Lendave"),
    "or": ("Ormož", "v Ormožu", "Ormoža", "iz Ormoža"),
    "vr": ("Vrhnika", "na Vrhniki", "Vrhnike", "z Vrhnike"),
    "gr": ("Grosuplje", "v Grosupljem", "Grosupljega", "iz Grosupljega"),
    "ko": ("Kočevje", "v Kočevju", "Kočevja", "iz Kočevja"),
    "za": ("Žalec", "v Žalcu", "Žalca", "iz Žalca"),
    "sb": ("Slovenska Bistrica", "v Slovenski Bistrici", "Slovenske Bistrice", "iz Slovenske Bistrice"),
    "tl": ("Tolmin", "v Tolminu", "Tolmina", "iz Tolmina"),
    "ra": ("Radovljica", "v Radovljici", "Radovljice", "iz Radovljice"),
}
# (Slovenian "in <region>", English name)
REGIONS = {
    "gor": ("na Gorenjskem", "Gorenjska"),
    "sta": ("na Štajerskem", "Štajerska"),
    "pri": ("na Primorskem", "Primorska"),
    "pre": ("v Prekmurju", "Prekmurje"),
    "dol": ("na Dolenjskem", "Dolenjska"),
    "kor": ("na Koroškem", "Koroška"),
    "zas": ("v Zasavju", "Zasavje"),
    "not": ("na Notranjskem", "Notranjska"),
    "pos": ("v Posavju", "Posavje"),
    "gos": ("na Goriškem", "the Goriška region"),
    "sav": ("v Savinjski dolini", "the Savinja valley"),
    "osr": ("v osrednji Sloveniji", "central Slovenia"),
}
# small towns in the accusative ("povezali bomo še ...")
TOWNS_ACC = [
    "Polzelo",
    "Šentjur",
    "Ribnico",
    "Gornjo Radgono",
    "Cerknico",
    "Radeče",
    "Žiri",
    "Metliko",
    "Lenart",
    "Mozirje",
    "Ilirsko Bistrico",
    "Dravograd",
    "Sevnico",
    "Logatec",
    "Ljutomer",
    "Črnomelj",
    "Bovec",
    "Divačo",
]
TOWNS_EN = [
    "Polzela",
    "Šentjur",
    "Ribnica",
    "Gornja Radgona",
    "Cerknica",
    "Radeče",
    "Žiri",
    "Metlika",
    "Lenart",
    "Mozirje",
    "Ilirska Bistrica",
    "Dravograd",
    "Sevnica",
    "Logatec",
    "Ljutomer",
    "Črnomelj",
    "Bovec",
    "Divača",
]

MONTHS_GEN = [
    "januarja",
    "februarja",
    "marca",
    "aprila",
    "maja",
    "junija",
    "julija",
    "avgusta",
    "septembra",
    "oktobra",
    "novembra",
    "decembra",
]
MONTHS_NOM = [
    "januar",
    "februar",
    "marec",
    "april",
    "maj",
    "junij",
    "julij",
    "avgust",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

PHONES = [
    "Samsung Galaxy S26",
    "Samsung Galaxy S26 Ultra",
    "Samsung Galaxy A57",
    "iPhone 17",
    "iPhone 17 Pro",
    "Google Pixel 10a",
    "Xiaomi 16",
    "Honor Magic 8",
    "Motorola Edge 70",
    "Samsung Galaxy Z Flip8",
    "Nothing Phone (3)",
    "OnePlus 14",
    "Xiaomi Redmi Note 15",
]
GAMES = [
    "League of Legends",
    "Counter-Strike 2",
    "Valorant",
    "EA Sports FC",
    "Rocket League",
    "Fortnite",
    "Dota 2",
]
SENIOR_F = [
    "Marija",
    "Ana",
    "Frančiška",
    "Ivanka",
    "Marjeta",
    "Jožica",
    "Angela",
    "Milena",
    "Vida",
    "Zdenka",
    "Olga",
    "Slavica",
]
SENIOR_M = [
    "Franc",
    "Janez",
    "Jože",
    "Anton",
    "Ivan",
    "Stanko",
    "Marjan",
    "Milan",
    "Rudi",
    "Vinko",
    "Alojz",
    "Ludvik",
]
# (Slovenian genitive, English) of the big sports event, by month (1..12)
EVENTS = {
    2: [("zimskih olimpijskih iger", "the Winter Olympics")],
    3: [
        ("finala svetovnega pokala v smučarskih skokih", "the ski jumping World Cup final"),
        ("lige prvakov", "the Champions League"),
    ],
    4: [("lige prvakov", "the Champions League"), ("Eurolige", "the EuroLeague")],
    5: [
        ("lige prvakov", "the Champions League"),
        ("Eurolige", "the EuroLeague"),
        ("kolesarske dirke po Italiji", "the Giro d'Italia"),
    ],
    6: [("svetovnega prvenstva v nogometu", "the FIFA World Cup")],
    7: [
        ("svetovnega prvenstva v nogometu", "the FIFA World Cup"),
        ("kolesarske dirke po Franciji", "the Tour de France"),
    ],
    8: [("kolesarske dirke po Španiji", "the Vuelta"), ("formule 1", "Formula 1")],
    9: [("lige prvakov", "the Champions League"), ("formule 1", "Formula 1")],
    10: [
        ("lige prvakov", "the Champions League"),
        ("Eurolige", "the EuroLeague"),
        ("svetovnega pokala v alpskem smučanju", "the Alpine Ski World Cup"),
    ],
    11: [
        ("lige prvakov", "the Champions League"),
        ("Eurolige", "the EuroLeague"),
        ("svetovnega pokala v alpskem smučanju", "the Alpine Ski World Cup"),
    ],
}

# --------------------------------------------------------------------------------------
# Brands
# --------------------------------------------------------------------------------------
BRANDS = {
    "lipa": dict(
        name="Lipa Mobil",
        gen="Lipe Mobil",
        loc="Lipi Mobil",
        domain="lipamobil.example",
        handle="lipamobil",
        register="vi",
        own=True,
        price_style="eur_sign",
        emoji_rate=0.55,
        products=dict(
            mobile="Lipa Neomejeno",
            net="Lipa Optika",
            tv="Lipa TV",
            app="Moja Lipa",
            youth="Lipa Mladi",
            family="Lipa Družina",
            shield="Varni splet",
            league="",
        ),
        hq=("LJUBLJANA", "Ljubljani"),
        people=[
            ("Maja Kralj", "f", "vodja komunikacij", "Head of Communications"),
            ("Tomaž Zupan", "m", "direktor tehnologije", "Chief Technology Officer"),
            ("Eva Novak", "f", "direktorica uporabniške izkušnje", "Director of Customer Experience"),
        ],
        tags=["#LipaMobil", "#SkupajPovezani"],
        cities=[
            "lj",
            "mb",
            "ce",
            "kp",
            "kr",
            "nm",
            "ve",
            "ms",
            "ng",
            "pt",
            "do",
            "tr",
            "ko",
            "gr",
            "br",
            "kk",
            "sl",
            "vr",
        ],
        regions=["osr", "sta", "dol", "gor", "sav", "pos", "zas", "pri"],
        sign_sl=[
            "Lipa Mobil – povezani kot družina.",
            "Z <vami|tabo> na vsakem koraku.",
            "Vaša ekipa Lipa Mobil",
            "Lipa Mobil. Operater, ki prisluhne.",
        ],
        sign_en=[
            "Lipa Mobil – connected like family.",
            "With you every step of the way.",
            "Your Lipa Mobil team",
        ],
        about_sl="O družbi Lipa Mobil: Lipa Mobil je slovenski operater mobilnih in fiksnih "
        "storitev s sedežem v Ljubljani. Več kot 600.000 uporabnikom zagotavlja mobilno "
        "telefonijo, optični internet in televizijo.",
        about_en="About Lipa Mobil: Lipa Mobil is a Slovenian mobile and fixed-line operator "
        "headquartered in Ljubljana, serving more than 600,000 customers with mobile, "
        "fibre broadband and TV services.",
        partners=[
            "@univerza3zo_lj",
            "@knjiznica_celje",
            "@rdecikriz_slo",
            "@tek_za_upanje",
            "@mladinski_center_kranj",
            "@zpu_slovenija",
        ],
    ),
    "alpcom": dict(
        name="Alpcom",
        gen="Alpcoma",
        loc="Alpcomu",
        domain="alpcom.example",
        handle="alpcom_si",
        register="vi",
        own=False,
        price_style="eur_word",
        emoji_rate=0.45,
        products=dict(
            mobile="Alpcom Max",
            net="Alpcom Giga",
            tv="AlpTV",
            app="Alpcom+",
            youth="Alpcom Start",
            family="Alpcom Skupaj",
            shield="Alpcom Ščit",
            league="Alpcom Gaming Liga",
        ),
        hq=("KRANJ", "Kranju"),
        people=[
            ("Rok Vidmar", "m", "tehnični direktor", "Chief Technology Officer"),
            ("Nina Golob", "f", "direktorica marketinga", "Chief Marketing Officer"),
            ("Gregor Kern", "m", "predsednik uprave", "CEO"),
        ],
        tags=["#Alpcom", "#AlpcomNet", "#tehnologija"],
        cities=["kr", "lj", "bl", "je", "sl", "ra", "ka", "do", "mb", "ce", "tl", "vr", "kp"],
        regions=["gor", "osr", "sta", "gos", "kor", "sav"],
        sign_sl=["Alpcom. Tehnologija, ki premika meje.", "Alpcom – hitreje do vrha.", "Ekipa Alpcom"],
        sign_en=["Alpcom. Technology that moves boundaries.", "Alpcom – faster to the top."],
        about_sl="O družbi Alpcom: Alpcom je tehnološki operater s sedežem v Kranju, ki gradi "
        "omrežje 5G in gigabitno optično omrežje po vsej Sloveniji.",
        about_en="About Alpcom: Alpcom is a technology-driven operator based in Kranj, building "
        "5G and gigabit fibre networks across Slovenia.",
        partners=[
            "@alpska_liga",
            "@esport_gorenjska",
            "@festival_jezero",
            "@kk_gorenjska_mladi",
            "@tehnoloski_park_kr",
        ],
    ),
    "dravanet": dict(
        name="DravaNet",
        gen="DravaNeta",
        loc="DravaNetu",
        domain="dravanet.example",
        handle="dravanet",
        register="vi",
        own=False,
        price_style="eur_word",
        emoji_rate=0.35,
        products=dict(
            mobile="Drava Mobil",
            net="DravaNet Optika",
            tv="Drava TV",
            app="Moj DravaNet",
            youth="Drava Go",
            family="Drava Dom",
            shield="Spletni ščit",
            league="DravaNet LAN Maribor",
        ),
        hq=("MARIBOR", "Mariboru"),
        people=[
            ("Simon Potočnik", "m", "direktor", "Managing Director"),
            ("Katja Kos", "f", "vodja omrežja", "Head of Network"),
        ],
        tags=["#DravaNet", "#Štajerska", "#domačioperater"],
        cities=["mb", "pt", "ms", "sb", "or", "le", "ce", "ve", "sg", "rk", "za"],
        regions=["sta", "pre", "kor", "sav"],
        sign_sl=[
            "DravaNet – domači operater s Štajerske.",
            "Vaš DravaNet, blizu vas že od leta 2004.",
            "Lep pozdrav iz Maribora!",
        ],
        sign_en=["DravaNet – your local operator from Štajerska.", "Greetings from Maribor!"],
        about_sl="",
        about_en="",
        partners=["@lan_maribor", "@kd_lent_mladi", "@gasilci_podravje", "@tek_ob_dravi", "@rk_drava_mladi"],
    ),
    "kras": dict(
        name="Kras Telekom",
        gen="Kras Telekoma",
        loc="Kras Telekomu",
        domain="krastelekom.example",
        handle="krastelekom",
        register="vi",
        own=False,
        price_style="eur_word",
        emoji_rate=0.25,
        products=dict(
            mobile="Kras Mobil Plus",
            net="Kras Fiber",
            tv="Kras TV Premium",
            app="Moj Kras",
            youth="Kras Up",
            family="Kras Dom Plus",
            shield="Kras Varnost",
            league="Kras Esports Cup",
        ),
        hq=("SEŽANA", "Sežani"),
        people=[
            ("Andrej Furlan", "m", "predsednik uprave", "CEO"),
            ("Petra Bizjak", "f", "vodja odnosov z javnostmi", "Head of Public Relations"),
            ("Martin Kosmač", "m", "direktor omrežja", "Network Director"),
        ],
        tags=["#KrasTelekom", "#Primorska"],
        cities=["kp", "se", "ng", "po", "iz", "pi", "aj", "id", "tl", "lj"],
        regions=["pri", "not", "gos"],
        sign_sl=["Kras Telekom. Zanesljivo od morja do Alp.", "Kras Telekom – trdni kot kraški kamen."],
        sign_en=["Kras Telekom. Reliable from the sea to the Alps."],
        about_sl="O družbi Kras Telekom: Kras Telekom s sedežem v Sežani je vodilni ponudnik "
        "telekomunikacijskih storitev na Primorskem in Notranjskem.",
        about_en="About Kras Telekom: Kras Telekom, headquartered in Sežana, is the leading "
        "telecommunications provider in Primorska and Notranjska.",
        partners=[
            "@esports_primorska",
            "@festival_kras",
            "@vk_koper_mladi",
            "@zavetisce_kras",
            "@regata_piran",
        ],
    ),
    "modrival": dict(
        name="Modri Val",
        gen="Modrega Vala",
        loc="Modrem Valu",
        domain="modrival.example",
        handle="modrival",
        register="ti",
        own=False,
        price_style="eur_sign",
        emoji_rate=0.8,
        products=dict(
            mobile="Val Neo",
            net="ValNet 1000",
            tv="Val TV",
            app="Moj Val",
            youth="Val Young",
            family="Val Crew",
            shield="Val Safe",
            league="Val Arena",
        ),
        hq=("LJUBLJANA", "Ljubljani"),
        people=[
            ("Luka Horvat", "m", "vodja produkta", "Head of Product"),
            ("Ana Mlakar", "f", "direktorica", "CEO"),
        ],
        tags=["#ModriVal", "#ValVibes"],
        cities=["lj", "mb", "ce", "kp", "kr", "nm", "ng", "ms", "iz"],
        regions=["osr", "sta", "pri", "gor", "dol"],
        sign_sl=["Ujemi val! 🌊", "Modri Val – tvoje omrežje, tvoja pravila.", "#ValVibes 💙"],
        sign_en=["Catch the wave! 🌊", "Modri Val – your network, your rules."],
        about_sl="",
        about_en="",
        partners=[
            "@val_arena",
            "@studentski_festival",
            "@skate_ljubljana",
            "@esport_ekipa_risi",
            "@glasba_v_zivo",
        ],
    ),
}
BRAND_ORDER = ["lipa", "alpcom", "dravanet", "kras", "modrival"]

# --------------------------------------------------------------------------------------
# Topic text pools (Slovenian and English)
# --------------------------------------------------------------------------------------
TOPIC_KEYS = [
    "5g",
    "fibre",
    "tv_sport",
    "roaming",
    "smartphones",
    "family_youth",
    "support_app",
    "sustainability",
    "cybersecurity",
    "community",
    "esports",
    "seniors",
    "esim",
    "outage",
]

TOPICS: dict[str, dict] = {}

TOPICS["5g"] = dict(
    path="omrezje-5g",
    cat_sl="Omrežje",
    cat_en="Network",
    emoji=["📶", "🚀", "⚡", "📡"],
    sl=dict(
        titles=[
            "Omrežje 5G zdaj tudi $city_loc",
            "[Hitrejše|Zmogljivejše|Boljše] omrežje 5G [v vašem kraju|v vaši okolici|še bližje vam]",
            "$n_sites novih baznih postaj 5G [ta mesec|v zadnjem četrtletju|v zadnjih tednih]",
            "Z omrežjem 5G pokrivamo že $pct % prebivalstva",
            "Nadgradnja mobilnega omrežja $region_loc",
            "5G Standalone: kaj prinaša uporabnikom?",
            "V omrežju 5G izmerili $speed5g",
            "[Nova|Še ena] faza gradnje omrežja 5G [se je začela|je zaključena]",
            "5G ob avtocesti: brez prekinitev od $city_gen do $city2_gen",
            "Kako deluje omrežje 5G in zakaj je hitrejše?",
            "5G pokritost $region_loc: [kje smo|kaj je novega]",
        ],
        sents=[
            "Omrežje 5G smo [razširili|nadgradili|okrepili] $city_loc in [okolici|bližnjih naseljih].",
            "V zadnjih tednih smo vklopili $n_sites novih baznih postaj 5G.",
            "Pokritost z omrežjem 5G [zdaj dosega|je dosegla] $pct % prebivalstva Slovenije.",
            "Uporabniki $city_loc lahko zdaj [brskajo|prenašajo vsebine] s hitrostjo do $speed5g.",
            "Za uporabo omrežja 5G <potrebujete|potrebuješ> le združljiv telefon in paket $mobile.",
            "Za dostop do omrežja 5G ne <potrebujete|potrebuješ> nove kartice SIM.",
            "Omrežje 5G prinaša [nižje zakasnitve|manjšo zakasnitev], [večjo zmogljivost|več zmogljivosti] in [stabilnejšo povezavo|zanesljivejše povezave] tudi na množičnih prireditvah.",
            "Do konca leta bomo z omrežjem 5G pokrili [vse večje kraje|vsa večja mesta|tudi podeželje] $region_loc.",
            "Gradnja poteka v sodelovanju z [lokalnimi skupnostmi|občinami] in [v skladu z vsemi predpisi|ob upoštevanju okoljskih standardov].",
            "Meritve kažejo, da je povprečna hitrost prenosa v omrežju 5G za $pct_small % višja kot lani.",
            "Novo bazno postajo smo postavili [ob avtocesti|ob glavni železniški postaji|blizu nakupovalnega središča|blizu univerzitetnega kampusa] $city_loc.",
            "5G omogoča [brezhibno pretakanje videa v visoki ločljivosti|videoklice brez zatikanja|hitro nalaganje velikih datotek].",
            "<Preverite|Preveri> pokritost na [zemljevidu pokritosti|interaktivnem zemljevidu] na naši spletni strani.",
            "Nadgradnja je del [večletnega|obsežnega] naložbenega načrta, v katerega bomo vložili več kot $mio milijonov evrov.",
            "Omrežje 5G Standalone [že testiramo|smo začeli testirati] $city_loc.",
            "Na kakovost signala vplivajo tudi [debeli zidovi|razgiban teren|gradbeni materiali], zato sproti dodajamo nove [oddajnike|bazne postaje].",
            "Med gradnjo se trudimo čim manj [motiti vsakdan|posegati v vsakdan] prebivalcev.",
            "Na testni točki $city_loc smo izmerili hitrost prenosa $speed5g.",
            "Pokritost [ob avtocestah|na glavnih cestah] je zdaj skoraj [neprekinjena|popolna].",
            "Z nadgradnjo bo mobilni internet hitrejši tudi v [manjših krajih|manjših naseljih|hribovitih predelih].",
            "Omrežje 5G že uporablja več kot $n_k tisoč naših uporabnikov.",
            "Ob večjih dogodkih $city_loc smo zmogljivost omrežja začasno povečali.",
            "Stare bazne postaje 3G postopoma ugašamo, frekvence pa namenjamo omrežju 5G.",
        ],
        tags=["#5G", "#omrežje5G", "#mobilniinternet", "#pokritost", "#hitrost"],
    ),
    en=dict(
        titles=[
            "5G now live in $city_en",
            "$n_sites new 5G sites switched on this [month|quarter]",
            "Our 5G network now covers $pct% of Slovenia",
            "What 5G Standalone means for our customers",
            "Faster 5G from $city_en to $city2_en",
            "Network upgrade in $region_en",
            "[Record|New] 5G speeds: $speed5g measured in $city_en",
        ],
        sents=[
            "We have [extended|upgraded|expanded] our 5G network in $city_en and the surrounding area.",
            "Over the past few weeks we switched on $n_sites new 5G base stations.",
            "5G coverage now reaches $pct% of the population of Slovenia.",
            "Customers in $city_en can now enjoy download speeds of up to $speed5g.",
            "All you need is a compatible phone and the $mobile plan – no new SIM card required.",
            "5G brings lower latency, more capacity and a more stable connection, even at crowded events.",
            "By the end of the year we will cover every major town in $region_en.",
            "Average download speeds on our 5G network are $pct_small% higher than a year ago.",
            "We are already testing 5G Standalone in $city_en.",
            "The upgrade is part of a multi-year investment programme worth more than EUR $mio million.",
            "Check the coverage map on our website to see what is available at your address.",
            "Our engineers measured $speed5g at the test site in $city_en.",
            "Coverage along the main motorways is now almost uninterrupted.",
            "Smaller towns and rural areas will also benefit from the upgrade.",
            "5G enables smooth HD streaming, lag-free video calls and fast uploads of large files.",
            "We work closely with local municipalities to keep disruption to a minimum.",
            "More than $n_k thousand of our customers already use 5G every day.",
        ],
        tags=["#5G", "#network", "#connectivity", "#mobile", "#telecom"],
    ),
)

TOPICS["fibre"] = dict(
    path="opticni-internet",
    cat_sl="Internet",
    cat_en="Broadband",
    emoji=["🏠", "⚡", "💡", "🔌"],
    sl=dict(
        titles=[
            "Hitri internet do vašega doma",
            "Optika zdaj tudi $city_loc",
            "[Optični|Gigabitni] internet za $n_homes novih gospodinjstev",
            "Paket $net: do $speed za $price na mesec",
            "Priključitev na optiko brezplačna do $date",
            "Zakaj je optični priključek najboljša izbira za dom?",
            "Gradnja optičnega omrežja $region_loc napreduje",
            "Gigabitni internet za delo od doma",
            "Kdaj bo optika prišla do vas?",
        ],
        sents=[
            "Z optičnim priključkom <dobite|dobiš> stabilno povezavo tudi takrat, ko je na spletu vsa družina.",
            "Gradnja optičnega omrežja $city_loc poteka po načrtu.",
            "Optiko smo pripeljali do $n_homes novih gospodinjstev $region_loc.",
            "Paket $net <vam|ti> ponuja hitrost do $speed [v obe smeri|za prenos in nalaganje].",
            "Priključitev je ob sklenitvi naročnine [brezplačna|brezplačna do $date].",
            "Paket $net je na voljo za $price na mesec[| ob 24-mesečni vezavi].",
            "<Preverite|Preveri>, ali je optika že na voljo na <vašem|tvojem> naslovu.",
            "Montažo opravijo naši tehniki [v enem dnevu|v dogovorjenem terminu], brez dodatnih stroškov.",
            "Optični internet je odporen na [motnje|vremenske vplive] in ne izgublja hitrosti na daljših razdaljah.",
            "Usmerjevalnik Wi-Fi 7 je [vključen v ceno|v najemu brezplačen|na voljo brez doplačila].",
            "Za delo od doma, videokonference in [spletne tečaje|šolo na daljavo] je optika prava izbira.",
            "V naslednjih mesecih bomo z optiko povezali še $town_acc in $town2_acc.",
            "Hitrost $speed zadostuje za [sočasno pretakanje več filmov v ločljivosti 4K|hkratno delo na več napravah].",
            "Gradnja je sofinancirana [iz evropskih sredstev|v okviru državnega programa za odpravo belih lis].",
            "Na optiko smo v zadnjem letu priključili več kot $n_k tisoč uporabnikov.",
            "Ob selitvi <vam|ti> priključek brezplačno prenesemo na nov naslov.",
            "Z optičnim priključkom je nalaganje velikih datotek v oblak stvar nekaj sekund.",
            "Stranke, ki so že prešle na optiko, poročajo o [precej|bistveno] stabilnejši povezavi.",
            "Optični kabel do hiše napeljemo večinoma po obstoječih kanalih, zato izkopi niso potrebni.",
            "Za večje hiše <priporočamo|priporočamo> dodatno dostopno točko, ki poskrbi za signal v vseh prostorih.",
        ],
        tags=["#optika", "#optičniinternet", "#hitriinternet", "#gigabit", "#domačiinternet"],
    ),
    en=dict(
        titles=[
            "Fast internet, right to your door",
            "Fibre now available in $city_en",
            "Gigabit fibre for $n_homes more homes",
            "$net: up to $speed from $price_en a month",
            "Free fibre installation until $date_en",
            "Why fibre is the best choice for your home",
        ],
        sents=[
            "With a fibre connection, your internet stays stable even when the whole family is online.",
            "The fibre roll-out in $city_en is on schedule.",
            "We have brought fibre to $n_homes more households in $region_en.",
            "$net offers speeds of up to $speed, both download and upload.",
            "Installation is free when you sign up [before $date_en|this month].",
            "Check whether fibre is already available at your address.",
            "Our technicians complete the installation in a single visit, at no extra cost.",
            "Fibre is immune to interference and does not lose speed over long distances.",
            "A Wi-Fi 7 router is [included in the price|included at no extra cost].",
            "Fibre is ideal for remote work, video calls and online classes.",
            "The roll-out is co-funded under the national programme for closing broadband white spots.",
            "More than $n_k thousand customers switched to fibre in the past year.",
            "Moving house? We will transfer your connection free of charge.",
            "Next on the list are $town_en and $town2_en.",
        ],
        tags=["#fibre", "#FTTH", "#gigabit", "#broadband", "#homeinternet"],
    ),
)

TOPICS["tv_sport"] = dict(
    path="tv-in-sport",
    cat_sl="Televizija",
    cat_en="TV",
    emoji=["📺", "⚽", "🏀", "🎬", "🏆"],
    sl=dict(
        titles=[
            "Vsi športni prenosi na enem mestu",
            "Prenosi $event_gen v živo na $tv",
            "Nov TV-paket: $n_ch programov za $price",
            "[Novi|Dodatni] programi v paketu $tv",
            "<Oglejte|Oglej> si prenos v ločljivosti 4K",
            "Ogled za nazaj do 7 dni",
            "Športni paket [prvi mesec brezplačno|po posebni ceni]",
        ],
        sents=[
            "V paketu $tv v živo <spremljate|spremljaš> vse prenose $event_gen.",
            "Paket vključuje več kot $n_ch programov, od tega $n_hd v visoki ločljivosti.",
            "S funkcijo ogleda za nazaj <lahko oddaje gledate|lahko oddaje gledaš> do 7 dni po predvajanju.",
            "Športni paket je [prvi mesec|prva dva meseca] brezplačen.",
            "Prenose <lahko spremljate|lahko spremljaš> na televiziji, telefonu, tablici ali računalniku.",
            "[Najpomembnejše|Vse ključne|Največje] tekme bomo prenašali v ločljivosti 4K[| in s prostorskim zvokom].",
            "<Naročite|Naroči> športni paket za $price na mesec.",
            "Ob prenosih $event_gen smo pripravili [posebno ponudbo|poseben paket].",
            "Aplikacija $tv deluje na [pametnih televizorjih|večini pametnih televizorjev], telefonih in tablicah.",
            "Na enem računu <lahko hkrati gledate|lahko hkrati gledaš> na [treh|štirih|petih] napravah.",
            "Vsak mesec v videoteko dodajamo nove [filme|serije|dokumentarce].",
            "Paket $tv [vključuje|ponuja] tudi [otroške programe|programe za vso družino|filmske programe].",
            "Snemalnik v oblaku <vam|ti> shrani do 100 ur posnetkov.",
            "Sprejemnik 4K je ob sklenitvi naročnine [brezplačen|vključen v ceno|na voljo brez doplačila].",
            "Prenose bodo komentirali [priznani|najboljši] slovenski športni komentatorji.",
            "Za ljubitelje filmov smo v ponudbo dodali [dva nova filmska programa|nov filmski program].",
            "Tekme <lahko začnete|lahko začneš> gledati od začetka, tudi če <zamudite|zamudiš> prvi polčas.",
        ],
        tags=["#šport", "#TV", "#športniprenosi", "#televizija", "#nogomet", "#košarka"],
    ),
    en=dict(
        titles=[
            "All the live sport in one place",
            "Watch $event_en live on $tv",
            "New TV package: $n_ch channels for $price_en",
            "Catch-up TV up to 7 days back",
            "Premium sport, now in 4K",
        ],
        sents=[
            "With $tv you can watch all of $event_en live.",
            "The package includes more than $n_ch channels, $n_hd of them in HD.",
            "Catch-up lets you watch shows up to seven days after they aired.",
            "The sports package is free for the first month.",
            "Stream on your TV, phone, tablet or laptop.",
            "The biggest matches will be broadcast in 4K.",
            "Add the sports package for $price_en a month.",
            "One account lets you watch on up to four devices at once.",
            "New films and series are added to the video library every month.",
            "The cloud recorder stores up to 100 hours of recordings.",
            "A 4K set-top box is included free with a new subscription.",
            "Missed kick-off? Restart the match from the beginning.",
        ],
        tags=["#sport", "#TV", "#streaming", "#football", "#livesport"],
    ),
)

TOPICS["roaming"] = dict(
    path="gostovanje",
    cat_sl="Potovanja",
    cat_en="Travel",
    emoji=["✈️", "🏖️", "☀️", "🧳", "🌍"],
    sl=dict(
        titles=[
            "Na dopust brez skrbi za račun",
            "Gostovanje po Evropi po domačih cenah",
            "Poletni paket za gostovanje: $gb GB za $price",
            "Potovanje izven EU? <Preverite|Preveri> cene gostovanja",
            "Nasveti za uporabo telefona na [počitnicah|dopustu]",
            "Na Zahodni Balkan z ugodnim prenosom podatkov",
            "[Morje|Počitnice] kličejo!",
        ],
        sents=[
            "V državah EU <uporabljate|uporabljaš> telefon po enakih pogojih kot doma.",
            "Za potovanja na Zahodni Balkan smo pripravili paket, ki vključuje $gb GB prenosa podatkov za $price.",
            "Paket velja [7|14|30] dni od aktivacije.",
            "Paket <vklopite|vklopi> v aplikaciji $app ali s kratkim sporočilom.",
            "Pred odhodom <preverite|preveri>, ali <imate|imaš> vklopljeno gostovanje.",
            "Na ladjah in letalih veljajo posebne cene, zato takrat <izklopite|izklopi> prenos podatkov.",
            "Ko <prestopite|prestopiš> mejo, <vas|te> s sporočilom SMS obvestimo o cenah.",
            "Lansko poletje je bilo v tujini aktivnih več kot $n_k tisoč naših uporabnikov.",
            "Največ naših uporabnikov [gostuje|dopustuje] na Hrvaškem, v Italiji in Avstriji.",
            "Za Švico, Turčijo in ZDA <izberite|izberi> paket Svet.",
            "Porabo v tujini <lahko sproti spremljate|lahko sproti spremljaš> v aplikaciji $app.",
            "Ob preseženi količini poštene uporabe se zaračuna doplačilo, o katerem <vas|te> pravočasno obvestimo.",
            "Poletni paket za gostovanje je na voljo do $date.",
            "V Srbiji, Bosni in Hercegovini ter Črni gori <lahko brskate|lahko brskaš> po znižanih cenah.",
            "Zemljevide in vozovnice si <shranite|shrani> na telefon že pred odhodom.",
            "Brezplačno gostovanje v EU velja tudi za Norveško, Islandijo in Lihtenštajn.",
        ],
        tags=["#gostovanje", "#roaming", "#poletje", "#dopust", "#potovanja"],
    ),
    en=dict(
        titles=[
            "Roam like at home in the EU",
            "Summer roaming pack: $gb GB for $price_en",
            "Travelling outside the EU? Check roaming prices first",
            "Heading to the Western Balkans? We have you covered",
            "Holiday tips for using your phone abroad",
        ],
        sents=[
            "In EU countries you use your phone on the same terms as at home.",
            "Our Balkan pack includes $gb GB of data for $price_en.",
            "The pack is valid for [7|14|30] days from activation.",
            "Activate it in the $app app or by text message.",
            "Before you leave, check that roaming is switched on.",
            "Special rates apply on ships and planes, so switch off mobile data while on board.",
            "As soon as you cross the border we send you a text with the prices.",
            "Last summer more than $n_k thousand of our customers used their phones abroad.",
            "Croatia, Italy and Austria remain the most popular destinations.",
            "For Switzerland, Turkey and the USA, choose the World pack.",
            "Track your usage abroad in real time in the $app app.",
            "The summer roaming pack is available until $date_en.",
        ],
        tags=["#roaming", "#travel", "#summer", "#holiday"],
    ),
)

TOPICS["smartphones"] = dict(
    path="telefoni",
    cat_sl="Telefoni",
    cat_en="Devices",
    emoji=["📱", "🔥", "🎁", "✨"],
    sl=dict(
        titles=[
            "$phone [zdaj na voljo|že v naših prodajalnah|v prednaročilu]",
            "Nov $phone s popustom do $disc EUR",
            "Pametni telefoni po akcijskih cenah",
            "Stari telefon za novega: odkupimo <vaš|tvoj> stari telefon",
            "Kateri telefon izbrati? [Pregled|Primerjava] letošnjih novosti",
            "Prvi vtisi: $phone",
        ],
        sents=[
            "$phone je na voljo v [vseh naših prodajalnah|spletni trgovini] že od $phone_price.",
            "Ob nakupu telefona $phone s paketom $mobile <prihranite|prihraniš> do $disc EUR.",
            "Telefon <lahko odplačate|lahko odplačaš> v [12|24|36] obrokih brez obresti.",
            "Model $phone navdušuje [z odličnim fotoaparatom|z baterijo, ki zdrži ves dan|s svetlim zaslonom|z zmogljivim procesorjem].",
            "Model $phone ponuja [odličen fotoaparat|baterijo, ki zdrži ves dan|svetel zaslon|zmogljiv procesor] in podporo za omrežje 5G.",
            "Prednaročila za $phone sprejemamo do $date.",
            "Ob prednaročilu <prejmete|prejmeš> [brezplačne slušalke|zaščitni ovitek|hitri polnilnik] v vrednosti $disc EUR.",
            "[Vsi|Skoraj vsi] telefoni v naši ponudbi [podpirajo omrežje 5G|delujejo v omrežju 5G].",
            "V prodajalni $city_loc <vam|ti> bodo svetovali pri izbiri in prenosu podatkov s starega telefona.",
            "Zaloge so [omejene|zelo omejene|omejene, zato <pohitite|pohiti>].",
            "Akcija velja do $date oziroma do razprodaje zalog.",
            "Novi model $phone smo [preizkusili|testirali] in zbrali prve vtise.",
            "Za staro napravo <vam|ti> priznamo do $disc EUR popusta.",
            "Zavarovanje telefona <lahko sklenete|lahko skleneš> ob nakupu, za le nekaj evrov na mesec.",
            "Med najbolj prodajanimi telefoni ta mesec [je|ostaja] $phone.",
        ],
        tags=["#pametnitelefon", "#novitelefon", "#akcija", "#telefoni"],
    ),
    en=dict(
        titles=[
            "$phone now in stores",
            "Save up to EUR $disc on the new $phone",
            "Pre-order the $phone today",
            "Which phone to choose? Our guide to this year's models",
            "First impressions: $phone",
        ],
        sents=[
            "The $phone is available in all our stores from $phone_price_en.",
            "Get up to EUR $disc off the $phone with the $mobile plan.",
            "Pay in [12|24|36] interest-free instalments.",
            "The $phone stands out with [a superb camera|all-day battery life|a bright display|a powerful processor].",
            "Pre-orders for the $phone are open until $date_en.",
            "Pre-order now and get [free earbuds|a protective case|a fast charger] worth EUR $disc.",
            "Every phone we sell is 5G-ready.",
            "Our staff in $city_en will help you choose and move your data from your old phone.",
            "Stock is limited.",
            "Trade in your old phone and get up to EUR $disc off.",
            "We took the new $phone for a spin – here is what we think.",
        ],
        tags=["#smartphone", "#newphone", "#deals", "#tech"],
    ),
)

TOPICS["family_youth"] = dict(
    path="druzina-in-mladi",
    cat_sl="Družina",
    cat_en="Plans",
    emoji=["👨‍👩‍👧", "🎒", "🎓", "💙"],
    sl=dict(
        titles=[
            "Paket $family: več za vso družino",
            "$youth: paket za mlade do 27. leta",
            "Nazaj v šolo z [ugodnejšim|novim] paketom",
            "Družinski popust: vsaka dodatna številka za $price_small",
            "Prvi telefon za otroka: na kaj paziti?",
            "Za dijake in študente: [več podatkov|dvojni podatki] v paketu $youth",
        ],
        sents=[
            "V paketu $family si družinski člani delijo [$gb GB prenosa podatkov|neomejen prenos podatkov].",
            "Vsaka dodatna številka v paketu stane le $price_small na mesec.",
            "Paket $youth je namenjen [mladim do 27. leta|dijakom in študentom].",
            "Mladi s paketom $youth dobijo [dvojno količino podatkov|neomejene klice in sporočila SMS|brezplačen dostop do glasbene storitve].",
            "Za najmlajše smo pripravili [otroško zaščito|starševski nadzor], s katerim <lahko omejite|lahko omejiš> [dostop do neprimernih vsebin|čas pred zaslonom].",
            "Ob začetku šolskega leta so prvi [trije|štirje] meseci naročnine za [mlade|dijake in študente] brezplačni.",
            "Porabo otrok <lahko spremljate|lahko spremljaš> v aplikaciji $app.",
            "Družine s tremi ali več člani prihranijo do $pct_small % pri mesečnem računu.",
            "Paket je mogoče kadar koli razširiti z novimi člani.",
            "Z izkaznico ISIC ali EYCA <dobite|dobiš> dodaten popust.",
            "Varnost otrok na spletu je za nas na prvem mestu.",
            "Otroški telefon z omejenim dostopom do spleta je na voljo že za $price_small na mesec.",
            "Neporabljeni podatki se prenesejo v naslednji mesec[, zato nič ne gre v nič|].",
            "Vsi člani družine prejmejo en skupni račun.",
            "Za maturante smo pripravili posebno darilo: dodatnih $gb GB za poletje.",
        ],
        tags=["#družina", "#mladi", "#nazajvšolo", "#študenti", "#družinskipaket"],
    ),
    en=dict(
        titles=[
            "$family: more for the whole family",
            "$youth: the plan for under-27s",
            "Back to school with a better plan",
            "Your child's first phone: what to look out for",
        ],
        sents=[
            "With $family, family members share [$gb GB of data|unlimited data].",
            "Each extra line costs just $price_small_en a month.",
            "$youth is designed for students and everyone under 27.",
            "Young customers on $youth get double data and unlimited calls and texts.",
            "Parental controls help you limit screen time and block unsuitable content.",
            "At the start of the school year, the first three months are free for young customers.",
            "Families of three or more save up to $pct_small% on their monthly bill.",
            "Unused data rolls over to the next month.",
            "The whole family gets one single bill.",
            "Keeping children safe online is our top priority.",
        ],
        tags=["#family", "#students", "#backtoschool", "#youth"],
    ),
)

TOPICS["support_app"] = dict(
    path="pomoc-in-aplikacija",
    cat_sl="Pomoč",
    cat_en="Customer care",
    emoji=["📲", "💬", "🙋", "✅"],
    sl=dict(
        titles=[
            "[Nova|Prenovljena] aplikacija $app",
            "Vse storitve na dlani: novosti v aplikaciji $app",
            "Kako do pomoči hitreje",
            "Račun, poraba in paketi na enem mestu",
            "Klepetalnik odgovori v manj kot minuti",
            "[Pet|Trije] nasveti za hitrejšo rešitev težave",
        ],
        sents=[
            "V aplikaciji $app <lahko pregledate|lahko pregledaš> porabo, račune in [vključene pakete|dodatne storitve].",
            "Nova različica aplikacije $app prinaša [temni način|hitrejšo prijavo s prstnim odtisom|pregled porabe v realnem času|plačilo računa z enim dotikom].",
            "Na klepetu <nam lahko pišete|nam lahko pišeš> vsak dan med 7. in 22. uro.",
            "Naša ekipa za pomoč uporabnikom je [na voljo|dosegljiva] 24 ur na dan.",
            "Povprečni čas čakanja v klicnem centru smo skrajšali na manj kot [dve minuti|minuto].",
            "Napako <lahko prijavite|lahko prijaviš> kar v aplikaciji, tehnik pa <vas|te> pokliče v [eni uri|dveh urah].",
            "Aplikacijo $app je prenesla že več kot $n_k tisoč uporabnikov.",
            "E-račun <vklopite|vklopi> v nekaj korakih.",
            "Termin za obisk v prodajalni $city_loc <lahko rezervirate|lahko rezerviraš> prek spleta.",
            "Naši svetovalci so v zadnjem četrtletju rešili $pct % zahtevkov že ob prvem stiku.",
            "Aplikacija $app je na voljo za Android in iOS.",
            "Navodila za nastavitev [usmerjevalnika|elektronske pošte|glasovne pošte] <najdete|najdeš> v centru za pomoč.",
            "Paket <lahko zamenjate|lahko zamenjaš> kar v aplikaciji, brez obiska prodajalne.",
            "Za vsako oceno v anketi o zadovoljstvu smo hvaležni, saj nam pomaga izboljšati storitve.",
            "Obvestila o porabi <lahko nastavite|lahko nastaviš> po svoje.",
        ],
        tags=["#aplikacija", "#pomočuporabnikom", "#podpora", "#app"],
    ),
    en=dict(
        titles=[
            "The new $app app is here",
            "All your services in one app",
            "Faster help, any time",
            "Our chat assistant replies in under a minute",
        ],
        sents=[
            "In the $app app you can check your usage, bills and add-ons.",
            "The new version of $app brings [dark mode|fingerprint login|real-time usage tracking|one-tap bill payment].",
            "Our chat team is available every day from 7 am to 10 pm.",
            "Average waiting time at our call centre is now under [two minutes|one minute].",
            "Report a fault in the app and a technician will call you back within [an hour|two hours].",
            "More than $n_k thousand customers have already downloaded $app.",
            "Switch to e-billing in just a few steps.",
            "Last quarter our advisers solved $pct% of requests on first contact.",
            "The app is available for Android and iOS.",
            "Book an appointment at our store in $city_en online.",
        ],
        tags=["#customerservice", "#app", "#CX", "#support"],
    ),
)

TOPICS["sustainability"] = dict(
    path="trajnost",
    cat_sl="Trajnost",
    cat_en="Sustainability",
    emoji=["♻️", "🌱", "🌳", "🌍"],
    sl=dict(
        titles=[
            "<Reciklirajte|Recikliraj> stari telefon",
            "Nova sončna elektrarna $city_loc",
            "Za vsak vrnjen telefon posadimo drevo",
            "Manj plastike v naših prodajalnah",
            "Trajnostno poročilo za leto 2025",
            "Zeleno omrežje: $pct % energije iz obnovljivih virov",
        ],
        sents=[
            "Stare telefone <lahko oddate|lahko oddaš> v kateri koli naši prodajalni.",
            "Za vsak vrnjen telefon posadimo drevo[| v slovenskih gozdovih].",
            "Zbrane naprave predamo pooblaščenemu [predelovalcu|zbiralcu], ki poskrbi za varno recikliranje.",
            "Lani smo zbrali več kot $n_k tisoč starih naprav.",
            "Že $pct % električne energije za naše omrežje pridobimo iz obnovljivih virov.",
            "Na strehi podatkovnega centra $city_loc smo postavili sončno elektrarno.",
            "Do leta 2030 želimo postati podnebno nevtralni.",
            "Embalaža naših telefonov in usmerjevalnikov je [v celoti|skoraj v celoti] iz recikliranih materialov.",
            "Obnovljene telefone prodajamo z [enoletno|dveletno] garancijo.",
            "Podatke s starega telefona pred recikliranjem varno izbrišemo.",
            "S prehodom na e-račun smo lani prihranili več kot $n_k tisoč listov papirja.",
            "Porabo energije v omrežju smo zmanjšali za $pct_small %.",
            "Naši tehniki se na teren vse pogosteje odpravijo z električnimi vozili.",
            "[Stare usmerjevalnike|Stare usmerjevalnike in sprejemnike|Vrnjene usmerjevalnike] obnovimo in jih ponovno uporabimo.",
        ],
        tags=["#trajnost", "#recikliranje", "#zeleno", "#okolje"],
    ),
    en=dict(
        titles=[
            "Recycle your old phone",
            "New solar plant in $city_en",
            "A tree for every phone returned",
            "Our 2025 sustainability report",
        ],
        sents=[
            "You can drop off old phones at any of our stores.",
            "For every phone returned, we plant a tree.",
            "Collected devices go to a licensed recycler[| for safe processing].",
            "Last year we collected more than $n_k thousand old devices.",
            "$pct% of the electricity for our network now comes from renewable sources.",
            "We installed a solar plant on the roof of our data centre in $city_en.",
            "We aim to be climate neutral by 2030.",
            "Packaging for our phones and routers is made from recycled materials.",
            "Refurbished phones come with a [one-year|two-year] warranty.",
            "We cut the network's energy consumption by $pct_small%.",
            "Our field technicians increasingly drive electric vehicles.",
        ],
        tags=["#sustainability", "#recycling", "#greentech", "#ESG"],
    ),
)

TOPICS["cybersecurity"] = dict(
    path="varnost",
    cat_sl="Varnost",
    cat_en="Security",
    emoji=["⚠️", "🔒", "🛡️", "🚫"],
    sl=dict(
        titles=[
            "Pozor: lažna sporočila v imenu $brand_gen",
            "Kako prepoznati spletno prevaro?",
            "[Nov|Ponoven] val prevar s kodami za preverjanje",
            "Varni na spletu: [pet nasvetov|nasveti] za vso družino",
            "Ne nasedajte prevarantom",
            "Lažni klici v imenu [banke|policije|tehnične podpore]",
        ],
        sents=[
            "V zadnjih dneh [kroži|se širi] [lažno sporočilo SMS|lažno elektronsko sporočilo], ki se predstavlja v imenu $brand_gen.",
            "Nikoli ne zahtevamo gesel ali kod PIN prek telefona ali sporočil SMS.",
            "Ne <klikajte|klikaj> na povezave v nepričakovanih sporočilih.",
            "Če <sumite|sumiš>, da gre za prevaro, nas takoj <pokličite|pokliči>.",
            "Sumljiva sporočila <lahko prijavite|lahko prijaviš> na naslov [varnost|zlorabe]@$domain.",
            "Prevaranti se vse pogosteje predstavljajo kot [bančni uslužbenci|kurirske službe|tehnična podpora].",
            "V omrežju smo v zadnjem mesecu blokirali več kot $n_k tisoč sumljivih klicev.",
            "Z brezplačno storitvijo $shield <vas|te> opozorimo na nevarne spletne strani.",
            "<Vklopite|Vklopi> dvostopenjsko preverjanje pristnosti za vse pomembne račune.",
            "Klici s tujih številk, ki se predstavljajo kot [policija|banka|operater], so pogosto prevara.",
            "Naši strokovnjaki za kibernetsko varnost omrežje spremljajo 24 ur na dan.",
            "Pred prazniki in ob razprodajah je prevar [še več|občutno več].",
            "Kode za preverjanje iz sporočila nikoli ne <posredujte|posreduj> drugim.",
            "Prava sporočila operaterja nikoli ne zahtevajo plačila prek neznanih povezav.",
            "Posodobitve programske opreme na telefonu <nameščajte|nameščaj> redno.",
        ],
        tags=["#varnost", "#prevare", "#kibernetskavarnost", "#spletnavarnost"],
    ),
    en=dict(
        titles=[
            "Beware of fake messages in the name of $brand",
            "How to spot an online scam",
            "New wave of verification-code scams",
            "Staying safe online: five tips for the whole family",
        ],
        sents=[
            "A fake text message claiming to come from $brand is circulating.",
            "We never ask for passwords or PIN codes by phone or text.",
            "Do not click links in unexpected messages.",
            "If you suspect a scam, call us straight away.",
            "Report suspicious messages to [security|abuse]@$domain.",
            "Scammers increasingly pose as [bank staff|courier services|technical support].",
            "Last month our network blocked more than $n_k thousand suspicious calls.",
            "$shield warns you about dangerous websites, free of charge.",
            "Turn on two-factor authentication for all important accounts.",
            "Our cybersecurity experts monitor the network around the clock.",
            "Scams spike before holidays and during big sales.",
            "Never share a verification code with anyone.",
        ],
        tags=["#cybersecurity", "#scam", "#staysafe", "#infosec"],
    ),
)

TOPICS["community"] = dict(
    path="skupnost",
    cat_sl="Skupnost",
    cat_en="Community",
    emoji=["🤝", "❤️", "🏃", "🎉"],
    sl=dict(
        titles=[
            "Podpiramo mlade športnike $city_from",
            "Dobrodelni tek $city_loc",
            "$n_k tisoč evrov za lokalna društva",
            "Ponosni pokrovitelj poletnega festivala $city_loc",
            "Razpis za donacije je odprt",
            "Prostovoljski dan naših sodelavcev",
        ],
        sents=[
            "Letos smo podprli več kot $n_small lokalnih [društev|projektov|pobud].",
            "Na [dobrodelnem teku|dobrodelnem koncertu] $city_loc smo zbrali $n_k tisoč evrov za [otroški oddelek bolnišnice|zavetišče za živali|Rdeči križ].",
            "Kot [glavni|ponosni] pokrovitelj podpiramo [košarkarski|rokometni|nogometni] klub $city_from.",
            "Na poletnem festivalu $city_loc smo postavili [brezplačno točko Wi-Fi|polnilnico za telefone|naš paviljon].",
            "Naši zaposleni so [en dan|soboto] namenili prostovoljnemu delu [v lokalni skupnosti|pri urejanju parka|v zavetišču].",
            "Prijave na razpis za [donacije|sponzorstva] so odprte do $date.",
            "S prostovoljnimi gasilskimi društvi sodelujemo pri zagotavljanju povezav na terenu.",
            "Vsem [sodelujočim|prostovoljcem|udeležencem] se iskreno zahvaljujemo!",
            "Skupaj smo [za dobro|za lepši jutri] naše skupnosti.",
            "Razpis je namenjen [društvom|zavodom|šolam] iz vse Slovenije.",
            "Mladim nogometašem $city_from smo podarili nove drese in žoge.",
            "Na teku je sodelovalo več kot $n_small ekip in [družin|posameznikov].",
        ],
        tags=["#skupnost", "#dobrodelnost", "#prostovoljstvo", "#lokalno"],
    ),
    en=dict(
        titles=[
            "Supporting young athletes in $city_en",
            "Charity run in $city_en",
            "Proud sponsor of the $city_en summer festival",
            "Our donations call is open",
        ],
        sents=[
            "This year we supported more than $n_small local [clubs|projects|initiatives].",
            "The charity run in $city_en raised EUR $n_k thousand for [the children's ward|the animal shelter|the Red Cross].",
            "As [main|proud] sponsor we support the local [basketball|handball|football] club in $city_en.",
            "Our employees spent a day volunteering in the local community.",
            "Applications for donations are open until $date_en.",
            "Thank you to everyone who took part!",
            "Together for a better community.",
            "We work with volunteer fire brigades to keep them connected in the field.",
        ],
        tags=["#community", "#CSR", "#charity", "#volunteering"],
    ),
)

TOPICS["esports"] = dict(
    path="gaming",
    cat_sl="Gaming",
    cat_en="Gaming",
    emoji=["🎮", "🕹️", "🏆", "🔥"],
    sl=dict(
        titles=[
            "[Turnir|Finale] $league $city_loc",
            "Gaming paket z nizkim pingom",
            "Prijave na e-športni turnir so odprte",
            "[PlayStation 5|Xbox Series X|Nintendo Switch 2] v paketu z internetom",
            "E-šport v Sloveniji raste",
            "Tekme v igri $game v živo na Twitchu",
        ],
        sents=[
            "Prijave na turnir $league v igri $game so odprte do $date.",
            "Finale bo potekal $city_loc, v živo pa ga bomo prenašali na [Twitchu|YouTubu].",
            "Skupni nagradni sklad znaša $prize EUR.",
            "Z optiko in nizkim pingom <boste|boš> vedno korak pred nasprotniki.",
            "Gaming paket vključuje prednostno usmerjanje prometa za igre in ping pod 10 ms.",
            "Ob sklenitvi gaming paketa <dobite|dobiš> konzolo ali kontroler po posebni ceni.",
            "Na turnirju je sodelovalo več kot $n_small ekip iz vse Slovenije.",
            "Smo ponosni sponzor slovenske e-športne ekipe [Risi|Zmaji|Orli].",
            "Na našem kanalu na Twitchu vsak četrtek prenašamo tekme [lokalne lige|slovenske e-športne lige].",
            "Tekmovanje je odprto za vse igralce, starejše od 16 let.",
            "Za najboljše igralce smo pripravili nagrade v skupni vrednosti $prize EUR.",
            "Igre in e-šport so za mlade [več kot hobi|pomemben del prostega časa].",
            "V igralni coni $city_loc <lahko preizkusite|lahko preizkusiš> najnovejše igre.",
            "Igralcem smo na turnirju zagotovili povezavo s hitrostjo $speed.",
        ],
        tags=["#esport", "#gaming", "#igre", "#turnir", "#esports"],
    ),
    en=dict(
        titles=[
            "$league finals in $city_en",
            "Low-ping gaming bundle",
            "Registrations for our esports tournament are open",
            "Esports in Slovenia keeps growing",
        ],
        sents=[
            "Registrations for $league in $game are open until $date_en.",
            "The final takes place in $city_en and will be streamed live on [Twitch|YouTube].",
            "The total prize pool is EUR $prize.",
            "With fibre and low ping you will always be one step ahead.",
            "The gaming bundle prioritises game traffic and keeps ping under 10 ms.",
            "More than $n_small teams from all over Slovenia took part.",
            "We are proud to sponsor the Slovenian esports team [Risi|Zmaji|Orli].",
            "Every Thursday we stream local league matches on our Twitch channel.",
            "The tournament is open to all players aged 16 and over.",
        ],
        tags=["#esports", "#gaming", "#twitch", "#esport"],
    ),
)

TOPICS["seniors"] = dict(
    path="digitalna-lipa",
    cat_sl="Digitalna Lipa",
    cat_en="Digital inclusion",
    emoji=["👵", "👴", "📱", "💚"],
    sl=dict(
        titles=[
            "[Brezplačne|Nove] delavnice digitalnih veščin za starejše $city_loc",
            "Digitalna Lipa: [pametni telefon|spletno bančništvo|videoklici] brez skrbi",
            "Starejši se učijo [uporabe pametnih telefonov|varne rabe spleta]",
            "Vnuki učijo babice in dedke",
            "Nov termin delavnic Digitalna Lipa",
            "Digitalna Lipa tokrat $city_loc",
        ],
        sents=[
            "V okviru programa Digitalna Lipa [smo pripravili|pripravljamo] brezplačne delavnice za starejše $city_loc.",
            "Udeleženci se naučijo [poslati fotografijo vnukom|opraviti videoklic|uporabljati e-recept|varno plačevati po spletu|povečati pisavo na telefonu].",
            "Delavnice vodijo [naši prostovoljci|naši sodelavci|mladi prostovoljci] v [knjižnicah|domovih za starejše|dnevnih centrih].",
            "Doslej se je delavnic udeležilo več kot $n_sr starejših.",
            "Skupine so majhne, največ [osem|deset] udeležencev, zato je dovolj časa za vprašanja.",
            "Delavnice potekajo v sodelovanju z [univerzo za tretje življenjsko obdobje|društvi upokojencev|lokalnimi knjižnicami].",
            "Prijave zbiramo po telefonu na brezplačni številki 080 12 34 in v vseh naših prodajalnah.",
            "Na delavnici o spletnih prevarah smo pokazali, kako prepoznati lažna sporočila.",
            "Vsak udeleženec prejme priročnik z velikimi črkami in [slikovnimi navodili|navodili po korakih].",
            "Gospa $sr_f ($sr_age let) je po delavnici prvič sama [opravila videoklic z vnukinjo|naročila zdravila prek spleta|plačala položnico na telefonu].",
            "Gospod $sr_m ($sr_age let) je po delavnici prvič sam [opravil videoklic z vnukom|naročil zdravila prek spleta|plačal položnico na telefonu].",
            "Naslednji cikel delavnic se začne $date.",
            "Digitalne veščine starejšim pomagajo ostati povezani z družino in bolj samostojni.",
            "Program Digitalna Lipa letos poteka že v $n_small krajih po Sloveniji.",
            "Delavnica traja dve šolski uri, udeležba je brezplačna.",
            "Na srečanju medgeneracijskega učenja so dijaki starejšim pomagali nastaviti nove telefone.",
        ],
        tags=["#DigitalnaLipa", "#starejši", "#digitalneveščine", "#medgeneracijsko"],
    ),
    en=dict(
        titles=[
            "Digital skills workshops for seniors in $city_en",
            "Digitalna Lipa: helping older people get online safely",
            "Grandchildren teach grandparents",
        ],
        sents=[
            "Our Digitalna Lipa programme runs free digital skills workshops for older people in $city_en.",
            "Participants learn to make video calls, use e-prescriptions and spot online scams.",
            "More than $n_sr seniors have attended so far.",
            "Groups are small – no more than ten people – so there is time for every question.",
            "The workshops are run with universities of the third age and local libraries.",
            "Every participant receives a large-print handbook with step-by-step instructions.",
            "Digital skills help older people stay close to their families and more independent.",
            "This year Digitalna Lipa is running in $n_small towns across Slovenia.",
        ],
        tags=["#DigitalInclusion", "#seniors", "#DigitalnaLipa", "#CSR"],
    ),
)

TOPICS["esim"] = dict(
    path="esim",
    cat_sl="eSIM",
    cat_en="eSIM",
    emoji=["📲", "🌍", "✈️", "✨"],
    sl=dict(
        titles=[
            "eSIM: telefon brez fizične kartice",
            "Potovalni eSIM za [potovanja izven EU|vse celine]",
            "Kako aktivirati eSIM?",
            "eSIM zdaj tudi za [pametne ure|tablice]",
            "Prehod na eSIM brezplačno v aplikaciji $app",
            "[Nova|Digitalna] kartica SIM v nekaj minutah",
        ],
        sents=[
            "eSIM <lahko aktivirate|lahko aktiviraš> v nekaj minutah, brez obiska prodajalne.",
            "Kodo QR za eSIM <prejmete|prejmeš> po elektronski pošti ali v aplikaciji $app.",
            "S potovalnim eSIM-om <imate|imaš> internet takoj po pristanku, v [več kot 120|150] državah po svetu.",
            "Na enem telefonu <lahko uporabljate|lahko uporabljaš> več profilov eSIM hkrati, na primer službenega in zasebnega.",
            "Prehod s fizične kartice SIM na eSIM je brezplačen.",
            "eSIM podpirajo vsi novejši telefoni, pametne ure in tablice.",
            "Potovalni paket eSIM, ki vključuje $gb GB podatkov, je na voljo za $price.",
            "Seznam podprtih naprav <najdete|najdeš> na naši spletni strani.",
            "Zanimanje za eSIM se je v zadnjih mesecih [močno povečalo|več kot podvojilo].",
            "eSIM je tudi bolj trajnosten, saj ni plastične kartice in pošiljanja.",
            "Ob izgubi ali kraji telefona <lahko eSIM takoj prenesete|lahko eSIM takoj preneseš> na novo napravo.",
            "Potovalni eSIM <kupite|kupiš> pred odhodom, vklopi pa se ob prihodu v tujino.",
        ],
        tags=["#eSIM", "#potovanja", "#digitalno", "#brezkartice"],
    ),
    en=dict(
        titles=[
            "eSIM: no physical card needed",
            "Travel eSIM for trips outside the EU",
            "How to activate your eSIM",
            "eSIM now for smartwatches and tablets",
        ],
        sents=[
            "Activate your eSIM in minutes, no store visit needed.",
            "You receive the eSIM QR code by email or in the $app app.",
            "With a travel eSIM you are online the moment you land, in more than 120 countries.",
            "Use several eSIM profiles on one phone, for example work and personal.",
            "Switching from a physical SIM to eSIM is free.",
            "All recent phones, smartwatches and tablets support eSIM.",
            "A travel eSIM with $gb GB of data costs $price_en.",
            "Interest in eSIM has more than doubled in recent months.",
            "eSIM is greener too: no plastic card, no shipping.",
        ],
        tags=["#eSIM", "#travel", "#travelhack", "#digital"],
    ),
)

# outage: phase pools; "maint" and "local" are used outside the crisis week
TOPICS["outage"] = dict(
    path="obvestila",
    cat_sl="Obvestila",
    cat_en="Service updates",
    emoji=["⚠️", "🔧", "🛠️", "ℹ️"],
    sl=dict(
        titles=[
            "Obvestilo o motnjah",
            "Motnje v omrežju $region_loc",
            "Vzdrževalna dela v omrežju",
            "Storitve znova delujejo",
        ],
        sents=[],  # filled per phase below
        tags=["#motnje", "#obvestilo", "#izpad"],
    ),
    en=dict(
        titles=["Service update", "Network disruption in $region_en", "Planned maintenance"],
        sents=[],
        tags=["#outage", "#serviceupdate", "#update"],
    ),
)
OUTAGE_SL = {
    "notice": [
        "Od jutranjih ur [zaznavamo|beležimo] obsežne motnje v mobilnem in fiksnem omrežju na Primorskem in Krasu.",
        "Prizadeti so uporabniki v Kopru, Izoli, Sežani in Postojni.",
        "Vzrok je okvara na glavni optični povezavi med Ljubljano in Koprom, ki je bila poškodovana med gradbenimi deli.",
        "Naše ekipe so že na terenu in intenzivno odpravljajo napako.",
        "Klici na številko za nujne primere 112 delujejo nemoteno.",
        "Internet, televizija in mobilni prenos podatkov trenutno ne delujejo ali delujejo z motnjami.",
    ],
    "update": [
        "Posodobitev ob $time: storitve postopoma znova vzpostavljamo.",
        "Ob $time je bilo znova povezanih $pct % prizadetih uporabnikov.",
        "Mobilno omrežje na Obali že deluje, internet in televizija v delu Sežane in Postojne pa še ne.",
        "Zaradi velikega števila klicev je čakalna doba v klicnem centru daljša kot običajno.",
        "O napredku vas bomo sproti obveščali na tem kanalu.",
        "Poškodovani kabel so naše ekipe že nadomestile, zdaj preverjamo delovanje omrežja.",
    ],
    "restored": [
        "Vse storitve znova delujejo.",
        "Motnja je bila v celoti odpravljena ob $time.",
        "Če vaše storitve še vedno ne delujejo, ponovno zaženite usmerjevalnik ali telefon.",
        "Hvala vsem za potrpežljivost v zadnjih dveh dneh.",
    ],
    "apology": [
        "Za nevšečnosti se vsem uporabnikom iskreno opravičujemo.",
        "Zavedamo se, kako pomembna je zanesljiva povezava za vaše delo in vsakdan.",
        "Izpad ni v skladu s standardi, ki smo si jih zastavili.",
        "Vsem, ki ste nam pisali in nas klicali, se zahvaljujemo za razumevanje.",
    ],
    "comp": [
        "Vsem prizadetim uporabnikom bomo pri naslednjem računu samodejno dobropisali polovico mesečne naročnine.",
        "Poslovnim uporabnikom bomo nadomestilo uredili individualno.",
        "Za dobropis vam ni treba oddati posebne vloge.",
        "Uporabniki predplačniških paketov bodo prejeli 10 GB podatkov brezplačno.",
    ],
    "analysis": [
        "Z neodvisnimi strokovnjaki pripravljamo podrobno analizo vzrokov izpada.",
        "Do konca leta bomo zgradili dodatno, rezervno optično povezavo do Primorske.",
        "Pripravljamo ukrepe, da se podoben izpad ne bi ponovil.",
    ],
    "maint": [
        "V noči na $date_acc bodo med 1. in 5. uro potekala načrtovana vzdrževalna dela v omrežju.",
        "Med deli so lahko storitve $city_loc in okolici kratkotrajno nedosegljive.",
        "Dela izvajamo ponoči, da bi bilo čim manj motenj.",
        "Za razumevanje se <vam|ti> zahvaljujemo.",
    ],
    "local": [
        "Trenutno zaznavamo motnje v delovanju interneta in televizije $city_loc in okolici.",
        "Vzrok je [izpad napajanja|poškodba kabla med gradbenimi deli|okvara opreme v vozlišču].",
        "Ekipe na terenu že odpravljajo napako.",
        "Za nevšečnosti se opravičujemo.",
        "Motnja je bila odpravljena ob $time.",
    ],
}
OUTAGE_EN = {
    "notice": [
        "Since this morning we have been experiencing a major network outage in Primorska and the Karst region.",
        "Customers in Koper, Izola, Sežana and Postojna are affected.",
        "The cause is damage to our main fibre link between Ljubljana and Koper during construction works.",
        "Our teams are on site working to restore services as quickly as possible.",
        "Emergency calls to 112 are working normally.",
    ],
    "update": [
        "Update at $time_en: services are gradually being restored.",
        "As of $time_en, $pct% of affected customers are back online.",
        "We will keep you posted on this channel.",
    ],
    "restored": [
        "All services have been fully restored.",
        "Thank you for your patience over the past two days.",
    ],
    "apology": [
        "We sincerely apologise to all our customers.",
        "We know how much you rely on a stable connection for work and everyday life.",
        "This outage falls short of the standards we set ourselves.",
    ],
    "comp": [
        "All affected customers will automatically receive a credit of half a month's subscription on their next bill.",
        "Business customers will be contacted individually.",
    ],
    "analysis": [
        "Together with independent experts we are preparing a full root-cause analysis.",
        "By the end of the year we will build a second, redundant fibre route to Primorska.",
    ],
    "maint": [
        "Planned maintenance will take place on the night of $date_en between 1 am and 5 am.",
        "Services in $city_en may be briefly unavailable during the works.",
    ],
    "local": [
        "We are aware of a service disruption affecting internet and TV in $city_en.",
        "Engineers are on site and working on a fix.",
        "The issue was resolved at $time_en.",
    ],
}

# --------------------------------------------------------------------------------------
# Shared filler, openers, corporate lines
# --------------------------------------------------------------------------------------
FILLER_SL = [
    "Več informacij <najdete|najdeš> na naši spletni strani.",
    "<Pišite|Piši> nam v zasebno sporočilo, z veseljem pomagamo.",
    "Hvala, ker <ste|si> z nami!",
    "Ostanimo povezani!",
    "Naša ekipa je [vedno|vsak dan] na voljo za <vaša|tvoja> vprašanja.",
    "Ponudba velja do preklica.",
    "Veljajo splošni pogoji poslovanja.",
    "Zanima <vas|te> več? <Obiščite|Obišči> [najbližjo prodajalno|eno od naših prodajaln|našo prodajalno $city_loc].",
    "<Vaše|Tvoje> mnenje nam veliko pomeni.",
    "<Delite|Deli> novico s prijatelji.",
    "[Lep|Prijeten] $daypart vsem!",
    "Tudi tokrat smo mislili na <vas|te>.",
    "Novost je na voljo vsem [obstoječim in novim|novim in obstoječim] uporabnikom.",
    "Še naprej bomo vlagali v boljšo izkušnjo naših uporabnikov.",
    "<Sledite|Sledi> nam za več novic.",
    "To je šele začetek.",
    "<Kaj menite|Kaj meniš>?",
    "Se vidimo [v prodajalni|na spletu|kmalu]!",
    "Pri vsem, kar počnemo, so na prvem mestu naši uporabniki.",
    "Vse cene vključujejo DDV.",
    "Ponudba velja za nove naročnike in za obstoječe uporabnike ob podaljšanju vezave.",
    "Kakovost [storitev|omrežja|naših storitev] [redno|sproti|vsak mesec] preverjamo tudi z neodvisnimi meritvami.",
    "[Zahvaljujemo se <vam|ti>|Hvala <vam|ti>] za [zaupanje|izkazano zaupanje].",
    "Veselimo se <vaših|tvojih> [odzivov|komentarjev|predlogov].",
    "Ne <zamudite|zamudi>!",
    "Kot vedno smo <vam|ti> na voljo v prodajalnah, po telefonu in na spletu.",
    "Naš cilj je preprost: zanesljive povezave za vse.",
    "Vsak [teden|mesec] pripravimo kaj novega[| za <vas|tebe>].",
    "Ponosni smo na vse, kar smo letos dosegli skupaj z <vami|tabo>.",
    "Z veseljem odgovorimo na vsa vprašanja v komentarjih.",
    "Podrobnosti so na voljo v naših prodajalnah[| in na spletu| in v klicnem centru].",
    "Hitro, preprosto in brez skritih stroškov.",
    "Povezujemo ljudi, kraje in zgodbe.",
    "[Novico|Objavo|Prispevek] smo pripravili v sodelovanju z našimi [strokovnjaki|tehniki|svetovalci].",
]
FILLER_EN = [
    "Find out more on our website.",
    "Send us a DM – we are happy to help.",
    "Thanks for being with us!",
    "Stay connected!",
    "Our team is here for your questions every day.",
    "Offer valid until further notice.",
    "Standard terms and conditions apply.",
    "Want to know more? Visit your nearest store.",
    "Your feedback means a lot to us.",
    "Share the news with your friends.",
    "Have a great $daypart_en, everyone!",
    "Available to all new and existing customers.",
    "We will keep investing in a better customer experience.",
    "Follow us for more news.",
    "This is just the beginning.",
    "What do you think?",
    "See you [in store|online|soon]!",
    "Customers come first in everything we do.",
    "All prices include VAT.",
    "Our goal is simple: reliable connectivity for everyone.",
    "Fast, simple and no hidden costs.",
]
CORPORATE_EN = [
    "Proud of our team for making this happen.",
    "Innovation, reliability and customer focus remain at the heart of our strategy.",
    "Thank you to our partners and colleagues who made this possible.",
    "Exciting times ahead for the Slovenian telecom market.",
    "We continue to invest in the digital future of Slovenia.",
    "Great teamwork behind this milestone.",
    "Read the full story on our website.",
    "We are excited to share this update with our network.",
    "Behind every connection there is a dedicated team.",
]
CORPORATE_SL = [
    "Ponosni smo na našo ekipo, ki je to omogočila.",
    "Inovativnost, zanesljivost in skrb za uporabnike ostajajo temelj naše strategije.",
    "Hvala partnerjem in sodelavcem, ki so to omogočili.",
    "Še naprej vlagamo v digitalno prihodnost Slovenije.",
    "Za vsako povezavo stoji predana ekipa.",
    "Celotna zgodba je na voljo na naši spletni strani.",
]
OPENERS_SL = [
    "Novica!",
    "Dobra novica!",
    "Novost!",
    "<Ali ste vedeli|Ali veš>?",
    "Končno!",
    "Pozor!",
    "Dobro jutro!",
    "Tedenski namig:",
    "Iz naše ekipe:",
    "Na kratko:",
]
OPENERS_EN = [
    "Big news!",
    "Good news!",
    "Did you know?",
    "Finally!",
    "Heads up!",
    "Quick update:",
    "Good morning!",
    "Fresh from our team:",
]
GENERIC_TAGS_SL = ["#Slovenija", "#telekomunikacije", "#novost", "#internet"]
GENERIC_TAGS_EN = ["#Slovenia", "#telecom", "#innovation", "#digital"]
CTA_LINK_SL = ["Več na", "Podrobnosti:", "Preberite več:", "👉", "Vse informacije:", "Povezava:"]
CTA_LINK_EN = ["More at", "Details:", "Read more:", "👉", "Full story:"]


# --------------------------------------------------------------------------------------
# More wordings per topic (kept apart only to keep the blocks above readable)
# --------------------------------------------------------------------------------------
MORE = {
    "5g": dict(
        sl_titles=[
            "Še hitrejši mobilni internet $city_loc",
            "Omrežje 5G v številkah",
            "5G za podjetja: kaj se spreminja?",
            "Vklopili smo [novo|zmogljivejšo] bazno postajo $city_loc",
        ],
        sl=[
            "Signal 5G smo izboljšali tudi v [podzemnih garažah|trgovskih centrih|športnih dvoranah] $city_loc.",
            "V [prvem|drugem|tretjem] četrtletju smo v omrežje 5G vložili $mio milijonov evrov.",
            "Bazne postaje [napajamo|delno napajamo] s sončno energijo.",
            "Omrežje 5G bo do [poletja|jeseni|konca leta] na voljo v vseh občinskih središčih $region_loc.",
            "Pri nadgradnji smo zamenjali [antene|opremo] na $n_sites lokacijah.",
            "<Vaš|Tvoj> telefon podpira 5G, če je v nastavitvah omrežja na voljo možnost 5G.",
            "Med [koncerti|tekmami|festivali] omrežje 5G obvladuje več deset tisoč hkratnih povezav.",
            "Hitrost v omrežju 5G je odvisna od [oddaljenosti od bazne postaje|števila uporabnikov v celici|vrste naprave].",
            "Z uvedbo omrežja 5G smo [prepolovili|močno zmanjšali] zakasnitve.",
            "Vse bazne postaje so [skladne|v skladu] z mejnimi vrednostmi elektromagnetnega sevanja.",
            "Podjetja $city_loc lahko omrežje 5G uporabljajo tudi za [pametno proizvodnjo|nadzor logistike|povezane naprave].",
            "Omrežje 5G Standalone omogoča tudi rezine omrežja za [reševalne službe|industrijo|večje prireditve].",
        ],
        en_titles=["5G in numbers", "5G for business: what changes?"],
        en=[
            "We replaced equipment at $n_sites sites during the upgrade.",
            "Some of our base stations are now partly powered by solar energy.",
            "All base stations comply with electromagnetic exposure limits.",
            "Speed depends on distance from the base station and the number of users in the cell.",
            "Businesses in $city_en can use 5G for smart manufacturing and connected devices.",
            "5G Standalone enables network slicing for emergency services and industry.",
        ],
    ),
    "fibre": dict(
        sl_titles=[
            "Optika prihaja v vašo ulico",
            "Gigabit za vsak dom",
            "Novi paketi z optiko",
            "Končno: optika tudi $city_loc",
        ],
        sl=[
            "Za priključitev <potrebujete|potrebuješ> le soglasje lastnika stavbe.",
            "V večstanovanjskih stavbah optiko napeljemo do vsakega stanovanja.",
            "Paketi z optiko vključujejo tudi [fiksno telefonijo|televizijo|neomejene klice v vsa slovenska omrežja].",
            "Hitrost <lahko preverite|lahko preveriš> kar z našim spletnim merilnikom.",
            "Gospodinjstva $city_loc bodo lahko optiko naročila že [to jesen|to pomlad|v nekaj tednih].",
            "Na optičnem omrežju [ni|skoraj ni] razlike med hitrostjo podnevi in zvečer.",
            "Poslovnim uporabnikom ponujamo tudi simetrične povezave s fiksnim naslovom IP.",
            "Mesečna naročnina ostane enaka ves čas vezave.",
            "Optika je tudi naložba v vrednost nepremičnine.",
            "Gradbena dela na ulicah $city_gen bodo končana do $date.",
            "[Prva dva meseca|Prve tri mesece] <plačate|plačaš> le polovico naročnine.",
        ],
        en_titles=["Fibre is coming to your street", "Gigabit for every home"],
        en=[
            "In apartment buildings we run fibre to every flat.",
            "Bundles can include TV and unlimited calls to all Slovenian networks.",
            "Test your line with our online speed test.",
            "On fibre, evening speeds are the same as daytime speeds.",
            "Business customers can get symmetrical lines with a static IP address.",
            "Your monthly price stays the same for the whole contract.",
        ],
    ),
    "tv_sport": dict(
        sl_titles=[
            "Šport v živo, kjer koli <ste|si>",
            "Še več filmov in serij",
            "Navijaški večer $city_loc",
            "[Nova|Prenovljena] televizija $tv",
        ],
        sl=[
            "Nov vmesnik je [hitrejši|preglednejši] in <vam|ti> priporoča vsebine po meri.",
            "V paketu so tudi [štirje|trije] novi športni programi.",
            "Za naročnike paketa $tv smo za ves mesec odklenili [filmski|otroški|športni] program.",
            "Prenos si <lahko ogledate|lahko ogledaš> tudi na potovanju, v vseh državah EU.",
            "Z glasovnim upravljalnikom <poiščete|poiščeš> oddajo v nekaj sekundah.",
            "Statistika tekme in ponovni posnetki so na voljo kar na zaslonu.",
            "Navijaški večer bomo pripravili tudi v naši prodajalni $city_loc.",
            "Vsi prenosi bodo na voljo s slovenskim komentarjem.",
            "[Največji|Najpomembnejši] športni dogodki leta so zdaj vključeni v osnovni paket.",
        ],
        en_titles=["Live sport wherever you are", "Fan night in $city_en"],
        en=[
            "The new interface is faster and suggests content you will like.",
            "Watch anywhere in the EU when you travel.",
            "Find any show in seconds with the voice remote.",
            "All broadcasts come with Slovenian commentary.",
            "Join our fan night at the store in $city_en.",
        ],
    ),
    "roaming": dict(
        sl_titles=[
            "Poletje v tujini brez presenečenj",
            "Kam letos na dopust?",
            "Nasveti pred potovanjem",
            "Paket za ZDA in Kanado",
        ],
        sl=[
            "V Italiji, Avstriji in na Hrvaškem <kličete|kličeš> po domačih cenah.",
            "Za poslovna potovanja smo pripravili paket z neomejenimi klici v tujino.",
            "Paket za ZDA in Kanado vključuje $gb GB prenosa podatkov.",
            "Telefon v tujini samodejno izbere partnerskega operaterja z najboljšim signalom.",
            "Lani je bila med našimi uporabniki najbolj priljubljena destinacija [Hrvaška|Italija|Grčija].",
            "Dodatni paket <lahko kupite|lahko kupiš> tudi med potovanjem.",
            "Za kampiranje [ob morju|v gorah] priporočamo prenosni usmerjevalnik z našo kartico SIM.",
            "Za otroke, ki odhajajo na [poletni tabor|ekskurzijo], <lahko nastavite|lahko nastaviš> omejitev porabe v tujini.",
        ],
        en_titles=["No surprises on your summer bill", "Where are you off to this summer?"],
        en=[
            "Calls in Italy, Austria and Croatia cost the same as at home.",
            "Abroad, your phone automatically picks the partner network with the best signal.",
            "You can buy an extra pack while travelling.",
            "Last year's favourite destination among our customers was [Croatia|Italy|Greece].",
        ],
    ),
    "smartphones": dict(
        sl_titles=[
            "Telefoni s popustom do $disc EUR",
            "Novost v naši trgovini: $phone",
            "Kateri telefon je pravi za <vas|tebe>?",
            "Teden telefonov",
        ],
        sl=[
            "Ob nakupu telefona <vam|ti> brezplačno namestimo zaščitno steklo.",
            "Telefon <lahko preizkusite|lahko preizkusiš> [v kateri koli naši prodajalni|v prodajalni $city_loc].",
            "Ponudba velja tudi za obnovljene telefone z [enoletno|dveletno] garancijo.",
            "Za nakup [ni treba skleniti nove vezave|ni potrebno naročniško razmerje].",
            "Novi modeli bodo v prodajalnah od $date.",
            "Zaslon je [večji|svetlejši], baterija pa se napolni v manj kot [pol ure|eni uri].",
            "Fotografije ponoči so [opazno|bistveno] boljše kot pri prejšnjem modelu.",
            "V spletni trgovini <vam|ti> telefon dostavimo [naslednji delovni dan|v dveh dneh].",
            "Ob nakupu dveh telefonov <prejmete|prejmeš> dodaten popust [v višini $pct_small %|za drugi telefon].",
        ],
        en_titles=["Phones up to EUR $disc off", "New in store: $phone"],
        en=[
            "We fit a free screen protector with every new phone.",
            "Try the phone in any of our stores.",
            "No new contract required.",
            "Night photos are noticeably better than on the previous model.",
            "Order online and we deliver the next working day.",
        ],
    ),
    "family_youth": dict(
        sl_titles=[
            "Družinski paket za velike in male",
            "<Mladi, to je za vas!|Mladi, to je zate!>",
            "Šolska torba? Pripravljena. Telefon? Tudi.",
        ],
        sl=[
            "S statusom dijaka ali študenta <dobite|dobiš> dodatnih $gb GB.",
            "Skupni paket <lahko upravljate|lahko upravljaš> v aplikaciji $app.",
            "Otroška pametna ura z lokatorjem je na voljo za $price_small na mesec.",
            "Za vsakega novega člana družine prvi mesec <ne plačate|ne plačaš> ničesar.",
            "V paketu $family ima vsak član svojo številko in svoj pregled porabe.",
            "Študentski paket velja tudi med izmenjavo Erasmus v tujini.",
            "Za družine s šoloobveznimi otroki smo pripravili [jesensko|šolsko] akcijo.",
            "Časovno omejitev uporabe <lahko nastavite|lahko nastaviš> za vsak otrokov telefon posebej.",
        ],
        en_titles=["A family plan for grown-ups and kids"],
        en=[
            "Student status gives you $gb GB extra.",
            "Manage the shared plan in the $app app.",
            "The kids' smartwatch with GPS costs $price_small_en a month.",
            "The student plan also works during an Erasmus exchange.",
        ],
    ),
    "support_app": dict(
        sl_titles=[
            "Pomoč, ko jo <potrebujete|potrebuješ>",
            "Aplikacija $app v novi preobleki",
            "Kaj vse zmore aplikacija $app?",
        ],
        sl=[
            "Račune za zadnjih [12|24] mesecev <najdete|najdeš> v razdelku Moji računi.",
            "V aplikaciji je na voljo tudi [preverjanje pokritosti|test hitrosti|samodejna diagnostika usmerjevalnika].",
            "Klicni center smo okrepili, saj se je ekipi pridružilo $n_small novih svetovalcev.",
            "Naši svetovalci govorijo slovensko, angleško in [italijansko|madžarsko|nemško].",
            "Na <vaše|tvoje> sporočilo odgovorimo [v povprečju v 15 minutah|v najkrajšem možnem času].",
            "Dostop do aplikacije je zaščiten z [biometrično prijavo|dvostopenjskim preverjanjem].",
            "Ocena aplikacije v trgovinah z aplikacijami je [4,6|4,7|4,8] od 5.",
            "Obisk tehnika na domu <lahko naročite|lahko naročiš> tudi ob sobotah.",
            "Zapis pogovora s klepetalnikom <prejmete|prejmeš> na elektronski naslov.",
        ],
        en_titles=["Help when you need it"],
        en=[
            "Find your bills for the past 12 months under My bills.",
            "The app also includes a speed test and router diagnostics.",
            "Our advisers speak Slovenian, English and Italian.",
            "The app is rated [4.6|4.7|4.8] out of 5 in the app stores.",
        ],
    ),
    "sustainability": dict(
        sl_titles=[
            "Zeleni teden v naših prodajalnah",
            "Popravi, ne zavrzi",
            "Kaj se zgodi s starim telefonom?",
        ],
        sl=[
            "V [naših prodajalnah|prodajalni $city_loc] zbiramo tudi stare polnilnike in kable.",
            "[Vsak peti|Skoraj vsak četrti] telefon, ki ga prodamo, je obnovljen.",
            "Stare baterije <lahko oddate|lahko oddaš> v posebnih zbiralnikih v prodajalnah.",
            "Hlajenje podatkovnega centra smo posodobili in porabo energije zmanjšali za $pct_small %.",
            "S partnerji smo letos posadili več kot $n_k tisoč dreves.",
            "Naše trajnostno poročilo je pregledala neodvisna revizijska hiša.",
            "Izdelki z oznako Eko izbira imajo daljšo življenjsko dobo in manjši ogljični odtis.",
            "Popravilo zaslona je pogosto boljša izbira kot nov telefon.",
        ],
        en_titles=["Repair, don't replace"],
        en=[
            "Every fifth phone we sell is refurbished.",
            "Drop off old batteries in the collection boxes in our stores.",
            "With partners we planted more than $n_k thousand trees this year.",
            "Repairing a screen is often better than buying a new phone.",
        ],
    ),
    "cybersecurity": dict(
        sl_titles=[
            "Prevara s kodo QR: kako jo prepoznati",
            "Varno nakupovanje na spletu",
            "[Mesec|Teden] kibernetske varnosti",
        ],
        sl=[
            "Lažne spletne strani so pogosto skoraj enake pravim, razlikujejo se le v [eni črki|naslovu].",
            "Banke in operaterji <vas|te> nikoli ne bodo prosili za namestitev programa za oddaljeni dostop.",
            "Starejšim svojcem <razložite|razloži>, kako prepoznati sumljiv klic.",
            "Gesla naj bodo dolga in različna za vsak račun.",
            "Število prijavljenih prevar se je v zadnjem četrtletju povečalo za $pct_small %.",
            "V primeru kraje telefona <nas takoj pokličite|nas takoj pokliči>, da kartico SIM zaklenemo.",
            "Sumljive številke samodejno označimo kot možno prevaro.",
            "Pred spletnim nakupom <preverite|preveri> ocene trgovca in naslov spletne strani.",
        ],
        en_titles=["Safe online shopping", "QR code scams: how to spot them"],
        en=[
            "Fake websites often differ from the real ones by a single letter.",
            "We will never ask you to install remote-access software.",
            "Use long, different passwords for every account.",
            "If your phone is stolen, call us right away so we can lock the SIM.",
        ],
    ),
    "community": dict(
        sl_titles=["Skupaj za lepši kraj", "Dobrodelni koncert $city_loc", "Zbrali smo $n_k tisoč evrov!"],
        sl=[
            "Letos smo s sredstvi iz razpisa podprli [gasilce|planinska društva|mladinske centre] v $n_small občinah.",
            "Na otroškem oddelku bolnišnice $city_loc smo uredili brezplačen Wi-Fi.",
            "Naši prostovoljci so [očistili obrežje reke|pomagali v razdeljevalnici hrane|obnovili otroško igrišče].",
            "Za vsak pretečen kilometer[| na teku $city_loc] smo v dobrodelni sklad prispevali [en evro|dva evra].",
            "Ekipa iz prodajalne $city_loc je sodelovala na [krvodajalski|čistilni] akciji.",
            "Prejemnike donacij bomo razglasili $date.",
            "Mladim glasbenikom smo omogočili brezplačne vaje v [našem studiu|prostorih mladinskega centra].",
        ],
        en_titles=["Together for a better town"],
        en=[
            "Our volunteers cleaned up the riverbank.",
            "We set up free Wi-Fi in the children's ward of the hospital in $city_en.",
            "For every kilometre run we donated one euro.",
            "The recipients of donations will be announced on $date_en.",
        ],
    ),
    "esports": dict(
        sl_titles=[
            "Gaming vikend $city_loc",
            "Zmagovalci turnirja $league",
            "Ping pod 10 ms: nov gaming paket",
        ],
        sl=[
            "Kvalifikacije potekajo prek spleta, finale pa v živo $city_loc.",
            "Na LAN turnirju se je zbralo več kot $n_small igralcev.",
            "Med odmori bodo na odru nastopili [znani streamerji|slovenski igralci|gostje iz tujine].",
            "Gledalci lahko med prenosom sodelujejo v nagradni igri.",
            "Gaming paket vključuje tudi naročnino na [Xbox Game Pass|PlayStation Plus] za šest mesecev.",
            "Letošnja sezona lige ima rekordno število prijavljenih ekip.",
            "Najboljša ekipa se uvrsti na [regionalno|mednarodno] finale.",
            "Pred finalom smo z ekipo [Risi|Zmaji] pripravili trening v živo.",
        ],
        en_titles=["Gaming weekend in $city_en"],
        en=[
            "Qualifiers are online, the final is live in $city_en.",
            "Streamers will play on stage between matches.",
            "The gaming bundle includes six months of [Xbox Game Pass|PlayStation Plus].",
            "This season has a record number of teams.",
        ],
    ),
    "seniors": dict(
        sl_titles=[
            "Digitalna Lipa: nov cikel delavnic",
            "Pametni telefon? Ni težko!",
            "Varno na spletu tudi po sedemdesetem letu",
        ],
        sl=[
            "Na zadnji delavnici $city_loc smo se učili [naročanja k zdravniku prek spleta|uporabe aplikacije za plačila|nastavitve aplikacije za sporočila].",
            "Udeleženci so povedali, da se zdaj na telefonu počutijo bolj samozavestno.",
            "Delavnice so primerne tudi za popolne začetnike.",
            "Za udeležence so na voljo tudi telefoni za vaje, če svojega še nimajo.",
            "Ob koncu cikla udeleženci prejmejo potrdilo o udeležbi.",
            "K sodelovanju vabimo tudi vnuke, ki bi radi pomagali kot prostovoljci.",
            "Zanimanje je tako veliko, da smo dodali nov termin $city_loc.",
            "Na delavnici o e-upravi smo pokazali, kako oddati vlogo za [potni list|osebno izkaznico] prek spleta.",
        ],
        en_titles=["Smartphones made easy for seniors"],
        en=[
            "The workshops are suitable for complete beginners.",
            "Practice phones are available for those who do not have one yet.",
            "Due to high demand we have added a new session in $city_en.",
            "Participants say they now feel more confident using their phones.",
        ],
    ),
    "esim": dict(
        sl_titles=[
            "eSIM za potovanja: [internet takoj po pristanku|brez iskanja lokalne kartice]",
            "eSIM v treh korakih",
        ],
        sl=[
            "Ob nakupu novega telefona <vam|ti> eSIM nastavimo kar v prodajalni.",
            "eSIM <lahko uporabljate|lahko uporabljaš> tudi na pametni uri, ki deluje brez telefona.",
            "Potovalni eSIM deluje tudi [v ZDA, Kanadi in na Japonskem|v Turčiji, Egiptu in na Tajskem].",
            "Za aktivacijo eSIM-a <potrebujete|potrebuješ> povezavo Wi-Fi.",
        ],
        en_titles=["Travel eSIM: online the moment you land"],
        en=[
            "We can set up your eSIM in store when you buy a new phone.",
            "The travel eSIM also works in the USA, Canada and Japan.",
            "You need a Wi-Fi connection to activate the eSIM.",
        ],
    ),
}
for _t, _m in MORE.items():
    TOPICS[_t]["sl"]["titles"] += _m["sl_titles"]
    TOPICS[_t]["sl"]["sents"] += _m["sl"]
    TOPICS[_t]["en"]["titles"] += _m["en_titles"]
    TOPICS[_t]["en"]["sents"] += _m["en"]

FILLER_SL += [
    "Hvala za vsa vprašanja in komentarje!",
    "<Vabljeni!|Se vidimo!>",
    "Za vsa dodatna vprašanja smo dosegljivi [na brezplačni številki|v klepetu|po telefonu in e-pošti].",
    "Več o tem [v prihodnjih tednih|kmalu].",
    "<Ostanite z nami|Ostani z nami>, novosti še prihajajo.",
    "Nekaj [res|zares|prav] dobrega se obeta.",
    "Kot vedno – preprosto in brez drobnega tiska.",
    "Vse to brez dodatnih stroškov.",
    "Ponudba velja v vseh prodajalnah in v spletni trgovini.",
    "Radi slišimo <vaše|tvoje> izkušnje.",
]
FILLER_EN += [
    "Thanks for all your questions and comments!",
    "More on this soon.",
    "Something good is coming.",
    "As always – simple, with no small print.",
    "Available in all our stores and online.",
    "We love hearing about your experience.",
]
OPENERS_SL += ["Dober dan!", "Novost tedna:", "Mimogrede:", "Tole je za <vas|tebe>:", "Vroče!"]
OPENERS_EN += ["Hello!", "This one's for you:", "By the way:", "New this week:"]


# Synonyms: each brand prefers one form of every group (a source of brand-distinctive terms)
SYNONYMS = {
    "sl": [
        ["za pomoč uporabnikom", "za podporo strankam"],
        ["na naši spletni strani", "na našem spletnem mestu"],
        ["po elektronski pošti", "po e-pošti"],
        ["v spletni trgovini", "v spletni prodajalni"],
        ["uporabniki", "naročniki"],
        ["uporabnikov", "naročnikov"],
        ["uporabnikom", "naročnikom"],
        ["uporabnike", "naročnike"],
        ["prodajalni", "poslovalnici"],
        ["prodajalnah", "poslovalnicah"],
        ["prodajalno", "poslovalnico"],
        ["prodajalne", "poslovalnice"],
        ["prodajaln", "poslovalnic"],
        ["zdaj", "sedaj"],
        ["takoj", "nemudoma"],
        ["na voljo", "na razpolago"],
        ["trenutno", "ta trenutek"],
        ["elektronski naslov", "e-naslov"],
        ["lani", "v preteklem letu"],
        ["letos", "v letošnjem letu"],
    ],
    "en": [
        ["customers", "subscribers"],
        ["stores", "shops"],
        ["website", "site"],
        ["free of charge", "at no cost"],
        ["straight away", "right away", "immediately"],
        ["soon", "shortly"],
        ["Thanks", "Thank you"],
    ],
}
SYN_RE = {
    lang: [
        re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(x) for f in g for x in dict.fromkeys([f, f[0].upper() + f[1:]]))
            + r")(?![\w-])"
        )
        for g in groups
    ]
    for lang, groups in SYNONYMS.items()
}
SYN_PREF: dict[tuple, list[float]] = {}

WRAPPERS = {  # lead-ins that fit any sentence of a post
    "sl": ["Dobra novica: ", "Na kratko: ", "Pomembno: ", "<Ne pozabite|Ne pozabi>: ", "Novo: "],
    "en": ["Good news: ", "In short: ", "Important: ", "Don't forget: ", "New: "],
}
WRAPPERS_LATER = {  # lead-ins that only fit after a first sentence
    "sl": ["Še to: ", "Mimogrede: ", "In še: ", "Poleg tega: "],
    "en": ["Also: ", "By the way: ", "Plus: "],
}

# price range (EUR) of each phone, for a believable "from" price
PHONE_PRICES = {
    "Samsung Galaxy S26": (899, 999),
    "Samsung Galaxy S26 Ultra": (1299, 1449),
    "Samsung Galaxy A57": (399, 449),
    "iPhone 17": (899, 999),
    "iPhone 17 Pro": (1199, 1349),
    "Google Pixel 10a": (449, 549),
    "Xiaomi 16": (749, 899),
    "Honor Magic 8": (799, 949),
    "Motorola Edge 70": (499, 599),
    "Samsung Galaxy Z Flip8": (1099, 1199),
    "Nothing Phone (3)": (699, 799),
    "OnePlus 14": (899, 999),
    "Xiaomi Redmi Note 15": (249, 349),
}

# --------------------------------------------------------------------------------------
# Feeds (files) and volumes
# --------------------------------------------------------------------------------------
# rate: background posts per week; p_en: share of English posts
FEEDS = [
    dict(key="lipa_blog", brand="lipa", channel="blog", kind="rss", rate=1.4, p_en=0.45),
    dict(key="lipa_newsroom", brand="lipa", channel="newsroom", kind="atom", rate=0.9, p_en=0.40),
    dict(key="lipa_instagram", brand="lipa", channel="instagram", kind="meta_ig", rate=4.6, p_en=0.12),
    dict(key="lipa_facebook", brand="lipa", channel="facebook", kind="meta_fb", rate=6.1, p_en=0.05),
    dict(
        key="lipa_linkedin",
        brand="lipa",
        channel="linkedin",
        kind="linkedin",
        rate=3.2,
        p_en=0.85,
        encoding="utf-8",
    ),
    dict(key="alpcom_blog", brand="alpcom", channel="blog", kind="rss", rate=2.2, p_en=0.50),
    dict(key="alpcom_newsroom", brand="alpcom", channel="newsroom", kind="atom", rate=1.3, p_en=0.45),
    dict(key="alpcom_instagram", brand="alpcom", channel="instagram", kind="meta_ig", rate=5.6, p_en=0.20),
    dict(key="alpcom_facebook", brand="alpcom", channel="facebook", kind="meta_fb", rate=6.6, p_en=0.05),
    dict(
        key="alpcom_linkedin",
        brand="alpcom",
        channel="linkedin",
        kind="linkedin",
        rate=3.8,
        p_en=0.90,
        encoding="utf-8-sig",
    ),
    dict(key="dravanet_blog", brand="dravanet", channel="blog", kind="rss", rate=1.6, p_en=0.15),
    dict(
        key="dravanet_instagram", brand="dravanet", channel="instagram", kind="meta_ig", rate=3.5, p_en=0.04
    ),
    dict(key="dravanet_facebook", brand="dravanet", channel="facebook", kind="meta_fb", rate=5.7, p_en=0.02),
    dict(
        key="dravanet_linkedin",
        brand="dravanet",
        channel="linkedin",
        kind="linkedin",
        rate=2.4,
        p_en=0.40,
        encoding="cp1250",
    ),
    dict(key="kras_newsroom", brand="kras", channel="newsroom", kind="atom", rate=2.0, p_en=0.45),
    dict(key="kras_instagram", brand="kras", channel="instagram", kind="meta_ig", rate=3.5, p_en=0.08),
    dict(key="kras_facebook", brand="kras", channel="facebook", kind="meta_fb", rate=6.3, p_en=0.04),
    dict(
        key="kras_linkedin",
        brand="kras",
        channel="linkedin",
        kind="linkedin",
        rate=2.9,
        p_en=0.80,
        encoding="utf-8",
    ),
    dict(key="modrival_blog", brand="modrival", channel="blog", kind="rss", rate=1.7, p_en=0.40),
    dict(
        key="modrival_instagram", brand="modrival", channel="instagram", kind="meta_ig", rate=7.0, p_en=0.35
    ),
    dict(key="modrival_facebook", brand="modrival", channel="facebook", kind="meta_fb", rate=4.6, p_en=0.08),
]
for _f in FEEDS:
    _ext = {"rss": "xml", "atom": "xml"}.get(_f["kind"], "csv")
    _dir = "feeds" if _ext == "xml" else "exports"
    _f["file"] = f"{_dir}/{_f['key']}.{_ext}"
FEED_BY_KEY = {f["key"]: f for f in FEEDS}

TOPIC_WEIGHTS = {
    "lipa": {
        "5g": 10,
        "fibre": 10,
        "tv_sport": 8,
        "roaming": 7,
        "smartphones": 9,
        "family_youth": 12,
        "support_app": 11,
        "sustainability": 10,
        "cybersecurity": 9,
        "community": 8,
    },
    "alpcom": {
        "5g": 15,
        "fibre": 11,
        "tv_sport": 8,
        "roaming": 7,
        "smartphones": 13,
        "family_youth": 6,
        "support_app": 8,
        "sustainability": 6,
        "cybersecurity": 8,
        "community": 5,
        "esports": 7,
    },
    "dravanet": {
        "5g": 6,
        "fibre": 16,
        "tv_sport": 10,
        "roaming": 5,
        "smartphones": 6,
        "family_youth": 8,
        "support_app": 8,
        "sustainability": 5,
        "cybersecurity": 6,
        "community": 14,
        "esports": 8,
    },
    "kras": {
        "5g": 9,
        "fibre": 12,
        "tv_sport": 14,
        "roaming": 9,
        "smartphones": 7,
        "family_youth": 7,
        "support_app": 7,
        "sustainability": 6,
        "cybersecurity": 8,
        "community": 8,
        "esports": 6,
    },
    "modrival": {
        "5g": 7,
        "fibre": 5,
        "tv_sport": 8,
        "roaming": 10,
        "smartphones": 14,
        "family_youth": 13,
        "support_app": 6,
        "sustainability": 6,
        "cybersecurity": 5,
        "community": 5,
        "esports": 12,
    },
}
CHANNEL_AFFINITY = {
    "linkedin": {
        "5g": 1.7,
        "fibre": 1.3,
        "sustainability": 1.7,
        "community": 1.3,
        "cybersecurity": 1.3,
        "smartphones": 0.4,
        "roaming": 0.4,
        "tv_sport": 0.5,
        "family_youth": 0.5,
        "esports": 0.9,
    },
    "instagram": {
        "smartphones": 1.4,
        "roaming": 1.4,
        "tv_sport": 1.3,
        "esports": 1.5,
        "support_app": 0.6,
        "5g": 0.7,
        "fibre": 0.6,
        "cybersecurity": 0.7,
    },
    "newsroom": {
        "5g": 1.6,
        "fibre": 1.4,
        "sustainability": 1.4,
        "community": 1.2,
        "roaming": 0.7,
        "esports": 0.6,
        "support_app": 0.8,
        "smartphones": 0.7,
    },
    "blog": {"support_app": 1.3, "cybersecurity": 1.3, "smartphones": 1.2},
    "facebook": {},
}
# month -> multiplier
SEASON = {
    "roaming": {5: 1.3, 6: 2.6, 7: 3.0, 8: 2.6, 9: 0.8, 2: 0.3, 3: 0.3, 4: 0.5, 10: 0.3, 11: 0.3},
    "tv_sport": {2: 2.0, 3: 1.3, 6: 2.0, 7: 1.6, 8: 0.8},
    "smartphones": {2: 1.3, 3: 1.2, 9: 1.8, 11: 1.6, 7: 0.7},
    "family_youth": {8: 1.8, 9: 2.0, 6: 1.2},
    "cybersecurity": {10: 1.5, 11: 1.7},
    "sustainability": {4: 1.8, 6: 1.2},
    "community": {6: 1.4, 7: 1.3, 12: 1.5, 2: 0.8},
    "fibre": {3: 1.2, 4: 1.3, 5: 1.2, 10: 1.2},
}

DOW_WEIGHTS = {
    "blog": [1.0, 1.2, 1.2, 1.1, 0.8, 0.0, 0.0],
    "newsroom": [1.0, 1.2, 1.2, 1.1, 0.7, 0.0, 0.0],
    "linkedin": [0.9, 1.3, 1.3, 1.2, 0.6, 0.0, 0.0],
    "facebook": [1.0, 1.0, 1.0, 1.0, 0.9, 0.35, 0.25],
    "instagram": [0.9, 0.9, 1.0, 1.0, 1.0, 0.8, 0.7],
}

BLOG_AUTHORS = {
    "lipa": ["Maja Kralj", "Urška Petek", "Jan Kovačič"],
    "alpcom": ["Rok Vidmar", "Tina Rozman", "Blaž Oblak"],
    "dravanet": ["Katja Kos", "Matej Lah"],
    "modrival": ["Luka Horvat", "Zala Turk", "Nik Zorman"],
}
LINKEDIN_POSTERS = {
    "lipa": ["Maja Kralj", "Eva Novak"],
    "alpcom": ["Nina Golob", "Tina Rozman"],
    "dravanet": ["Katja Kos", "Matej Lah"],
    "kras": ["Petra Bizjak", "Martin Kosmač"],
}


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------
def ljubljana_offset(d: datetime) -> int:
    """UTC offset in hours for a naive local Europe/Ljubljana time (EU DST rules)."""
    y = d.year

    def last_sunday(month: int) -> date:
        nxt = date(y, month + 1, 1)
        last = nxt - timedelta(days=1)
        return last - timedelta(days=(last.weekday() + 1) % 7)

    start = datetime.combine(last_sunday(3), datetime.min.time()) + timedelta(hours=2)
    end = datetime.combine(last_sunday(10), datetime.min.time()) + timedelta(hours=3)
    return 2 if start <= d < end else 1


def to_utc(local: datetime) -> datetime:
    return (local - timedelta(hours=ljubljana_offset(local))).replace(tzinfo=UTC)


def fmt_int(n: int, lang: str) -> str:
    s = f"{n:,}"
    return s.replace(",", ".") if lang == "sl" else s


def fmt_money(x: float, lang: str, style: str) -> str:
    if lang == "sl":
        v = f"{x:.2f}".replace(".", ",")
        return f"{v} €" if style == "eur_sign" else f"{v} EUR"
    return f"€{x:.2f}" if style == "eur_sign" else f"EUR {x:.2f}"


def slugify(text: str) -> str:
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return "-".join(t.split("-")[:8]) or "objava"


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    el, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= el:
            return k
        k += 1


def wchoice(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def cp1250_safe(s: str) -> str:
    out = "".join(c for c in s if c.encode("cp1250", "ignore") or c in "\n")
    out = out.replace("\u200d", "").replace("\ufe0f", "")
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = "\n".join(line.strip() for line in out.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", out).strip()


BOLD_SLOTS = {
    "speed",
    "speed5g",
    "price",
    "price_en",
    "net",
    "mobile",
    "tv",
    "family",
    "youth",
    "phone_price",
    "phone_price_en",
    "prize",
    "app",
}
REG_RE = re.compile(r"<([^<>|]*)\|([^<>|]*)>")
ALT_RE = re.compile(r"\[([^\[\]]*)\]")
SLOT_RE = re.compile(r"\$([a-z][a-z0-9_]*)")
MARK_RE = re.compile("[\x01\x02]")


def plain(s: str) -> str:
    return MARK_RE.sub("", s)


class Ctx:
    """Per-post slot values; the same slot name yields the same value within a post."""

    def __init__(self, rng: random.Random, brand: str, lang: str, local: datetime):
        self.rng, self.brand, self.lang, self.local = rng, brand, lang, local
        self.b = BRANDS[brand]
        self.register = self.b["register"]
        self.cache: dict[str, str] = {}
        self.base: dict[str, object] = {}
        self.used: set = set()
        self.wrap = 0.0  # chance to give a topic sentence a lead-in
        self.cross = False  # rendering a sentence of a second topic

    def _city(self, key: str):
        if key not in self.base:
            taken = [v for k, v in self.base.items() if k.startswith("city")]
            pool = [c for c in self.b["cities"] if c not in taken]
            # the brand's home cities come first in its list: weight them up
            w = [max(1.0, 6.0 - i * 0.6) for i in range(len(pool))]
            self.base[key] = self.rng.choices(pool, weights=w, k=1)[0]
        return CITIES[self.base[key]]

    def _town(self, key: str) -> int:
        if key not in self.base:
            taken = [v for k, v in self.base.items() if k.startswith("town")]
            pool = [i for i in range(len(TOWNS_ACC)) if i not in taken]
            self.base[key] = self.rng.choice(pool)
        return self.base[key]

    def slot(self, name: str) -> str:
        if name not in self.cache:
            v = self._make(name)
            self.cache[name] = f"\x01{v}\x02" if name in BOLD_SLOTS else v
        return self.cache[name]

    def _make(self, name: str) -> str:
        rng, lang, b = self.rng, self.lang, self.b
        m = re.fullmatch(r"(city\d?)(?:_(loc|gen|from|en))?", name)
        if m:
            c = self._city(m.group(1))
            return {None: c[0], "en": c[0], "loc": c[1], "gen": c[2], "from": c[3]}[m.group(2)]
        m = re.fullmatch(r"(town\d?)_(acc|en)", name)
        if m:
            i = self._town(m.group(1))
            return TOWNS_ACC[i] if m.group(2) == "acc" else TOWNS_EN[i]
        if name.startswith("region"):
            if "region" not in self.base:
                self.base["region"] = rng.choice(b["regions"])
            r = REGIONS[self.base["region"]]
            return r[1] if name.endswith("_en") else r[0]
        if name in b["products"]:
            return b["products"][name]
        if name == "brand":
            return b["name"]
        if name == "brand_gen":
            return b["gen"]
        if name == "brand_loc":
            return b["loc"]
        if name == "domain":
            return b["domain"]
        if name == "n_sites":
            return str(rng.randint(5, 64))
        if name == "n_homes":
            return fmt_int(rng.randrange(300, 9000, 50), lang)
        if name == "n_k":
            return str(rng.choice([3, 4, 5, 6, 8, 10, 12, 15, 18, 20, 25, 30, 40, 45, 60]))
        if name == "mio":
            return str(rng.choice([12, 18, 25, 30, 40, 55, 70, 85, 120, 150]))
        if name == "pct":
            return str(rng.randint(38, 98))
        if name == "pct_small":
            return str(rng.choice([10, 12, 15, 18, 20, 25, 30, 35, 40]))
        if name == "n_small":
            return str(rng.randint(6, 48))
        if name == "n_ch":
            return str(rng.randrange(90, 270, 10))
        if name == "n_hd":
            return str(rng.randrange(40, 90, 5))
        if name == "n_sr":
            return fmt_int(rng.randrange(400, 3200, 50), lang)
        if name == "gb":
            return str(rng.choice([5, 10, 15, 20, 30, 50, 100]))
        if name == "speed":
            v = rng.choice(["300 Mbit/s", "500 Mbit/s", "1 Gbit/s", "2 Gbit/s", "1 Gbit/s", "10 Gbit/s"])
            return v
        if name == "speed5g":
            v = rng.choice(["600 Mbit/s", "800 Mbit/s", "1 Gbit/s", "1,2 Gbit/s", "1,5 Gbit/s"])
            return v.replace(",", ".") if lang == "en" else v
        if name in ("price", "price_en"):
            x = rng.choice([9.99, 14.99, 19.99, 22.90, 24.99, 29.99, 34.99, 39.90, 44.99, 49.99])
            return fmt_money(x, lang, b["price_style"])
        if name in ("price_small", "price_small_en"):
            x = rng.choice([2.99, 3.99, 4.99, 5.99, 6.99, 7.99, 9.99])
            return fmt_money(x, lang, b["price_style"])
        if name in ("phone_price", "phone_price_en"):
            lo, hi = PHONE_PRICES[plain(self.slot("phone"))]
            x = rng.randrange(lo, hi + 1, 50)
            return fmt_int(x, lang) + " EUR" if lang == "sl" else "EUR " + fmt_int(x, lang)
        if name in ("daypart", "daypart_en"):
            wd = self.local.weekday()
            i = 0 if wd == 0 else (1 if wd >= 4 else 2)
            return (["začetek tedna", "vikend", "dan"] if name == "daypart" else ["week", "weekend", "day"])[
                i
            ]
        if name == "disc":
            return str(rng.randrange(50, 310, 10))
        if name == "prize":
            return fmt_int(rng.choice([2000, 3000, 5000, 8000, 10000, 15000]), lang)
        if name == "phone":
            return rng.choice(PHONES)
        if name == "game":
            return rng.choice(GAMES)
        if name == "sr_f":
            return rng.choice(SENIOR_F)
        if name == "sr_m":
            return rng.choice(SENIOR_M)
        if name == "sr_age":
            return str(rng.randint(68, 89))
        if name in ("date", "date_en", "date_acc"):
            if "date" not in self.base:
                self.base["date"] = self.local.date() + timedelta(days=rng.randint(4, 35))
            d = self.base["date"]
            if name == "date":
                return f"{d.day}. {MONTHS_GEN[d.month - 1]}"
            if name == "date_acc":
                return f"{d.day}. {MONTHS_NOM[d.month - 1]}"
            return f"{d.day} {MONTHS_EN[d.month - 1]}"
        if name in ("time", "time_en"):
            t = self.local - timedelta(minutes=rng.choice([5, 10, 15, 20, 30]))
            t = t.replace(minute=t.minute - t.minute % 5)
            return f"{t.hour}.{t.minute:02d}" if name == "time" else f"{t.hour}:{t.minute:02d}"
        if name in ("event_gen", "event_en"):
            if "event" not in self.base:
                self.base["event"] = rng.choice(EVENTS.get(self.local.month, EVENTS[10]))
            e = self.base["event"]
            return e[0] if name == "event_gen" else e[1]
        raise KeyError(f"unknown slot ${name}")


def render(tpl: str, ctx: Ctx) -> str:
    s = REG_RE.sub(lambda m: m.group(1) if ctx.register == "vi" else m.group(2), tpl)
    while True:
        m = ALT_RE.search(s)
        if not m:
            break
        s = s[: m.start()] + ctx.rng.choice(m.group(1).split("|")) + s[m.end() :]
    s = apply_synonyms(s, ctx)
    return SLOT_RE.sub(lambda m: ctx.slot(m.group(1)), s)


def apply_synonyms(s: str, ctx: Ctx) -> str:
    for gi, rx in enumerate(SYN_RE[ctx.lang]):
        if not rx.search(s):
            continue
        forms = SYNONYMS[ctx.lang][gi]
        w = SYN_PREF[(ctx.brand, ctx.lang, gi)]

        def sub(m, forms=forms, w=w):
            v = ctx.rng.choices(forms, weights=w, k=1)[0]
            return v[0].upper() + v[1:] if m.group(1)[0].isupper() else v

        s = rx.sub(sub, s)
    return s


PROPER_FIRST = None


def wrap_sentence(ctx: Ctx, sent: str, later: bool = False) -> str:
    """Prefix a sentence with a short lead-in ("Dobra novica: ..."), lower-casing its first word if common."""
    global PROPER_FIRST
    if PROPER_FIRST is None:
        words = set()
        for b in BRANDS.values():
            words |= {b["name"].split()[0]} | {v.split()[0] for v in b["products"].values() if v}
        for c in CITIES.values():
            words.add(c[0].split()[0])
        words |= {p.split()[0] for p in PHONES} | {
            "Digitalna",
            "EU",
            "Croatia",
            "Italy",
            "Slovenia",
            "Slovenian",
            "Twitch",
            "YouTube",
            "Erasmus",
            "ISIC",
            "Gospa",
            "Gospod",
        }
        PROPER_FIRST = words
    p = plain(sent)
    first = p.split(" ")[0] if p else ""
    if not first or not first[0].isalpha() or first in PROPER_FIRST or any(ch.isupper() for ch in first[1:]):
        return sent
    lead = render(ctx.rng.choice(WRAPPERS[ctx.lang] + (WRAPPERS_LATER[ctx.lang] if later else [])), ctx)
    i = sent.index(first[0])
    return lead + sent[:i] + sent[i].lower() + sent[i + 1 :]


# --------------------------------------------------------------------------------------
# Brand voice: each brand uses its own subset of every pool
# --------------------------------------------------------------------------------------
SUB: dict[tuple, list[int]] = {}


def build_subsets(rng: random.Random) -> None:
    for bk in BRAND_ORDER:
        for t in TOPIC_KEYS:
            for lang in ("sl", "en"):
                for part in ("titles", "sents"):
                    n = len(TOPICS[t][lang][part])
                    if n == 0:
                        continue
                    share = 0.5 if part == "titles" else 0.6
                    k = n if t in ("seniors", "outage") else max(4, round(n * share))
                    SUB[(bk, t, lang, part)] = sorted(rng.sample(range(n), k))
        for lang, groups in SYNONYMS.items():
            for gi, g in enumerate(groups):
                pref = rng.randrange(len(g))
                SYN_PREF[(bk, lang, gi)] = [0.78 if i == pref else 0.22 / (len(g) - 1) for i in range(len(g))]
        for name, pool, share in (
            ("filler_sl", FILLER_SL, 0.6),
            ("filler_en", FILLER_EN, 0.7),
            ("open_sl", OPENERS_SL, 0.6),
            ("open_en", OPENERS_EN, 0.7),
            ("corp_en", CORPORATE_EN, 0.7),
            ("corp_sl", CORPORATE_SL, 0.8),
        ):
            SUB[(bk, name)] = sorted(rng.sample(range(len(pool)), max(3, round(len(pool) * share))))


def topic_sents(ctx: Ctx, topic: str, n: int) -> list[str]:
    idxs = [i for i in SUB[(ctx.brand, topic, ctx.lang, "sents")] if (topic, i) not in ctx.used]
    pool = TOPICS[topic][ctx.lang]["sents"]
    out = []
    for i in ctx.rng.sample(idxs, min(n, len(idxs))):
        ctx.used.add((topic, i))
        sent = render(pool[i], ctx)
        if ctx.wrap and ctx.rng.random() < ctx.wrap:
            sent = wrap_sentence(ctx, sent, later=bool(out) or ctx.cross)
        out.append(sent)
    return out


def topic_title(ctx: Ctx, topic: str) -> str:
    idxs = SUB[(ctx.brand, topic, ctx.lang, "titles")]
    return render(TOPICS[topic][ctx.lang]["titles"][ctx.rng.choice(idxs)], ctx)


def pool_line(ctx: Ctx, name: str, pool: list[str]) -> str:
    idxs = [i for i in SUB[(ctx.brand, name)] if (name, i) not in ctx.used]
    i = ctx.rng.choice(idxs or SUB[(ctx.brand, name)])
    ctx.used.add((name, i))
    return render(pool[i], ctx)


def filler(ctx: Ctx) -> str:
    return pool_line(ctx, f"filler_{ctx.lang}", FILLER_SL if ctx.lang == "sl" else FILLER_EN)


def opener(ctx: Ctx) -> str:
    return pool_line(ctx, f"open_{ctx.lang}", OPENERS_SL if ctx.lang == "sl" else OPENERS_EN)


def corporate(ctx: Ctx) -> str:
    return pool_line(ctx, f"corp_{ctx.lang}", CORPORATE_SL if ctx.lang == "sl" else CORPORATE_EN)


def signature(ctx: Ctx) -> str:
    return render(ctx.rng.choice(ctx.b["sign_sl"] if ctx.lang == "sl" else ctx.b["sign_en"]), ctx)


def cross_sents(ctx: Ctx, topic: str, n: int) -> list[str]:
    """Sentences of a second topic: they share the post's places but get their own prices and numbers."""
    saved = ctx.cache
    ctx.cache = {
        k: v for k, v in saved.items() if k.startswith(("city", "region", "town", "brand", "domain", "app"))
    }
    ctx.cross = True
    try:
        return topic_sents(ctx, topic, n)
    finally:
        ctx.cross = False
        ctx.cache = saved


def cross_topic(ctx: Ctx, p: dict) -> str | None:
    cands = [t for t in TOPIC_WEIGHTS[ctx.brand] if t != p["topic"]]
    if ctx.brand == "lipa":
        cands.append("seniors")
    if p["week"] >= N_WEEKS - RISE_WEEKS:
        cands.append("esim")
    return ctx.rng.choice(cands)


def hashtags(ctx: Ctx, topic: str, k: int, t2: str | None = None) -> list[str]:
    rng, lang = ctx.rng, ctx.lang
    tags = rng.sample(TOPICS[topic][lang]["tags"], min(len(TOPICS[topic][lang]["tags"]), max(1, k - 2)))
    if t2 and rng.random() < 0.5:
        tags.append(rng.choice(TOPICS[t2][lang]["tags"]))
    tags += rng.sample(ctx.b["tags"], rng.randint(1, min(2, len(ctx.b["tags"]))))
    if len(tags) < k:
        tags += rng.sample(GENERIC_TAGS_SL if lang == "sl" else GENERIC_TAGS_EN, min(2, k - len(tags)))
    seen, out = set(), []
    for t in tags:
        if t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out[:k]


def topic_link(ctx: Ctx, topic: str, channel: str, title: str = "") -> str:
    url = f"https://{ctx.b['domain']}/{TOPICS[topic]['path']}"
    if title and ctx.rng.random() < 0.5:
        url += "/" + "-".join(slugify(plain(title)).split("-")[:4])
    if channel in ("facebook", "linkedin", "instagram") and ctx.rng.random() < 0.45:
        url += f"?utm_source={channel}&utm_medium=social&utm_campaign={ctx.local:%Y%m}"
    return url


def add_emoji(ctx: Ctx, sents: list[str], topic: str, rate: float, cap: int = 3) -> list[str]:
    out, n = [], 0
    for s in sents:
        if n < cap and ctx.rng.random() < rate:
            e = ctx.rng.choice(TOPICS[topic]["emoji"])
            s = f"{e} {s}" if (not out and ctx.rng.random() < 0.3) else f"{s} {e}"
            n += 1
        out.append(s)
    return out


def one_liner(ctx: Ctx, topic: str) -> list[str]:
    """A very short post: a concrete headline (one with a slot) plus a brand touch."""
    titles = TOPICS[topic][ctx.lang]["titles"]
    idxs = (
        [i for i in SUB[(ctx.brand, topic, ctx.lang, "titles")] if "$" in titles[i]]
        or [i for i in range(len(titles)) if "$" in titles[i]]
        or SUB[(ctx.brand, topic, ctx.lang, "titles")]
    )
    out = [title_as_sentence(ctx, render(titles[ctx.rng.choice(idxs)], ctx))]
    r = ctx.rng.random()
    if r < 0.45:
        out.append(signature(ctx))
    elif r < 0.8:
        out.append(filler(ctx))
    return out


def title_as_sentence(ctx: Ctx, title: str) -> str:
    if title.endswith(("?", "!", ".")):
        return title
    return title + ctx.rng.choice(["!", "!", ".", ""])


# --------------------------------------------------------------------------------------
# Planning: which post goes where and when
# --------------------------------------------------------------------------------------
def pick_local_dt(rng: random.Random, week_start: date, channel: str, dow: int | None = None) -> datetime:
    if dow is None:
        dow = rng.choices(range(7), weights=DOW_WEIGHTS[channel], k=1)[0]
    d = week_start + timedelta(days=dow)
    weekend = dow >= 5
    if channel == "blog":
        hour = rng.choices(range(8, 17), weights=[2, 4, 4, 3, 2, 3, 3, 2, 1], k=1)[0]
    elif channel == "newsroom":
        hour = rng.choices(range(8, 15), weights=[3, 5, 4, 3, 2, 2, 1], k=1)[0]
    elif channel == "linkedin":
        hour = rng.choices(range(7, 18), weights=[2, 4, 3, 2, 2, 3, 2, 2, 1, 1, 0.5], k=1)[0]
    elif channel == "facebook":
        if weekend:
            hour = rng.randint(9, 19)
        else:
            hour = rng.choices(range(7, 21), weights=[1, 3, 3, 4, 3, 2, 3, 3, 2, 3, 2, 1, 1, 0.5], k=1)[0]
    else:  # instagram
        if weekend:
            hour = rng.randint(9, 21)
        elif rng.random() < 0.32:
            hour = rng.choices(range(18, 22), weights=[3, 4, 3, 1.5], k=1)[0]
        else:
            hour = rng.choices(range(9, 18), weights=[1, 2, 2, 3, 3, 2, 3, 3, 3], k=1)[0]
    if channel in ("facebook", "instagram", "linkedin") and rng.random() < 0.5:
        minute = rng.choice([0, 15, 30, 45])
    elif channel == "newsroom" and rng.random() < 0.5:
        minute = rng.choice([0, 30])
    else:
        minute = rng.randint(0, 59)
    return datetime(d.year, d.month, d.day, hour, minute)


def week_of(d: date) -> int:
    return (d - START).days // 7


BRAND_FEEDS = {bk: [f for f in FEEDS if f["brand"] == bk] for bk in BRAND_ORDER}

CRISIS_SCHEDULE = [  # Kras Telekom, network outage of 15-16 September 2026
    ("2026-09-15 07:42", "facebook", "notice", "sl"),
    ("2026-09-15 08:05", "newsroom", "notice", "sl"),
    ("2026-09-15 08:20", "instagram", "notice", "sl"),
    ("2026-09-15 09:10", "linkedin", "notice", "en"),
    ("2026-09-15 10:30", "facebook", "update", "sl"),
    ("2026-09-15 12:45", "facebook", "update", "sl"),
    ("2026-09-15 15:30", "facebook", "update", "sl"),
    ("2026-09-15 16:10", "newsroom", "update", "sl"),
    ("2026-09-15 19:20", "facebook", "update", "sl"),
    ("2026-09-15 21:40", "instagram", "update", "sl"),
    ("2026-09-16 07:30", "facebook", "update", "sl"),
    ("2026-09-16 11:15", "facebook", "restored", "sl"),
    ("2026-09-16 11:40", "newsroom", "restored", "sl"),
    ("2026-09-16 13:00", "linkedin", "apology", "sl"),
    ("2026-09-16 17:30", "instagram", "apology", "sl"),
    ("2026-09-17 09:00", "newsroom", "comp", "sl"),
    ("2026-09-17 09:30", "facebook", "comp", "sl"),
    ("2026-09-17 10:15", "linkedin", "comp", "en"),
    ("2026-09-18 10:00", "facebook", "analysis", "sl"),
    ("2026-09-18 11:30", "linkedin", "analysis", "en"),
    ("2026-09-19 10:00", "facebook", "comp", "sl"),
]

SYND_SCHEDULE = [  # (brand, feed key, local time)
    ("lipa", "lipa_newsroom", "2026-05-12 09:30"),
    ("alpcom", "alpcom_blog", "2026-05-12 11:05"),
    ("kras", "kras_newsroom", "2026-05-12 14:20"),
    ("dravanet", "dravanet_facebook", "2026-05-13 08:45"),
    ("modrival", "modrival_blog", "2026-05-13 10:15"),
]

ESIM_RISE_COUNTS = [3, 4, 4, 5]  # last four weeks


def plan_posts(rng: random.Random) -> list[dict]:
    posts: list[dict] = []

    def add(feed_key: str, topic: str, lang: str, local: datetime, signal: str = "", **extra):
        posts.append(
            dict(
                feed=feed_key,
                topic=topic,
                lang=lang,
                local=local,
                signal=signal,
                week=week_of(local.date()),
                **extra,
            )
        )

    # 1) background posts
    for f in FEEDS:
        bk, ch = f["brand"], f["channel"]
        for w in range(N_WEEKS):
            ws = START + timedelta(weeks=w)
            vol = f["rate"]
            if (ws + timedelta(days=3)).month == 8 and ch in ("blog", "newsroom", "linkedin"):
                vol *= 0.75  # summer holidays
            for _ in range(poisson(rng, vol)):
                local = pick_local_dt(rng, ws, ch)
                weights = {
                    t: TOPIC_WEIGHTS[bk][t]
                    * CHANNEL_AFFINITY[ch].get(t, 1.0)
                    * SEASON.get(t, {}).get(local.month, 1.0)
                    for t in TOPIC_WEIGHTS[bk]
                }
                topic = wchoice(rng, weights)
                lang = "en" if rng.random() < f["p_en"] else "sl"
                add(f["key"], topic, lang, local, "gap" if topic == "esports" else "")

    # 2) OWN ANGLE: Lipa Mobil's digital-skills workshops for seniors, 2-3 a week
    ch_w = {"facebook": 0.4, "instagram": 0.15, "blog": 0.15, "newsroom": 0.1, "linkedin": 0.2}
    for w in range(N_WEEKS):
        ws = START + timedelta(weeks=w)
        for _ in range(rng.choice([2, 3, 3, 2, 3])):
            ch = wchoice(rng, ch_w)
            lang = (
                "en"
                if (ch == "linkedin" and rng.random() < 0.75) or (ch == "blog" and rng.random() < 0.2)
                else "sl"
            )
            add(f"lipa_{ch}", "seniors", lang, pick_local_dt(rng, ws, ch), "own_angle")

    # 3) RISING: eSIM, rare until the last four weeks, then taken up by every brand
    rise_order: list[str] = []
    while len(rise_order) < sum(ESIM_RISE_COUNTS):
        rise_order += rng.sample(BRAND_ORDER, len(BRAND_ORDER))
    for w in range(N_WEEKS):
        ws = START + timedelta(weeks=w)
        rise = w >= N_WEEKS - RISE_WEEKS
        n = ESIM_RISE_COUNTS[w - (N_WEEKS - RISE_WEEKS)] if rise else rng.choice([0, 0, 0, 1, 1, 1, 1, 1, 2])
        if not rise and w >= N_WEEKS - RISE_WEEKS - 4:
            n = min(n, 1)
        bw = (
            {"alpcom": 3, "modrival": 3, "dravanet": 2, "kras": 2, "lipa": 2}
            if rise
            else {"alpcom": 4, "modrival": 4, "lipa": 1, "dravanet": 1, "kras": 1}
        )
        for _ in range(n):
            bk = rise_order.pop(0) if rise else wchoice(rng, bw)
            cw = {"instagram": 3, "facebook": 3, "blog": 2, "linkedin": 2, "newsroom": 1}
            f = FEED_BY_KEY[
                f"{bk}_{wchoice(rng, {c: v for c, v in cw.items() if f'{bk}_{c}' in FEED_BY_KEY})}"
            ]
            lang = "en" if rng.random() < f["p_en"] else "sl"
            add(f["key"], "esim", lang, pick_local_dt(rng, ws, f["channel"]), "rising")

    # 4) CRISIS: Kras Telekom outage week, plus rare background outage/maintenance notices
    for stamp, ch, phase, lang in CRISIS_SCHEDULE:
        add(f"kras_{ch}", "outage", lang, datetime.strptime(stamp, "%Y-%m-%d %H:%M"), "crisis", phase=phase)
    crisis_w = week_of(CRISIS_WEEK_START)
    for bk, n in (("kras", 5), ("lipa", 2), ("alpcom", 3), ("dravanet", 3), ("modrival", 2)):
        weeks = rng.sample([w for w in range(N_WEEKS - 1) if abs(w - crisis_w) > 1], n)
        for w in sorted(weeks):
            ch = "newsroom" if (bk == "kras" and rng.random() < 0.3) else "facebook"
            add(
                f"{bk}_{ch}",
                "outage",
                "sl",
                pick_local_dt(rng, START + timedelta(weeks=w), ch),
                "",
                phase=rng.choice(["maint", "local"]),
            )

    # 5) SYNDICATED: one anti-scam campaign story across five brands within two days
    for bk, fk, stamp in SYND_SCHEDULE:
        add(fk, "cybersecurity", "sl", datetime.strptime(stamp, "%Y-%m-%d %H:%M"), "syndicated", synd=bk)

    posts.sort(key=lambda p: (p["local"], p["feed"]))
    return posts


# --------------------------------------------------------------------------------------
# Composition per channel
# --------------------------------------------------------------------------------------
IG_LINE_SL = ["Povezava je v opisu profila.", "Vse podrobnosti so v opisu profila."]
IG_LINE_EN = ["Link in bio.", "Details via the link in our bio."]
CRISIS_TITLES = {
    "notice": ("Obsežne motnje v omrežju na Primorskem", "Major network outage in Primorska"),
    "update": (
        "Posodobitev: storitve postopoma znova delujejo",
        "Update: services are gradually being restored",
    ),
    "restored": ("Vse storitve znova delujejo", "All services restored"),
    "apology": ("Opravičilo našim uporabnikom", "Our apology to customers"),
    "comp": (
        "Nadomestilo za uporabnike, prizadete zaradi izpada",
        "Compensation for customers affected by the outage",
    ),
    "analysis": ("Analiza izpada in nova rezervna povezava", "Outage analysis and a new redundant route"),
}
BG_OUTAGE_TITLES = {
    "maint": [
        "Načrtovana vzdrževalna dela $city_loc",
        "Vzdrževalna dela v omrežju",
        "Obvestilo o vzdrževalnih delih",
    ],
    "local": ["Motnje $city_loc", "Obvestilo o motnjah", "Motnje v delovanju interneta in televizije"],
}


def quote_para(ctx: Ctx, sents: list[str]) -> str:
    name, gender, role_sl, role_en = ctx.rng.choice(ctx.b["people"])
    q = " ".join(sents).strip()
    if ctx.lang == "sl":
        verb = ctx.rng.choice(["je povedal", "je poudaril", "je dodal", "je pojasnil"]) + (
            "a" if gender == "f" else ""
        )
        if q.endswith("."):
            return f"»{q[:-1]}«, {verb} {name}, {role_sl} družbe {ctx.b['name']}."
        return f"»{q}« {verb} {name}, {role_sl} družbe {ctx.b['name']}."
    if q.endswith("."):
        q = q[:-1] + ","
    return f"\u201c{q}\u201d said {name}, {role_en} at {ctx.b['name']}."


def dateline(ctx: Ctx) -> str:
    d = ctx.local
    if ctx.lang == "sl":
        return f"{ctx.b['hq'][0]}, {d.day}. {MONTHS_GEN[d.month - 1]} {d.year} – "
    return f"{ctx.b['hq'][0]}, {d.day} {MONTHS_EN[d.month - 1]} {d.year} – "


def body_sentences(
    ctx: Ctx, p: dict, n: int, cross_p: float, filler_p: float, sign_p: float, opener_p: float
) -> tuple[list[str], str | None]:
    rng = ctx.rng
    out = []
    if rng.random() < opener_p:
        out.append(opener(ctx))
    out += topic_sents(ctx, p["topic"], n)
    t2 = None
    if rng.random() < cross_p:
        t2 = cross_topic(ctx, p)
        cross = cross_sents(ctx, t2, 1)
        out.insert(rng.randint(1, len(out)), cross[0]) if cross else None
    if rng.random() < filler_p:
        out.append(filler(ctx))
    if rng.random() < sign_p:
        out.append(signature(ctx))
    return out, t2


def compose_instagram(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    t2 = None
    if rng.random() < 0.11:
        sents = one_liner(ctx, t)
    else:
        sents, t2 = body_sentences(ctx, p, rng.choice([1, 2, 2, 2, 3]), 0.12, 0.45, 0.22, 0.22)
        if rng.random() < 0.15:
            sents.append(rng.choice(IG_LINE_SL if ctx.lang == "sl" else IG_LINE_EN))
    if rng.random() < 0.15:
        who = rng.choice(ctx.b["partners"])
        sents.append(
            (f"Hvala, {who}!" if ctx.lang == "sl" else f"Thanks, {who}!")
            if rng.random() < 0.5
            else f"📍 {render('$city', ctx)} {who}"
        )
    sents = add_emoji(ctx, sents, t, ctx.b["emoji_rate"])
    sep = "\n" if rng.random() < 0.4 else " "
    tags = hashtags(ctx, t, rng.randint(4, 9), t2)
    text = plain(sep.join(sents)) + "\n\n" + " ".join(tags)
    return dict(
        title="", text=text, post_type=rng.choices(["IG image", "IG carousel", "IG reel"], [55, 25, 20])[0]
    )


def compose_facebook(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    title = topic_title(ctx, t)
    t2 = None
    if rng.random() < 0.08:
        sents = one_liner(ctx, t)
    else:
        sents, t2 = body_sentences(ctx, p, rng.choices([1, 2, 3, 4], [2, 3, 3, 1])[0], 0.12, 0.5, 0.15, 0.18)
    sents = add_emoji(ctx, sents, t, ctx.b["emoji_rate"] * 0.6, cap=2)
    if len(sents) >= 4 and rng.random() < 0.6:
        cut = rng.randint(2, len(sents) - 1)
        body = " ".join(sents[:cut]) + "\n\n" + " ".join(sents[cut:])
    else:
        body = " ".join(sents)
    has_link = rng.random() < 0.6
    if has_link:
        cta = rng.choice(CTA_LINK_SL if ctx.lang == "sl" else CTA_LINK_EN)
        body += f"\n\n{cta} {topic_link(ctx, t, 'facebook', title)}"
    if rng.random() < 0.55:
        body += ("\n" if has_link else " ") + " ".join(hashtags(ctx, t, rng.randint(1, 3), t2))
    if has_link and rng.random() < 0.85:
        ptype = "Links"
    else:
        ptype = rng.choices(["Photos", "Videos", "Status"], [70, 18, 12])[0]
    return dict(title=plain(title) if ptype == "Links" else "", text=plain(body), post_type=ptype)


def compose_linkedin(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    paras = []
    hook = ""
    if rng.random() < 0.5:
        hook = topic_title(ctx, t)
        paras.append(hook + (" " + rng.choice(TOPICS[t]["emoji"]) if rng.random() < 0.3 else ""))
    sents, t2 = body_sentences(ctx, p, rng.choice([2, 2, 3, 4]), 0.1, 0.0, 0.0, 0.0)
    paras.append(" ".join(sents))
    if rng.random() < 0.6:
        paras.append(corporate(ctx))
    if rng.random() < 0.2:
        who = rng.choice(ctx.b["partners"])
        paras[-1] += f" Hvala, {who}." if ctx.lang == "sl" else f" Thank you, {who}."
    if rng.random() < 0.5:
        paras.append(("Več: " if ctx.lang == "sl" else "Read more: ") + topic_link(ctx, t, "linkedin", hook))
    paras.append(" ".join(hashtags(ctx, t, rng.randint(3, 5), t2)))
    text = plain("\n\n".join(paras))
    return dict(title="", text=text, post_type="Organic")


def html_para(s: str) -> str:
    """Escape a paragraph for HTML; the first marked slot value becomes <strong>."""
    esc = xml_escape(s)
    esc = esc.replace("\x01", "<strong>", 1).replace("\x02", "</strong>", 1)
    return MARK_RE.sub("", esc)


def link_para(ctx: Ctx, topic: str) -> tuple[str, str]:
    """(html, plain) closing paragraph with a link."""
    url = f"https://{ctx.b['domain']}/{TOPICS[topic]['path']}"
    if ctx.rng.random() < 0.3:
        url += "?utm_source=blog&utm_medium=rss"
    shown = url.split("?")[0].replace("https://", "")
    if ctx.lang == "sl":
        lead, faq = (
            ctx.rng.choice(["Več informacij:", "Vse podrobnosti na", "Preberite več na"]),
            "Pogosta vprašanja & odgovori",
        )
    else:
        lead, faq = ctx.rng.choice(["More information:", "Full details at", "Read more at"]), "FAQ & support"
    html = f'{xml_escape(lead)} <a href="{xml_escape(url)}">{xml_escape(shown)}</a>'
    txt = f"{lead} {shown}"
    if ctx.rng.random() < 0.35:
        furl = f"https://{ctx.b['domain']}/pomoc"
        html += f' · <a href="{furl}">{xml_escape(faq)}</a>'
        txt += f" · {faq}"
    return html, txt


def compose_blog(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    title = plain(topic_title(ctx, t))
    paras = []
    p1 = ([opener(ctx)] if rng.random() < 0.15 else []) + topic_sents(ctx, t, rng.choice([2, 3]))
    paras.append(" ".join(p1))
    p2 = topic_sents(ctx, t, rng.choice([1, 2, 3]))
    t2 = None
    if rng.random() < 0.25:
        t2 = cross_topic(ctx, p)
        p2 += cross_sents(ctx, t2, rng.choice([1, 2]))
    if p2:
        paras.append(" ".join(p2))
    if rng.random() < 0.45:
        more = topic_sents(ctx, t, rng.choice([1, 2]))
        paras.append(" ".join(more) if more and rng.random() < 0.6 else filler(ctx))
    last = [filler(ctx)] + ([filler(ctx)] if rng.random() < 0.4 else [])
    if rng.random() < 0.3:
        last.append(signature(ctx))
    paras.append(" ".join(last))
    lhtml, ltxt = link_para(ctx, t)
    html_paras = [f"<p>{html_para(x)}</p>" for x in paras] + [f"<p>{lhtml}</p>"]
    plain_paras = [plain(x) for x in paras] + [ltxt]
    cats = [TOPICS[t]["cat_sl" if ctx.lang == "sl" else "cat_en"], "Novice" if ctx.lang == "sl" else "News"]
    if t2 and rng.random() < 0.5:
        cats.append(TOPICS[t2]["cat_sl" if ctx.lang == "sl" else "cat_en"])
    summary_html = html_paras[0][:-4] + " [&#8230;]</p>"
    return dict(
        title=title,
        paras=plain_paras,
        html="\n".join(html_paras),
        summary_html=summary_html,
        categories=cats,
        author=rng.choice(BLOG_AUTHORS[ctx.brand]),
    )


def compose_newsroom(ctx: Ctx, p: dict) -> dict:
    rng, t = ctx.rng, p["topic"]
    title = plain(topic_title(ctx, t))
    paras = [dateline(ctx) + " ".join(topic_sents(ctx, t, 2))]
    p2 = topic_sents(ctx, t, rng.choice([2, 3]))
    if rng.random() < 0.15:
        p2 += cross_sents(ctx, cross_topic(ctx, p), 1)
    paras.append(" ".join(p2))
    q = topic_sents(ctx, t, 2)
    if q:
        paras.append(quote_para(ctx, q))
    if rng.random() < 0.5:
        extra = topic_sents(ctx, t, 1) + ([filler(ctx)] if rng.random() < 0.5 else [])
        if extra:
            paras.append(" ".join(extra))
    about = ctx.b["about_sl" if ctx.lang == "sl" else "about_en"]
    if about and rng.random() < 0.7:
        paras.append(about)
    return finish_newsroom(ctx, t, title, paras)


def finish_newsroom(ctx: Ctx, topic: str, title: str, paras: list[str]) -> dict:
    html_paras = [f"<p>{html_para(x)}</p>" for x in paras]
    if ctx.b["about_sl"] and paras[-1] in (ctx.b["about_sl"], ctx.b["about_en"]):
        head, _, rest = paras[-1].partition(":")
        html_paras[-1] = f"<p><strong>{xml_escape(head)}:</strong>{xml_escape(rest)}</p>"
    cats = [
        TOPICS[topic]["cat_sl" if ctx.lang == "sl" else "cat_en"],
        "Sporočila za javnost" if ctx.lang == "sl" else "Press releases",
    ]
    author = ctx.rng.choice(
        [
            ctx.b["people"][0][0],
            f"{ctx.b['name']}, " + ("odnosi z javnostmi" if ctx.lang == "sl" else "press office"),
        ]
    )
    return dict(
        title=title,
        paras=[plain(x) for x in paras],
        html="\n".join(html_paras),
        summary=plain(paras[0]),
        categories=cats,
        author=author,
    )


def compose_outage(ctx: Ctx, p: dict, channel: str) -> dict:
    rng, phase = ctx.rng, p["phase"]
    pools = OUTAGE_SL if ctx.lang == "sl" else OUTAGE_EN

    def take(ph: str, k: int) -> list[str]:
        items = [i for i in range(len(pools[ph])) if (ph, i) not in ctx.used]
        out = []
        for i in (
            sorted(rng.sample(items, min(k, len(items))))
            if ph != "update"
            else rng.sample(items, min(k, len(items)))
        ):
            ctx.used.add((ph, i))
            out.append(render(pools[ph][i], ctx))
        return out

    if phase in ("maint", "local"):
        sents = take(phase, rng.choice([2, 3, 4]))
        title = plain(render(rng.choice(BG_OUTAGE_TITLES[phase]), ctx))
    else:
        k = {
            "notice": rng.choice([3, 4, 5]),
            "update": rng.choice([1, 2, 3]),
            "restored": 2,
            "apology": rng.choice([2, 3]),
            "comp": rng.choice([2, 3]),
            "analysis": 2,
        }[phase]
        if phase == "update":
            first = [i for i in range(len(pools["update"])) if i < 2]
            i0 = rng.choice(first)
            ctx.used.add(("update", i0))
            sents = [render(pools["update"][i0], ctx), *take("update", k - 1)]
            if rng.random() < 0.3:
                sents += take("notice", 1)
        else:
            sents = take(phase, k)
        if phase in ("restored", "comp", "analysis") or (phase == "notice" and rng.random() < 0.5):
            sents += take("apology", 1)
        title = CRISIS_TITLES[phase][0 if ctx.lang == "sl" else 1]
    tags = TOPICS["outage"][ctx.lang]["tags"]
    url = f"https://{ctx.b['domain']}/motnje" if ctx.lang == "sl" else f"https://{ctx.b['domain']}/status"
    if channel == "facebook":
        body = " ".join(sents)
        if rng.random() < 0.5:
            body = "⚠️ " + body if ctx.b["emoji_rate"] < 0.5 else body + " 🛠️"
        if rng.random() < 0.6:
            body += f"\n\n{'Stanje storitev' if ctx.lang == 'sl' else 'Service status'}: {url}"
        if rng.random() < 0.5:
            body += "\n" + " ".join(rng.sample(tags, 2) + ctx.b["tags"][:1])
        return dict(title="", text=plain(body), post_type="Status" if rng.random() < 0.6 else "Links")
    if channel == "instagram":
        body = "⚠️ " + "\n".join(sents) + "\n\n" + " ".join(tags + ctx.b["tags"][:1])
        return dict(title="", text=plain(body), post_type="IG image")
    if channel == "linkedin":
        paras = [title, " ".join(sents), " ".join(tags[:2] + ctx.b["tags"][:1])]
        return dict(title="", text=plain("\n\n".join(paras)), post_type="Organic")
    # newsroom
    paras = [dateline(ctx) + " ".join(sents[:2])]
    if len(sents) > 2:
        paras.append(" ".join(sents[2:]))
    if phase not in ("maint", "local", "update"):
        q = take("apology", 1) or take("analysis", 1)
        if q:
            old = ctx.b["people"]
            ctx.b = dict(ctx.b, people=[old[0]])  # the CEO speaks in a crisis
            paras.append(quote_para(ctx, q))
            ctx.b = BRANDS[ctx.brand]
    return finish_newsroom(ctx, "outage", title, paras)


# The syndicated story: same core paragraphs, a brand's own intro, title, closing and tags.
SYND_CORE_1 = (
    "Slovenski operaterji so se povezali v skupno kampanjo »Ne nasedaj!«, ki uporabnike opozarja "
    "na vse pogostejše {order} prevare. Prevaranti se predstavljajo kot uslužbenci bank, operaterjev "
    "ali dostavnih služb ter od žrtev zahtevajo gesla, kode za preverjanje ali nakazila denarja. "
    "Noben operater po telefonu, SMS-u ali e-pošti nikoli ne zahteva gesel ali kod PIN."
)
SYND_CORE_2 = (
    "Po podatkih operaterjev je bilo v prvih štirih mesecih letos zaznanih več kot 48.000 sumljivih "
    "klicev in sporočil, kar je skoraj dvakrat več kot v enakem obdobju lani. Sumljiva sporočila "
    "lahko uporabniki prijavijo na skupni spletni strani ne-nasedaj.example, kampanja pa bo trajala "
    "{until}."
)
SYND = {
    "lipa": dict(
        title="Operaterji skupaj proti prevaram: kampanja »Ne nasedaj!«",
        intro="Varnost naših uporabnikov je na prvem mestu, zato se pri Lipi Mobil pridružujemo skupni kampanji operaterjev.",
        outro="Na delavnicah Digitalna Lipa bomo prepoznavanju prevar posvetili posebno pozornost.",
        order="telefonske in spletne",
        until="do konca junija",
        tags=[],
    ),
    "alpcom": dict(
        title="Skupna kampanja »Ne nasedaj!«: kako se zaščititi pred prevarami",
        intro="Danes se je začela skupna kampanja slovenskih operaterjev proti prevaram, v kateri sodeluje tudi Alpcom.",
        outro="Z brezplačno storitvijo Alpcom Ščit vas opozorimo tudi na nevarne spletne strani.",
        order="spletne in telefonske",
        until="do konca junija",
        tags=[],
    ),
    "kras": dict(
        title="Kras Telekom se pridružuje kampanji »Ne nasedaj!«",
        intro="Kras Telekom se je skupaj z drugimi operaterji pridružil vseslovenski kampanji proti prevaram.",
        outro="Sumljive klice lahko prijavite tudi na naslov varnost@krastelekom.example.",
        order="telefonske in spletne",
        until="do 30. junija",
        tags=[],
    ),
    "dravanet": dict(
        title="Ne nasedaj! Skupna kampanja operaterjev",
        intro="Pozor, prevaranti ne počivajo! ⚠️ Tudi DravaNet sodeluje v skupni kampanji operaterjev.",
        outro="",
        order="telefonske in spletne",
        until="do konca junija",
        tags=["#NeNasedaj", "#varnost", "#DravaNet"],
    ),
    "modrival": dict(
        title="Ne nasedaj! Prevaranti so vse bolj prepričljivi",
        intro="Prevare so vse bolj prepričljive, zato smo se v Modrem Valu povezali z drugimi operaterji. 💙",
        outro="Deli naprej in zaščiti tudi svoje bližnje!",
        order="telefonske in spletne",
        until="do konca junija",
        tags=[],
    ),
}


def compose_syndicated(ctx: Ctx, p: dict, channel: str) -> dict:
    s = SYND[p["synd"]]
    core1 = SYND_CORE_1.format(order=s["order"])
    core2 = SYND_CORE_2.format(until=s["until"])
    if channel == "facebook":
        body = (
            f"{s['intro']}\n\n{core1}\n\n{core2.split('. ')[0]}.\n\nVeč: https://{ctx.b['domain']}/varnost\n"
            + " ".join(s["tags"])
        )
        return dict(title=s["title"], text=body, post_type="Links")
    if channel == "newsroom":
        paras = [dateline(ctx) + s["intro"], core1, core2, s["outro"]]
        return finish_newsroom(ctx, "cybersecurity", s["title"], paras)
    # blog
    paras = [s["intro"], core1, core2, s["outro"]]
    lhtml, ltxt = link_para(ctx, "cybersecurity")
    html_paras = [f"<p>{xml_escape(x)}</p>" for x in paras] + [f"<p>{lhtml}</p>"]
    html_paras[1] = html_paras[1].replace("»Ne nasedaj!«", "<strong>»Ne nasedaj!«</strong>")
    return dict(
        title=s["title"],
        paras=[*paras, ltxt],
        html="\n".join(html_paras),
        summary_html=f"<p>{xml_escape(s['intro'])} [&#8230;]</p>",
        categories=["Varnost", "Novice", "Ne nasedaj"],
        author=BLOG_AUTHORS[ctx.brand][0],
    )


def compose(rng: random.Random, p: dict) -> dict:
    f = FEED_BY_KEY[p["feed"]]
    ctx = Ctx(rng, f["brand"], p["lang"], p["local"])
    ch = f["channel"]
    ctx.wrap = {"instagram": 0.12, "facebook": 0.12, "linkedin": 0.08, "blog": 0.06}.get(ch, 0.0)
    if p.get("synd"):
        c = compose_syndicated(ctx, p, ch)
    elif p["topic"] == "outage":
        c = compose_outage(ctx, p, ch)
    else:
        c = {
            "instagram": compose_instagram,
            "facebook": compose_facebook,
            "linkedin": compose_linkedin,
            "blog": compose_blog,
            "newsroom": compose_newsroom,
        }[ch](ctx, p)
    if f.get("encoding") == "cp1250":
        c["text"] = cp1250_safe(c["text"])
    if "paras" in c:  # feed item: truth text is title + body
        c["truth_text"] = c["title"] + "\n\n" + "\n\n".join(c["paras"])
    else:
        c["truth_text"] = (c["title"] + "\n\n" + c["text"]) if c["title"] else c["text"]
    return c


# --------------------------------------------------------------------------------------
# Engagement (CSV exports only): skewed, heavy-tailed
# --------------------------------------------------------------------------------------
SIZE = {"lipa": 1.0, "alpcom": 1.3, "dravanet": 0.45, "kras": 0.7, "modrival": 0.9}
IG_BOOST = {"modrival": 1.8, "alpcom": 1.1}
TOPIC_ENG = {
    "tv_sport": 1.25,
    "smartphones": 1.15,
    "esports": 1.2,
    "community": 1.15,
    "seniors": 1.1,
    "esim": 1.05,
    "support_app": 0.8,
    "5g": 0.9,
}


def ln(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


def engagement(rng: random.Random, p: dict, ch: str) -> dict:
    bk, topic = FEED_BY_KEY[p["feed"]]["brand"], p["topic"]
    f = SIZE[bk] * TOPIC_ENG.get(topic, 1.0)
    viral = rng.uniform(4, 10) if rng.random() < 0.02 else 1.0
    crisis = p["signal"] == "crisis"
    e: dict = {}
    if ch == "instagram":
        likes = ln(rng, 150 * f * IG_BOOST.get(bk, 1.0), 0.85) * viral
        comments = ln(rng, likes * 0.025 + 1, 0.8)
        if crisis:
            comments *= rng.uniform(12, 30)
            likes *= 0.5
        reach = likes * ln(rng, 22, 0.35)
        e = dict(
            likes=likes,
            comments=comments,
            shares=ln(rng, likes * 0.04 + 0.5, 1.0),
            saves=ln(rng, likes * 0.05 + 0.5, 0.9),
            reach=reach,
            impressions=reach * rng.uniform(1.1, 1.5),
            follows=ln(rng, likes * 0.01 + 0.2, 1.0),
        )
    elif ch == "facebook":
        reactions = ln(rng, 38 * f, 0.95) * viral
        comments = ln(rng, reactions * 0.12 + 0.5, 0.9)
        shares = ln(rng, reactions * 0.08 + 0.3, 1.0)
        if crisis:
            reactions *= rng.uniform(2, 4)
            comments *= rng.uniform(15, 40)
            shares *= rng.uniform(3, 6)
        elif topic == "outage":
            comments *= 3
        if topic == "cybersecurity":
            shares *= 2.5
        boosted = rng.random() < 0.03
        reach = reactions * ln(rng, 55, 0.4) * (3 if boosted else 1)
        e = dict(
            reactions=reactions,
            comments=comments,
            shares=shares,
            reach=reach,
            impressions=reach * rng.uniform(1.05, 1.35),
            clicks=ln(rng, reach * 0.012 + 1, 0.6),
            boosted=boosted,
        )
    elif ch == "linkedin":
        likes = ln(rng, 30 * f, 0.8) * viral
        comments = ln(rng, likes * 0.06 + 0.3, 0.9)
        if crisis:
            comments *= rng.uniform(5, 12)
        impressions = likes * ln(rng, 45, 0.35)
        e = dict(
            likes=likes,
            comments=comments,
            reposts=ln(rng, likes * 0.05 + 0.2, 1.0),
            impressions=impressions,
            clicks=impressions * ln(rng, 0.012, 0.5),
            follows=ln(rng, likes * 0.02, 1.0),
        )
    return {k: (v if isinstance(v, bool) else round(v)) for k, v in e.items()}


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------
DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MON_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def rfc822(local: datetime) -> str:
    off = ljubljana_offset(local)
    return (
        f"{DAYS_EN[local.weekday()]}, {local.day:02d} {MON_EN[local.month - 1]} {local.year} "
        f"{local:%H:%M:%S} +0{off}00"
    )


def rfc3339(local: datetime) -> str:
    return f"{local:%Y-%m-%dT%H:%M:%S}+0{ljubljana_offset(local)}:00"


def cdata(s: str) -> str:
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


FEED_META = {
    "lipa_blog": (
        "Lipa Mobil – Blog",
        "Novice, nasveti in zgodbe Lipe Mobil",
        "https://lipamobil.example/blog/",
    ),
    "alpcom_blog": (
        "Alpcom Blog",
        "Tehnologija, omrežje in nasveti | Technology, network and tips",
        "https://alpcom.example/blog/",
    ),
    "dravanet_blog": (
        "DravaNet – blog",
        "Novice domačega operaterja s Štajerske",
        "https://dravanet.example/blog/",
    ),
    "modrival_blog": (
        "Modri Val | Blog",
        "Vse, kar te zanima o mobilnem svetu",
        "https://modrival.example/blog/",
    ),
    "lipa_newsroom": (
        "Lipa Mobil – Sporočila za javnost",
        "Novinarsko središče Lipe Mobil",
        "https://lipamobil.example/novinarsko-sredisce/",
    ),
    "alpcom_newsroom": (
        "Alpcom Newsroom",
        "Sporočila za javnost in novice družbe Alpcom",
        "https://alpcom.example/newsroom/",
    ),
    "kras_newsroom": (
        "Kras Telekom – Novice in sporočila za javnost",
        "Uradne novice družbe Kras Telekom",
        "https://krastelekom.example/novice/",
    ),
}


def write_rss(path: Path, fk: str, items: list[tuple[dict, dict]]) -> None:
    title, desc, home = FEED_META[fk]
    newest = max(p["local"] for p, _ in items)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"\t<title>{xml_escape(title)}</title>",
        f'\t<atom:link href="{home}feed/" rel="self" type="application/rss+xml" />',
        f"\t<link>{home}</link>",
        f"\t<description>{xml_escape(desc)}</description>",
        f"\t<lastBuildDate>{rfc822(newest)}</lastBuildDate>",
        "\t<language>sl-SI</language>",
    ]
    for p, c in sorted(items, key=lambda x: x[0]["local"], reverse=True):
        perma = "true" if p["guid"] == p["url"] else "false"
        out += [
            "\t<item>",
            f"\t\t<title>{xml_escape(c['title'])}</title>",
            f"\t\t<link>{xml_escape(p['url'])}</link>",
            f"\t\t<dc:creator>{cdata(c['author'])}</dc:creator>",
            f"\t\t<pubDate>{rfc822(p['local'])}</pubDate>",
        ]
        out += [f"\t\t<category>{cdata(cat)}</category>" for cat in c["categories"]]
        out += [
            f'\t\t<guid isPermaLink="{perma}">{xml_escape(p["guid"])}</guid>',
            f"\t\t<description>{xml_escape(c['summary_html'])}</description>",
            f"\t\t<content:encoded>{cdata(c['html'])}</content:encoded>",
            "\t</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    path.write_bytes("\n".join(out).encode("utf-8"))


def write_atom(path: Path, fk: str, items: list[tuple[dict, dict]]) -> None:
    title, desc, home = FEED_META[fk]
    brand = BRANDS[FEED_BY_KEY[fk]["brand"]]
    newest = max(p["updated"] for p, _ in items)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sl">',
        f"  <title>{xml_escape(title)}</title>",
        f"  <subtitle>{xml_escape(desc)}</subtitle>",
        f'  <link rel="alternate" type="text/html" href="{home}"/>',
        f'  <link rel="self" type="application/atom+xml" href="{home}atom.xml"/>',
        f"  <id>{home}</id>",
        f"  <updated>{rfc3339(newest)}</updated>",
        f"  <author><name>{xml_escape(brand['name'])}</name><uri>https://{brand['domain']}/</uri></author>",
        f"  <rights>© 2026 {xml_escape(brand['name'])}</rights>",
    ]
    for p, c in sorted(items, key=lambda x: x[0]["local"], reverse=True):
        lang_attr = ' xml:lang="en"' if p["lang"] == "en" else ""
        out += [
            f"  <entry{lang_attr}>",
            f'    <title type="text">{xml_escape(c["title"])}</title>',
            f'    <link rel="alternate" type="text/html" href="{xml_escape(p["url"])}"/>',
            f"    <id>{xml_escape(p['guid'])}</id>",
            f"    <published>{rfc3339(p['local'])}</published>",
            f"    <updated>{rfc3339(p['updated'])}</updated>",
            f"    <author><name>{xml_escape(c['author'])}</name></author>",
        ]
        out += [f'    <category term="{slugify(cat)}" label="{xml_escape(cat)}"/>' for cat in c["categories"]]
        out += [
            f'    <summary type="text">{xml_escape(c["summary"])}</summary>',
            f'    <content type="html">{xml_escape(c["html"])}</content>',
            "  </entry>",
        ]
    out += ["</feed>", ""]
    path.write_bytes("\n".join(out).encode("utf-8"))


FB_COLUMNS = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Impressions",
    "Reach",
    "Reactions, comments and shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Link clicks",
    "Other clicks",
]
IG_COLUMNS = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Impressions",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
]
LI_COLUMNS = [
    "Update title",
    "Update link",
    "Update type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views (excluding off-site video views)",
    "Off-site views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]
PAGE_IDS = {
    "lipa": "104852716630112",
    "alpcom": "100574218842260",
    "dravanet": "109931477205583",
    "kras": "102286590113774",
    "modrival": "112740035516093",
}
IG_ACCOUNT_IDS = {
    "lipa": "17841402761150231",
    "alpcom": "17841405511873390",
    "dravanet": "17841448101264517",
    "kras": "17841400328761044",
    "modrival": "17841439916027751",
}


def write_csv(
    path: Path, columns: list[str], rows: list[list], delimiter: str, encoding: str, lineterminator: str
) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))  # strict: fails loudly on an unencodable char


def meta_time(local: datetime) -> str:
    return f"{local:%m/%d/%Y %H:%M}"


def li_time(local: datetime) -> str:
    return f"{local:%d.%m.%Y %H:%M}"


def dec(x: float) -> str:
    return f"{x:.4f}".replace(".", ",")


# --------------------------------------------------------------------------------------
# Identity of each post: ids, links, timestamps
# --------------------------------------------------------------------------------------
def assign_ids(rng: random.Random, posts: list[dict], composed: list[dict]) -> None:
    wp_id = {bk: rng.randint(900, 2400) for bk in BRAND_ORDER}
    seen: set[str] = set()

    def unique(make) -> str:
        while True:
            v = make()
            if v not in seen:
                seen.add(v)
                return v

    b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    for p, c in zip(posts, composed, strict=True):
        f = FEED_BY_KEY[p["feed"]]
        bk, b, kind = f["brand"], BRANDS[f["brand"]], f["kind"]
        p["utc"] = to_utc(p["local"])
        if kind == "rss":
            wp_id[bk] += rng.randint(3, 41)
            slug = f"{slugify(c['title'])}-{wp_id[bk] % 1000}"
            p["url"] = f"https://{b['domain']}/blog/{p['local']:%Y/%m}/{slug}/"
            p["guid"] = {
                "lipa": f"https://{b['domain']}/blog/?p={wp_id[bk]}",
                "alpcom": f"alpcom-blog-{wp_id[bk]}",
                "dravanet": f"https://{b['domain']}/blog/?p={wp_id[bk]}",
            }.get(bk, p["url"])
        elif kind == "atom":
            wp_id[bk] += rng.randint(1, 9)
            slug = f"{slugify(c['title'])}-{wp_id[bk]}"
            base = FEED_META[p["feed"]][2]
            p["url"] = f"{base}{p['local']:%Y}/{slug}"
            if bk == "alpcom":
                h = rng.getrandbits(128)
                hx = f"{h:032x}"
                p["guid"] = f"urn:uuid:{hx[:8]}-{hx[8:12]}-4{hx[13:16]}-a{hx[17:20]}-{hx[20:]}"
            elif bk == "kras":
                p["guid"] = f"tag:{b['domain']},{p['local']:%Y-%m-%d}:/novice/{wp_id[bk]}"
            else:
                p["guid"] = p["url"]
            p["updated"] = p["local"] + (
                timedelta(minutes=rng.randint(20, 600)) if rng.random() < 0.2 else timedelta(0)
            )
        elif kind == "meta_fb":
            p["guid"] = unique(lambda: "1221" + "".join(str(rng.randint(0, 9)) for _ in range(14)))
            p["url"] = f"https://www.facebook.example/{b['handle']}/posts/pfbid0" + "".join(
                rng.choice(b62) for _ in range(30)
            )
        elif kind == "meta_ig":
            p["guid"] = unique(lambda: "180" + "".join(str(rng.randint(0, 9)) for _ in range(14)))
            kind_path = "reel" if c["post_type"] == "IG reel" else "p"
            p["url"] = (
                f"https://www.instagram.example/{kind_path}/"
                + "".join(rng.choice(b62) for _ in range(11))
                + "/"
            )
        else:  # linkedin: activity ids carry the timestamp in their top bits, as the real ones do
            ms = int(p["utc"].timestamp() * 1000)
            p["url"] = unique(
                lambda ms=ms: (
                    f"https://www.linkedin.example/feed/update/urn:li:activity:{(ms << 22) | rng.getrandbits(22)}/"
                )
            )
            p["guid"] = p["url"]
        if kind in ("rss", "atom"):
            p["local"] = p["local"].replace(second=rng.randint(0, 59))
            p["utc"] = to_utc(p["local"])
            if kind == "atom" and p["updated"] < p["local"]:
                p["updated"] = p["local"]
            elif kind == "atom":
                p["updated"] = p["updated"].replace(second=p["local"].second)


# --------------------------------------------------------------------------------------
# Statistics for the README
# --------------------------------------------------------------------------------------
def week_label(w: int) -> str:
    return (START + timedelta(weeks=w)).isoformat()


def signal_report(truth: list[dict]) -> str:
    from collections import Counter, defaultdict

    def wk(r):
        return week_of(
            (datetime.strptime(r["published_utc"], "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=2)).date()
        )  # any post is at least 07:00 local: UTC+2 is safe

    L = []
    n = len(truth)
    by_brand = Counter(r["brand"] for r in truth)
    by_ch = Counter(r["channel"] for r in truth)
    by_lang = Counter(r["language"] for r in truth)
    L.append(f"Total posts: **{n}** (from {START.isoformat()} to {END.isoformat()}, {N_WEEKS} weeks).\n")
    L.append("| brand | posts | | channel | posts | | language | posts |")
    L.append("|---|---|---|---|---|---|---|---|")
    brands = [BRANDS[b]["name"] for b in BRAND_ORDER]
    chans = ["blog", "newsroom", "instagram", "facebook", "linkedin"]
    langs = ["sl", "en"]
    for i in range(max(len(brands), len(chans))):
        a = f"{brands[i]} | {by_brand[brands[i]]}" if i < len(brands) else " | "
        c = f"{chans[i]} | {by_ch[chans[i]]}" if i < len(chans) else " | "
        lg = (
            f"{langs[i]} | {by_lang[langs[i]]} ({100 * by_lang[langs[i]] / n:.1f} %)"
            if i < len(langs)
            else " | "
        )
        L.append(f"| {a} | | {c} | | {lg} |")
    L.append("")
    L.append("Posts per file:\n")
    L.append("| file | brand | channel | posts | English |")
    L.append("|---|---|---|---|---|")
    by_file = defaultdict(list)
    for r in truth:
        by_file[r["feed_file"]].append(r)
    for f in FEEDS:
        rows = by_file[f["file"]]
        en = sum(r["language"] == "en" for r in rows)
        L.append(f"| `{f['file']}` | {BRANDS[f['brand']]['name']} | {f['channel']} | {len(rows)} | {en} |")
    L.append("")
    L.append("Posts per planted topic and brand:\n")
    L.append("| topic | " + " | ".join(brands) + " | total |")
    L.append("|---|" + "---|" * (len(brands) + 1))
    tb = Counter((r["topic"], r["brand"]) for r in truth)
    for t in TOPIC_KEYS:
        cnt = [tb[(t, b)] for b in brands]
        L.append(f"| `{t}` | " + " | ".join(str(x) for x in cnt) + f" | {sum(cnt)} |")
    L.append("")

    # 1 rising
    esim = [r for r in truth if r["topic"] == "esim"]
    ew = Counter(wk(r) for r in esim)
    base_w = N_WEEKS - RISE_WEEKS
    base_total = sum(ew[w] for w in range(base_w))
    rise = [ew[w] for w in range(base_w, N_WEEKS)]
    base_mean = base_total / base_w
    rise_brands = Counter(r["brand"] for r in esim if wk(r) >= base_w)
    base_brands = Counter(r["brand"] for r in esim if wk(r) < base_w)
    L.append("### 1. RISING — topic `esim` (signal `rising` on every eSIM post)\n")
    L.append(
        f"- Weeks 1–{base_w} ({week_label(0)} … {week_label(base_w - 1)}): **{base_total} posts**, "
        f"{base_mean:.2f} per week (max {max(ew[w] for w in range(base_w))} in a week; "
        f"{sum(1 for w in range(base_w) if ew[w] == 0)} weeks with none). By brand: "
        + ", ".join(f"{b} {base_brands[b]}" for b in brands)
        + "."
    )
    L.append(
        f"- Last {RISE_WEEKS} weeks ({week_label(base_w)} … {END.isoformat()}): "
        + ", ".join(f"{week_label(w)}: **{ew[w]}**" for w in range(base_w, N_WEEKS))
        + f" = {sum(rise)} posts, {sum(rise) / RISE_WEEKS:.2f} per week, "
        f"**{(sum(rise) / RISE_WEEKS) / base_mean:.1f}×** the baseline rate. By brand: "
        + ", ".join(f"{b} {rise_brands[b]}" for b in brands)
        + "."
    )
    L.append("- Weekly eSIM counts, all weeks: `" + " ".join(str(ew[w]) for w in range(N_WEEKS)) + "`\n")

    # 2 crisis
    cw = week_of(CRISIS_WEEK_START)
    kras_out = [r for r in truth if r["topic"] == "outage" and r["brand"] == "Kras Telekom"]
    kw = Counter(wk(r) for r in kras_out)
    spike = [r for r in kras_out if wk(r) == cw]
    sch = Counter(r["channel"] for r in spike)
    other = [kw[w] for w in range(N_WEEKS) if w != cw]
    all_out = [r for r in truth if r["topic"] == "outage" and r["signal"] != "crisis"]
    L.append("### 2. CRISIS SPIKE — Kras Telekom, topic `outage` (signal `crisis`)\n")
    L.append(
        f"- Week of {CRISIS_WEEK_START.isoformat()}: **{len(spike)} outage posts** by Kras Telekom "
        f"(" + ", ".join(f"{c} {sch[c]}" for c in chans if sch[c]) + "), "
        "15–19 September; the outage itself is on 15–16 September (first notice, status updates, "
        "restoration, apology, compensation, root-cause analysis). Crisis posts get 15–40× the usual comments."
    )
    L.append(
        f"- Every other week: Kras Telekom has {sum(other)} outage/maintenance posts in total "
        f"(max {max(other)} per week, mean {sum(other) / len(other):.2f}). All brands together have "
        f"{len(all_out)} routine outage/maintenance posts outside the spike, none of them within a week of it."
    )
    L.append("- Weekly Kras Telekom outage counts: `" + " ".join(str(kw[w]) for w in range(N_WEEKS)) + "`\n")

    # 3 own angle
    sen = [r for r in truth if r["topic"] == "seniors"]
    sw = Counter(wk(r) for r in sen)
    sb = Counter(r["brand"] for r in sen)
    L.append(
        "### 3. OWN ANGLE — topic `seniors` (digital-skills workshops \u201cDigitalna Lipa\u201d, signal `own_angle`)\n"
    )
    L.append(
        f"- Lipa Mobil only: **{sb['Lipa Mobil']} posts**, every week "
        f"{min(sw[w] for w in range(N_WEEKS))}–{max(sw[w] for w in range(N_WEEKS))} "
        f"(mean {len(sen) / N_WEEKS:.2f}); channels: "
        + ", ".join(f"{c} {v}" for c, v in sorted(Counter(r["channel"] for r in sen).items()))
        + f". Competitors: {sum(v for k, v in sb.items() if k != 'Lipa Mobil')}.\n"
    )

    # 4 gap
    es = [r for r in truth if r["topic"] == "esports"]
    eb = Counter(r["brand"] for r in es)
    L.append("### 4. GAP — topic `esports` (esports / gaming, signal `gap`)\n")
    for b in brands:
        weeks_with = len({wk(r) for r in es if r["brand"] == b})
        months = len({r["published_utc"][:7] for r in es if r["brand"] == b})
        L.append(f"- {b}: **{eb[b]}** posts, in {weeks_with} of {N_WEEKS} weeks, {months} of 10 months")
    L.append("")

    # 5 syndicated
    syn = [r for r in truth if r["signal"] == "syndicated"]
    L.append(
        "### 5. SYNDICATED STORY — joint anti-scam campaign \u00bbNe nasedaj!\u00ab (topic `cybersecurity`, signal `syndicated`)\n"
    )
    L.append(
        f"- {len(syn)} copies in {len({r['feed_file'] for r in syn})} feeds of "
        f"{len({r['brand'] for r in syn})} brands, {syn[0]['published_utc']} … {syn[-1]['published_utc']}. "
        "Each copy has its own title, intro sentence, closing line and hashtags around the same two core "
        "paragraphs (Alpcom's copy swaps \u201ctelefonske in spletne\u201d to \u201cspletne in telefonske\u201d, Kras Telekom's says "
        "\u201cdo 30. junija\u201d instead of \u201cdo konca junija\u201d, the DravaNet Facebook copy keeps only the first sentence "
        "of the second paragraph).\n"
    )
    L.append("| published (UTC) | brand | feed file | source_id |")
    L.append("|---|---|---|---|")
    for r in syn:
        L.append(f"| {r['published_utc']} | {r['brand']} | `{r['feed_file']}` | `{r['source_id']}` |")
    return "\n".join(L)


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------
def main() -> int:
    rng = random.Random(SEED)
    build_subsets(rng)
    posts = plan_posts(rng)
    composed = [compose(rng, p) for p in posts]
    assign_ids(rng, posts, composed)
    for p in posts:
        ch = FEED_BY_KEY[p["feed"]]["channel"]
        if ch in ("instagram", "facebook", "linkedin"):
            p["eng"] = engagement(rng, p, ch)

    (HERE / "feeds").mkdir(exist_ok=True)
    (HERE / "exports").mkdir(exist_ok=True)
    for old in list((HERE / "feeds").glob("*.xml")) + list((HERE / "exports").glob("*.csv")):
        old.unlink()

    by_feed: dict[str, list] = {f["key"]: [] for f in FEEDS}
    for p, c in zip(posts, composed, strict=True):
        by_feed[p["feed"]].append((p, c))

    for f in FEEDS:
        items = by_feed[f["key"]]
        path = HERE / f["file"]
        bk = f["brand"]
        b = BRANDS[bk]
        newest_first = sorted(items, key=lambda x: x[0]["local"], reverse=True)
        if f["kind"] == "rss":
            write_rss(path, f["key"], items)
        elif f["kind"] == "atom":
            write_atom(path, f["key"], items)
        elif f["kind"] == "meta_fb":
            rows = []
            for p, c in newest_first:
                e = p["eng"]
                link_clicks = e["clicks"] if c["post_type"] == "Links" else 0
                other = max(0, e["clicks"] // 3)
                dur = str(rng.randint(12, 95)) if c["post_type"] == "Videos" else ""
                rows.append(
                    [
                        p["guid"],
                        PAGE_IDS[bk],
                        b["name"],
                        c["title"],
                        c["text"],
                        dur,
                        meta_time(p["local"]),
                        "",
                        p["url"],
                        "false",
                        "false",
                        c["post_type"],
                        "",
                        "",
                        "Boosted" if e["boosted"] else "",
                        "",
                        "Lifetime",
                        e["impressions"],
                        e["reach"],
                        e["reactions"] + e["comments"] + e["shares"],
                        e["reactions"],
                        e["comments"],
                        e["shares"],
                        link_clicks + other,
                        link_clicks,
                        other,
                    ]
                )
            write_csv(path, FB_COLUMNS, rows, ",", "utf-8", "\n")
        elif f["kind"] == "meta_ig":
            rows = []
            for p, c in newest_first:
                e = p["eng"]
                dur = str(rng.randint(8, 60)) if c["post_type"] == "IG reel" else ""
                rows.append(
                    [
                        p["guid"],
                        IG_ACCOUNT_IDS[bk],
                        b["handle"],
                        b["name"],
                        c["text"],
                        dur,
                        meta_time(p["local"]),
                        p["url"],
                        c["post_type"],
                        "",
                        "Lifetime",
                        e["impressions"],
                        e["reach"],
                        e["likes"],
                        e["shares"],
                        e["follows"],
                        e["comments"],
                        e["saves"],
                    ]
                )
            write_csv(path, IG_COLUMNS, rows, ",", "utf-8", "\n")
        else:
            rows = []
            for p, c in newest_first:
                e = p["eng"]
                inter = e["likes"] + e["comments"] + e["reposts"] + e["clicks"]
                ctype = (
                    "Article"
                    if "http" in c["text"]
                    else rng.choice(["Image", "Image", "Text", "Video", "Document"])
                )
                views = str(int(e["impressions"] * rng.uniform(0.3, 0.6))) if ctype == "Video" else ""
                rows.append(
                    [
                        c["text"],
                        p["url"],
                        "Organic",
                        "",
                        rng.choice(LINKEDIN_POSTERS[bk]),
                        li_time(p["local"]),
                        "",
                        "",
                        "All followers",
                        e["impressions"],
                        views,
                        "",
                        e["clicks"],
                        dec(e["clicks"] / max(1, e["impressions"])),
                        e["likes"],
                        e["comments"],
                        e["reposts"],
                        e["follows"],
                        dec(inter / max(1, e["impressions"])),
                        ctype,
                    ]
                )
            write_csv(path, LI_COLUMNS, rows, ";", f["encoding"], "\r\n")

    truth = []
    for p, c in zip(posts, composed, strict=True):
        f = FEED_BY_KEY[p["feed"]]
        truth.append(
            dict(
                feed_file=f["file"],
                source_id=p["guid"],
                brand=BRANDS[f["brand"]]["name"],
                channel=f["channel"],
                language=p["lang"],
                published_utc=f"{p['utc']:%Y-%m-%dT%H:%M:%SZ}",
                topic=p["topic"],
                signal=p["signal"],
                text=c["truth_text"],
            )
        )
    truth.sort(key=lambda r: (r["published_utc"], r["feed_file"], r["source_id"]))
    cols = [
        "feed_file",
        "source_id",
        "brand",
        "channel",
        "language",
        "published_utc",
        "topic",
        "signal",
        "text",
    ]
    write_csv(HERE / "truth.csv", cols, [[r[k] for k in cols] for r in truth], ",", "utf-8", "\n")

    report = signal_report(truth)
    readme = HERE / "README.md"
    if readme.exists():
        s = readme.read_text(encoding="utf-8")
        a, b_ = "<!-- signals:start -->", "<!-- signals:end -->"
        if a in s and b_ in s:
            s = s[: s.index(a) + len(a)] + "\n" + report + "\n" + s[s.index(b_) :]
            readme.write_bytes(s.encode("utf-8"))
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
