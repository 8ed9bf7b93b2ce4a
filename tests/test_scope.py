"""What a role or an audience sees (engine/scope.py, SPEC "Role scope"), on the sample's
config: the chapters its audience reads or finds helpful; inside them, sections owned by
other roles are hidden, and sections nobody owns and introductions are seen by all."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.config import Toolkit, load_config
from pipeline.config.model import Role
from pipeline.engine.asker import implied_scope
from pipeline.engine.scope import audience_scope, owners, role_scope
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return load_config(SAMPLE_CONFIG, SAMPLE_PDFS)


def role(toolkit: Toolkit, role_id: str) -> Role:
    return next(r for r in toolkit.roles if r.id == role_id)


def test_owners_names_each_sections_roles(toolkit: Toolkit) -> None:
    owned = owners(toolkit)
    assert owned["pharmacies"] == {"pharmacist"}
    assert owned["midwifery"] == {"midwife"}
    assert set(owned) == {s for r in toolkit.roles for s in r.sections}


def test_a_role_sees_its_audiences_chapters_and_its_own_sections(toolkit: Toolkit) -> None:
    pharmacist = role(toolkit, "pharmacist")
    scope = role_scope(toolkit, pharmacist)
    assert scope.chapters == frozenset({1, 2, 4, 8, 9})  # health: reads 1, 2, 4; helpful 8, 9
    assert scope.own_sections == ("pharmacies",)
    assert (scope.role, scope.audience) == (pharmacist, toolkit.audience("health"))
    assert scope.hidden_sections == frozenset(owners(toolkit)) - {"pharmacies"}


@pytest.mark.parametrize(
    ("chapter", "section", "allowed"),
    [
        (4, "pharmacies", True),  # its own section
        (4, "school-nurses", False),  # another role's, in a chapter it reads
        (4, "chapter-4-introduction", True),  # nobody owns an introduction
        (3, "chapter-3-introduction", False),  # a chapter its audience does not read
        (8, "chapter-8-introduction", True),  # a helpful chapter
        (None, "leaflet-page", False),  # an uncatalogued document has no chapter
    ],
)
def test_a_role_is_allowed_exactly_what_it_sees(
    toolkit: Toolkit, chapter: int | None, section: str, allowed: bool
) -> None:
    assert role_scope(toolkit, role(toolkit, "pharmacist")).allows(chapter, section) is allowed


def test_a_role_that_owns_nothing_sees_every_unowned_section_of_its_chapters(toolkit: Toolkit) -> None:
    scope = role_scope(toolkit, role(toolkit, "parent"))
    assert scope.own_sections == ()
    assert scope.hidden_sections == frozenset(owners(toolkit))


def test_an_audience_sees_its_chapters_and_every_section_in_them(toolkit: Toolkit) -> None:
    health = toolkit.audience("health")
    assert health is not None
    scope = audience_scope(toolkit, health)
    assert (scope.chapters, scope.hidden_sections, scope.own_sections) == (
        frozenset({1, 2, 4, 8, 9}),
        frozenset(),
        (),
    )
    assert (scope.role, scope.audience) == (None, health)
    assert scope.allows(4, "school-nurses") and scope.allows(4, "pharmacies")
    assert not scope.allows(3, "chapter-3-introduction")


def test_the_chapters_an_audience_only_may_find_helpful_are_set_apart(toolkit: Toolkit) -> None:
    """They are searched and shown, and ranked after the chapters it must read (the
    ranking's helpful_chapters); a chapter both read and helpful is read."""
    assert role_scope(toolkit, role(toolkit, "pharmacist")).helpful_only == frozenset({8, 9})
    assert role_scope(toolkit, role(toolkit, "police")).helpful_only == frozenset({3, 8, 9})
    assert role_scope(toolkit, role(toolkit, "parent")).helpful_only == frozenset({1, 9})
    councils = toolkit.audience("district-councils")
    assert councils is not None and audience_scope(toolkit, councils).helpful_only == frozenset({7, 8, 9})
    both = dataclasses.replace(councils, read=(1, 2, 6, 7))
    assert audience_scope(toolkit, both).helpful_only == frozenset({8, 9})


def test_a_role_whose_audience_is_not_configured_sees_no_chapter(toolkit: Toolkit) -> None:
    """The config check refuses such a role; the scope of one built by hand is empty, not an error."""
    stray = dataclasses.replace(role(toolkit, "pharmacist"), audience="nobody")
    scope = role_scope(toolkit, stray)
    assert (scope.chapters, scope.audience) == (frozenset(), None)
    assert not scope.allows(4, "pharmacies")


def test_a_reader_is_implied_only_by_a_question_that_speaks_as_one(toolkit: Toolkit) -> None:
    """ "my son" speaks as a parent, "my boyfriend" as a young person; a question that
    speaks as both, or as neither, or a toolkit with no such reader, implies nobody."""
    parent = implied_scope(toolkit, "my son came home drunk")
    assert parent is not None and not parent.filters and parent.lift < 1
    assert "talking-with-your-child" in parent.own_sections and "grooming" not in parent.own_sections
    young = implied_scope(toolkit, "my boyfriend goes through my phone")
    assert young is not None and "healthy-relationships" in young.own_sections
    assert implied_scope(toolkit, "my son says my boyfriend scares him") is None
    assert implied_scope(toolkit, "a boy on my caseload came in drunk") is None
    assert (
        implied_scope(dataclasses.replace(toolkit, roles=(), audiences=()), "my son came home drunk") is None
    )


def test_a_role_named_after_im_a_or_as_a_is_the_reader(toolkit: Toolkit) -> None:
    """ "as a housing officer ..." says who asks: that role's own sections are lifted, as
    for a chosen role but by half, and nothing is filtered. A role named only as the
    subject of the question ("a GP told me") is not the asker."""
    named = implied_scope(toolkit, "as a housing officer i think a flat is being used")
    assert named is not None and named.role is not None and named.role.id == "housing-officer"
    assert named.own_sections == ("housing",) and not named.filters and named.lift < 1
    school_nurse = implied_scope(toolkit, "I'm a school nurse, a girl keeps asking for condoms")
    assert school_nurse is not None and school_nurse.role is not None
    assert school_nurse.role.id == "school-nurse"  # the longest name: not "nurse" alone
    assert implied_scope(toolkit, "a GP told me to look out for signs") is None


def test_a_named_role_without_sections_lifts_its_audiences_chapters(toolkit: Toolkit) -> None:
    """ "I'm a parent" names the parent role, which owns no section: the sections of the
    chapter its audience reads (chapter 8) are lifted."""
    parent = implied_scope(toolkit, "I'm a parent, who do I call at the weekend")
    assert parent is not None and parent.role is not None and parent.role.id == "parent"
    assert "where-to-get-help" in parent.own_sections and "grooming" not in parent.own_sections


def test_a_role_named_in_a_short_opening_or_after_i_work_in_is_the_reader(toolkit: Toolkit) -> None:
    """Typed on a phone, a question often opens with who asks: "gp here, ...", "nurse in
    a&e, ...", "hotel reception - ...", or says "I work in a pub". An opening about someone
    else ("my son's teacher, ...") names who the question is about, and a role named with
    no comma after it ("school nurse won't tell me ...") is the question's subject."""

    def asker(question: str) -> str | None:
        scope = implied_scope(toolkit, question)
        return scope.role.id if scope is not None and scope.role is not None else None

    assert asker("gp here, third letter from a&e about the same girl") == "gp"
    assert asker("nurse in a&e, 16 yr old brought in with 3 phones") == "a-and-e"
    assert asker("hotel reception - police want to know who stayed in a room") == "hotel-staff"
    assert asker("i work in a pub and the same girls come in with older men") == "licensed-premises"
    assert asker("housing officer: a care leaver wants a flat on the estate") == "housing-officer"
    assert asker("my son's teacher, says he is always tired") is None
    assert asker("school nurse won't tell me what my daughter said") is None


def test_a_parents_question_lowers_the_pages_written_for_young_people(toolkit: Toolkit) -> None:
    """A question that speaks as a parent lifts the parents' pages and lowers the young
    people's a little, and the reverse: a page written to "you", the young person, answers
    the subject for someone else. The pages are lowered, never filtered."""
    parent = implied_scope(toolkit, "my daughter wont tell me who keeps buying her things")
    young = implied_scope(toolkit, "my boyfriend says i owe him for the phone he bought me")
    assert parent is not None and young is not None
    assert "healthy-relationships" in parent.lowered and "talking-with-your-child" not in parent.lowered
    assert "talking-with-your-child" in young.lowered and "healthy-relationships" not in young.lowered
    assert not set(parent.lowered) & set(parent.own_sections) and not parent.filters


def reader(toolkit: Toolkit, question: str) -> str | None:
    """Whom a question asked without a role speaks as: "parent", "young", "worker" (in a
    job the config does not name) or None."""
    scope = implied_scope(toolkit, question)
    if scope is None:
        return None
    if "making-a-referral" in scope.own_sections:
        return "worker"
    return "parent" if "talking-with-your-child" in scope.own_sections else "young"


def test_a_young_person_or_parent_is_heard_in_more_of_the_ways_they_type(toolkit: Toolkit) -> None:
    """ "he bought me", "a guy gives me free weed", "i said yes", "my stepdad" speak as a
    young person; "daughter came back ..." (no "my") and "my 13yo son" as a parent. A
    professional's account of someone else ("a boy on my caseload said his uncle bought
    him a phone", "an older bloke made her promise") implies nobody."""
    for question in (
        "this older guy says i owe him for the phone he bought me",
        "a man at the park gives me free weed",
        "if i was drunk when i said yes does it count",
        "my stepdads friend keeps messaging me",
    ):
        assert reader(toolkit, question) == "young", question
    for question in ("daughter came home at 3am with a new phone", "my 13yo son games online with adults"):
        assert reader(toolkit, question) == "parent", question
    for question in (
        "a boy on my caseload said his uncle bought him a phone",
        "son's school rang about him missing lessons",
    ):
        assert reader(toolkit, question) is None, question
    for question in (
        "youth worker, an older bloke made her promise not to tell",
        "youth worker, a lad made me promise not to tell his mum",
    ):
        assert reader(toolkit, question) == "worker", question


def test_an_age_before_son_speaks_as_a_parent_and_one_of_our_lads_as_a_professional(
    toolkit: Toolkit,
) -> None:
    """ "13 yr old son went out and isnt back" is a parent's question typed without "my";
    "older than me" is said by the younger one, and "my key worker" and "im in care" by a
    child in care; "one of our 14 yr old girls" is a coach's or a school's, not a parent's
    own child."""
    assert reader(toolkit, "13 yr old son went out after school and isnt back yet") == "parent"
    assert reader(toolkit, "15yo daughter has been staying out all night") == "parent"
    assert reader(toolkit, "hes only 4 years older than me, is that bad") == "young"
    # A child in care speaks of "my key worker" and says "im in care".
    assert reader(toolkit, "can my key worker tell the police what i said") == "young"
    assert reader(toolkit, "im in care and dont trust any of the staff") == "young"
    assert reader(toolkit, "coach here, one of our 14 yr old girls has an older boyfriend") == "worker"


def test_a_grandparent_or_step_parent_speaks_as_a_parent_and_a_child_in_a_home_as_young(
    toolkit: Toolkit,
) -> None:
    """Grandparents, aunts and step-parents who care for a child open with who they are
    ("nan here", "aunty here", "step dad here") or say "my grandson", "my niece", "my year
    7"; a young person says "he keeps buying me
    food", "im in a childrens home", "my football coach" or "my tiktok"."""
    for question in (
        "nan here, she went missing again last night",
        "step dad here, she is out till 2am every weekend",
        "my grandson keeps coming home with cash",
        "my grandaughter has a much older boyfriend",
        "aunty here, my niece has a boyfriend of 20",
        "my year 7 has just got her first phone",
    ):
        assert reader(toolkit, question) == "parent", question
    # A teacher's class is not a parent's child.
    assert reader(toolkit, "my year 9s are doing a lesson on consent next week") is None
    for question in (
        "hes 25 and keeps buying me food",
        "im in a childrens home and the staff dont listen",
        "can i tell my football coach",
        "older men keep following my tiktok",
    ):
        assert reader(toolkit, question) == "young", question


def test_a_young_persons_friends_and_a_parents_own_words_say_who_asks(toolkit: Toolkit) -> None:
    """ "Bestie", "my best mate" and "a boy in the year above" are a young person's words
    about their own world, and so is "he paid for my phone"; "is there any help for
    parents", "im her mum" and "im an unfit mum" speak for a parent."""
    for question in (
        "bestie keeps going missing at weekends",
        "my best mate has a boyfriend who is 22",
        "a lad in the year above keeps messaging me",
    ):
        assert reader(toolkit, question) == "young", question
    assert reader(toolkit, "he paid for my phone so do i owe him") == "young"
    assert reader(toolkit, "need to speak to an adult about something, who is there") == "young"
    for question in (
        "is there any help for parents going through this",
        "im her mum and she wont talk to me",
        "will they think im an unfit mum if i ring them",
    ):
        assert reader(toolkit, question) == "parent", question


def test_my_lad_my_younger_one_and_my_eldest_are_a_parents_children(toolkit: Toolkit) -> None:
    """Parents call their children "my lad", "my lass", "my younger one", "my eldest"; a
    young person's "my eldest brother" is not a parent's child (beside "my friend", the
    question is a young person's, not both readers' and so nobody's)."""
    for question in (
        "my lad keeps getting lifts off men in their twenties",
        "is my lass being groomed by the bloke from the chippy",
        "worried about my younger one now her sister has been exploited",
        "my eldest has started staying out all night",
    ):
        assert reader(toolkit, question) == "parent", question
    assert reader(toolkit, "my eldest brother's mates keep messaging my friend") == "young"


def test_a_neighbour_or_passer_by_asks_as_a_lay_adult(toolkit: Toolkit) -> None:
    """A neighbour is a lay adult, as a parent is: the parents' pages (where to get help,
    passing on what you know) answer them. "Neighbours have complained" is a professional's
    account of someone else."""
    for question in (
        "my neighbour has teenage girls going in at all hours with men in their 30s",
        "theres a house on my street where kids get dropped off at midnight",
        "lads next door keep bringing year 9 girls round",
    ):
        assert reader(toolkit, question) == "parent", question
    assert reader(toolkit, "neighbours have complained about girls visiting a tenant's flat") is None


def test_someone_asking_in_a_job_the_board_has_not_named_reads_what_every_professional_reads(
    toolkit: Toolkit,
) -> None:
    """A youth worker, a football coach, a receptionist: no role of the config is theirs,
    and the chapters every professional audience must read (1 and 2 in the sample:
    recognising risk, referrals, information sharing) answer them. The lay readers' pages
    are lowered a little, nothing is filtered. A parent or young person typing a job word
    is still heard as one."""
    scope = implied_scope(toolkit, "scout leader here, one of the girls has a 25 yr old boyfriend")
    assert scope is not None and scope.role is None and not scope.filters
    assert {"making-a-referral", "information-sharing", "warning-signs"} <= set(scope.own_sections)
    assert not {"pharmacies", "hotels", "taxi-licensing"} & set(scope.own_sections)
    assert "healthy-relationships" in scope.lowered and "talking-with-your-child" in scope.lowered
    for question in (
        "im a receptionist at a dental practice and a 14yo always comes with an older man",
        "i volunteer at a food bank, a girl keeps getting picked up by different men",
        "dinner lady at a primary, overheard a girl talking about a party",
    ):
        assert reader(toolkit, question) == "worker", question
    assert reader(toolkit, "my daughter's football coach keeps messaging her") == "parent"
    assert reader(toolkit, "quick question, is sexting illegal") is None


def test_a_young_persons_age_opening_and_what_an_older_person_gives_them(toolkit: Toolkit) -> None:
    """ "14 and ..." opens a young person's question, as "mate in year 10 ..." does; "he
    tops up my phone", "sorted me with weed" and "if i tell a teacher" are theirs too."""
    for question in (
        "14 and scared my parents will find out about the pics",
        "mate from my school has a boyfriend who is 22",
        "this guy at the chicken shop tops up my phone every week",
        "a lad in a car sorted me out with vapes, now says i owe him",
        "what happens if i tell a teacher about the older boys",
    ):
        assert reader(toolkit, question) == "young", question
    # Two ages are a parent's children, not a young person's own age.
    assert reader(toolkit, "13 and 15 yr old daughters both on snapchat all night") is None


def test_someone_checking_my_phone_is_a_young_persons_worry(toolkit: Toolkit) -> None:
    """ "bf checks my phone", "he goes through my messages": the phone is the asker's, and
    "me 15 him 20" gives their age."""
    for question in ("bf checks my phone constantly", "he goes through my messages", "me 15 him 20 allowed?"):
        assert reader(toolkit, question) == "young", question


def test_the_parents_are_a_professionals_words(toolkit: Toolkit) -> None:
    """A parent says "me", a young person "my parents"; "the parents" and "parental
    consent" are said of someone else's family, at work."""
    for question in (
        "do we need the parents' permission before we refer a 13 year old",
        "sharing concerns without parental consent, is that allowed",
    ):
        assert reader(toolkit, question) == "worker", question
    assert reader(toolkit, "will the school tell my parents what i said") == "young"


def test_a_young_person_with_a_saturday_job_is_heard_as_young(toolkit: Toolkit) -> None:
    """ "I work at ..." is an adult at work, unless the boss, the manager or the owner keeps
    giving "me" things: a young person's account, as "he keeps buying me food" is."""
    assert reader(toolkit, "i work at a chippy and the manager keeps giving me free food") == "young"
    assert reader(toolkit, "i work at a chippy and some girls come in with older men") == "worker"
