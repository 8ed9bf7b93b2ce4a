"""Irregular forms of everyday verbs, which the stemmer cannot join to their base.

The English stemmer joins "teaching", "teaches" and "teach", but not "taught": a parent
who asks what children are taught about consent would miss the Teaching pages. Each group
here is one word's forms, searched as the word typed (full weight, unlike a lay synonym:
"taught" is the same word as "teach", not another way of saying it). Regular forms are
left to the stemmer, and so are forms that the stemmer already joins ("paid" ~ "pay" is
not one). An everyday verb's form that the pages hold ("went", "told") is searched as
typed (search._settled): its other forms cost time and find pages of other meanings.

The forms are the principal parts of English irregular verbs as grammars list them
(Cambridge Dictionary, "Irregular verbs", dictionary.cambridge.org/grammar). Left out:
forms that are also common words of another meaning in safeguarding text ("left", "met",
"found", "lay", "saw", "felt", "led", "fed"), and verbs a lay group already holds (drink,
speak, sell).
"""

from __future__ import annotations

SOURCE = "Cambridge Dictionary (dictionary.cambridge.org/grammar), 'Irregular verbs'"

INFLECTIONS: tuple[tuple[str, ...], ...] = (
    ("tell", "told"),
    ("say", "said"),
    ("buy", "bought"),
    ("bring", "brought"),
    ("think", "thought"),
    ("teach", "taught"),
    ("catch", "caught"),
    ("fight", "fought"),
    ("keep", "kept"),
    ("sleep", "slept"),
    ("send", "sent"),
    ("spend", "spent"),
    ("give", "gave", "given"),
    ("take", "took", "taken"),
    ("go", "goes", "went", "gone"),  # "goes": the stemmer makes it "goe"
    ("come", "came"),
    ("know", "knew", "known"),
    ("hear", "heard"),
    ("hide", "hid", "hidden"),
    ("steal", "stole", "stolen"),
    ("lose", "lost"),
    ("run", "ran"),
    ("write", "wrote", "written"),
    ("drive", "drove", "driven"),
    ("ride", "rode", "ridden"),
    ("throw", "threw", "thrown"),
    ("wear", "wore", "worn"),
    ("forget", "forgot", "forgotten"),
    ("choose", "chose", "chosen"),
    ("get", "got", "gotten"),
    ("make", "made"),
    ("hold", "held"),
    ("stand", "stood"),
    ("understand", "understood"),
    ("begin", "began", "begun"),
    ("break", "broke", "broken"),
    ("fall", "fell", "fallen"),
    ("eat", "ate", "eaten"),
    ("wake", "woke", "woken"),
    ("shake", "shook", "shaken"),
    ("seek", "sought"),
    ("smell", "smelt"),  # British past forms in -t ("came home and smelt of alcohol")
    ("learn", "learnt"),
    ("burn", "burnt"),
    ("swear", "swore", "sworn"),
    ("beat", "beaten"),
)
