"""The lay vocabulary of the field: how parents, young people and practitioners say what
a safeguarding toolkit names otherwise, shipped as data.

Each entry is a group of forms searched as one: a form typed in a query finds pages with
any of the others, each counting `Ranking.synonyms` (0.65) of the word typed, so a page
that says the word typed still comes first. The groups were written from everyday, slang
and professional usage as the named public glossaries and dictionaries record it, not from
any toolkit's pages; the toolkit's own term is listed so that the everyday word reaches it.
A form belongs to one group only (tests/test_lay_terms.py checks this and that every entry
names its source).

Hyphens, spaces and compounds are not listed (spelling.py reads "on line" as "online" and
"selfharm" as "self-harm"; a form matches whatever joins its words: "morning-after pill",
"morning after pill"), nor are plurals ("nudes" matches the form "nude").

A board adds its own words with the config's `synonyms:` key (README, "The lay
vocabulary"): a group there is searched as one term, its forms counting as much as the
word typed.
"""

from __future__ import annotations

from dataclasses import dataclass

CAMBRIDGE = "Cambridge Dictionary (dictionary.cambridge.org)"
NHS = "NHS website (nhs.uk)"


@dataclass(frozen=True)
class LayTerm:
    forms: tuple[str, ...]  # everyday forms and the toolkit's term, searched as one
    source: str  # where the everyday usage is documented
    # The first form is the toolkit's term, and its everyday forms are words the toolkit
    # also uses otherwise ("permission", "challenge", "car"): they find it, but typed, it is
    # searched as it is.
    one_way: bool = False
    # Forms people type but pages never say ("hasn't come home"): typed, they find the
    # group; another form typed never searches them (phrases of very common words, they
    # would double a query's cost at 10,000 pages and find nothing).
    asked: tuple[str, ...] = ()


