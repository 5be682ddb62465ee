"""Partners, influencers and campaigns planted into the text of planned posts.

Nothing here adds a post: a planted partner or campaign adds one sentence (and, for a campaign,
its hashtag) to posts that the plan already has, so post counts, topics and the other planted
signals stay as they are. All choices come from a random stream of their own (`PLANT_SEED`), so
the main stream, and with it every other text, id and figure, is unchanged.

- Recurring partners and influencers: each is mentioned in `n` posts of its brand, spread evenly
  from `first` to `last` (0-based weeks), on its topics, on Instagram, Facebook or LinkedIn.
  `festival_sotocje` and `pixel_liga` are shared by several brands, the rest are exclusive.
- One new influencer: Modri Val starts mentioning `@neja.tech` in the last three weeks; no brand
  mentioned it before.
- Campaigns: `n` posts of one brand and topic within a two-week window, with the campaign's
  hashtag and its cue words (nagradna igra / giveaway, popust / -20 %, dogodek / webinar,
  predstavitev / novo / launch). Only one competitor campaign (DravaNet's Black Friday) starts in
  the last two weeks.

`plant` marks the planned posts (`p["plant"]`: the sentence and the hashtag that `compose` adds);
`partner_key` and `campaign_key` build the answer keys from the finished truth rows.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

from .brands import BRAND_ORDER, BRANDS
from .market import END, FEED_BY_KEY, START
from .template import Ctx, plain, render

PLANT_SEED = 20261128

SOCIAL = ("instagram", "facebook", "linkedin")
FREE_SIGNALS = ("", "gap", "own_angle")  # posts whose text may carry a planted sentence

# --- Partners and influencers ---------------------------------------------------------------
# brand, account (without '@'), kind, topics of the posts that mention it, posts, first and last
# 0-based week, and the sentences (sl, en) that mention it
PARTNERS = [
    dict(
        brand="lipa",
        account="nika.potuje",
        kind="influencer",
        topics=("roaming",),
        n=7,
        first=0,
        last=36,
        sl=[
            "Popotnica @nika.potuje je [spet|znova] na poti s paketom $mobile – [spremljajte|poglejte] njene zgodbe.",
            "Kako brez skrbi uporabljati telefon v tujini, pokaže @nika.potuje.",
            "Nasvete za potovanja z vami deli naša ambasadorka @nika.potuje.",
            "Kam [tokrat|ta mesec]? Odgovor ima @nika.potuje na svojem profilu.",
        ],
        en=[
            "Travel creator @nika.potuje is on the road again with $mobile – follow her trip.",
            "@nika.potuje shares her tips for using your phone abroad without surprises.",
        ],
    ),
    dict(
        brand="lipa",
        account="drustvo_srebrna_nit",
        kind="partner",
        topics=("seniors",),
        n=8,
        first=1,
        last=38,
        sl=[
            "Program Digitalna Lipa soustvarjamo z društvom @drustvo_srebrna_nit.",
            "Hvala prostovoljkam in prostovoljcem društva @drustvo_srebrna_nit za pomoč.",
            "Tudi tokrat so nam na pomoč priskočili člani društva @drustvo_srebrna_nit.",
            "Za prijave se lahko obrnete tudi na @drustvo_srebrna_nit.",
        ],
        en=[
            "Run together with our partners at @drustvo_srebrna_nit.",
            "Thank you to the volunteers of @drustvo_srebrna_nit for their help.",
        ],
    ),
    dict(
        brand="lipa",
        account="festival_sotocje",
        kind="partner",
        topics=("community",),
        n=7,
        first=2,
        last=34,
        sl=[
            "Tudi letos smo ponosni partner festivala @festival_sotocje.",
            "Z ekipo festivala @festival_sotocje že pripravljamo [poletje|letošnjo izvedbo].",
            "Hvala ekipi @festival_sotocje za [odlično|prijetno] sodelovanje.",
            "Se vidimo na festivalu @festival_sotocje? 🎶",
        ],
        en=[
            "Proud to support @festival_sotocje again this year.",
            "Thanks to the team at @festival_sotocje for a great partnership.",
        ],
    ),
    dict(
        brand="alpcom",
        account="tech.tina",
        kind="influencer",
        topics=("smartphones", "5g"),
        n=8,
        first=1,
        last=37,
        sl=[
            "Kako se telefon obnese v našem omrežju 5G, je preizkusila @tech.tina.",
            "Ustvarjalka @tech.tina je [izmerila|preverila] hitrosti v omrežju $brand_gen.",
            "Celoten preizkus si lahko ogledate na profilu @tech.tina.",
            "Vtise iz prve roke deli @tech.tina.",
        ],
        en=[
            "Tech creator @tech.tina put it to the test on our 5G network.",
            "Watch the full review by @tech.tina on her channel.",
            "First impressions from @tech.tina: fast, stable and easy to set up.",
        ],
    ),
    dict(
        brand="alpcom",
        account="sk_karavanke_mladi",
        kind="partner",
        topics=("tv_sport", "community"),
        n=7,
        first=0,
        last=33,
        sl=[
            "Ponosno podpiramo mlade smučarje kluba @sk_karavanke_mladi.",
            "Mladim tekmovalcem kluba @sk_karavanke_mladi držimo pesti!",
            "Čestitke mladim iz kluba @sk_karavanke_mladi za odlične uvrstitve.",
        ],
        en=[
            "Proud partner of the young skiers at @sk_karavanke_mladi.",
            "Congratulations to the juniors of @sk_karavanke_mladi on a great season.",
        ],
    ),
    dict(
        brand="alpcom",
        account="festival_sotocje",
        kind="partner",
        topics=("community",),
        n=6,
        first=3,
        last=35,
        sl=[
            "Alpcom je tudi letos tehnološki partner festivala @festival_sotocje.",
            "Na festivalu @festival_sotocje bo za hitro povezavo poskrbelo naše omrežje.",
            "Hvala organizatorjem festivala @festival_sotocje za zaupanje.",
        ],
        en=[
            "Alpcom is the technology partner of @festival_sotocje again this year.",
            "Our network keeps @festival_sotocje connected.",
        ],
    ),
    dict(
        brand="dravanet",
        account="nk_pohorje_mladi",
        kind="partner",
        topics=("tv_sport", "community"),
        n=7,
        first=1,
        last=37,
        sl=[
            "Ponosni smo, da podpiramo mlade nogometaše kluba @nk_pohorje_mladi.",
            "Mladim nogometašem @nk_pohorje_mladi želimo veliko uspeha na tekmah!",
            "Hvala @nk_pohorje_mladi za lepo sodelovanje tudi to sezono.",
            "Ekipa @nk_pohorje_mladi trenira z našo podporo že [tretjo|četrto] sezono.",
        ],
        en=[
            "Proud to support the young footballers of @nk_pohorje_mladi.",
            "Good luck this weekend, @nk_pohorje_mladi!",
        ],
    ),
    dict(
        brand="dravanet",
        account="pixel_liga",
        kind="partner",
        topics=("esports",),
        n=6,
        first=0,
        last=35,
        sl=[
            "Ponosno podpiramo študentsko esports ligo @pixel_liga.",
            "Tekme lige @pixel_liga si lahko ogledate v živo.",
            "Hvala ekipi @pixel_liga za [odlično|vrhunsko] organizacijo.",
        ],
        en=["Proud partner of the student esports league @pixel_liga."],
    ),
    dict(
        brand="kras",
        account="ana.jadra",
        kind="influencer",
        topics=("roaming", "community", "tv_sport"),
        n=7,
        first=2,
        last=37,
        sl=[
            "Jadralka @ana.jadra je [tudi tokrat|znova] na poti s paketom $mobile.",
            "Utrinke z morja deli jadralka @ana.jadra.",
            "Kako ostati povezan tudi na morju, pokaže @ana.jadra.",
            "Jadralki @ana.jadra držimo pesti na [regati|naslednji plovbi].",
        ],
        en=[
            "Sailor @ana.jadra is out at sea again, connected with $mobile.",
            "Follow @ana.jadra for stories from the Adriatic.",
        ],
    ),
    dict(
        brand="kras",
        account="pixel_liga",
        kind="partner",
        topics=("esports",),
        n=6,
        first=1,
        last=36,
        sl=[
            "Kras Telekom je ponosni partner študentske esports lige @pixel_liga.",
            "Tekme lige @pixel_liga spremljajte v živo.",
            "Ekipe lige @pixel_liga igrajo v našem omrežju brez zamikov.",
        ],
        en=[
            "Proud partner of the student esports league @pixel_liga.",
            "Catch the @pixel_liga matches live.",
        ],
    ),
    dict(
        brand="modrival",
        account="lara.games",
        kind="influencer",
        topics=("esports", "smartphones"),
        n=8,
        first=0,
        last=37,
        sl=[
            "Kaj pravi @lara.games? Preveri njen stream! 🎮",
            "Z nami igra tudi @lara.games – ping je nizek, zabava pa velika 😎",
            "Ujemi @lara.games v živo ta vikend 🎮",
            "@lara.games je preizkusila in je navdušena 🔥",
        ],
        en=[
            "Catch @lara.games streaming live this weekend 🎮",
            "@lara.games tried it out – low ping, big fun 😎",
        ],
    ),
    dict(
        brand="modrival",
        account="pixel_liga",
        kind="partner",
        topics=("esports",),
        n=7,
        first=2,
        last=36,
        sl=[
            "Tekme lige @pixel_liga lahko spremljaš v živo 🎮",
            "Smo ponosni partner lige @pixel_liga 💙",
            "Navijaš v ligi @pixel_liga? Piši nam, za koga! 🔥",
        ],
        en=["Big thanks to the @pixel_liga crew 💙", "Catch the @pixel_liga matches live 🎮"],
    ),
    # an existing partner of DravaNet that the background mentions only from October: earlier
    # mentions make it a partner of long standing, not one that starts late
    dict(
        brand="dravanet",
        account="kd_lent_mladi",
        kind="partner",
        topics=("community",),
        n=3,
        first=4,
        last=26,
        sl=[
            "Hvala mladim iz @kd_lent_mladi za lepo sodelovanje.",
            "Z mladimi iz @kd_lent_mladi smo tudi tokrat ustvarjali skupaj.",
        ],
        en=["Thank you, @kd_lent_mladi, for a great collaboration."],
    ),
]
# the new influencer collaboration: Modri Val, last three weeks only
NEW_INFLUENCER = dict(
    brand="modrival",
    account="neja.tech",
    kind="influencer",
    topics=("smartphones", "family_youth"),
    n=6,
    since=date(2026, 11, 2),
    sl=[
        "Pozdravi @neja.tech – odslej z nami preizkuša telefone 📱",
        "Kaj meni @neja.tech o tem telefonu? Preveri njen video 👀",
        "@neja.tech je baterijo testirala cel teden – rezultati so na njenem profilu 🔋",
        "Z @neja.tech smo pogledali, kaj zmore kamera 📸",
        "Vprašanja za @neja.tech? Piši v komentarje 💬",
    ],
    en=[
        "Say hi to @neja.tech – she's testing phones with us 📱",
        "What does @neja.tech think? Watch her review 👀",
    ],
)

# --- Campaigns ------------------------------------------------------------------------------
# id, brand, kind, hashtag, topic of its posts, first day of its two-week window, posts, and
# lines (sl, en): the first post takes the first line, the last post the last, the rest the middle
CAMPAIGNS = [
    dict(
        id="lipa-recikliraj",
        brand="lipa",
        kind="contest",
        tag="#LipaReciklirajInZmagaj",
        topic="sustainability",
        start=date(2026, 3, 23),
        n=6,
        sl=[
            "Začenja se nagradna igra: prinesite star telefon v prodajalno in sodelujte v žrebanju za nov $phone.",
            "Nagradna igra še poteka – vsak oddan star telefon je en žreb več.",
            "Sodelujte v nagradni igri: [komentirajte|napišite v komentar], koliko starih telefonov imate v predalu.",
            "Zadnji dnevi nagradne igre – sodelujete lahko še do nedelje.",
        ],
        en=[
            "Our recycling giveaway starts today: bring an old phone to a store and enter the draw.",
            "The giveaway is still on – every old phone you bring in is one more entry.",
            "Last days to enter our recycling giveaway.",
        ],
    ),
    dict(
        id="lipa-tv-prvenstvo",
        brand="lipa",
        kind="launch",
        tag="#NovaLipaTVSport",
        topic="tv_sport",
        start=date(2026, 5, 25),
        n=5,
        sl=[
            "Novo: paket Lipa TV Šport z vsemi tekmami svetovnega prvenstva – predstavitev je ta teden.",
            "Predstavljamo novi paket Lipa TV Šport: na voljo je vsem uporabnikom Lipa TV.",
            "Novo v ponudbi – Lipa TV Šport, vse tekme v 4K.",
            "Novo v ponudbi: paket Lipa TV Šport vklopite kar v aplikaciji Moja Lipa.",
        ],
        en=[
            "New: the Lipa TV Sport pack with every World Cup match – launch this week.",
            "Now available: the Lipa TV Sport pack, every match in 4K.",
            "Just launched: Lipa TV Sport – switch it on in the Moja Lipa app.",
        ],
    ),
    dict(
        id="lipa-poletje",
        brand="lipa",
        kind="promotion",
        tag="#LipaPoletjeBrezMeja",
        topic="roaming",
        start=date(2026, 7, 6),
        n=5,
        sl=[
            "Poletna akcija: -20 % na vse pakete za gostovanje, paket EU+ zdaj za 11,99 €.",
            "Akcija še traja – -20 % popusta na pakete za gostovanje.",
            "Z akcijskim popustom prihranite 20 % pri vsakem paketu za gostovanje.",
            "Zadnji dnevi poletne akcije: -20 % na pakete za gostovanje.",
        ],
        en=[
            "Summer deal: 20% off every roaming pack – EU+ now €11.99.",
            "The summer deal is on: -20% on every roaming pack.",
            "Last days of the summer deal: -20% on roaming packs.",
        ],
    ),
    dict(
        id="lipa-varno-webinar",
        brand="lipa",
        kind="event",
        tag="#LipaVarnoNaSpletu",
        topic="cybersecurity",
        start=date(2026, 10, 5),
        n=6,
        sl=[
            "Vabimo vas na brezplačni webinar »Varno na spletu« – prijave so odprte.",
            "Na webinarju »Varno na spletu« bomo pokazali, kako prepoznati lažna sporočila.",
            "Še nekaj prostih mest na webinarju »Varno na spletu«.",
            "Hvala vsem, ki ste se udeležili webinarja – posnetek bo kmalu na voljo.",
        ],
        en=[
            "Join our free webinar “Safe online” – registration is open.",
            "In our “Safe online” webinar we show how to spot fake messages.",
            "Thank you for joining our webinar – the recording will be online soon.",
        ],
    ),
    dict(
        id="alpcom-5g-plus",
        brand="alpcom",
        kind="launch",
        tag="#Alpcom5GPlus",
        topic="5g",
        start=date(2026, 3, 16),
        n=6,
        sl=[
            "Novo: Alpcom 5G+ – predstavitev samostojnega omrežja 5G bo v Kranju.",
            "Predstavljamo Alpcom 5G+: po Kranju je na voljo v vseh večjih mestih.",
            "Novo v ponudbi: omrežje Alpcom 5G+ z nižjimi zakasnitvami in večjimi hitrostmi.",
            "Alpcom 5G+ je novo v ponudbi paketa Alpcom Max, brez doplačila.",
        ],
        en=[
            "Launching Alpcom 5G+: our standalone 5G network goes live in Kranj.",
            "Now available: Alpcom 5G+ in Alpcom Max at no extra cost.",
            "After the launch in Kranj, Alpcom 5G+ is live in every major city.",
        ],
    ),
    dict(
        id="alpcom-gaming-giveaway",
        brand="alpcom",
        kind="contest",
        tag="#AlpcomGamingGiveaway",
        topic="esports",
        start=date(2026, 5, 11),
        n=5,
        sl=[
            "Nagradna igra: podarjamo tri igralne konzole – sodelujte v komentarjih!",
            "Sodelujte v nagradni igri in osvojite igralno konzolo ali slušalke.",
            "Nagradna igra še teče: označite soigralca in sodelujte.",
            "Zadnji dan nagradne igre – zmagovalce razglasimo v ponedeljek.",
        ],
        en=[
            "Giveaway: we're giving away three gaming consoles – comment to enter!",
            "Enter our gaming giveaway and win a console or a headset.",
            "Last day of the giveaway – winners announced on Monday.",
        ],
    ),
    dict(
        id="alpcom-giga-dan",
        brand="alpcom",
        kind="event",
        tag="#AlpcomGigaDan",
        topic="fibre",
        start=date(2026, 8, 24),
        n=5,
        sl=[
            "Vabimo vas na dogodek Alpcom Giga dan v Kranju, kjer bomo v živo pokazali gigabitno optiko.",
            "Dogodek bo v soboto v Kranju: Alpcom Giga dan, vstop je prost.",
            "Na dogodku Alpcom Giga dan bodo naši tehniki odgovarjali na vaša vprašanja.",
            "Hvala vsem, ki ste bili z nami na dogodku Alpcom Giga dan!",
        ],
        en=[
            "Join us at Alpcom Giga Day in Kranj – a free event about gigabit fibre.",
            "Alpcom Giga Day is this Saturday: meet our engineers at the event.",
            "Thank you to everyone who came to the Alpcom Giga Day event!",
        ],
    ),
    dict(
        id="dravanet-optika-akcija",
        brand="dravanet",
        kind="promotion",
        tag="#DravaNetOptikaAkcija",
        topic="fibre",
        start=date(2026, 4, 6),
        n=6,
        sl=[
            "Pomladna akcija: DravaNet Optika s 30 % popustom prve tri mesece.",
            "Akcijska cena: DravaNet Optika 1 Gbit/s samo 24,99 EUR na mesec.",
            "S pomladnim popustom je tudi priključitev na DravaNet Optiko brezplačna.",
            "Zadnji teden akcije – -30 % na DravaNet Optiko.",
        ],
        en=[
            "Spring deal: 30% off DravaNet Optika for the first three months.",
            "Spring discount: DravaNet Optika 1 Gbit/s for only EUR 24.99 a month.",
            "Last week of the deal: -30% on DravaNet Optika.",
        ],
    ),
    dict(
        id="dravanet-nagradna-igra",
        brand="dravanet",
        kind="contest",
        tag="#DravaNagradnaIgra",
        topic="tv_sport",
        start=date(2026, 6, 1),
        n=5,
        sl=[
            "Nagradna igra: napovejte izid tekme in osvojite dres reprezentance.",
            "Sodelujte v nagradni igri – vsak teden izžrebamo tri nagrajence.",
            "Nagradno igro nadaljujemo: napoved oddajte v komentarju.",
            "Zadnja priložnost za sodelovanje v nagradni igri!",
        ],
        en=[
            "Giveaway: predict the score and win a national team jersey.",
            "Enter our giveaway – three winners drawn every week.",
            "Last chance to enter the giveaway!",
        ],
    ),
    dict(
        id="dravanet-odprta-vrata",
        brand="dravanet",
        kind="event",
        tag="#DravaNetOdprtaVrata",
        topic="community",
        start=date(2026, 8, 17),
        n=5,
        sl=[
            "Vabljeni na dogodek Dan odprtih vrat v naši poslovalnici v Mariboru.",
            "Na dogodku Dan odprtih vrat pripravljamo delavnico za otroke in ogled omrežnega centra.",
            "Dogodek bo v soboto od 9. do 13. ure – Dan odprtih vrat v Mariboru.",
            "Hvala, da ste se nam pridružili na dogodku Dan odprtih vrat!",
        ],
        en=[
            "Join our open day event in Maribor this Saturday.",
            "At our open day event: a workshop for kids and a tour of the network centre.",
            "Thank you for joining us at the open day event!",
        ],
    ),
    dict(
        id="dravanet-black-friday",
        brand="dravanet",
        kind="promotion",
        tag="#DravaBlackFriday",
        topic="tv_sport",
        also=("fibre",),  # TV and fibre are on sale together
        start=date(2026, 11, 9),
        n=8,
        sl=[
            "Black Friday pri DravaNetu se začenja že danes: -40 % na DravaNet Optiko in Drava TV.",
            "Akcija Black Friday: Drava TV s športnim paketom -40 % prve tri mesece.",
            "Black Friday popust: DravaNet Optika 1 Gbit/s samo 19,99 EUR na mesec.",
            "Black Friday popust velja tudi za obstoječe naročnike ob podaljšanju vezave.",
            "Zadnji dnevi akcije Black Friday: -40 % na DravaNet Optiko in Drava TV.",
        ],
        en=[
            "Black Friday starts early at DravaNet: 40% off DravaNet Optika and Drava TV.",
            "Black Friday deal: DravaNet Optika 1 Gbit/s for only EUR 19.99 a month.",
            "Last days of Black Friday: 40% off DravaNet Optika and Drava TV.",
        ],
    ),
    dict(
        id="kras-esports-cup",
        brand="kras",
        kind="event",
        tag="#KrasEsportsCup",
        topic="esports",
        start=date(2026, 2, 2),
        n=5,
        sl=[
            "Prijave na dogodek Kras Esports Cup v Kopru so odprte.",
            "Dogodek bo v Kopru: Kras Esports Cup, vstop za gledalce je prost.",
            "Na dogodku Kras Esports Cup se bo pomerilo 32 ekip.",
            "Hvala vsem ekipam in gledalcem na dogodku Kras Esports Cup!",
        ],
        en=[
            "Registration for the Kras Esports Cup event in Koper is open.",
            "32 teams will compete at the Kras Esports Cup event in Koper.",
            "Thank you to every team and fan at the Kras Esports Cup event!",
        ],
    ),
    dict(
        id="kras-fiber-2g",
        brand="kras",
        kind="launch",
        tag="#NoviKrasFiber",
        topic="fibre",
        start=date(2026, 4, 27),
        n=6,
        sl=[
            "Novo: Kras Fiber 2 Gbit/s – predstavitev bo v Sežani.",
            "Predstavljamo Kras Fiber 2 Gbit/s, zdaj na voljo na vsem Primorskem.",
            "Novo v ponudbi: Kras Fiber 2 Gbit/s z vključenim usmerjevalnikom Wi-Fi 7.",
            "Predstavitev je za nami – Kras Fiber 2 Gbit/s lahko naročite v vseh poslovalnicah.",
        ],
        en=[
            "Launching Kras Fiber 2 Gbit/s – the presentation is in Sežana.",
            "Now available: Kras Fiber 2 Gbit/s with a Wi-Fi 7 router included.",
            "After the launch in Sežana, the new Kras Fiber 2 Gbit/s is available across Primorska.",
        ],
    ),
    dict(
        id="kras-nagradna-igra",
        brand="kras",
        kind="contest",
        tag="#KrasNagradnaIgra",
        topic="tv_sport",
        start=date(2026, 7, 6),
        n=6,
        sl=[
            "Nagradna igra ob finalu svetovnega prvenstva: napovejte zmagovalca in sodelujte v žrebanju.",
            "Sodelujte v nagradni igri – podarjamo televizor in tri letne pakete Kras TV Premium.",
            "Nagradna igra še poteka, napoved lahko oddate v komentarju.",
            "Zadnji dan nagradne igre – žrebanje bo v ponedeljek.",
        ],
        en=[
            "Giveaway for the World Cup final: pick the winner and enter the draw.",
            "Enter our giveaway – we are giving away a TV and three Kras TV Premium packs.",
            "Last day of the giveaway – the draw is on Monday.",
        ],
    ),
    dict(
        id="kras-poletna-akcija",
        brand="kras",
        kind="promotion",
        tag="#KrasPoletnaAkcija",
        topic="roaming",
        start=date(2026, 8, 10),
        n=5,
        sl=[
            "Poletna akcija: -25 % na paket Kras Roaming EU+.",
            "Akcijska cena: paket Kras Roaming EU+ samo 9,99 EUR.",
            "S poletnim popustom prihranite 25 % pri paketu za gostovanje.",
            "Zadnji dnevi poletne akcije: -25 % na paket Kras Roaming EU+.",
        ],
        en=[
            "Summer deal: 25% off the Kras Roaming EU+ pack.",
            "Summer discount: Kras Roaming EU+ for only EUR 9.99.",
            "Last days of the summer deal: -25% on Kras Roaming EU+.",
        ],
    ),
    dict(
        id="modrival-valentinovo",
        brand="modrival",
        kind="promotion",
        tag="#ValentinovoZValom",
        topic="family_youth",
        start=date(2026, 2, 2),
        n=5,
        sl=[
            "Valentinova akcija: -20 % na paket Val Crew za dva 💘",
            "Akcija za valentinovo: Val Crew za par z -20 % popustom 💙",
            "Še do valentinovega: -20 % na Val Crew in maskica za 9,99 € 😍",
            "Zadnji dan valentinove akcije: -20 % na Val Crew za dva 💘",
        ],
        en=[
            "Valentine's deal: 20% off Val Crew for two 💘",
            "Val Crew for couples at -20% – the Valentine's deal is on 💙",
            "Last day of the Valentine's deal: 20% off Val Crew for two 💘",
        ],
    ),
    dict(
        id="modrival-arena-lan",
        brand="modrival",
        kind="event",
        tag="#ValArenaLAN",
        topic="esports",
        start=date(2026, 5, 11),
        n=5,
        sl=[
            "Val Arena LAN je tu: vabljen na dogodek za vse gamerje v Ljubljani – prijavi ekipo 🎮",
            "Na dogodku Val Arena LAN bo 5G brez zamikov in turnir za vse 🔥",
            "Dogodek bo že ta vikend: Val Arena LAN – se vidimo? 😎",
            "Hvala, ker si prišel na dogodek Val Arena LAN 💙",
        ],
        en=[
            "Val Arena LAN is coming: a gaming event in Ljubljana – sign up your team 🎮",
            "Val Arena LAN is this weekend – the event is open to everyone 🔥",
            "Thanks for coming to the Val Arena LAN event 💙",
        ],
    ),
    dict(
        id="modrival-giveaway",
        brand="modrival",
        kind="contest",
        tag="#ValPoletniGiveaway",
        topic="roaming",
        start=date(2026, 7, 6),
        n=7,
        sl=[
            "Poletni giveaway 🌊 Sodeluj v nagradni igri in osvoji paket za gostovanje za celo poletje!",
            "Nagradna igra še teče: označi prijatelja, s katerim greš na morje 🏖️",
            "Sodeluj v nagradni igri – vsak teden podarimo tri pakete za gostovanje 🎁",
            "Zadnji dan giveawaya – sodeluj še danes 🌊",
        ],
        en=[
            "Summer giveaway 🌊 Enter now and win roaming for the whole summer!",
            "The giveaway is still on – tag the friend you're travelling with 🏖️",
            "Last day of the giveaway – enter today 🌊",
        ],
    ),
    dict(
        id="modrival-val-young",
        brand="modrival",
        kind="launch",
        tag="#NoviValYoung",
        topic="family_youth",
        start=date(2026, 8, 31),
        n=5,
        sl=[
            "Predstavljamo Val Young za šolo: neomejeni podatki na družbenih omrežjih 🎒",
            "Predstavitev novega Val Young je za nami – kaj praviš? 🔥",
            "Novo v ponudbi: Val Young, zdaj tudi v aplikaciji Moj Val 📱",
            "Val Young je novo v ponudbi za vse do 26 let 💙",
        ],
        en=[
            "Introducing Val Young for school: unlimited social media data 🎒",
            "Now available: Val Young in the Moj Val app 📱",
            "Just launched: the new Val Young for everyone under 26 💙",
        ],
    ),
]
FEED_TAG_LINE = {  # blogs and newsrooms carry the campaign hashtag in a sentence
    "sl": "<Sledite|Sledi> nam pod oznako {tag}.",
    "en": "Follow {tag} for updates.",
}
WINDOW_DAYS = 14
GAP_DAYS = 10  # posts of one kind further apart than this are two campaigns
# cue words of each kind of campaign (Slovenian and English); a campaign's posts are chosen among
# those whose own text carries no cue of another kind, so each reads as one kind of campaign
CUES = {
    "contest": r"nagradn\w* (?:igr|natečaj)|giveaway|sodeluj(?:te)?\b|žreban|izžreb|podarjamo|osvoji(?:te)?\b|"
    r"\bwin (?:a|one|your)\b|contest",
    "promotion": r"popust|(?<![\w-])[-–]\s?\d{1,2}\s?%|\d+\s?% off|\bakcij|black friday|discount|\bsale\b|"
    r"znižan|razprodaj|ugodnej",
    "event": r"webinar|dogod(?:ek|ku|ka)\b|delavnic|konferenc|predavanj|workshop|\bevent\b|vabimo vas na|"
    r"vabljen\w* na|join us|pridružite se",
    "launch": r"predstavitev|predstavljamo|novo v ponudbi|launch|introducing|now available|coming soon",
}
CUE_RE = {kind: re.compile(rx, re.IGNORECASE) for kind, rx in CUES.items()}

MENTION_RE = re.compile(r"(?<![\w@./])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def mentions(text: str) -> list[str]:
    """Handles mentioned in a text, lower-cased, each once (URLs and e-mail addresses are not mentions)."""
    out: list[str] = []
    for m in MENTION_RE.findall(URL_RE.sub(" ", text)):
        if m.lower() not in out:
            out.append(m.lower())
    return out


def _channel(p: dict) -> str:
    return FEED_BY_KEY[p["feed"]]["channel"]


def _brand(p: dict) -> str:
    return FEED_BY_KEY[p["feed"]]["brand"]


def _line(rng: random.Random, p: dict, pool: list[str], tag: str = "") -> str:
    ctx = Ctx(rng, _brand(p), p["lang"], p["local"])
    return plain(render(pool if isinstance(pool, str) else rng.choice(pool), ctx)).replace("{tag}", tag)


def _spread(cands: list[dict], n: int, first: date, last: date) -> list[dict]:
    """n candidates nearest to n days spaced evenly from `first` to `last`, each taken once."""
    chosen: list[dict] = []
    for i in range(n):
        target = first + timedelta(days=round(i * (last - first).days / max(1, n - 1)))
        left = [p for p in cands if p not in chosen]
        chosen.append(min(left, key=lambda p: (abs((p["local"].date() - target).days), p["local"])))
    return sorted(chosen, key=lambda p: p["local"])


def _no_cue(line: str) -> str:
    """A partner's sentence, checked to carry no campaign cue."""
    if any(rx.search(line) for rx in CUE_RE.values()):
        raise ValueError(f"a partner sentence reads as a campaign: {line}")
    return line


