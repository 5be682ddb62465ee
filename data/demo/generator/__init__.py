"""The demo market generator: five fictional Slovenian telecom operators, 42 weeks of posts.

Text pools (data only): `world` (real places and things), `brands`, `topics` + `topics_more`,
`phrases` (shared filler, openers, synonyms), `stories` (crisis outage, syndicated campaign).
Plan: `market` (period, feeds, weights, season, signal schedules) and `plan` (which post when).
Text: `template` (the mini-language and per-post slots), `voice` (each brand's subset of every
pool) and `compose` (one post per channel). Output: `ids`, `engagement`, `writers`, `report`.
`main` runs them in the fixed order of the random draws.

Pure standard library. Every random draw comes from one random.Random(20261127), in a fixed
order; no set or dict-order or hash() dependence.
"""
