"""The market plan as tables: the period, the feed files and their volumes, topic weights,
channel affinity, seasonality, posting days, authors and the schedules of the planted signals.
"""

from __future__ import annotations

from datetime import date

# --- Period -------------------------------------------------------------------------------
START = date(2026, 2, 2)  # a Monday
END = date(2026, 11, 22)  # a Sunday
N_WEEKS = ((END - START).days + 1) // 7  # 42
RISE_WEEKS = 4  # eSIM rises over the last four weeks
CRISIS_WEEK_START = date(2026, 9, 14)


def week_of(d: date) -> int:
    """0-based week of the period (weeks start on Monday)."""
    return (d - START).days // 7


# --- Feed files ---------------------------------------------------------------------------
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

# (title, description, home URL) of the RSS and Atom feeds; newsroom entry links start at the home URL
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


# --- What each brand posts about, and when ------------------------------------------------
# relative weight of each background topic per brand (esports only for competitors: the gap)
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
# multiplier of a topic's weight on a channel (1.0 when not listed)
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
# month -> multiplier of a topic's weight (the background seasonality)
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

# weights of the posting day, Monday first
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


# --- Schedules of the planted signals -----------------------------------------------------
# (local time, channel, phase, language)
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