def other_cue(text: str, kind: str) -> bool:
    """True if the text carries a cue of a kind of campaign other than `kind`."""
    return any(rx.search(URL_RE.sub(" ", text)) for k, rx in CUE_RE.items() if k != kind)


def _absorb(c: dict, chosen: list[dict], posts: list[dict], draft: dict) -> list[dict]:
    """The campaign's posts plus every other post that a detector would rightly put in it: the
    same brand, a topic of the campaign and a cue of its kind in its own text, within GAP_DAYS of
    the campaign's first or last post (repeated while the campaign grows). They carry the
    campaign's sentence and hashtag too, so the key and the rule "same brand, same hashtag or
    topic, gaps under 10 days" agree."""
    topics = (c["topic"], *c.get("also", ()))
    chosen = list(chosen)
    while True:
        lo = chosen[0]["local"] - timedelta(days=GAP_DAYS)
        hi = chosen[-1]["local"] + timedelta(days=GAP_DAYS)
        near = [
            p
            for p in posts
            if p not in chosen
            and _brand(p) == c["brand"]
            and p["topic"] in topics
            and lo <= p["local"] <= hi
            and CUE_RE[c["kind"]].search(URL_RE.sub(" ", draft[id(p)]))
        ]
        if not near:
            break
        for p in near:
            if "plant" in p or p["signal"] not in FREE_SIGNALS:
                raise ValueError(f"campaign {c['id']}: a post of its kind nearby cannot join it")
        chosen = sorted(chosen + near, key=lambda p: p["local"])
    span = (chosen[-1]["local"] - chosen[0]["local"]).days
    if not 3 <= len(chosen) <= 8 or span > 20:
        raise ValueError(f"campaign {c['id']}: {len(chosen)} posts over {span} days with the ones nearby")
    return chosen


