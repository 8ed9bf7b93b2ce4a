"""Who is asking, when a question says so and no role was chosen.

"As a pharmacist, ..." names its asker's role; "my son came home drunk" is a parent's
question; "my boyfriend goes through my phone" a young person's; "youth worker, ..." that
of someone at work in a job the board has not named. Asked without a role,
such a question lifts the pages written for that reader a little (the role's own
sections, else those of the chapters its audience reads), as a chosen role lifts its own
section, but filters nothing: every page is still searched, and a page that answers
better still comes first. The readers are found in the board's config by their names (a
role or audience called "parent", "young person" ...), so a toolkit without them is
searched as before.
"""

from __future__ import annotations

import re

from pipeline.config.model import Role, Toolkit
from pipeline.engine.names import audience_names, fold, role_names
from pipeline.engine.scope import Scope

# How much of a chosen role's own-section lift a reader the question implies gets: it is
# a guess from a few words, so less.
IMPLIED_LIFT = 0.5

_CHILD = (
    r"(?:sons?|daughters?|child|children|kids?|boys?|girls?|lads?|lass|teens?|teenagers?|stepsons?|"
    # "my younger one", "my eldest is 14" (not "my older brother", a young person's)
    r"(?:younger|older|little|youngest|eldest)\s+one|(?:eldest|youngest)\b(?!\s+(?:brother|sister|cousin))|"
    r"grand(?:sons?|d?aughters?|kids?|child|children)|nieces?|nephews?|"
    # "my year 7" is a parent's child; "my year 9s", "my year 10 class" a teacher's.
    r"(?:year|yr)\s*\d{1,2}(?!\d|\s*(?:s\b|class|form|group|pupils|students|tutor))|"
    r"stepdaughters?|step[\s-]?(?:son|daughter|child)|(?:\d{1,2}|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen)[\s-]*(?:(?:years?|yrs?)[\s-]*olds?|yo|y/o)(?:\s+(?:son|daughter|boy|girl))?)"
)
# "nan here, ...", "step dad here": a relative who cares for the child says who asks.
_RELATIVE_HERE = (
    r"^\s*(?:mum|mam|mom|dad|nan|nana|nanna|gran|granny|grandma|grandad|granddad|grandpa|grandparent|"
    r"aunt|aunty|auntie|uncle|step[\s-]?(?:dad|mum|mom)|foster\s+(?:mum|dad|parent))\s+here\b"
)
# A parent or carer speaking of their own child ("my daughter", "our 14 year old").
_PARENT = re.compile(
    # Not "one of our 15 yr old lads": a youth worker's or a school's, not a parent's.
    rf"(?<!\bof\s)\b(?:my|our)\s+(?:(?:eldest|oldest|youngest|little|teenage|young)\s+)?{_CHILD}\b"
    # "daughter came back after ...", "13 yr old son went out": a parent's question typed
    # without the "my".
    r"|^\s*(?:(?:\d{1,2}|thirteen|fourteen|fifteen|sixteen)[\s-]*(?:(?:years?|yrs?)[\s-]*old|yo|y/o)\s+)?"
    r"(?:son|daughter|stepson|stepdaughter)\b(?!\s*['’]?s\b)"
    # "is there any help for parents", "im her mum": the question speaks for a parent.
    r"|\bfor\s+(?:parents|mums|dads|parents\s+and\s+carers)\b"
    # "will they say im an unfit mum": a parent speaking of themselves.
    r"|\b(?:i\s*['’]?m|i\s+am)\s+(?:a|an)\s+(?:\w+\s+)?(?:mum|mam|mom|dad|mother|father|parent)\b"
    r"|\b(?:i\s*['’]?m|i\s+am)\s+(?:her|his|their)\s+(?:mum|mam|mom|dad|mother|father|step\s?(?:mum|dad)|nan|gran)\b"
    rf"|{_RELATIVE_HERE}"
    # A neighbour or a passer-by is a lay adult, as a parent is: "next door has girls coming
    # and going", "house on my road" (not "neighbours have complained", a professional's).
    r"|\bneighbou?rs?\b(?!\s+(?:have\s+|had\s+)?(?:complain|report))|\bnext\s+door\b|"
    r"\bacross\s+the\s+road\b|\b(?:on|in|down)\s+my\s+(?:road|street|estate|close)\b",
    re.I,
)
# The opening says who asks, not what is asked: search.py never lists its words as words no
# page mentions ("nan" is on no page).
WHO_ASKS_OPENING = re.compile(_RELATIVE_HERE, re.I)
# A young person giving their own age ("i'm 15", "im 14", "i am 13", "me 15 him 20"): who
# asks, and for search.py, beside an adult's age, an age gap.
_OWN_AGE = r"\bi\s*(?:['’]\s*m|m|\s+am)\s+1[0-7]\b|\bme\s+1[0-7]\b"
OWN_YOUNG_AGE = re.compile(_OWN_AGE, re.I)
# A young person speaking of their own life ("my boyfriend", "my friend" but not "my friend's
# daughter", "my mum", "i'm 15").
_YOUNG = re.compile(
    r"\bbestie\b|\b(?:the|my)\s+year\s+above\b|\bin\s+my\s+year\b|"
    r"\b(?:my\s+(?:boy\s?friend|girl\s?friend|bf|gf|mates?|bestie|best\s+friend|best\s+mates?|friend(?!\s*['’]?s\b)|mum|mom|dad|"
    r"parents|teachers?|form\s+tutor|social\s+worker|youth\s+worker|key\s?worker|support\s+worker|"
    r"(?:\w+\s+)?coach|tiktok|snap|snapchat|insta|instagram|socials|"
    r"foster\s+carers?|step[\s-]?(?:dad|mum|mom)s?|"
    r"mums?\s+boyfriend|mums?['’]s\s+boyfriend)|"
    # An older person's gifts and demands, told by the one they are made to: "he bought me",
    # "a guy gives me free weed", "he got me to do stuff", "i said yes".
    r"\b(?:he|hes|he['’]s|guy|man|bloke|lad|boss|manager|owner)\s+(?:\w+\s+){0,4}?(?:bought|buys|buying|gives|gave|giving|"
    r"got|gets|getting|pays|paid|paying|sends|sent|sending)\s+me\b|\bi\s+said\s+(?:yes|ok|okay)\b|"
    # "hes only 3 years older than me": the one he is older than asks.
    r"\bolder\s+than\s+me\b|"
    # "need to speak to an adult", "tell an adult": what young people are told to do.
    r"\b(?:speak|talk|tell)\s+(?:to\s+)?an?\s+adult\b|"
    # "he paid for my phone", "bought my trainers", "tops up my phone", "sorted me with
    # weed": a young person's own things, and what an older person gives them.
    r"\b(?:paid|pays|paying)\s+for\s+my\b|\b(?:bought|buys|buying)\s+my\b|"
    r"\b(?:top|tops|topping|topped)\s+up\s+my\b|\bsorted\s+me\s+(?:out\s+)?with\b|"
    # "15 and scared ...", "mate in yr 9 ...": a young person's openings; "i'm 15", "me 15
    # him 20": their own age; "if i tell a teacher": whom a pupil tells.
    rf"^\s*1[0-7]\s+(?:and|n|&)\s+(?!\d)|^\s*(?:mate|best\s+mate|bestie)\s+(?:in|from|at)\b|{_OWN_AGE}|"
    r"\b(?:tell|told|telling|say\s+something\s+to|talk\s+to|speak\s+to)\s+a\s+teacher\b|"
    # "bf checks my phone", "he goes through my messages": a young person's phone.
    r"\b(?:checks|checking|check|goes\s+through|going\s+through|looks\s+through)\s+my\s+(?:phone|messages)\b|"
    # "im in care", "i live in a children's home": a child in care speaking.
    r"i\s*(?:'|’)?m\s+in\s+(?:care|foster\s+care)\b|i\s+am\s+in\s+care\b|"
    r"i\s+live\s+in\s+(?:a\s+)?(?:care|children['’]?s)\s+home|"
    r"i\s*(?:'|’)?m\s+in\s+a\s+(?:care|children['’]?s|kids)\s+home|i\s+am\s+in\s+year\s+\d{1,2}|im\s+in\s+year\s+\d{1,2})",
    re.I,
)
# Someone asking at work, in a job of their own: "youth worker, ...", "football coach here",
# "im a receptionist at a gym", "i work at a leisure centre".
_JOB = (
    r"(?:worker|leader|volunteer|coach|receptionist|assistant|driver|security|guard|lady|councillor|"
    r"officer|staff|manager|instructor|tutor|mentor|steward|caretaker|cleaner|librarian|dentist|"
    r"chaplain|imam|vicar|priest|pastor|warden|supervisor|trainer|practitioner|counsellor|childminder)"
)
_WORD = r"[^\W\d_]+"
_WORKER = re.compile(
    # an opening: "youth worker, ...", "dinner lady at a primary - ...", "coach here ..."
    rf"^\s*(?:{_WORD}\s+){{0,4}}?{_JOB}s?(?:\s+(?:at|in|for|on)\s+(?:{_WORD}\s+){{0,2}}?{_WORD})?"
    r"(?:\s*[,:;.\-–—]|\s+here\b)|"
    # "im a receptionist at a gym", "i volunteer at a food bank"
    rf"\b(?:i\s*['’]?m|i\s+am)\s+(?:a|an)\s+(?:{_WORD}\s+){{0,3}}?{_JOB}\b|"
    r"\bi\s+(?:work|volunteer)\s+(?:at|in|for)\b|"
    # "do i need the parents' ok", "without parental consent": a parent says "me", a young
    # person "my parents"; "the parents" are a professional's.
    r"\bthe\s+parents\b|\bparental\s+(?:consent|permission|agreement)\b",
    re.I,
)
# The names a board's config may give these readers (compared as `names.fold` reads them).
_READERS = {
    "parent": ("parent", "parents", "parent or carer", "parents and carers"),
    "young": ("young person", "young people", "children and young people"),
}


