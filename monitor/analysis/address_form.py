"""Pure: does a post address its reader formally or informally, where the language marks it?

Slovenian, Croatian and Serbian: formal *vi* (vi, vas, vam, vaš…, verbs in -te: "preverite",
"imate") against informal *ti* (tebi, tvoj…, verbs in -š: "imaš", "boš", singular imperatives:
"preveri", "poglej"). German: *Sie* (Sie, Ihnen, Ihr… capitalised inside a sentence,
"Bestellen Sie") against *du* (du, dich, dir, dein…, euch, euer). French: *vous* (vous, votre,
vos, imperatives in -ez) against *tu* (tu, te, toi, ton, ta, tes, "t'"…, singular imperatives).

Each marker is a vote; the form with more votes wins and a tie or no vote gives None. Words
that only look like markers are not counted: Slovenian demonstratives ("te ponudbe", "ti
paketi"), German "sie" (she, they) in lower case, French "le ton" (the tone). Measured on
hand-written sentences by bench/quality/address_form.py.
"""

from __future__ import annotations

import re

from monitor.analysis.post_marks import HASHTAG, MENTION, without_urls

FORMAL, INFORMAL = "formal", "informal"
LANGUAGES = ("sl", "hr", "sr", "bs", "de", "fr")

_RENDEZ_VOUS = re.compile(r"\brendez-vous\b", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[.!?:;\n]+")


def _words(*groups: str) -> frozenset[str]:
    return frozenset(" ".join(groups).split())


# --- Slovenian, Croatian, Serbian (Latin script) ---------------------------------------------
_SL_FORMAL_PRONOUNS = _words(
    "vi vas vam vami vaš vaša vaše vašo vašega vašemu vašem vašim vaših vašimi vašima",
    "vaš vaša vaše vašeg vašem vašoj vašu vaši",  # hr, sr
)
_SL_INFORMAL_PRONOUNS = _words(
    "tebe tebi tabo tvoj tvoja tvoje tvojo tvojega tvojemu tvojem tvojim tvojih tvojimi tvojima",
    "tvojeg tvojoj tvoju tvoji tobom",  # hr, sr
)
# Singular imperatives and second-person singular forms that marketing posts use; each has a
# formal twin made by adding "te" ("preveri" -> "preverite"), which counts the other way.
_SL_IMPERATIVES = _words(
    "preveri poglej oglej pokliči obišči prijavi sodeluj izkoristi kupi naroči piši napiši",
    "vprašaj spremljaj pridi odkrij klikni zavrti pohiti označi komentiraj rezerviraj",
    "poskusi uživaj izberi zagotovi prenesi naloži pošlji povej zapiši shrani vzemi najdi dobi",
    "pusti pazi ostani glej beri poslušaj igraj zmagaj osvoji všečkaj delij tagaj odgovori",
    "čakaj nadgradi preklopi aktiviraj vklopi izklopi nastavi uredi prijavi odjavi podpri",
    "posjeti provjeri pogledaj nazovi iskoristi saznaj javi prijavi kupi naruči podijeli",  # hr
    "proveri pozovi iskoristi saznaj poseti naruči podeli",  # sr
)
_SL_FORMAL_VERBS = _words(
    "ste boste imate morate želite potrebujete dobite najdete veste greste pridete",
    "morete smete hočete iščete uporabljate plačate prejmete izberete ostanete",
    "možete trebate imate želite dobijete nađete znate idete dođete ćete",  # hr, sr
)
_SL_INFORMAL_VERBS = _words(
    "boš imaš moraš želiš potrebuješ dobiš najdeš veš greš prideš moreš smeš hočeš iščeš",
    "uporabljaš plačaš prejmeš izbereš ostaneš misliš rabiš znaš paziš",
    "možeš trebaš imaš želiš dobiješ nađeš znaš ideš dođeš ćeš",  # hr, sr
)
# Words ending like verbs that are not: nouns and adverbs in -te and -š.
_SL_NOT_VERBS = _words(
    "te karte minute note rate kvote poste elite satelite ekipe pakete kredite limite depozite profite",
    "naš vaš ves koš miš keš kiš leš štiš tuš plaš",
)
# After these, "te" is a demonstrative ("te dni", "te ponudbe"), never "you".
_SL_TE_VERBS = _words(
    "čaka čakajo zanima zanimajo vabimo vabi vabijo razveseli razvesele pričaka pričakajo",
    "spravi čaka skrbi potrebujemo prosimo želimo pozdravljamo obveščamo",
)
_SL_TI_AS_YOU_AFTER = _words("in da ko če kot ali tudi zato samo še pa")
# A singular imperative is also the third person ("Sistem preveri ..."): counted only where an
# order stands, at the start of a sentence, after these, or before "!".
_SL_ORDER_AFTER = _words("in zdaj hitro kar še ali tudi pa takoj raje")
# "si" is "you are" after these ("Ali si že ...?"), elsewhere often the reflexive ("oglejte si").
_SL_SI_AFTER = _words("ali če ko kje kaj da ker že kako zakaj kdo koliko")


def _sl_votes(words: list[str], raw: list[str]) -> tuple[int, int]:
    formal = informal = 0
    for i, word in enumerate(words):
        before = words[i - 1] if i else "."
        after = words[i + 1] if i + 1 < len(words) else "."
        if word in _SL_FORMAL_PRONOUNS:
            formal += 1
        elif word in _SL_INFORMAL_PRONOUNS:
            informal += 1
        elif word == "ti":
            # "ti paketi" (these packages) is a demonstrative before a plural noun in -i.
            if not (after.endswith("i") and len(after) > 3 and before not in _SL_TI_AS_YOU_AFTER):
                informal += 1
        elif word == "te":
            if after in _SL_TE_VERBS or before in _SL_TE_VERBS or _is_stop(after):
                informal += 1
        elif word in _SL_NOT_VERBS:
            continue
        elif word in _SL_IMPERATIVES:
            if _is_stop(before) or before in _SL_ORDER_AFTER or after.startswith("!"):
                informal += 1
        elif word == "si":
            if before in _SL_SI_AFTER:
                informal += 1
        elif (word.endswith("te") and word[:-2] in _SL_IMPERATIVES) or word in _SL_FORMAL_VERBS:
            formal += 1
        elif word in _SL_INFORMAL_VERBS:
            informal += 1
        elif len(word) > 4 and word.endswith(("ite", "ajte", "ejte", "ujte", "ijte", "ojte")):
            formal += 1  # imperatives and present plural: "sodelujte", "pohitite"
        elif len(word) > 4 and word.endswith(("aš", "iš", "eš", "ješ")):
            informal += 1  # present singular: "dobiš", "najdeš"
    return formal, informal


# --- German ----------------------------------------------------------------------------------
_DE_FORMAL = _words("Sie Ihnen Ihr Ihre Ihren Ihrem Ihrer Ihres")
_DE_INFORMAL = _words(
    "du dich dir dein deine deinen deinem deiner deines euch euer eure euren eurem eurer eures"
)
_DE_INFORMAL_IMPERATIVES = _words(
    "schau hol sichere sichre entdecke teste probier probiere bestell bestelle mach klick klicke",
    "melde meld komm lies sieh gönn gönne hör höre spiel spiele nimm zeig zeige schreib schreibe",
    "check buch buche lade abonniere folge mach's",
)


def _de_votes(words: list[str], raw: list[str]) -> tuple[int, int]:
    formal = informal = 0
    for i, word in enumerate(raw):
        lower = words[i]
        starts = i == 0 or _is_stop(words[i - 1])
        after = words[i + 1] if i + 1 < len(words) else "."
        if lower in _DE_INFORMAL:
            informal += 1
        elif word in _DE_FORMAL and not starts:
            formal += 1  # capitalised inside a sentence is always the polite "you"
        elif word in ("Sie", "Ihnen") and starts:
            formal += 1  # marketing's sentence-initial "Sie" addresses the reader
        elif word in ("Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres") and starts:
            # "Ihr könnt" is the informal plural; "Ihr neues Handy" is the polite possessive.
            if word == "Ihr" and after.endswith("t") and after.islower():
                informal += 1
            else:
                formal += 1
        elif (word == "ihr" and _you_all(raw, i)) or (starts and lower in _DE_INFORMAL_IMPERATIVES):
            informal += 1
    return formal, informal


def _you_all(raw: list[str], i: int) -> bool:
    """Lower-case "ihr" is "you all" before a verb ("ihr seid", "ihr könnt") or after one that
    opens a question ("Habt ihr ...?"); elsewhere it is "her" or "its" ("feiert ihr Jubiläum")."""
    after = raw[i + 1] if i + 1 < len(raw) else "."
    verb_after = (after.islower() and after.endswith(("t", "d"))) or after in ("seid", "habt")
    question = i == 1 or (i > 1 and _is_stop(raw[i - 2].lower()))
    return verb_after or (question and raw[i - 1].lower().endswith("t"))


# --- French ----------------------------------------------------------------------------------
_FR_FORMAL = _words("vous votre vos")
_FR_INFORMAL = _words("tu te toi ton ta tes t'")
_FR_INFORMAL_IMPERATIVES = _words(
    "découvre profite participe clique rejoins tente inscris abonne commande réserve viens",
    "regarde écoute lis partage tag identifie laisse essaie essaye choisis gagne joue fonce",
    "cours dis raconte vote suis télécharge file trouve imagine prépare donne montre",
)
_FR_NOT_EZ = _words("chez nez assez rez lez")


def _fr_votes(words: list[str], raw: list[str]) -> tuple[int, int]:
    formal = informal = 0
    for i, word in enumerate(words):
        before = words[i - 1] if i else "."
        starts = i == 0 or _is_stop(before)
        if word.startswith(("t'", "t’")):
            informal += 1  # "t'attend", "t'offre"
        elif word in _FR_FORMAL:
            formal += 1
        elif word in _FR_INFORMAL:
            if word == "ton" and before in ("le", "un", "du", "de", "au", "ce", "même"):
                continue  # "le ton" is the tone
            informal += 1
        elif (
            word.endswith("ez")
            and len(word) > 4
            and word not in _FR_NOT_EZ
            and (raw[i][0].islower() or starts)
        ):
            formal += 1  # imperative or present plural: "découvrez", "profitez"
        elif starts and word in _FR_INFORMAL_IMPERATIVES:
            informal += 1
    return formal, informal


_VOTERS = {
    "sl": _sl_votes,
    "hr": _sl_votes,
    "sr": _sl_votes,
    "bs": _sl_votes,
    "de": _de_votes,
    "fr": _fr_votes,
}


def _is_stop(token: str) -> bool:
    return bool(token) and token[0] in ".!?:;\n"


def address_votes(text: str, language: str | None) -> tuple[int, int]:
    """(formal, informal) markers counted in the text; (0, 0) where the language marks none."""
    voter = _VOTERS.get(language or "")
    if voter is None or not text:
        return 0, 0
    plain = HASHTAG.sub(" ", MENTION.sub(" ", without_urls(text)))
    plain = _RENDEZ_VOUS.sub(" ", plain)  # "notre rendez-vous annuel" is a noun, not "vous"
    raw = [token.replace("’", "'") for token in _WORDS.findall(plain)]
    return voter([token.lower() for token in raw], raw)


def address_form(text: str, language: str | None) -> str | None:
    """ "formal", "informal", or None when the post addresses nobody, mixes both equally, or is
    in a language without the distinction (English)."""
    formal, informal = address_votes(text, language)
    if formal > informal:
        return FORMAL
    if informal > formal:
        return INFORMAL
    return None