def plant(posts: list[dict], drafts: list[str]) -> None:
    """Mark the planned posts that carry a planted campaign or partner sentence (`p["plant"]`).

    `drafts` are the posts' texts as composed without any planted sentence, in the order of `posts`.
    """
    rng = random.Random(PLANT_SEED)
    draft = {id(p): t for p, t in zip(posts, drafts, strict=True)}

    def free(p: dict) -> bool:
        return "plant" not in p and p["signal"] in FREE_SIGNALS

    # campaigns first: every post of the window on the campaign's topic, n of them spread evenly
    for c in CAMPAIGNS:
        end = c["start"] + timedelta(days=c.get("days", WINDOW_DAYS) - 1)
        cands = [
            p
            for p in posts
            if _brand(p) == c["brand"]
            and p["topic"] in (c["topic"], *c.get("also", ()))
            and free(p)
            and c["start"] <= p["local"].date() <= end
            and not other_cue(draft[id(p)], c["kind"])
        ]
        if len(cands) < c["n"]:
            raise ValueError(f"campaign {c['id']}: {len(cands)} posts in its window, {c['n']} needed")
        chosen = _spread(cands, c["n"], cands[0]["local"].date(), cands[-1]["local"].date())
        chosen = _absorb(c, chosen, posts, draft)
        gaps = [(b["local"] - a["local"]).days for a, b in pairwise(chosen)]
        if max(gaps) >= GAP_DAYS:
            raise ValueError(f"campaign {c['id']}: a gap of {max(gaps)} days between its posts")
        for i, p in enumerate(chosen):
            pool = c[p["lang"]]
            if len(pool) < 3:
                raise ValueError(f"campaign {c['id']}: a first, a middle and a last line are needed")
            if i == 0:
                line = pool[0]
            elif i == len(chosen) - 1:
                line = pool[-1]
            else:
                line = rng.choice(pool[1:-1])
            text = _line(rng, p, [line])
            tag = c["tag"]
            if _channel(p) in ("blog", "newsroom"):
                text += " " + _line(rng, p, FEED_TAG_LINE[p["lang"]], tag)
            p["plant"] = dict(text=text, tag=tag, campaign=c["id"])

    # recurring partners and influencers: spread over their weeks, on social channels
    for a in PARTNERS:
        first = START + timedelta(weeks=a["first"])
        last = START + timedelta(weeks=a["last"], days=6)
        cands = [
            p
            for p in posts
            if _brand(p) == a["brand"]
            and p["topic"] in a["topics"]
            and _channel(p) in SOCIAL
            and free(p)
            and first <= p["local"].date() <= last
        ]
        for p in _spread(cands, a["n"], first, last):
            p["plant"] = dict(text=_no_cue(_line(rng, p, a[p["lang"]])), tag="", account=a["account"])

    # the new influencer: the last three weeks only
    a = NEW_INFLUENCER
    cands = [
        p
        for p in posts
        if _brand(p) == a["brand"]
        and p["topic"] in a["topics"]
        and _channel(p) in SOCIAL
        and free(p)
        and p["local"].date() >= a["since"]
    ]
    last = max(p["local"].date() for p in posts)
    for p in _spread(cands, a["n"], a["since"], last):
        p["plant"] = dict(text=_no_cue(_line(rng, p, a[p["lang"]])), tag="", account=a["account"])