# "I'm a school nurse", "as a teacher", "we are a hotel", "I work in a pub": the question
# says who asks.
_SELF = re.compile(
    r"(?:\b(?:i\s*['’]?\s*m|i\s+am|we\s*['’]?\s*re|we\s+are)\s+(?:a|an|the|one\s+of\s+the)?|"
    r"\b(?:i|we)\s+(?:work|worked|volunteer)\s+(?:in|at|for|as|on)\s+(?:a|an|the|our|my)?|"
    r"(?:^|[,.;:!?]\s*)as\s+(?:a|an|the))\s*",
    re.I,
)
# "gp here, ...", "nurse in a&e: ...", "hotel reception - ...": on a phone a question often
# opens with who asks, a few words set off by a comma, colon or dash, or followed by "here".
_OPENING = re.compile(r"^\s*([^\W\d_][^,:;!?.\-–—]{0,38}?)\s*(?:[,:;!?\-–—]|\s+here\b)")
# An opening about someone else ("my son's teacher, ...", "her social worker -") names who
# the question is about, not who asks.
_POSSESSIVE = re.compile(r"\b(?:my|our|his|her|their|your)\b|['’]s\b", re.I)
OPENING_WORDS = 5


def implied_scope(toolkit: Toolkit, question: str) -> Scope | None:
    """A scope that lifts the pages of the reader the question speaks as, without
    filtering any: a role it names after "I'm a" or "as a", else a parent or a young
    person (and then lowers the other one's pages a little), else someone in a job of
    their own (_worker_scope); None when it names no one, or both, or the config has no
    such reader."""
    named = _named_role(toolkit, question)
    if named is not None:
        sections = _role_sections(toolkit, named)
        if sections:
            return Scope(frozenset(), frozenset(), sections, role=named, lift=IMPLIED_LIFT, filters=False)
    parent, young = bool(_PARENT.search(question)), bool(_YOUNG.search(question))
    if not parent and not young and _WORKER.search(question):
        return _worker_scope(toolkit)
    if parent == young:
        return None
    reader, other = ("parent", "young") if parent else ("young", "parent")
    sections = _reader_sections(toolkit, _READERS[reader])
    if not sections:
        return None
    # A page written to the other reader ("you" to a young person, "your child" to a
    # parent) answers the same subject for someone else.
    lowered = tuple(s for s in _reader_sections(toolkit, _READERS[other]) if s not in sections)
    return Scope(frozenset(), frozenset(), sections, lift=IMPLIED_LIFT, filters=False, lowered=lowered)


