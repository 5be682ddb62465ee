"""Text of the planted stories: the crisis outage phases, routine outage notices and the
syndicated anti-scam campaign.
"""

from __future__ import annotations

# Sentences per phase of an outage post: the crisis phases (notice, update, restored, apology, comp,
# analysis) and the routine notices outside the crisis week ("maint", "local").
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


# (Slovenian, English) title of each crisis phase
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
# titles of the routine outage and maintenance notices
BG_OUTAGE_TITLES = {
    "maint": [
        "Načrtovana vzdrževalna dela $city_loc",
        "Vzdrževalna dela v omrežju",
        "Obvestilo o vzdrževalnih delih",
    ],
    "local": ["Motnje $city_loc", "Obvestilo o motnjah", "Motnje v delovanju interneta in televizije"],
}


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