LAY_TERMS: tuple[LayTerm, ...] = (
    # --- Alcohol and drugs ------------------------------------------------------------
    LayTerm(
        (
            "alcohol",
            "drunk",
            "drinking",
            "drink",
            "booze",
            "boozing",
            "intoxicated",
            "under the influence",
            "smashed",
            "hammered",
            "wasted",
            "legless",
            "paralytic",
            "plastered",
            "tipsy",
            "off her face",
            "off his face",
            "off their face",
            "vodka",
            "cider",
            "beer",
            "lager",
            "wine",
            "spirits",
            "alcopops",
            "hungover",
            "hangover",
        ),
        f"{CAMBRIDGE}: drunk, booze, smashed, hammered, wasted, legless, paralytic, plastered, "
        "tipsy, off your face, off your head (UK informal: very drunk or affected by drugs); vodka, cider, beer, "
        "lager, wine, spirits, alcopops (alcoholic drinks); hungover, hangover (feeling ill "
        "after drinking too much alcohol)",
        asked=("off her head", "off his head", "off their head", "off their heads"),
    ),
    LayTerm(
        ("drugged", "spiked", "spiking", "drink spiking", "spiked drink"),
        f"{NHS}, 'Drink spiking and date rape drugs': spiking is putting alcohol or drugs into "
        "someone's drink without them knowing",
    ),
    LayTerm(
        ("weapons", "weapon", "knife", "knives", "blade", "machete", "shank"),
        f"{CAMBRIDGE}: weapon (an object used for fighting: a knife, a machete); shank (US slang: "
        "a homemade knife)",
    ),
    LayTerm(
        (
            "drugs",
            "substance misuse",
            "cannabis",
            "weed",
            "skunk",
            "spliff",
            "spliffs",
            "stoned",
            "ket",
            "ketamine",
            "cocaine",
            "MDMA",
            "ecstasy",
        ),
        "FRANK (talktofrank.com), Drugs A to Z: cannabis (weed, skunk, spliff), ketamine (ket), "
        f"cocaine, MDMA (ecstasy); {CAMBRIDGE}: stoned; take (to swallow or use a drug)",
        asked=("taken something", "taking something", "took something"),
    ),
    LayTerm(
        (
            "supply",
            "selling",
            "sell",
            "sells",
            "dealing",
            "drug dealing",
            "drug running",
            "dealer",
            "dealers",
            "drug dealer",
            "drug dealers",
        ),
        f"{CAMBRIDGE}: deal, dealer (to buy and sell illegal drugs; a person who does), drug "
        "running; FRANK (talktofrank.com): "
        "supplying drugs",
        one_way=True,
    ),
    LayTerm(
        ("smelling of", "stinking of", "reeking of", "stinks of", "reeks of", "smells of"),
        f"{CAMBRIDGE}: stink, reek (to smell strongly and unpleasantly)",
        one_way=True,
    ),
    # --- Sexual health -----------------------------------------------------------------
    LayTerm(
        (
            "emergency contraception",
            "emergency hormonal contraception",
            "emergency contraceptive pill",
            "morning after pill",
            "morning after",
            "EHC",
            "plan b",
            "levonelle",
            "ellaone",
        ),
        f"{NHS}, 'Emergency contraception (morning after pill, IUD)': Levonelle and ellaOne; "
        "Plan B, the brand name in North America, used for it in the UK too",
    ),
    LayTerm(
        (
            "contraception",
            "contraceptive",
            "the pill",
            "contraceptive pill",
            "birth control",
            "coil",
            "implant",
            "contraceptive implant",
            "contraceptive injection",
        ),
        f"{NHS}, 'Your contraception guide': the pill, the coil (IUD), the implant, the "
        f"injection; {CAMBRIDGE}: birth control",
    ),
    LayTerm(
        ("termination of pregnancy", "termination", "abortion"),
        f"{NHS}, 'Abortion' (the medical process of ending a pregnancy, also called a termination)",
    ),
    LayTerm(
        (
            "sexually transmitted infection",
            "STI",
            "STD",
            "sexually transmitted disease",
            "chlamydia",
            "gonorrhoea",
            "gonorrhea",
            "syphilis",
            "herpes",
            "genital warts",
        ),
        f"{NHS}, 'Sexually transmitted infections (STIs)': chlamydia, gonorrhoea, syphilis, "
        "genital herpes, genital warts",
    ),
    LayTerm(
        (
            "pregnant",
            "pregnancy",
            "expecting",
            "preggers",
            "knocked up",
            "mum-to-be",
            "expectant mother",
        ),
        f"{CAMBRIDGE}: expecting, preggers, knocked up (informal: pregnant), mum-to-be",
    ),
    # --- Images, phones and being online ----------------------------------------------
    LayTerm(
        ("pictures", "photos", "images", "nude", "selfie", "pic", "sexting", "nude pics"),
        "NSPCC (nspcc.org.uk), 'Sexting and sending nudes'; "
        f"{CAMBRIDGE}: selfie, pic (informal: a photograph)",
    ),
    LayTerm(
        ("sextortion", "blackmail", "blackmailed", "blackmailing"),
        "National Crime Agency CEOP (ceop.police.uk): sextortion, being blackmailed with nude "
        "images; Internet Watch Foundation (iwf.org.uk): sextortion",
    ),
    LayTerm(
        ("phone", "mobile", "smartphone", "texts", "texting", "iphone", "android"),
        f"{CAMBRIDGE}: mobile, text (UK), smartphone (iPhone and Android: the makes people name)",
    ),
    LayTerm(
        ("suspicious", "dodgy", "shady", "fishy", "iffy", "sketchy", "suss", "creepy"),
        f"{CAMBRIDGE}: dodgy, iffy, suss (UK informal: seeming dishonest or not safe), shady, fishy, sketchy",
    ),
    LayTerm(("customer", "punter"), f"{CAMBRIDGE}: punter (UK informal: a customer)"),
    LayTerm(
        (
            "messages",
            "message",
            "messaging",
            "dm",
            "dms",
            "dming",
            "dmed",
            "direct message",
            "inbox",
            "voice notes",
            "voice note",
            "voice messages",
            "msg",
            "msgs",
            "msging",
            "sms",
        ),
        f"{CAMBRIDGE}: DM (direct message: a private message on social media; to send one); "
        "SMS (short message service: a text message); "
        "Collins English Dictionary (collinsdictionary.com): msg (text messaging: message)",
        one_way=True,
    ),
    LayTerm(
        (
            "online",
            "internet",
            "social media",
            "apps",
            "snapchat",
            "instagram",
            "insta",
            "tiktok",
            "whatsapp",
            "facebook",
            "discord",
            "tagged",
            "friend request",
            "friend requests",
            "follow request",
            "follow requests",
        ),
        "Ofcom (ofcom.org.uk), 'Children and parents: media use and attitudes': the apps and "
        f"social media children use; {CAMBRIDGE}: tag (to put a person's name on a photo online), "
        "add (to make someone a friend or contact on social media), friend request; snap "
        "(informal: Snapchat)",
        asked=("adding me", "added me", "adding my", "adding her", "adding him", "keeps adding", "on snap"),
    ),
    LayTerm(
        (
            "more than one phone",
            "multiple phones",
            "second phone",
            "two phones",
            "extra phone",
            "another phone",
            "burner phone",
            "burner",
        ),
        f"{CAMBRIDGE}: burner (informal: a cheap mobile phone used for a short time and thrown "
        "away); NSPCC (nspcc.org.uk), 'Child sexual exploitation': signs include having more than "
        "one phone",
    ),
    LayTerm(
        (
            "pretend",
            "fake account",
            "fake accounts",
            "fake profile",
            "fake profiles",
            "catfish",
            "catfished",
            "catfishing",
        ),
        f"{CAMBRIDGE}: catfish (to pretend to be someone else online to deceive someone), fake (not real)",
    ),
    LayTerm(
        (
            "gaming",
            "online games",
            "games console",
            "console",
            "xbox",
            "playstation",
            "fortnite",
            "roblox",
            "minecraft",
            "gamer",
            "gamers",
        ),
        "Ofcom (ofcom.org.uk), 'Children and parents: media use and attitudes': gaming online, "
        "consoles and the games children play",
    ),
    LayTerm(
        ("online safety", "e-safety", "internet safety", "cyber safety"),
        "UK Safer Internet Centre (saferinternet.org.uk): online safety, formerly e-safety",
    ),
    # --- People ----------------------------------------------------------------------------
    LayTerm(
        (
            "child",
            "son",
            "daughter",
            "kid",
            "kids",
            "teenager",
            "teen",
            "youngster",
            "niece",
            "nephew",
            "grandson",
            "granddaughter",
            "grandchild",
            "stepson",
            "stepdaughter",
            "stepchild",
        ),
        f"{CAMBRIDGE}: kid (informal: a child), teen, teenager, youngster; niece, nephew, "
        "grandchild, stepchild (a child of the family the asker is speaking of)",
    ),
    LayTerm(("parent", "parents", "mum", "dad", "mother", "father"), f"{CAMBRIDGE}: mum, dad (UK informal)"),
    LayTerm(
        ("friend", "mate", "mates", "bestie", "m8", "m8s", "crowd"),
        f"{CAMBRIDGE}: mate (UK informal: a friend), bestie, crowd (informal: a group of friends); "
        "Collins English Dictionary (collinsdictionary.com): m8 (text messaging: mate)",
        one_way=True,
    ),
    LayTerm(("boys", "lads", "lad", "young men"), f"{CAMBRIDGE}: lad (UK informal: a boy or young man)"),
    LayTerm(
        ("girl", "lass", "lassie"),
        f"{CAMBRIDGE}: lass, lassie (Scottish and Northern English informal: a girl or young woman)",
        one_way=True,
    ),
    LayTerm(
        (
            "pupil",
            "pupils",
            "schoolgirl",
            "schoolgirls",
            "schoolboy",
            "schoolboys",
            "schoolkid",
            "schoolkids",
            "schoolchild",
            "schoolchildren",
        ),
        f"{CAMBRIDGE}: schoolgirl, schoolboy, schoolchild (a child who goes to school), schoolkid (informal)",
        one_way=True,
    ),
    LayTerm(
        ("adult", "adults", "grown-up", "grown man", "grown men", "bloke", "blokes", "fella", "geezer"),
        f"{CAMBRIDGE}: grown-up, bloke, fella, geezer (UK informal: a man)",
        one_way=True,
    ),
    LayTerm(
        (
            "boyfriend",
            "girlfriend",
            "seeing someone",
            "going out with",
            "dating",
            "partner",
            "bf",
            "gf",
            "bae",
            "ex",
            "ex-boyfriend",
            "ex-girlfriend",
            "ex-partner",
        ),
        f"{CAMBRIDGE}: go out with, see someone, date (to have a romantic relationship); partner (the "
        "person you live with or have a sexual relationship with); bf, gf, bae (internet slang: "
        "boyfriend, girlfriend); ex (informal: a person who was your boyfriend, girlfriend or "
        "partner)",
        # "date" alone is also a day ("the date of the meeting"): only before a person.
        asked=("date a", "date an", "date him", "date her", "dated a", "dates a"),
    ),
    LayTerm(
        (
            "older boyfriend",
            "sugar daddy",
            "older man",
            "older men",
            "much older",
            "older guy",
            "older guys",
            "older bloke",
            "older fella",
            "older lad",
            "older lads",
        ),
        f"{CAMBRIDGE}: sugar daddy (a rich older man who gives a much younger person presents "
        "or money for a relationship); lad (UK informal: a boy or young man)",
    ),
    LayTerm(
        (
            "abuser",
            "perpetrator",
            "paedophile",
            "pedophile",
            "paedo",
            "predator",
            "nonce",
            "sex offender",
            "creep",
            "creeps",
        ),
        f"{CAMBRIDGE}: paedophile, paedo, predator, nonce (UK slang: a sex offender), creep (an "
        "unpleasant person, especially a man who behaves sexually towards others)",
    ),
    LayTerm(
        ("exploiter", "pimp", "pimps"),
        f"{CAMBRIDGE}: pimp (a person who controls prostitutes and takes money from them)",
    ),
    LayTerm(
        ("sexually exploiting", "pimping", "pimping out", "pimped out"),
        f"{CAMBRIDGE}: pimp (verb: to find customers for a prostitute; UK slang 'pimp out')",
    ),
    LayTerm(("doctor", "GP"), f"{CAMBRIDGE}: GP (UK: general practitioner, a family doctor)"),
    # --- Going missing, school and home ---------------------------------------------------
    LayTerm(
        (
            "missing",
            "run away",
            "runaway",
            "runs away",
            "running away",
            "ran away",
            "gone missing",
            "absconding",
            "absconded",
            "awol",
            "gone awol",
            "out all night",
            "stayed out all night",
            "stays out all night",
            "disappeared",
            "disappears",
            "disappear",
            "disappearing",
            "vanished",
            "vanishing",
            "vanishes",
        ),
        f"{CAMBRIDGE}: run away, runaway, go missing, abscond, disappear, vanish, run off (to "
        "leave a place or person suddenly); "
        "NSPCC (nspcc.org.uk), 'Children who go missing': not coming home, staying out overnight",
        asked=(
            "not come home",
            "hasn't come home",
            "has not come home",
            "didn't come home",
            "did not come home",
            "not coming home",
            "never came home",
            "not been home",
            "hasn't been home",
            "run off",
            "ran off",
            "runs off",
            "running off",
            "won't come home",
            "doesn't come home",
            "can't find her",
            "can't find him",
        ),
    ),
    LayTerm(
        (
            "truanting",
            "truant",
            "truancy",
            "attendance",
            "school attendance",
            "poor attendance",
            "missing education",
            "missing lessons",
            "missed lessons",
            "absent from school",
            "off school",
            "not been in school",
            "hasn't been in school",
            "bunking off",
            "bunk off",
            "skiving",
            "skive",
            "skipping school",
            "skipping lessons",
            "missing school",
            "wagging",
            "sagging",
            "twagging",
            "mitching",
            "playing hookey",
            "playing truant",
        ),
        "The Great Big Dialect Hunt (dialectandheritage.org.uk), words for not attending school: "
        f"skiving, bunking, playing hookey, mitching, wagging, sagging, twagging; {CAMBRIDGE}: "
        "bunk off, skive, play truant",
        asked=(
            "not in school",
            "wasn't in school",
            "wasnt in school",
            "not at school",
            "wasn't at school",
            "wasnt at school",
        ),
    ),
    LayTerm(
        (
            "part-time timetable",
            "reduced timetable",
            "reduced hours",
            "part time timetable",
            "half days",
            "half day",
            "mornings only",
        ),
        "Department for Education, 'Working together to improve school attendance': part-time timetables; "
        f"{CAMBRIDGE}: half day (a day on which people work or go to school only in the morning)",
    ),
    LayTerm(
        ("excluded", "exclusion", "expelled", "suspended", "suspension", "kicked out of school"),
        "GOV.UK, 'School discipline and exclusions': suspension and permanent exclusion "
        f"(expulsion); {CAMBRIDGE}: expel",
    ),
    LayTerm(
        ("elective home education", "home schooling", "home school", "home educated", "home educating"),
        "GOV.UK, 'Educating your child at home' (elective home education)",
    ),
    LayTerm(
        (
            "homeless",
            "homelessness",
            "sofa surfing",
            "couch surfing",
            "sleeping rough",
            "nowhere to stay",
            "no fixed abode",
            "kicked out",
            "thrown out",
            "chucked out",
        ),
        "Shelter England (england.shelter.org.uk), 'Homelessness': sofa surfing, sleeping rough; "
        f"{CAMBRIDGE}: kick out, throw out, chuck out (informal: to force someone to leave a place)",
    ),
    LayTerm(
        ("children's home", "kids home", "care home", "residential home", "group home"),
        f"{CAMBRIDGE}: children's home, care home (UK)",
    ),
    LayTerm(
        ("disability", "disabled", "learning disability", "autism", "autistic", "special needs"),
        "National Autistic Society (autism.org.uk), 'What is autism' (a lifelong disability); "
        "Department for Education, SEND code of practice (special educational needs and disability)",
    ),
    # --- Places, trades and their staff ---------------------------------------------------
    LayTerm(
        ("licence", "license", "badge", "taxi badge"),
        "Department for Transport (gov.uk), 'Taxi and private hire vehicle licensing: best "
        f"practice guidance': a licensed driver wears the council's badge; {CAMBRIDGE}: license "
        "(US spelling of licence)",
        one_way=True,
    ),
    LayTerm(
        ("revocation", "revoke", "revoked", "revoking"),
        f"{CAMBRIDGE}: revoke (to say officially that an agreement, permission, or law is no "
        "longer in effect), revocation",
    ),
    LayTerm(
        ("property", "flat", "bedsit", "maisonette"),
        f"{CAMBRIDGE}: flat (UK: a set of rooms for living in, on one floor of a building), "
        "bedsit (UK: a rented room used for both living and sleeping), maisonette",
        one_way=True,
    ),
    LayTerm(
        ("taxi", "cab", "cabbie", "cab driver", "minicab", "uber", "private hire"),
        f"{CAMBRIDGE}: cab, cabbie (informal: a taxi driver), minicab (UK)",
    ),
    LayTerm(
        ("licensed premises", "pub", "boozer", "off licence", "offie", "offy", "nightclub"),
        f"{CAMBRIDGE}: pub, boozer (UK informal: a pub), off-licence, offie",
    ),
    LayTerm(
        (
            "takeaway",
            "takeaways",
            "chip shop",
            "chippy",
            "chippie",
            "kebab shop",
            "kebab house",
            "pizza shop",
            "fast food",
            "cafe",
            "café",
            "coffee shop",
        ),
        f"{CAMBRIDGE}: takeaway (UK: a shop or restaurant that sells hot food to take away), "
        "chip shop, chippy (UK informal: a shop selling fish and chips to take away), kebab shop, "
        "café (a small restaurant where simple and usually quite cheap meals are served)",
        one_way=True,
    ),
    LayTerm(
        (
            "loitering",
            "loiter",
            "spending time",
            "hanging around",
            "hanging about",
            "hang around",
            "hang about",
            "hanging out",
            "hanging round",
            "hang round",
            "hangs round",
            "hang out",
            "hangs out",
            "hung out",
            "hung around",
            "hung round",
        ),
        f"{CAMBRIDGE}: hang around, hang about, hang round (UK informal: to wait or spend time somewhere, "
        "doing nothing much), loiter",
        one_way=True,
    ),
    LayTerm(
        ("door staff", "bouncer", "bouncers", "doorman", "doormen", "security guard", "security guards"),
        f"{CAMBRIDGE}: bouncer (someone employed to keep troublemakers out of a bar or club)",
    ),
    LayTerm(
        ("complaints", "complaint", "complain", "complaining", "complained"),
        f"{CAMBRIDGE}: complain (to say that something is wrong), complaint",
    ),
    LayTerm(
        ("reception", "front desk", "check-in desk"),
        f"{CAMBRIDGE}: front desk (the reception of a hotel)",
        one_way=True,
    ),
    LayTerm(
        ("vehicle registration", "number plate", "reg", "car reg", "registration number"),
        f"{CAMBRIDGE}: number plate (UK: the sign on a vehicle showing its registration)",
    ),
    # --- Practice words people shorten or replace -----------------------------------------
    LayTerm(
        ("tenancy enforcement", "evict", "evicted", "eviction", "evicting"),
        f"{CAMBRIDGE}: evict (to force someone to leave the house they are living in), eviction",
        one_way=True,
    ),
    LayTerm(
        ("close premises", "closure order", "closure orders", "close a property", "close the property"),
        "Home Office (gov.uk), 'Anti-social behaviour powers: statutory guidance for frontline "
        "professionals': the closure power (closing premises)",
    ),
    LayTerm(
        ("anti-social behaviour", "ASBO", "antisocial behaviour", "ASB"),
        "GOV.UK, 'Anti-social behaviour, crime and policing': anti-social behaviour orders (ASBOs)",
    ),
    LayTerm(
        ("data protection", "GDPR", "UK GDPR", "data protection act"),
        "Information Commissioner's Office (ico.org.uk): the UK GDPR and the Data Protection Act",
    ),
    LayTerm(
        ("medication", "medicines", "meds", "tablets", "antidepressants", "prescribed"),
        f"{NHS}, 'Antidepressants' (a type of medicine); {CAMBRIDGE}: meds (informal)",
    ),
    LayTerm(
        ("self-harm", "self-harming", "cutting", "self-injury"),
        f"{NHS}, 'Self-harm' (cutting or otherwise hurting yourself on purpose)",
    ),
    LayTerm(("overdose", "OD", "overdosed"), f"{NHS}: overdose; {CAMBRIDGE}: OD (informal: overdose)"),
    LayTerm(
        ("warning signs", "indicators", "red flags", "red flag", "tell-tale signs", "telltale signs"),
        f"{CAMBRIDGE}: red flag (a sign of a problem that needs attention), telltale (showing "
        "something that someone wants to keep secret); NSPCC Learning (learning.nspcc.org.uk), "
        "'Spotting the signs of child abuse': signs and indicators",
        asked=(
            "how do i know if",
            "how can i tell if",
            "how would i know if",
            "how do you know if",
            "how can you tell if",
            "how do u know if",
            "how can u tell if",
            "how would u know if",
            "how to spot",
            "how do i spot",
            "how can i spot",
            "what to look out for",
            "what to look for",
        ),
    ),
    LayTerm(
        ("signs", "worrying signs"),
        f"{CAMBRIDGE}: sign (something showing that something exists or might happen), worried "
        "(unhappy because you are thinking about problems); a question asking whether to "
        "worry asks for the signs that something is wrong",
        one_way=True,
        asked=(
            "should i be worried",
            "do i need to be worried",
            "something to worry about",
            "anything to worry about",
            "should i be concerned",
            "cause for concern",
        ),
    ),
    LayTerm(
        ("disclosure", "disclose", "disclosed", "told me", "tells me", "opened up"),
        "NSPCC Learning (learning.nspcc.org.uk), 'Recognising and responding to abuse': a child "
        f"telling someone is a disclosure; {CAMBRIDGE}: open up (to start to talk about feelings), "
        "let slip (to say something you did not intend to)",
        one_way=True,
        asked=("let slip", "let it slip", "lets slip", "letting slip"),
    ),
    LayTerm(
        ("unknown adults", "unknown adult", "strangers", "randoms"),
        f"{CAMBRIDGE}: stranger (someone you do not know), random (UK informal: a person you do not know)",
        one_way=True,
    ),
    LayTerm(
        (
            "confront",
            "have it out with",
            "have a go at",
            "go round",
            "pay him a visit",
            "sort him out",
            "go round there",
        ),
        f"{CAMBRIDGE}: have it out with someone (to talk angrily to them about something they did), "
        "have a go at someone, confront",
        one_way=True,
    ),
    LayTerm(
        ("consent", "permission", "say yes", "agree to"),
        f"{CAMBRIDGE}: consent (permission or agreement), OK (agreement or permission)",
        one_way=True,
        asked=(
            "said yes",
            "says yes",
            "saying yes",
            "agreed to",
            "without her ok",
            "without his ok",
            "without their ok",
            "without my ok",
        ),
    ),
    LayTerm(
        ("disagree", "don't agree", "do not agree", "not happy with", "challenge"),
        f"{CAMBRIDGE} thesaurus: disagree, not agree, challenge",
        one_way=True,
    ),
    LayTerm(
        ("call", "ring", "phone up", "give a ring"),
        f"{CAMBRIDGE}: ring, rang (UK: to phone someone), phone up, call",
        asked=("rang", "rung", "rung round", "rang round", "ring round", "ringing round"),
        one_way=True,
    ),
    LayTerm(
        ("out of hours", "after hours", "weekend", "at night", "bank holiday", "saturday", "sunday"),
        f"{CAMBRIDGE}: out of hours (UK: outside normal working hours)",
        one_way=True,
    ),
    LayTerm(
        (
            "vehicle",
            "car",
            "van",
            "motor",
            "lifts",
            "giving her lifts",
            "giving him lifts",
            "picks her up",
            "picked her up",
            "picking her up",
            "picks him up",
            "picked him up",
            "drops her off",
            "dropped her off",
            "dropping her off",
            "driving her around",
            "drives her around",
            "bmw",
            "merc",
            "mercedes",
            "audi",
            "range rover",
        ),
        f"{CAMBRIDGE}: car, van, motor (UK informal: a car), vehicle, Merc (UK informal: a "
        "Mercedes car); lift (UK: a free ride in someone's car), pick up, drop off; the makes "
        "of car people name",
        one_way=True,
    ),
    LayTerm(
        ("worried", "concerned", "scared", "frightened"),
        f"{CAMBRIDGE} thesaurus: worried, concerned, scared, frightened",
    ),
    LayTerm(
        ("tiredness", "tired", "exhausted", "exhaustion", "knackered", "shattered", "worn out", "wiped out"),
        f"{CAMBRIDGE}: knackered, shattered (UK informal: extremely tired); worn out, wiped out "
        "(informal: very tired)",
        one_way=True,
    ),
    LayTerm(
        (
            "talk",
            "speak",
            "bring it up",
            "bring up",
            "raise it",
            "broach",
            "have a word",
            "have a chat",
            "convo",
        ),
        f"{CAMBRIDGE} thesaurus: talk, speak; bring up, raise, broach (to start talking about "
        "a subject); have a word (UK informal: to talk to someone); go to someone (to ask "
        "them for help or advice); convo (informal: a conversation)",
        asked=(
            "who can i go to",
            "who else can i go to",
            "someone to go to",
            "anyone to go to",
            "warn my",
            "warn her",
            "warn him",
            "warn them",
        ),
    ),
    LayTerm(
        (
            "money",
            "gifts",
            "presents",
            "cash",
            "freebies",
            "expensive",
            "designer clothes",
            "designer gear",
            "new trainers",
            "trainers",
            "buying her things",
            "buys her things",
            "buying him things",
            "buys him things",
            "buying her stuff",
            "buys her stuff",
            "buying him stuff",
            "buys him stuff",
            "showering her with gifts",
            "flashy",
            "phone bill",
            "top up",
            "top-ups",
            "phone credit",
            "gift card",
            "gift cards",
            "vouchers",
            "topping up",
            "splashing cash",
            "splashing money",
            "flashing cash",
            "topped up",
            "tops up",
            "minted",
            "rolling in it",
            "twenties",
            "tenners",
            "fivers",
            "wad of cash",
            "wads of cash",
            "roll of cash",
            "rolls of cash",
            "nails done",
            "hair done",
            "designer bag",
            "designer bags",
            "new bag",
            "handbag",
            "handbags",
        ),
        f"{CAMBRIDGE}: presents, freebie (informal: something given free), gear (informal: "
        "clothes), stuff (informal: things), flashy (looking expensive), top-up (more credit "
        "for a mobile phone), minted and rolling in it (UK informal: having a lot of money); "
        "NSPCC (nspcc.org.uk), 'Child sexual exploitation': signs include unexplained gifts, "
        "new clothes or phones",
        # A young person says it of themself ("older guy buying me stuff"); "bought" forms
        # of the others.
        asked=(
            "buying me stuff",
            "buys me stuff",
            "bought me stuff",
            "buying me things",
            "buys me things",
            "bought me things",
            "bought her stuff",
            "bought him stuff",
            "bought her things",
            "bought him things",
        ),
    ),
    LayTerm(
        (
            "cigarettes",
            "cigarette",
            "fags",
            "fag",
            "ciggies",
            "ciggy",
            "cigs",
            "tobacco",
            "vape",
            "vaping",
            "e-cigarette",
        ),
        f"{CAMBRIDGE}: fag, ciggy (UK informal: a cigarette); {NHS}, 'Using e-cigarettes to stop "
        "smoking': vapes, also called e-cigarettes",
    ),
    # --- Who, where and how: further everyday words (issue 22, second pass) -----------------
    LayTerm(
        ("isolation", "isolated", "lonely", "loneliness", "no friends", "friendless", "left out"),
        f"{CAMBRIDGE} thesaurus: isolated, lonely, friendless, left out",
    ),
    LayTerm(
        (
            "records",
            "notes",
            "case notes",
            "paperwork",
            "write it down",
            "jot down",
            "jotting down",
            "jotted down",
            "note down",
            "noting down",
            "make a note",
            "writing it down",
            "written down",
            "documentation",
            "diary",
            "keep a log",
            "log of",
        ),
        f"{CAMBRIDGE}: notes, case notes, paperwork (the written records of a piece of work), write down; "
        "diary, log (a written record of events, kept each day)",
        one_way=True,
    ),
    LayTerm(
        (
            "age assessment",
            "age dispute",
            "age disputed",
            "disputed age",
            "lying about his age",
            "lying about her age",
            "lying about their age",
            "real age",
            "true age",
        ),
        "ADCS (adcs.org.uk), 'Age assessment guidance': age-disputed young people",
    ),
    LayTerm(
        (
            "family members",
            "family member",
            "relatives",
            "intrafamilial",
            "intra-familial",
            "within the family",
            "uncle",
            "uncles",
            "cousin",
            "cousins",
            "stepdad",
            "stepfather",
            "mum's boyfriend",
            "mum's partner",
        ),
        "NSPCC Learning (learning.nspcc.org.uk), 'Intrafamilial child sexual abuse'; "
        f"{CAMBRIDGE}: stepdad (informal: stepfather)",
        one_way=True,
    ),
    LayTerm(
        (
            "conflict",
            "row",
            "rows",
            "argument",
            "arguments",
            "arguing",
            "falling out",
            "fall out",
            "kick off",
            "kicks off",
            "kicking off",
        ),
        f"{CAMBRIDGE}: row (UK: a noisy argument), fall out, kick off (UK informal: to become angry)",
        one_way=True,
    ),
    LayTerm(
        (
            "secretive",
            "secret",
            "secrets",
            "won't tell me",
            "won't say",
            "will not say",
            "hiding things",
            "sneaking out",
            "sneaks out",
        ),
        f"{CAMBRIDGE} thesaurus: secretive, hiding things, sneak out",
    ),
    LayTerm(
        (
            "criminal exploitation",
            "county lines",
            "going country",
            "trap house",
            "cuckooing",
            "gang",
            "gangs",
            "running drugs",
            "carrying drugs",
            "carry drugs",
            "drug mule",
            "drugs mule",
            "mule",
        ),
        "Home Office (gov.uk), 'Criminal exploitation of children and vulnerable adults: "
        "county lines'; NSPCC (nspcc.org.uk), 'Gangs and criminal exploitation': cuckooing, trap "
        f"house; {CAMBRIDGE}: mule (slang: a person who carries drugs for a dealer)",
    ),
    LayTerm(
        (
            "debt",
            "debts",
            "owes",
            "owing",
            "owe money",
            "pay it back",
            "paying it back",
            "in debt",
            "paid for my",
        ),
        f"{CAMBRIDGE} thesaurus: debt, owe, pay back",
    ),
    LayTerm(
        (
            "confidentiality",
            "confidential",
            "in confidence",
            "without the parents knowing",
            "without her parents knowing",
            "without his parents knowing",
            "without their parents knowing",
            "without parents knowing",
            "without them knowing",
            "without telling",
            "behind their back",
            "keep it between us",
            "keep it secret",
        ),
        f"{CAMBRIDGE}: in confidence (told to someone who will keep it secret), behind "
        "someone's back (without them knowing)",
        one_way=True,
    ),
    LayTerm(
        (
            "warning notice",
            "child abduction warning notice",
            "CAWN",
            "abduction notice",
            "civil order",
            "restraining order",
            "keep away order",
            "stay away order",
            "banning order",
            "injunction",
            "keep him away",
            "keep a man away",
            "keep them away",
            "keep away from",
        ),
        "College of Policing (college.police.uk), 'Child abduction warning notices'; "
        f"{CAMBRIDGE}: restraining order, injunction (an official order to stop someone doing something)",
    ),
    LayTerm(
        (
            "referral",
            "refer",
            "report it",
            "report this",
            "report a concern",
            "flagged",
            "flag it",
            "flag it up",
            "flagged it up",
            "flagged up",
            "raise a concern",
            "raised a concern",
            "who do i tell",
            "who should i tell",
            "who to tell",
            "who do i call",
            "who should i call",
            "who to call",
            "who do i ring",
            "who can i ring",
            "who can i call",
            "who can i phone",
            "who can i contact",
            "who can i report",
            "who do i contact",
            "who should i contact",
            "who to contact",
            "where do i report",
            "how do i report",
            "who do we tell",
            "who am i meant to tell",
            "who am i supposed to tell",
            "who are we meant to tell",
            "who are we supposed to tell",
            "who do i pass it on to",
            "who do i pass that on to",
        ),
        f"{CAMBRIDGE}: refer (to send someone to a person or service for help), report "
        "(to tell someone in authority about something)",
        one_way=True,
    ),
    LayTerm(
        (
            "controlling",
            "controlled",
            "possessive",
            "jealous",
            "goes through my phone",
            "checks my phone",
            "checking my phone",
            "goes through her phone",
            "checks her phone",
            "tracks my location",
            "tracking my location",
            "won't let me",
            "doesn't let me",
        ),
        f"{CAMBRIDGE}: controlling, possessive, jealous; NSPCC (nspcc.org.uk), 'Healthy "
        "relationships': checking your phone, tracking where you are",
    ),
    LayTerm(("information", "info"), f"{CAMBRIDGE}: info (informal: information)"),
    LayTerm(
        ("hotel", "hotels", "motel", "B&B", "bed and breakfast", "airbnb", "guest house", "guest houses"),
        f"{CAMBRIDGE}: B&B (bed and breakfast: a small hotel or private house), motel, guest house",
    ),
    LayTerm(
        (
            "parties",
            "party",
            "house party",
            "house parties",
            "gathering",
            "gatherings",
            "sleepover",
            "sleepovers",
        ),
        f"{CAMBRIDGE}: house party, sleepover (a party at which children stay the night)",
        one_way=True,
    ),
    # --- Sex, harm and health -------------------------------------------------------------
    LayTerm(
        (
            "sexual assault",
            "rape",
            "raped",
            "sexually assaulted",
            "forced to have sex",
            "made to have sex",
            "groped",
            "groping",
            "fondled",
            "molested",
        ),
        f"{NHS}, 'Help after rape and sexual assault'; {CAMBRIDGE}: grope (to touch someone's "
        "body sexually when they do not want you to), touch up (UK informal), fondle, molest",
        asked=("touched up",),
        one_way=True,
    ),
    LayTerm(
        (
            "age of consent",
            "underage",
            "under age",
            "legal age",
            "old enough to consent",
            "legally old enough",
        ),
        f"{CAMBRIDGE}: age of consent (the age at which a person can legally agree to have sex), "
        "underage (too young to be legally allowed to do something)",
        one_way=True,
    ),
    LayTerm(
        (
            "injuries",
            "injury",
            "injured",
            "bruises",
            "bruising",
            "bruised",
            "black eye",
            "hurt",
            "wounds",
            "wound",
            "stab wound",
            "stab wounds",
            "stabbed",
            "beaten up",
        ),
        f"{CAMBRIDGE}: bruise (an injury that makes a mark on the skin), black eye, wound, stab, beat up",
        one_way=True,
    ),
    LayTerm(
        ("offence", "offences", "against the law", "illegal", "unlawful", "breaking the law", "a crime"),
        f"{CAMBRIDGE}: illegal, unlawful (not allowed by law), against the law, offence (an "
        "illegal act; a crime)",
        one_way=True,
        asked=("is that allowed", "is it allowed", "is that legal", "is it legal"),
    ),
    LayTerm(
        ("food", "chips", "burgers", "kebabs", "pizza", "free meals"),
        f"{CAMBRIDGE}: chips (UK: long thin pieces of fried potato), burger, kebab, pizza",
        one_way=True,
    ),
    LayTerm(
        ("immediate danger", "emergency number", "999", "ring 999", "call 999", "dial 999", "phone 999"),
        f"{CAMBRIDGE}: 999 (UK: the telephone number for the emergency services, for someone "
        "in immediate danger; the emergency number)",
        one_way=True,
    ),
    LayTerm(
        ("baby", "newborn", "new baby", "infant"),
        f"{CAMBRIDGE}: newborn (a baby that has just been born), infant (formal: a baby)",
        one_way=True,
    ),
    LayTerm(
        ("man", "male", "males", "adult male", "adult males", "guy", "guys"),
        f"{CAMBRIDGE}: male (a man or boy; as in police and health reports: 'an adult male'); "
        "guy (informal: a man)",
        one_way=True,
    ),
    LayTerm(
        ("asylum seeking", "asylum seeker", "asylum seekers", "refugee", "refugees"),
        f"{CAMBRIDGE}: asylum seeker (someone who has left their country and asks another for "
        "protection), refugee",
        one_way=True,
    ),
    LayTerm(
        ("identification", "id", "photo id", "proof of age", "passport", "driving licence"),
        f"{CAMBRIDGE}: ID (abbreviation for identification: an official document showing who "
        "you are), proof of age",
        one_way=True,
    ),
    LayTerm(
        (
            "staying out late",
            "stays out late",
            "stayed out late",
            "out late",
            "comes home late",
            "coming home late",
            "came home late",
            "staying out all night",
        ),
        "NSPCC (nspcc.org.uk), 'Child sexual exploitation: signs and indicators': staying out "
        "late or overnight",
        one_way=True,
    ),
    LayTerm(
        ("alternative provision", "pupil referral unit", "pupil referral units", "PRU"),
        "Department for Education (gov.uk), 'Alternative provision': pupil referral units (PRUs) "
        "are one kind",
        one_way=True,
    ),
    # --- Services and people ----------------------------------------------------------------
    LayTerm(
        (
            "children's social care",
            "social services",
            "children's services",
            "childrens services",
            "social care",
        ),
        f"{CAMBRIDGE}: social services (a system of government help for people who need it, "
        "such as children at risk)",
        one_way=True,
    ),
    LayTerm(
        (
            "police",
            "cops",
            "cop",
            "copper",
            "coppers",
            "the old bill",
            "old bill",
            "feds",
            "the feds",
            "popo",
        ),
        f"{CAMBRIDGE}: cop, copper (informal: a police officer), the Old Bill (UK slang: the police)",
        one_way=True,
    ),
    LayTerm(
        ("foster carer", "foster parent", "foster parents", "foster mum", "foster dad", "foster family"),
        f"{CAMBRIDGE}: foster parent (someone who looks after a child in their home for a time)",
        one_way=True,
    ),
    LayTerm(
        ("care leaver", "care leavers", "turning 18", "aftercare", "moving on from care", "left care"),
        "Department for Education, 'Care leavers': young people leaving care at 18 and their "
        "support after it",
        one_way=True,
    ),
    LayTerm(
        (
            "college",
            "colleges",
            "sixth form",
            "sixth form college",
            "sixth former",
            "further education",
            "FE college",
        ),
        f"{CAMBRIDGE}: sixth form college, sixth former (a student in the sixth form), further "
        "education (education after 16 that is not at a university)",
        one_way=True,
    ),
    LayTerm(
        ("CCTV", "cameras", "camera footage", "security cameras", "security camera", "footage"),
        f"{CAMBRIDGE}: CCTV (closed-circuit television: cameras recording a public place)",
        one_way=True,
    ),
    LayTerm(
        ("trafficking", "trafficked", "moved around", "taken to other towns", "taken to other cities"),
        "NSPCC (nspcc.org.uk), 'Child trafficking': children moved around the country to be exploited",
        asked=("in another city", "in another town", "miles from home", "miles away from home"),
        one_way=True,
    ),
    LayTerm(
        ("bite marks", "love bite", "love bites", "hickey", "hickeys"),
        f"{CAMBRIDGE}: love bite (UK), hickey (US: a mark on the skin from being bitten or sucked)",
    ),
    LayTerm(
        ("child protection plan", "protection plan", "CP plan", "on a plan", "child protection conference"),
        "NSPCC (nspcc.org.uk), 'Child protection plans' (a child subject to a plan after a "
        "child protection conference)",
        one_way=True,
    ),
    # --- Plain words for the guidance's formal ones (issue 22, eighth pass) ---------------
    LayTerm(
        ("respond", "reply", "replies", "replied", "replying", "get back to"),
        f"{CAMBRIDGE}: respond (formal: to say or write something as an answer), reply",
        one_way=True,
    ),
    LayTerm(
        ("promptly", "quickly", "quick", "fast", "asap", "straight away", "right away", "without delay"),
        f"{CAMBRIDGE}: promptly (quickly and without delay), ASAP (as soon as possible)",
        one_way=True,
    ),
    LayTerm(
        ("times to be home", "curfew", "curfews", "time to be home"),
        f"{CAMBRIDGE}: curfew (a rule that a child must be home by a particular time)",
        asked=("home by",),
        one_way=True,
    ),
    LayTerm(
        ("mood swings", "moody", "moodiness", "changes in mood"),
        f"{CAMBRIDGE}: moody (often changing mood, especially becoming angry or unhappy); mood swing",
    ),
    LayTerm(
        ("professional curiosity", "professionally curious", "curious", "curiosity"),
        "NSPCC Learning (learning.nspcc.org.uk), 'Professional curiosity': looking beyond the "
        "obvious explanation and asking questions",
        one_way=True,
    ),
    LayTerm(
        ("clothes", "gear", "clobber", "clothing", "new gear"),
        f"{CAMBRIDGE}: gear (informal: clothes), clobber (UK informal: clothes)",
        one_way=True,
    ),
    LayTerm(
        ("sexuality", "gay", "lesbian", "bisexual", "LGBT", "LGBTQ", "sexual orientation"),
        f"{CAMBRIDGE}: sexuality (someone's sexual orientation: whether they are gay, lesbian, "
        "bisexual or straight); LGBT",
        one_way=True,
    ),
    LayTerm(
        ("sports", "sport", "football", "footy", "footie", "rugby", "netball", "cricket"),
        f"{CAMBRIDGE}: footy, footie (UK informal: football)",
        one_way=True,
    ),
    LayTerm(
        (
            "lunchtime supervisor",
            "dinner lady",
            "dinner ladies",
            "dinner staff",
            "midday supervisor",
            "lunchtime staff",
        ),
        f"{CAMBRIDGE}: dinner lady (UK: a woman whose job is to serve meals and look after "
        "children at lunchtime in a school)",
        one_way=True,
    ),
    LayTerm(
        ("pelvic inflammatory disease", "PID"),
        f"{NHS}: pelvic inflammatory disease (PID), an infection often caused by a sexually "
        "transmitted infection",
    ),
    LayTerm(
        ("accompanies", "accompanied", "accompany", "accompanying"),
        f"{CAMBRIDGE}: accompany (to go with someone or to be provided or happen together); "
        "bring (to take someone with you to a place)",
        one_way=True,
        asked=("brought in by", "brought by", "comes in with", "came in with", "always comes with"),
    ),
    # --- Ninth pass: how a worried adult or a young person says what guidance names --------
    LayTerm(
        (
            "flattery",
            "flatter",
            "flattering",
            "flattered",
            "compliments",
            "compliment",
            "complimenting",
            "sweet talk",
            "sweet talking",
            "buttering up",
            "butter up",
            "love bombing",
            "love bombed",
        ),
        f"{CAMBRIDGE}: flattery (praise that is not sincere, given to persuade someone); "
        "sweet-talk (to persuade someone with pleasant, insincere words); butter someone up; "
        "Collins English Dictionary: love-bombing (lavishing someone with attention to win "
        "their trust); mature (behaving like an adult: 'very mature for her age', said to "
        "flatter a young person)",
        asked=(
            "mature for my age",
            "mature for her age",
            "mature for his age",
            "mature for your age",
            "mature for their age",
        ),
    ),
    LayTerm(
        ("shock", "shocking", "graphic", "scare tactics", "shock tactics", "horror stories"),
        f"{CAMBRIDGE}: graphic (very clear and powerful, showing violence or sex in detail); "
        "scare tactics (ways of frightening people into doing something); 'scared straight', "
        "the name of programmes that try to frighten young people away from crime",
        one_way=True,
        asked=("scare them straight", "scared straight", "scare them", "frighten them"),
    ),
    LayTerm(
        (
            "background",
            "backgrounds",
            "rough family",
            "rough families",
            "rough background",
            "rough estate",
            "posh",
            "deprived",
            "well off",
            "middle class",
            "working class",
            "nice family",
            "nice families",
            "good family",
            "good families",
            "good home",
            "poor family",
            "poor families",
        ),
        f"{CAMBRIDGE}: background (a person's social class, education or experience); "
        "posh (UK informal: from a high social class); deprived; well off; middle class; "
        "working class; rough (UK: a rough area or family, with much crime or poverty)",
        one_way=True,
    ),
    LayTerm(
        ("help", "get help"),
        f"{CAMBRIDGE}: help (to make it possible or easier for someone to do something); a "
        "question asking what to do next, or who to turn to, asks for help",
        one_way=True,
        asked=(
            "what do i do",
            "what should i do",
            "what now",
            "what do we do",
            "what should we do",
            "what can i do",
            "what can we do",
            "who do i go to",
            "who should i go to",
            "where do i go",
            "where can i go",
            "who do i turn to",
            "who can help",
            "what am i supposed to do",
            "what are we supposed to do",
            "what am i meant to do",
            "what are we meant to do",
            "can i do anything",
            "can we do anything",
            "anything i can do",
            "anything we can do",
        ),
    ),
    LayTerm(
        ("apprenticeships", "apprenticeship", "apprentice", "apprentices", "trainee", "trainees"),
        f"{CAMBRIDGE}: apprentice (someone who works for an employer for a fixed period to learn a "
        "skill), trainee",
        one_way=True,
    ),
    LayTerm(
        ("employers", "employer", "boss", "bosses", "gaffer"),
        f"{CAMBRIDGE}: boss (the person who is in charge of an organization and tells others what "
        "to do), gaffer (UK informal: a boss)",
        one_way=True,
    ),
    LayTerm(
        ("manipulate", "manipulating", "manipulated", "manipulative"),
        f"{CAMBRIDGE}: play (informal: to deceive or trick someone: 'he's playing you'), be played",
        one_way=True,
        asked=(
            "playing us",
            "playing me",
            "playing her",
            "playing him",
            "playing them",
            "being played",
            "played us",
        ),
    ),
    LayTerm(
        (
            "outcome",
            "heard back",
            "hear back",
            "heard nothing back",
            "not heard back",
            "no response",
            "got back to me",
            "come back to me",
        ),
        f"{CAMBRIDGE}: hear back (to get a reply from someone), outcome (a result or effect "
        "of an action or situation)",
        one_way=True,
    ),
    LayTerm(
        (
            "ultimatums",
            "ultimatum",
            "forbid",
            "forbidding",
            "forbidden",
            "ban her",
            "ban him",
            "banned her",
            "banned him",
            "ground her",
            "ground him",
            "grounded her",
            "grounded him",
            "grounding her",
            "grounding him",
        ),
        f"{CAMBRIDGE}: ultimatum (a statement that if someone does not do something, you will "
        "act against them); forbid, ban; ground (to forbid a child to go out, as a punishment)",
        one_way=True,
    ),
    LayTerm(
        ("evidence", "screenshot", "screenshots", "screen shot", "screengrab", "screen grab"),
        f"{CAMBRIDGE}: screenshot (an image of what is shown on a screen, kept as a record)",
        one_way=True,
    ),
    LayTerm(
        ("told what to say", "coached", "been coached", "rehearsed", "scripted", "same story"),
        f"{CAMBRIDGE}: coach (to teach someone what to say or do, especially dishonestly); "
        "rehearsed, scripted (said as if learnt in advance)",
        one_way=True,
    ),
    LayTerm(
        ("under the age of 18", "aged under 18"),
        f"{CAMBRIDGE}: adult (a person who is fully grown, in law usually 18 or over); a young "
        "person asking whether they still count as a child asks whether they are under 18",
        one_way=True,
        asked=(
            "classed as an adult",
            "counted as an adult",
            "count as an adult",
            "counts as an adult",
            "an adult now",
            "still a child",
            "still count as a child",
            "still counted as a child",
            "still classed as a child",
        ),
    ),
    LayTerm(
        ("threats", "threatened", "threatening", "threaten", "threatens"),
        f"{CAMBRIDGE}: threaten (to tell someone that you will hurt them or cause problems if "
        "they do not do what you want)",
        asked=(
            "hurt my mum",
            "hurt my dad",
            "hurt my family",
            "hurt my brother",
            "hurt my sister",
            "hurt my little brother",
            "hurt my little sister",
            "said he would hurt",
            "said hed hurt",
            "said he'd hurt",
        ),
    ),
    LayTerm(
        ("medium risk", "middle category", "middle band", "amber"),
        f"{CAMBRIDGE}: medium (being in the middle between two sizes or amounts); amber, the "
        "middle of the red, amber and green ratings risk forms use",
        one_way=True,
    ),
    LayTerm(
        ("screening tool", "risk form", "risk assessment form", "cse form", "risk tool"),
        f"{CAMBRIDGE}: form (a printed document with spaces for answers); risk assessment",
        one_way=True,
    ),
    LayTerm(
        (
            "share",
            "pass on",
            "passing on",
            "pass it on",
            "pass this on",
            "pass that on",
            "pass stuff on",
            "passed on",
        ),
        f"{CAMBRIDGE}: pass something on (to give information to someone else)",
        one_way=True,
    ),
    LayTerm(
        (
            "prosecution",
            "press charges",
            "pressing charges",
            "charge him",
            "charge them",
            "be charged",
            "get charged",
            "charged with",
            "enough for a charge",
        ),
        f"{CAMBRIDGE}: charge (of the police: to accuse someone officially of a crime), press charges",
        one_way=True,
    ),
    LayTerm(
        (
            "completing",
            "complete",
            "fill in",
            "filling in",
            "filled in",
            "fill out",
            "filling out",
            "filled out",
        ),
        f"{CAMBRIDGE}: fill in, fill out (to write the necessary information on an official document)",
        one_way=True,
    ),
    LayTerm(
        ("strategy", "strat"),
        f"{CAMBRIDGE}: strategy; 'strat', as social workers shorten a strategy meeting or "
        "discussion in their notes ('strat mtg')",
        one_way=True,
    ),
    LayTerm(
        ("meeting", "mtg", "mtgs"),
        f"{CAMBRIDGE}: mtg (written abbreviation for meeting)",
        one_way=True,
    ),
    LayTerm(
        ("keep secrets", "keep a secret"),
        f"{CAMBRIDGE}: keep a secret; keep something between ourselves (to not tell anyone else)",
        one_way=True,
        asked=(
            "keep it between ourselves",
            "keep it to myself",
            "keep it to yourself",
            "id keep it",
            "i'd keep it",
            "keep quiet about it",
        ),
    ),
    LayTerm(
        ("grass", "snitching", "snitch", "snitches", "grassing", "grassed"),
        f"{CAMBRIDGE}: grass (UK informal: to tell the police or someone in authority about "
        "someone's crimes or bad behaviour), snitch (informal: to secretly tell someone in "
        "authority that someone else has done something bad)",
        one_way=True,
    ),
    LayTerm(
        ("game credits", "skins", "vbucks", "v-bucks", "robux", "in-game currency"),
        "Ofcom (ofcom.org.uk), 'Children and parents: media use and attitudes': in-game "
        "purchases; V-Bucks (Fortnite) and Robux (Roblox), games' own currencies, and skins, the "
        "outfits bought with them",
        one_way=True,
    ),
    LayTerm(
        ("angry", "goes mad", "go mad", "went mad", "flips out", "flipped out", "loses it", "lost it"),
        f"{CAMBRIDGE}: go mad (UK informal: to become very angry), flip out, lose it (to "
        "suddenly become very angry)",
        one_way=True,
    ),
    LayTerm(
        ("chronology", "timeline", "time line", "timelines"),
        f"{CAMBRIDGE}: timeline (a list of events in the order in which they happened); "
        "chronology, as social work records name the same list",
        one_way=True,
    ),
    LayTerm(
        (
            "empty buildings",
            "empty building",
            "derelict",
            "abandoned building",
            "abandoned buildings",
            "boarded up",
            "disused",
        ),
        f"{CAMBRIDGE}: derelict (of a building: not cared for and in bad condition, not used), "
        "disused, abandoned, boarded up (with windows and doors covered with boards)",
        one_way=True,
    ),
    LayTerm(
        (
            "distress",
            "distressed",
            "upset",
            "in bits",
            "in pieces",
            "in a state",
            "in tears",
            "beside herself",
            "beside himself",
        ),
        f"{CAMBRIDGE}: in bits (UK informal: very upset), in pieces, in a state (very upset or "
        "nervous), beside yourself (in a very bad emotional state), in tears",
    ),
    LayTerm(
        ("lunchtime", "lunch", "lunch break", "lunchbreak", "dinnertime", "dinner time"),
        f"{CAMBRIDGE}: dinner (UK, regional: the meal eaten in the middle of the day), "
        "dinnertime; lunch break",
        one_way=True,
    ),
    LayTerm(
        (
            "disruption",
            "disrupt",
            "disrupting",
            "arrest",
            "arrested",
            "arresting",
            "lock him up",
            "locked up",
            "crack down",
            "stop these men",
            "warrant",
            "raid",
            "raided",
            "stop this man",
            "catch him",
            "catch them",
        ),
        f"{CAMBRIDGE}: arrest; lock someone up (to put someone in prison); crack down (to "
        "start dealing with bad or illegal behaviour in a more severe way); disruption, as "
        "the Home Office's Child Exploitation Disruption Toolkit (gov.uk, 2019) names the "
        "ways the police and councils stop offenders",
        one_way=True,
    ),
)

LAY: tuple[tuple[str, ...], ...] = tuple(term.forms + term.asked for term in LAY_TERMS)
# Synonyms.lay_forms never searches these in the pages.
ASKED_ONLY = tuple(form for term in LAY_TERMS for form in term.asked)