def _worker_scope(toolkit: Toolkit) -> Scope | None:
    """Someone who says they ask at work, in a job the board has not named (a youth
    worker, a football coach, a receptionist): what every professional reads (the chapters
    all the professional audiences must read) is lifted, the lay readers' pages lowered a
    little."""
    lay = {fold(name) for names in _READERS.values() for name in names}
    professional = [a for a in toolkit.audiences if not set(audience_names(a)) & lay]
    if not professional:
        return None
    common = set(professional[0].read).intersection(*(a.read for a in professional[1:]))
    sections = _read_sections(toolkit, tuple(sorted(common)))
    if not sections:
        return None
    lowered = tuple(
        s for names in _READERS.values() for s in _reader_sections(toolkit, names) if s not in sections
    )
    return Scope(frozenset(), frozenset(), sections, lift=IMPLIED_LIFT, filters=False, lowered=lowered)


def _reader_sections(toolkit: Toolkit, reader: tuple[str, ...]) -> tuple[str, ...]:
    """The sections written for the reader of these names: a role's own sections, else
    those of the chapters its audience must read; an audience's likewise."""
    names = [fold(name) for name in reader]
    for role in toolkit.roles:
        if any(name in role_names(role) for name in names):
            return _role_sections(toolkit, role)
    for audience in toolkit.audiences:
        if any(name in audience_names(audience) for name in names):
            return _read_sections(toolkit, audience.read)
    return ()


