"""Shared text pools: filler, openers, corporate lines, generic hashtags, link calls to action,
brand-preferred synonyms and sentence lead-ins.
"""

from __future__ import annotations

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
    "Thanks for all your questions and comments!",
    "More on this soon.",
    "Something good is coming.",
    "As always – simple, with no small print.",
    "Available in all our stores and online.",
    "We love hearing about your experience.",
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
    "Dober dan!",
    "Novost tedna:",
    "Mimogrede:",
    "Tole je za <vas|tebe>:",
    "Vroče!",
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
    "Hello!",
    "This one's for you:",
    "By the way:",
    "New this week:",
]
GENERIC_TAGS_SL = ["#Slovenija", "#telekomunikacije", "#novost", "#internet"]
GENERIC_TAGS_EN = ["#Slovenia", "#telecom", "#innovation", "#digital"]
CTA_LINK_SL = ["Več na", "Podrobnosti:", "Preberite več:", "👉", "Vse informacije:", "Povezava:"]
CTA_LINK_EN = ["More at", "Details:", "Read more:", "👉", "Full story:"]


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


WRAPPERS = {  # lead-ins that fit any sentence of a post
    "sl": ["Dobra novica: ", "Na kratko: ", "Pomembno: ", "<Ne pozabite|Ne pozabi>: ", "Novo: "],
    "en": ["Good news: ", "In short: ", "Important: ", "Don't forget: ", "New: "],
}
WRAPPERS_LATER = {  # lead-ins that only fit after a first sentence
    "sl": ["Še to: ", "Mimogrede: ", "In še: ", "Poleg tega: "],
    "en": ["Also: ", "By the way: ", "Plus: "],
}


# Instagram captions cannot hold links: some point to the profile instead
IG_LINE_SL = ["Povezava je v opisu profila.", "Vse podrobnosti so v opisu profila."]
IG_LINE_EN = ["Link in bio.", "Details via the link in our bio."]