# --- Answer keys ----------------------------------------------------------------------------
PARTNER_COLUMNS = ["brand", "account", "kind", "planted", "first_utc", "last_utc", "n_posts"]
CAMPAIGN_COLUMNS = [
    "brand",
    "campaign",
    "kind",
    "hashtag",
    "start_utc",
    "end_utc",
    "n_posts",
    "post_source_ids",
]


def partner_key(truth: list[dict]) -> list[dict]:
    """Every account a brand mentions in 3 or more posts, with its kind and how it was planted."""
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in truth:  # truth is in publication order
        for h in mentions(r["text"]):
            seen[(r["brand"], h)].append(r["published_utc"])
    kinds = {(BRANDS[a["brand"]]["name"], a["account"]): a["kind"] for a in PARTNERS}
    new = (BRANDS[NEW_INFLUENCER["brand"]]["name"], NEW_INFLUENCER["account"])
    kinds[new] = NEW_INFLUENCER["kind"]
    known = {(b["name"], h.lstrip("@").lower()) for b in BRANDS.values() for h in b["partners"]} | set(kinds)
    # the new influencer is the only account that any brand starts mentioning in the last six weeks
    recent = (END - timedelta(weeks=6, days=-1)).isoformat()
    for (brand, acc), stamps in seen.items():
        if len(stamps) >= 2 and stamps[0] >= recent and (brand, acc) != new:
            raise ValueError(f"{brand} starts mentioning @{acc} in the last six weeks")
    if any(
        acc == new[1] and stamps[0] < NEW_INFLUENCER["since"].isoformat() for (_, acc), stamps in seen.items()
    ):
        raise ValueError(f"@{new[1]} is mentioned before {NEW_INFLUENCER['since']}")
    order = [BRANDS[b]["name"] for b in BRAND_ORDER]
    rows = []
    for (brand, acc), stamps in sorted(seen.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        if len(stamps) < 3:
            continue
        if (brand, acc) not in known:
            raise ValueError(f"{brand} mentions @{acc} {len(stamps)} times, but it is no planted account")
        rows.append(
            dict(
                brand=brand,
                account=acc,
                kind=kinds.get((brand, acc), "partner"),
                planted="new" if (brand, acc) == new else "recurring",
                first_utc=stamps[0],
                last_utc=stamps[-1],
                n_posts=len(stamps),
            )
        )
    return rows


def campaign_key(posts: list[dict], truth: list[dict]) -> list[dict]:
    """One row per planted campaign: its posts' source ids, first and last publication time."""
    by_id = {r["source_id"]: r for r in truth}
    rows = []
    for c in CAMPAIGNS:
        ids = [p["guid"] for p in posts if p.get("plant", {}).get("campaign") == c["id"]]
        rs = sorted((by_id[i] for i in ids), key=lambda r: r["published_utc"])
        for r in rs:
            if c["tag"] not in r["text"]:
                raise ValueError(f"campaign {c['id']}: {c['tag']} missing from {r['source_id']}")
        rows.append(
            dict(
                brand=BRANDS[c["brand"]]["name"],
                campaign=c["id"],
                kind=c["kind"],
                hashtag=c["tag"],
                start_utc=rs[0]["published_utc"],
                end_utc=rs[-1]["published_utc"],
                n_posts=len(rs),
                post_source_ids=";".join(r["source_id"] for r in rs),
            )
        )
    tags = {c["tag"].lower() for c in CAMPAIGNS}
    planted = {i for row in rows for i in row["post_source_ids"].split(";")}
    for r in truth:
        if r["source_id"] not in planted and any(t in r["text"].lower() for t in tags):
            raise ValueError(f"a campaign hashtag appears outside its campaign: {r['source_id']}")
    return sorted(rows, key=lambda r: (r["start_utc"], r["brand"]))