def _role_sections(toolkit: Toolkit, role: Role) -> tuple[str, ...]:
    """A role's own sections, else those of the chapters its audience reads."""
    if role.sections:
        return role.sections
    audience = toolkit.audience(role.audience)
    return _read_sections(toolkit, audience.read) if audience else ()


def _read_sections(toolkit: Toolkit, chapters: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(
        section.id
        for chapter in toolkit.chapters
        if chapter.number in chapters
        for section in chapter.sections
    )


def _named_role(toolkit: Toolkit, question: str) -> Role | None:
    """The role whose name (id, title or alias) follows "I'm a" or "as a", or stands in a
    short opening ("gp here, ..."), the longest."""
    best: tuple[int, Role] | None = None
    for words, anywhere in _self_descriptions(question):
        for role in toolkit.roles:
            for name in role_names(role):
                found = _holds(words, name) if anywhere else words[: len(name)] == name
                if name and found and (best is None or len(name) > best[0]):
                    best = (len(name), role)
    return best[1] if best else None


def _self_descriptions(question: str) -> list[tuple[tuple[str, ...], bool]]:
    """The words that may name the asker, each with whether the name may stand anywhere in
    them (a short opening: "nurse in a&e") or must begin them (after "I'm a")."""
    described = [(fold(question[match.end() :]), False) for match in _SELF.finditer(question)]
    opening = _OPENING.match(question)
    if opening and not _POSSESSIVE.search(opening.group(1)):
        words = fold(opening.group(1))
        if len(words) <= OPENING_WORDS:
            described.append((words, True))
    return described


def _holds(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    return any(words[start : start + len(name)] == name for start in range(len(words) - len(name) + 1))
