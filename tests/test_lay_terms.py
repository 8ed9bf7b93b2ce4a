"""The lay vocabulary shipped as data (engine/lay_terms.py): reviewed entries, each with
its source, each form in one group only, and the words people use finding the toolkit's
pages (the questions come from tests/eval/questions.yaml)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from pipeline.config import load_config
from pipeline.engine.inflections import INFLECTIONS
from pipeline.engine.lay_terms import LAY_TERMS
from pipeline.engine.search import match_spans
from pipeline.engine.store import IndexStore
from pipeline.engine.synonyms import Synonyms, _key, from_toolkit
from tests.conftest import SAMPLE_CONFIG
from tools.sample_text import CHAPTERS

Search = Callable[..., Result]
# A named public glossary, dictionary or organisation, with where to find it.
SOURCE = re.compile(
    r"(Cambridge Dictionary|NHS website|GOV\.UK|Department for Education|\([a-z.]+\.(uk|org|com)\))"
)


def test_every_entry_names_where_the_usage_comes_from() -> None:
    unsourced = [term.forms[0] for term in LAY_TERMS if not SOURCE.search(term.source)]
    assert unsourced == []


def test_a_form_belongs_to_one_group_only() -> None:
    keys = Counter(key for term in LAY_TERMS for key in {_key(form) for form in (*term.forms, *term.asked)})
    assert sorted(key for key, count in keys.items() if count > 1) == []
    assert all(len(term.forms) >= 2 for term in LAY_TERMS)


def test_the_vocabulary_was_not_written_from_the_sample_pages() -> None:
    """The slang people type is not the toolkit's wording: two thirds of the forms appear
    on no page of the sample toolkit (each group also names the toolkit's own term)."""
    text = " ".join(
        paragraph
        for chapter in CHAPTERS
        for page in (*chapter.intro, *(p for section in chapter.sections for p in section.pages))
        for paragraph in page
    ).lower()
    said = [
        form
        for term in LAY_TERMS
        for form in term.forms
        if re.search(rf"\b{re.escape(form.lower())}\b", text)
    ]
    assert len(said) < sum(len(term.forms) for term in LAY_TERMS) / 3, said


def answer(cse_search: Search, *args: str) -> dict[str, object]:
    result = cse_search(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def assert_every_word_found(cse_search: Search, questions: tuple[str, ...], *args: str) -> None:
    """No word of any of the questions is listed as one that no page mentions."""
    for question in questions:
        assert answer(cse_search, question, *args)["unmatched"] == [], question


def first_hit(data: dict[str, object]) -> tuple[str, str]:
    """The section and printed page of the first result."""
    hit = data["results"][0]  # type: ignore[index]
    return hit["section"], hit["page"]


def test_everyday_words_find_the_toolkits_pages(cse_search: Search) -> None:
    """A parent's 'smashed' finds the page on alcohol; 'skipping school' the page on
    attendance, though neither page says those words."""
    smashed = answer(cse_search, "my son came home smashed and won't say where he's been", "--role", "parent")
    assert first_hit(smashed) == ("signs-to-look-out-for", "113")
    assert smashed["unmatched"] == []
    skipping = answer(cse_search, "skipping school")
    assert skipping["results"][0]["section"] == "attendance"  # type: ignore[index]


def test_words_for_harm_and_services_the_toolkit_never_uses_find_its_own(cse_search: Search) -> None:
    """ "raped" is on no page: it found the referral page and was listed as missing; the
    A&E page on sexual assault answers. "sixth form" and "cameras" likewise reach
    "college" and "CCTV"."""
    raped = answer(cse_search, "she says she was raped at a party")
    assert first_hit(raped) == ("accident-and-emergency", "71")
    assert raped["unmatched"] == []
    assert answer(cse_search, "sixth form student with older boyfriend")["unmatched"] == []
    assert answer(cse_search, "hotel cameras")["unmatched"] == []


def test_a_word_typed_counts_more_than_its_lay_synonym(cse_search: Search) -> None:
    """'sextortion' is said on the online exploitation page; 'blackmail', its lay synonym,
    on the school's image-sharing page: the word typed comes first."""
    data = answer(cse_search, "sextortion")
    assert data["results"][0]["section"] == "online-exploitation"  # type: ignore[index]


def test_a_several_word_lay_form_is_marked_only_where_it_stands_whole(
    sample_index: Path, cse_search: Search
) -> None:
    """'boyfriend' brings its lay forms 'seeing someone' and 'going out with': those are
    marked where they stand whole, never their words alone ('see', 'with' anywhere on the
    page), which marked half the words of a page for a nurse's question."""
    text = "If you see a child with an older boyfriend, ask. She is going out with him; he is seeing someone."
    synonyms = from_toolkit(load_config(SAMPLE_CONFIG))
    search_dir = IndexStore(sample_index).search_dir()
    spans = match_spans(search_dir, "boyfriend", text, synonyms=synonyms)
    assert [text[a:b] for a, b in spans] == ["boyfriend", "going out with", "seeing someone"]
    shown = cse_search("much older boyfriend", "--limit", "3", "--color", "always", "--no-pager").stdout
    marked = {m.lower() for m in re.findall(r"\x1b\[1m([^\x1b]*)\x1b\[", shown) if " — Chapter" not in m}
    assert "older boyfriend" in marked and not marked & {"see", "with", "going", "out", "someone"}, marked


def test_irregular_verb_forms_are_each_in_one_group_and_apart_from_the_lay_words() -> None:
    """An irregular form joins one verb only, and no lay group holds it (a form in two
    groups would be searched with the other group's words)."""
    lay_keys = {_key(form) for term in LAY_TERMS for form in term.forms}
    keys = Counter(_key(form) for group in INFLECTIONS for form in set(group))
    assert sorted(key for key, count in keys.items() if count > 1) == []
    assert sorted(set(keys) & lay_keys) == []


def test_a_lay_synonym_no_page_holds_is_left_out_of_the_query(sample_index: Path) -> None:
    """Every synonym searched costs a parse and a look-up; one the toolkit never says can
    find nothing, so the query holds only the forms some page has."""
    from pipeline.engine.index import open_searcher
    from pipeline.engine.search import _form_held

    on_pages = _form_held(open_searcher(IndexStore(sample_index).search_dir()))
    assert on_pages("truanting") and not on_pages("wagging")
    expanded, used = Synonyms().expand("skiving", lay_weight=0.65, on_pages=on_pages)
    assert "truanting" in expanded and "wagging" not in expanded
    assert "wagging" not in used


def test_a_form_only_asked_finds_its_group_but_is_never_searched_for_another() -> None:
    """ "hasn't come home" is how a parent says missing; typed, it searches "missing".
    Pages never say it, so "missing" typed does not search it: as a phrase of the commonest
    words it doubled the cost of a query at 10,000 pages."""
    lay = Synonyms()
    assert "missing" in lay.lay_forms("hasn't come home")
    assert "missing" in lay.lay_forms("hasnt come home")
    searched = {_key(form) for form in lay.lay_forms("missing")}
    assert "run away" in searched
    assert searched.isdisjoint(_key(form) for term in LAY_TERMS for form in term.asked)
    expanded, _ = lay.expand("teenager not coming home", lay_weight=0.65)
    assert "missing" in expanded


def test_a_question_word_of_a_typed_lay_phrase_is_never_marked_alone(cse_search: Search) -> None:
    """'stinking of' is searched as a phrase with 'smelling of'; no page says it, so its
    'of' was once marked wherever it stood ('source of information')."""
    shown = cse_search(
        "teen i foster comes home stinking of weed",
        "--role",
        "foster-carer",
        "--color",
        "always",
        "--no-pager",
    ).stdout
    marked = {m.lower() for m in re.findall(r"\x1b\[1m([^\x1b]*)\x1b\[", shown) if " — Chapter" not in m}
    assert "of" not in marked and {"foster", "home"} <= marked, marked


def test_an_everyday_verb_the_pages_hold_is_searched_as_typed(sample_index: Path) -> None:
    """'went' is on the toolkit's pages: its other forms ('go', 'gone') would only add cost
    and pages of other meanings. 'taught' is no everyday word: it still brings 'teach'."""
    from pipeline.engine.index import open_searcher
    from pipeline.engine.search import _form_held, _settled

    settled = _settled(_form_held(open_searcher(IndexStore(sample_index).search_dir())))
    went, used = Synonyms().expand("she went missing", lay_weight=0.65, settled=settled)
    assert went.startswith("she went (missing OR") and not {"go", "gone"} & set(used)
    _, used = Synonyms().expand("what are children taught", lay_weight=0.65, settled=settled)
    assert "teach" in used


def test_where_young_people_hang_about_in_everyday_words(cse_search: Search) -> None:
    """ "chip shop" and "hanging around" are on no page: they were listed as words no page
    mentions; they find the takeaways page and the pages on where children spend time."""
    data = answer(cse_search, "young people hanging around the chip shop late at night")
    assert data["unmatched"] == []
    assert first_hit(data) == ("takeaways", "110")
    kebab = answer(cse_search, "kebab shop")["results"][0]  # type: ignore[index]
    assert kebab["section"] == "takeaways"


def test_the_law_an_emergency_and_schoolchildren_in_everyday_words(cse_search: Search) -> None:
    """ "illegal", "999", "schoolgirl" and "chips" are on no page: each was listed as a
    word no page mentions. "999" finds the page saying what to do in an emergency, not
    the Accident and Emergency pages."""
    assert_every_word_found(
        cse_search,
        (
            "is sexting illegal",
            "should i ring 999",
            "driver keeps picking up the same schoolgirl",
            "grown man keeps giving schoolkids free chips",
        ),
    )
    assert first_hit(answer(cse_search, "should i ring 999")) == ("where-to-get-help", "118")


def test_words_of_reports_and_forms_find_the_toolkits_own(cse_search: Search) -> None:
    """ "newborn", "adult male", "asylum seeker" and "no id" are how reports and front
    desks put it; each was a word no page mentions."""
    for question, role in (
        ("mum of newborn is only 15 and lives with a much older man", "health-visitor"),
        ("overdose and found with an adult male", "paramedic"),
        ("age assessment of a young asylum seeker", "uasc"),
        ("room booked for cash with no id", "hotel-staff"),
    ):
        assert answer(cse_search, question, "--role", role)["unmatched"] == [], question


def test_a_young_persons_message_about_apps_and_strangers(cse_search: Search) -> None:
    """ "dming" was "corrected" to "doing"; "insta", "guy" and "sum1" were words no page
    mentions; "carry drugs to another town" showed the taxi pages before county lines."""
    dming = answer(cse_search, "a man on tiktok keeps dming me")
    assert dming["corrected"] is None and dming["unmatched"] == []
    assert_every_word_found(
        cse_search, ("this guy i met on insta wants to meet up", "sum1 keeps asking me for nudes")
    )
    assert first_hit(answer(cse_search, "they made me carry drugs to another town")) == (
        "models-of-exploitation",
        "8",
    )


def test_staying_out_is_not_staying_safe(cse_search: Search) -> None:
    """ "teenager staying out all night" showed "Staying safe online" first: "staying"
    matched its title. "stay" is an everyday verb for titles, and staying out all night
    finds the three pages that say a child may stay out late."""
    top = answer(cse_search, "teenager staying out all night")["results"][:3]  # type: ignore[index]
    assert {(hit["section"], hit["page"]) for hit in top} == {
        ("early-help", "85"),
        ("grooming", "5"),
        ("warning-signs", "11"),
    }


def test_a_schools_words_for_provision_and_clothes(cse_search: Search) -> None:
    """ "pupil referral unit" showed a page on concerns in school first (the toolkit says
    alternative provision); "trainers" was a word no page mentions."""
    unit = answer(cse_search, "pupil excluded and now at a pupil referral unit")["results"][0]  # type: ignore[index]
    assert unit["section"] == "alternative-provision"
    trainers = answer(cse_search, "kid turning up to school in expensive trainers")
    assert trainers["unmatched"] == []


def test_dodgy_disappearing_and_loads_of_in_everyday_words(cse_search: Search) -> None:
    """ "dodgy" found nothing, though a page says "suspicious"; "disappearing" and "loads"
    were listed as words no page mentions ("disappears" was in the missing group, its -ing
    form not; "loads of" says how many, not what)."""
    dodgy = answer(cse_search, "dodgy")["results"]
    matched = [(hit["section"], hit["page"]) for hit in dodgy if not hit["read_on"]]  # type: ignore[union-attr]
    assert matched == [("disrupting-perpetrators", "32")]
    for question, role in (
        ("my daughter keeps disappearing for days", None),
        ("tenant has loads of teenagers coming and going at all hours", "housing-officer"),
    ):
        args = ("--role", role) if role else ()
        assert answer(cse_search, question, *args)["unmatched"] == [], question


def test_drinks_by_name_dating_and_an_age_in_decades(cse_search: Search) -> None:
    """ "vodka" and "20s" were listed as words no page mentions: a drink named is alcohol,
    and "a man in his 20s" is an adult's age beside a partner (the guidance says "older");
    "dating" finds the pages on boyfriends and girlfriends."""
    assert_every_word_found(
        cse_search,
        (
            "she's been going to parties where adults give them vodka",
            "my 13 year old keeps getting lifts from a man in his 20s",
            "she is 14 and seeing a lad in his twenties",
        ),
    )
    dating = answer(cse_search, "dating")["results"]
    assert {hit["section"] for hit in dating} >= {"healthy-relationships"}  # type: ignore[union-attr]


def test_red_flags_and_how_would_i_know_ask_for_the_warning_signs(cse_search: Search) -> None:
    """ "red flags" is how people say warning signs ("red" was a word no page mentions), and
    "how would I know if ..." asks for them: a teacher's question finds the Warning signs
    section first, not a page on attendance."""
    assert answer(cse_search, "red flags of grooming")["unmatched"] == []
    for question in (
        "what are the red flags that a child is being exploited",
        "how would i know if a pupil is being exploited",
    ):
        asked = answer(cse_search, question, "--role", "teacher")
        assert first_hit(asked) == ("warning-signs", "11"), question


def test_a_young_persons_words_for_gifts_and_cigarettes(cse_search: Search) -> None:
    """ "buys her stuff", "flashy" and "fags" are how a young person says gifts, expensive
    and cigarettes; each was a word no page mentions, and "buys her stuff" now finds the
    young people's page on warning signs (presents from someone much older) first."""
    assert_every_word_found(
        cse_search,
        (
            "a girl in my class keeps getting picked up by a man in a flashy car",
            "a man at the shop gives us free fags",
            "my mate's boyfriend is way older and buys her stuff",
        ),
        "--role",
        "young-person",
    )
    stuff = answer(
        cse_search, "my mate's boyfriend is way older and buys her stuff", "--role", "young-person"
    )
    assert first_hit(stuff) == ("healthy-relationships", "123")


def test_trade_words_for_dealers_guards_and_till_late(cse_search: Search) -> None:
    """ "dealers", "security guard" and "till late" are how a housing officer, shopping
    centre staff or a takeaway owner put it; each was a word no page mentions."""
    assert_every_word_found(
        cse_search,
        (
            "i'm a housing officer and a flat is being used by dealers",
            "security guard at the shopping centre seeing girls with older men",
            "i run a chippy and kids hang around till late with older lads",
        ),
    )


def test_complaining_hanging_round_and_taking_something(cse_search: Search) -> None:
    """ "complaining" is not joined to the pages' "complaints" by the stemmer, and "hanging
    round" is the UK's "hanging around": both were words no page mentions. "Taking
    something" at a party is taking drugs: it finds the A&E page on young people under the
    influence (brought in with drug intoxication) first, not a housing page."""
    assert_every_word_found(
        cse_search,
        (
            "neighbours complaining about kids and drugs at a council flat",
            "gangs of lads hanging round the park at night",
        ),
    )
    assert first_hit(answer(cse_search, "teenager brought in after taking something at a party")) == (
        "accident-and-emergency",
        "70",
    )


def test_a_second_phone_a_drug_mule_and_tagged_photos(cse_search: Search) -> None:
    """A parent says "a second phone" or "a burner" where the guidance says "more than one
    phone", "drug mule" where it says county lines, and "tagged in photos" for social media:
    "second", "mule" and "tagged" were words no page mentions."""
    assert_every_word_found(
        cse_search,
        (
            "son has a second phone he hides from us",
            "we think our son is being used as a drug mule",
            "my daughter has been tagged in photos at parties with men",
        ),
    )
    assert first_hit(answer(cse_search, "son has a second phone he hides from us")) == (
        "signs-to-look-out-for",
        "113",
    )


def test_the_coil_and_stab_wounds_in_everyday_words(cse_search: Search) -> None:
    """ "the coil" is contraception and "stab wounds" are injuries; both were words no page
    mentions, and a 14 year old asking for the coil with a boyfriend in his 30s now finds
    the Sexual Health Service page (contraception for young people) first, not a school page."""
    coil = answer(cse_search, "14 year old wants the coil fitted and her boyfriend is in his 30s")
    assert coil["unmatched"] == []
    assert first_hit(coil) == ("sexual-health", "64")
    assert answer(cse_search, "a lad came in with stab wounds and wont say what happened")["unmatched"] == []


def test_a_sixth_former_is_a_college_student(cse_search: Search) -> None:
    """ "sixth former" was two words no page mentions ("sixth form" was listed, the student
    not): it finds the Colleges and alternative provision page first."""
    asked = answer(cse_search, "a sixth former is going out with a teacher from another school")
    assert asked["unmatched"] == []
    assert first_hit(asked) == ("alternative-provision", "51")


def test_adding_someone_and_friend_requests_are_social_media(cse_search: Search) -> None:
    """ "keeps adding my son on snapchat" listed "adding" as a word no page mentions; adding
    someone and a friend request are how contact on social media is put."""
    assert_every_word_found(
        cse_search, ("someone keeps adding my son on snapchat", "a stranger sent her a friend request")
    )


def test_eviction_and_closing_a_property_find_tenancy_enforcement(cse_search: Search) -> None:
    """A housing officer says "evict" and "close a property" where the guidance says
    tenancy enforcement and closing premises: "evict" was a word no page mentions, and
    both now find the Housing page on tenancy enforcement first; "what counts as" is a
    question's frame, not a word to find."""
    evict = answer(cse_search, "can we evict a tenant who is exploiting kids", "--role", "housing-officer")
    assert evict["unmatched"] == []
    for asked in (evict, answer(cse_search, "what powers do we have to close a property")):
        assert first_hit(asked) == ("housing", "102")
    counts = answer(cse_search, "what counts as a fit and proper person for a taxi licence")
    assert counts["unmatched"] == []


def test_a_hickey_a_bmw_and_a_phone_bill_in_a_parents_words(cse_search: Search) -> None:
    """ "hickey", "bmw" and "bill" were words no page mentions: a love bite is the bite
    marks the School Nurses page lists (it now comes first), a car named by its make is a
    car, and someone paying her phone bill is a gift."""
    hickey = answer(cse_search, "my 13 year old had a hickey")
    assert hickey["unmatched"] == []
    assert first_hit(hickey) == ("school-nurses", "58")
    assert_every_word_found(
        cse_search,
        (
            "my son has a new older mate who picks him up in a bmw",
            "someone is paying my daughter's phone bill",
        ),
    )


def test_fake_accounts_roblox_gift_cards_and_voice_notes(cse_search: Search) -> None:
    """A fake account is someone pretending to be who they are not: "my son got a message
    from a fake account" now finds the young people's page warning that people may pretend
    to be someone your age. "roblox", "card", "voice" and "since" were words no page mentions."""
    fake = answer(cse_search, "my son got a message from a fake account")
    assert fake["unmatched"] == []
    assert first_hit(fake) == ("staying-safe-online", "125")
    assert_every_word_found(
        cse_search,
        (
            "she was groomed on roblox",
            "a man sent my son a gift card",
            "he keeps sending her voice notes at night",
            "my daughter has been self harming since she met him",
        ),
    )


def test_hungover_spiked_groped_vaping_a_badge_and_a_flat(cse_search: Search) -> None:
    """A taxi driver's licence is the badge he wears: asked as licensing whether the badge can
    be taken without a conviction, the page on suspending or revoking a licence with no
    criminal charge now comes first (the role's other pages did). A flat is a property: the
    housing page on a property used to exploit children comes first. The other words were
    ones no page mentions (or, "hungover", read as "handover")."""
    badge = answer(
        cse_search, "can his badge be taken off him if he has not been convicted", "--role", "taxi-licensing"
    )
    assert badge["unmatched"] == []
    assert first_hit(badge) == ("taxi-licensing", "100")
    flat = answer(
        cse_search,
        "neighbours report a flat with girls going in and out at night",
        "--role",
        "housing-officer",
    )
    assert first_hit(flat) == ("housing", "101")
    assert_every_word_found(
        cse_search,
        (
            "pupil keeps turning up to lessons hungover",
            "her drink was spiked at a party",
            "girl says an older man groped her on the bus",
            "kids vaping outside the chip shop with older lads",
            "his taxi license should be revoked",
            "lads loitering outside the school gates",
            "called to a house party, kids off their heads",
            "old man keeps sending her msgs on snap",
            "i think my m8 is being used to sell drugs",
        ),
    )
    ran_off = answer(cse_search, "my daughter ran off with an older man")
    assert first_hit(ran_off) == ("signs-to-look-out-for", "112")  # "going missing", with older people


def test_kicked_out_said_yes_rang_and_not_in_school(cse_search: Search) -> None:
    """A young person thrown out of home is homeless: the Housing page on homeless 16 and 17
    year olds comes first. "Said yes" is consent as "say yes" is: the young people's page on
    consent comes first, where pages on drinking did. "Rang" is to phone, and a child "not in
    school" is absent: the attendance pages come first, where a gynaecology page (holding
    "rang") did."""
    kicked = answer(cse_search, "got kicked out at 16 and an older guy says i can stay at his")
    assert kicked["unmatched"] == []
    assert first_hit(kicked) == ("housing", "102")
    assert first_hit(answer(cse_search, "if i was drunk when i said yes does that still count")) == (
        "healthy-relationships",
        "123",
    )
    assert first_hit(answer(cse_search, "school never rang me to say she wasnt in school")) == (
        "attendance",
        "44",
    )
    assert_every_word_found(cse_search, ("my 12 yr old is hanging round with an older crowd",))


def test_a_cafe_is_a_food_business_as_a_takeaway_is(cse_search: Search) -> None:
    """A café owner asking about girls meeting older men on the premises gets the page for
    takeaways and late-night food businesses first; "cafe" was a word no page mentions."""
    for question in (
        "coffee shop owner, girls keep meeting older men here after school",
        "older men hanging about in my cafe with schoolgirls",
    ):
        data = answer(cse_search, question)
        assert data["unmatched"] == [], question
        assert first_hit(data) == ("takeaways", "110"), question


def test_plain_words_for_the_guidances_formal_ones(cse_search: Search) -> None:
    """People say "reply" and "quickly" where guidance says "respond promptly", "curfew" where
    it says "times to be home", "moody" for mood swings, "gear" for clothes; "PID" is how a
    clinician writes pelvic inflammatory disease, and "professionally curious" is said as
    often as "professional curiosity". Each found another page first, or was a word no page
    mentions."""
    for question, role, first in (
        ("how fast do we have to reply to the mash", "gp", ("general-practice", "76")),
        ("young patient with PID and a much older partner", "gynaecology", ("gynaecology", "59")),
        ("what time should her curfew be", "foster-carer", ("foster-care", "93")),
        ("my son has been really moody lately", None, ("signs-to-look-out-for", "112")),
        ("what does being professionally curious mean", None, ("recognising-risk", "16")),
        ("my son keeps turning up in new gear he cant afford", None, ("warning-signs", "12")),
    ):
        data = answer(cse_search, question, *(("--role", role) if role else ()))
        assert data["unmatched"] == [], question
        assert first_hit(data) == first, question
    assert_every_word_found(cse_search, ("my son is gay", "he plays footy", "she says she will ring 999"))


def test_a_dinner_lady_is_a_lunchtime_supervisor_and_stance_words_are_fillers(cse_search: Search) -> None:
    """School staff say "dinner lady" where guidance says "lunchtime supervisors": the page on
    staff who work outside the classroom comes first, where a page on teaching did. "Herself"
    and "maybe" say who and how sure, not what: never listed as words no page mentions."""
    data = answer(
        cse_search, "im a dinner lady and a girl keeps going over to a car at lunch", "--role", "teacher"
    )
    assert first_hit(data) == ("concerns-in-school", "50")
    assert "dinner" not in data["unmatched"] and "lady" not in data["unmatched"]  # type: ignore[operator]
    assert_every_word_found(
        cse_search,
        ("is she putting herself at risk", "maybe he is just a friend of the family"),
    )


def test_no_filler_stems_to_a_word_a_page_is_found_by() -> None:
    """Fillers are compared by stem: "actually" would stem to "actual", "hardly" to "hard",
    and make those stop words. Made fillers once, they cost a known-item phrase of the real
    manuals ("any actual arguments that do not")."""
    from pipeline.engine.search import _stemmed_stop_words

    assert {
        "actual",
        "hard",
        "basic",
        "total",
        "bare",
        "honest",
        "bit",
        "mine",
        "shell",
    } & _stemmed_stop_words() == set()


def test_who_can_i_go_to_asks_who_to_talk_to(cse_search: Search) -> None:
    """ "Is there anyone to go to" and "who can I go to" ask who to talk to: the young
    people's page on who they can talk to comes first, where a page on healthy
    relationships did."""
    for question in (
        "is there anyone to go to who wont tell school",
        "who can i go to if i cant tell my parents",
    ):
        data = answer(cse_search, question)
        assert first_hit(data) == ("who-you-can-talk-to", "127"), question
        assert data["unmatched"] == [], question


def test_scare_tactics_an_arrest_a_nice_family_and_flattery_in_everyday_words(cse_search: Search) -> None:
    """A teacher asks about "scare tactics" where guidance warns against materials that rely
    on "shock"; a parent asks whether the police will "arrest" the men or "lock him up",
    where guidance speaks of disrupting perpetrators; "a nice middle class family" asks
    whether any child, of any background, can be exploited; "mature for her age" is the
    flattery of grooming. Before, a page on disrupting perpetrators answered the teacher,
    pages on who to ring answered the parent, and "mature" and "graphic" were words no page
    mentions."""
    data = answer(
        cse_search, "can i use scare tactics in a pshe lesson about exploitation", "--role", "teacher"
    )
    assert first_hit(data) == ("teaching-about-relationships", "42")
    for question in (
        "will the police arrest the men who are hanging round my daughter",
        "can the council lock him up or stop him seeing her",
    ):
        assert first_hit(answer(cse_search, question))[0] == "disrupting-perpetrators", question
    nice_family = "we are a nice middle class family, this cant happen to us can it"
    results = answer(cse_search, nice_family)["results"]
    assert ("what-is-cse", "3") in [(hit["section"], hit["page"]) for hit in results[:3]]  # type: ignore[index]
    assert_every_word_found(
        cse_search,
        ("he keeps telling her she is mature for her age", "is a graphic video too much for year 8"),
    )


def test_what_do_i_do_asks_for_help_and_a_timeline_is_a_chronology(cse_search: Search) -> None:
    """ "What do I do" and "what now" ask where to get help: a parent's question shows the
    parents' "Where to get help" first, where the parents' page on signs was. A
    "timeline" is what records call a chronology; "lunch" is lunchtime, when a pupil leaves
    school; an apprentice's boss is the college page's employer. Phone words and idioms
    are searched, never listed as words no page mentions: "in bits", "derelict",
    "vanishing", "hair done", "rung round", "hang out", "3 yrs"."""
    data = answer(cse_search, "my son told me a man at his club made him do stuff, what do i do now")
    assert first_hit(data) == ("where-to-get-help", "119")
    # An apprentice and a boss are what the college page calls apprenticeships and employers.
    data = answer(
        cse_search, "my apprentice says her boss keeps offering her lifts home", "--role", "college-staff"
    )
    assert first_hit(data) == ("alternative-provision", "52")
    data = answer(cse_search, "do i need to keep a timeline of everything that happens with this child")
    assert first_hit(data) == ("record-keeping", "34")
    # "In bits" is very upset: the parents' page on signs ("upset or frightened") first.
    assert first_hit(answer(cse_search, "she came home in bits")) == ("signs-to-look-out-for", "113")
    results = answer(cse_search, "she keeps leaving school at lunch with older boys")["results"]
    assert ("attendance", "44") in [(hit["section"], hit["page"]) for hit in results[:3]]  # type: ignore[index]
    assert_every_word_found(
        cse_search,
        (
            "my daughter came home in bits and wont say why",
            "kids keep going into a derelict house near the park",
            "he keeps vanishing for days and gets his hair done every week",
            "ive rung round all her friends and nobody knows where she is",
            "they hang out at the chippy with men in their twenties",
            "hes only 3 yrs older than me is that ok",
            "who am i meant to tell about a girl who always comes in with an older man",
        ),
    )


def test_heard_nothing_back_asks_the_outcome_and_playing_her_is_manipulating(cse_search: Search) -> None:
    """ "We haven't heard back" asks about the outcome of a referral: the page saying the
    referrer should be told the outcome comes first, where the page on how to refer did.
    "Is he playing her" asks whether he manipulates her: the page on grooming ("so that
    they can manipulate") is among the first three, where it was not in the first five."""
    data = answer(cse_search, "we made a referral last month and still havent heard back")
    assert first_hit(data) == ("making-a-referral", "23")
    results = answer(cse_search, "is he just playing her or does he care about her")["results"]
    assert ("grooming", "4") in [(hit["section"], hit["page"]) for hit in results[:3]]  # type: ignore[index]


def test_grounding_tenners_half_days_a_raid_and_a_coached_story_in_everyday_words(cse_search: Search) -> None:
    """A parent asks whether to "ground her" where the guidance warns against ultimatums;
    "tenners" and "wads of cash" are money; "half days" is a part-time timetable; the
    police "raid" a flat to disrupt perpetrators; a young asylum seeker "coached" was told
    what to say. Each showed another page first. "Screenshot", "awol", "diary" and
    "topping up" are searched, and "in his 30s" is an age, not a subject: none is listed
    as a word no page mentions."""
    for question, role, first in (
        ("if i ground her for a month will she just go to him", "parent", ("talking-with-your-child", "116")),
        ("keep finding wads of cash and tenners in his school bag", None, ("signs-to-look-out-for", "113")),
        (
            "the school has put him on half days and he spends the afternoons in town",
            None,
            ("attendance", "45"),
        ),
        (
            "the police are planning a raid on the flat where the girls are taken",
            "police",
            ("disrupting-perpetrators", "31"),
        ),
        ("the young man seems coached, he tells every worker the same story", "uasc", ("uasc", "87")),
    ):
        data = answer(cse_search, question, *(("--role", role) if role else ()))
        assert first_hit(data) == first, question
    assert_every_word_found(
        cse_search,
        (
            "should i screenshot the messages he sent her",
            "my granddaughter went awol last night",
            "should i keep a diary of where she goes",
            "a man at the shops keeps topping up my phone",
            "a guest in his 30s keeps bringing young girls to the hotel",
        ),
    )


def test_a_threat_to_hurt_the_family_and_still_a_child_at_16(cse_search: Search) -> None:
    """ "He said he'd hurt my family" is a threat, and "threatened" is searched with the
    guidance's "threats to harm the child or their family": the page on how abusers keep
    control comes first, where a page on meetings or one on online safety did. "Am I still
    classed as a child" asks whether one is under 18: the definition ("under the age of
    18") is among the first two, where it was not among the first five."""
    for question in (
        "he said hed hurt my family if i told anyone",
        "my mums boyfriend threatened to hurt my little sister",
    ):
        assert first_hit(answer(cse_search, question)) == ("grooming", "6"), question
    results = answer(cse_search, "im 16, am i still classed as a child or an adult now")["results"]
    assert ("what-is-cse", "2") in [(hit["section"], hit["page"]) for hit in results[:2]]  # type: ignore[index]


def test_a_charge_a_concern_flagged_a_risk_form_and_a_visit_in_everyday_words(cse_search: Search) -> None:
    """ "Not enough for a charge" is where the guidance disrupts perpetrators without a
    prosecution; "flagged a concern" and "no one has got back to me" ask about a referral's
    outcome; "the risk form" and "the middle category" are the screening tool's medium risk;
    "pay him a visit" and "sort him out" would confront him; "jotting down" is writing it
    down. Each showed another page first. "Feds" (the police) and "splashing cash" are
    searched, never listed as words no page mentions."""
    results = answer(
        cse_search,
        "pcso here, a man keeps hanging round a girl but theres not enough for a charge",
        "--role",
        "police",
    )["results"]
    assert ("disrupting-perpetrators", "31") in [(hit["section"], hit["page"]) for hit in results[:3]]  # type: ignore[index]
    for question, first in (
        (
            "i flagged a concern to the council weeks ago and no one has got back to me",
            ("making-a-referral", "23"),
        ),
        ("dad here, tempted to pay him a visit and sort him out", ("talking-with-your-child", "116")),
        ("should i be jotting down the times she goes out", ("record-keeping", "33")),
    ):
        assert first_hit(answer(cse_search, question)) == first, question
    data = answer(cse_search, "did the risk form on a lad and he came out in the middle category, what now")
    assert first_hit(data)[0] == "screening-tool"
    # "Fill in" is completing a form: "Completing the tool well" first, the word found.
    data = answer(cse_search, "whats the right way to fill in the cse risk form")
    assert first_hit(data) == ("screening-tool", "21") and data["unmatched"] == []
    assert_every_word_found(
        cse_search,
        (
            "will my teacher tell the feds what i said",
            "he keeps splashing cash about and has new trainers every week",
        ),
    )


def test_a_strat_mtg_a_sunday_and_who_can_i_ring(cse_search: Search) -> None:
    """Social workers write "strat mtg" for a strategy meeting: the page on CSE strategy
    meetings comes first, where "strat" was corrected to "start" and a page on talking with
    a child came first. "Sunday" is out of hours, "who can I ring" asks who to refer to, and
    "vs" is versus: none is a word no page mentions."""
    assert first_hit(answer(cse_search, "strat mtg next week, what happens at it")) == (
        "multi-agency-meetings",
        "28",
    )
    assert_every_word_found(
        cse_search,
        (
            "who can i ring on a sunday, im worried my son is being groomed",
            "data protection vs sharing with the police",
        ),
    )
    results = answer(cse_search, "who can i ring on a sunday, im worried my son is being groomed")["results"]
    assert "making-a-referral" in [hit["section"] for hit in results[:5]]  # type: ignore[index]


def test_a_convo_snitching_and_id_keep_it_between_us_in_everyday_words(cse_search: Search) -> None:
    """A "convo" is a conversation, talking with a child; a teaching assistant who told a
    pupil "id keep it between us" promised to keep a secret, which the school page says not
    to do; "snitching" is telling on someone, what the young people's page calls being a
    grass. "Creep", "creepy" and "offy" are searched, never listed as words no page
    mentions."""
    for question, first in (
        (
            "how do i start a convo about older boyfriends with a 14 year old",
            ("talking-with-your-child", "115"),
        ),
        ("told a pupil id keep it between us, was that wrong", ("concerns-in-school", "49")),
    ):
        assert first_hit(answer(cse_search, question)) == first, question
    assert_every_word_found(
        cse_search,
        (
            "is it snitching if i tell a teacher about my mate",
            "saw her outside the offy with a creepy older bloke",
            "can i report a creep without giving my name",
        ),
    )


def test_how_can_u_tell_goes_mad_and_robux_in_a_phones_words(cse_search: Search) -> None:
    """ "How can u tell if" asks for the warning signs as "how can you tell if" does; "goes
    mad" is the guidance's "angry when asked"; robux and skins are the game credits the
    guidance names. Each found another page first. "Gonna" is a filler."""
    for question, first in (
        ("how can u tell if a child is being exploited", ("warning-signs", "11")),
        ("my son goes mad if i ask about his phone", ("signs-to-look-out-for", "112")),
    ):
        assert first_hit(answer(cse_search, question)) == first, question
    assert_every_word_found(
        cse_search, ("someone online keeps gifting my son robux and skins", "are they gonna take her off me")
    )


def test_buying_me_stuff_randoms_let_slip_and_without_her_ok_in_everyday_words(cse_search: Search) -> None:
    """A young person says an older man is "buying me stuff": the gifts their own page warns
    of, not the pub page on buying drinks, which came first. Sharing "without his ok" is
    without his consent: the page on sharing without consent comes first, where the page
    on sharing in general did. "Randoms" are strangers and to "let slip" is to disclose:
    neither is listed as a word no page mentions (both were)."""
    assert first_hit(answer(cse_search, "a guy at the bus stop keeps buying me stuff")) == (
        "healthy-relationships",
        "123",
    )
    assert first_hit(answer(cse_search, "sharing info without his ok", "--role", "gp")) == (
        "information-sharing",
        "26",
    )
    assert_every_word_found(
        cse_search, ("randoms keep hanging round the chippy with year 9s", "she let slip her boyfriend is 24")
    )


def test_knackered_is_tired_and_a_lass_and_an_ex_are_found(cse_search: Search) -> None:
    """A teacher's pupil "always knackered in lessons" is the tiredness in lessons that the
    school's page on concerns lists; the page on teaching about relationships came first,
    "knackered" found nothing. A "lass" is a girl and an "ex" a former boyfriend or
    girlfriend: neither is listed as a word no page mentions (both were)."""
    assert first_hit(
        answer(cse_search, "lad in year 10 always knackered in lessons", "--role", "teacher")
    ) == (
        "concerns-in-school",
        "48",
    )
    assert_every_word_found(
        cse_search, ("lass about 14 in the bar with older men", "my ex keeps threatening to share pics")
    )
