"""Text of the SAMPLE Tackling Child Sexual Exploitation (CSE) Toolkit.

Everything here was written fresh for this repository.  It is sober,
guidance-style sample prose used to demonstrate and test CSE Toolkit Search;
it is NOT official guidance and copies no real document.  Organisations,
teams and services are generic ("the local authority", "the Board"); "RISE"
is an invented name for the sample Board's specialist CSE team.

The data is laid out exactly as printed: each chapter has intro pages and
sections, each section a tuple of pages, each page a tuple of paragraphs.
A paragraph starting with ``"## "`` is printed as a subheading.  A section
with ``part_way=True`` starts part-way down the last page of the previous
section (its heading follows that section's closing text on the same page).
``tools/make_sample_toolkit.py`` turns this into the chapter PDFs and
``config/toolkit.yaml`` and checks the page numbers recorded here.
"""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_NOTICE = "SAMPLE TEXT – not official guidance"
TOOLKIT_TITLE = "Tackling Child Sexual Exploitation Toolkit (sample)"
FOOTER_TEXT = "Tackling CSE Toolkit – sample text"
SUBHEADING_PREFIX = "## "

Page = tuple[str, ...]
"""One printed page of body text: paragraphs (and ``"## "`` subheadings)."""


def page(text: str) -> Page:
    """Split ``text`` into paragraphs at blank lines, collapsing whitespace."""
    paragraphs = []
    for chunk in text.strip().split("\n\n"):
        para = " ".join(chunk.split())
        if para:
            paragraphs.append(para)
    return tuple(paragraphs)


@dataclass(frozen=True)
class Section:
    """A section of a chapter: a heading followed by its pages."""

    id: str
    title: str
    start: int
    """Printed page number on which the heading appears."""
    pages: tuple[Page, ...]
    part_way: bool = False
    """True if the heading sits part-way down the previous section's last page."""


@dataclass(frozen=True)
class Chapter:
    """One chapter, published as its own PDF."""

    number: int
    title: str
    file: str
    first_page: int
    last_page: int
    intro: tuple[Page, ...]
    """Chapter introduction pages (the first carries the chapter heading)."""
    sections: tuple[Section, ...]

    @property
    def heading(self) -> str:
        """The chapter heading printed at the top of the first page."""
        return f"Chapter {self.number}: {self.title}"


@dataclass(frozen=True)
class Audience:
    """A group of readers and the chapters they should read."""

    id: str
    title: str
    read: tuple[int, ...]
    helpful: tuple[int, ...]
    essential: tuple[str, ...] = ()
    """Sections every role of the audience gets in its pack (config ``essential:``)."""


@dataclass(frozen=True)
class Role:
    """A professional role, the sections it owns and other names for it."""

    id: str
    title: str
    audience: str
    sections: tuple[str, ...]
    aliases: tuple[str, ...]


# ---------------------------------------------------------------------------
# Chapter 1: Understanding Child Sexual Exploitation (printed pages 1-14)
# ---------------------------------------------------------------------------

_CH1 = Chapter(
    number=1,
    title="Understanding Child Sexual Exploitation",
    file="chapter-1-understanding-cse.pdf",
    first_page=1,
    last_page=14,
    intro=(
        page("""
            This chapter sets out what the Board means by child sexual
            exploitation (CSE), how it usually happens and why some children
            and young people are more at risk than others. It is written for
            every practitioner and volunteer who works with children, whatever
            their role, and it is the foundation for the profession-specific
            chapters that follow.

            Child sexual exploitation is a form of child abuse. It is not a
            lifestyle choice, a relationship or something a child has agreed
            to. Children who are being exploited rarely describe themselves as
            victims and may defend the people who are harming them. For that
            reason professionals need to understand the patterns of
            exploitation well enough to recognise them even when the child
            does not.

            The chapter covers the definition of CSE, the grooming process, the
            common models of exploitation, exploitation that takes place online,
            the warning signs and indicators that should prompt a conversation,
            and the vulnerabilities and risk factors that make a child easier
            for abusers to target. Chapter 2 explains what to do when you have
            a concern, including the screening tool and the referral route to
            the Multi-Agency Safeguarding Hub (MASH).

            Throughout the toolkit, RISE refers to the sample Board's
            specialist CSE team, an invented name used only in this sample
            text. In a real toolkit this would be replaced by the name and
            contact route of the local specialist service.
        """),
    ),
    sections=(
        Section(
            id="what-is-cse",
            title="What is child sexual exploitation",
            start=2,
            pages=(
                page("""
                    Child sexual exploitation happens when an individual or a
                    group takes advantage of an imbalance of power to coerce,
                    manipulate or deceive a child or young person under the age
                    of 18 into sexual activity. The child may receive something
                    they need or want in exchange, such as attention, affection,
                    money, alcohol, drugs, somewhere to stay or a sense of
                    belonging, or the abuser may gain financially or in status.

                    Exploitation can still be abuse even when the sexual
                    activity appears to the child to be consensual. A young
                    person cannot consent to their own exploitation, and
                    apparent agreement is often the product of grooming, fear
                    or dependence. CSE does not always involve physical
                    contact: it can include being made to send sexual images,
                    to watch sexual acts or to take part in sexual activity
                    over a live video stream.

                    The imbalance of power may come from age, gender, physical
                    strength, status, intellect or access to money and other
                    resources. It can be obvious, as with an adult who is much
                    older than the child, or subtle, as when the abuser is of a
                    similar age but has the confidence of a group behind them.
                """),
                page("""
                    ## Who is affected

                    Any child can be sexually exploited, regardless of gender,
                    ethnicity, sexuality, disability or background. Boys and
                    young men are exploited too, but are less likely to be
                    identified, in part because professionals do not always
                    ask. Children with learning disabilities may find it harder
                    to recognise exploitative behaviour and to tell someone.

                    ## Who exploits children

                    Perpetrators include adults and other young people, men and
                    women, people acting alone and organised groups. Some are
                    strangers who target children in public places or online;
                    many are known to the child as a friend, a boyfriend or
                    girlfriend, a relative or an acquaintance of the family.
                    Exploitation frequently overlaps with other harm, including
                    criminal exploitation, trafficking and going missing.

                    ## Why the definition matters

                    Using the same definition across agencies means that
                    concerns are described consistently when they are shared,
                    screened and discussed. When you record a concern, describe
                    what you have seen and heard rather than using labels such
                    as "promiscuous" or "risk-taking", which place
                    responsibility on the child instead of the abuser.
                """),
            ),
        ),
        Section(
            id="grooming",
            title="Grooming",
            start=4,
            pages=(
                page("""
                    Grooming is the process by which an abuser builds trust and
                    emotional connection with a child so that they can
                    manipulate, exploit and abuse them. A child who is being
                    groomed will usually not recognise it; grooming is designed
                    to feel like friendship, love or care. Abusers may also
                    groom the adults around the child, such as parents, carers
                    or staff, so that their presence seems normal and
                    concerns are less likely to be raised.

                    Grooming is rarely a single event. It tends to follow a
                    recognisable pattern: the abuser targets a child who seems
                    isolated or in need, gains their trust, meets that need,
                    isolates the child from others, and then introduces sexual
                    contact and secrecy. Once abuse has started, the abuser
                    keeps control through threats, shame, debt or the promise
                    that things will get better.

                    The stages can overlap and may happen quickly, especially
                    online, where a child can be groomed over a few days or
                    even hours. Professionals should not wait for every stage
                    to be present before acting on a concern.
                """),
                page("""
                    ## Targeting and gaining trust

                    Groomers look for children whose needs are not being met:
                    those who are lonely, who have fallen out with their family,
                    who are in care or who are looking for excitement or
                    approval. The groomer learns what the child wants and then
                    provides it, whether that is attention, gifts, lifts,
                    phone credit, alcohol or a place to go.

                    ## Isolation and dependence

                    As the relationship develops the groomer encourages the
                    child to distance themselves from friends, family and
                    professionals, often by suggesting that nobody else
                    understands them. The child may start missing school,
                    staying out late or going missing from home. They may
                    become dependent on the groomer for emotional support or
                    for drugs or alcohol.

                    ## Sexualising the relationship

                    The groomer gradually introduces sexual talk, images or
                    contact, often presenting it as a normal part of a
                    relationship or as repayment for what the child has been
                    given. A child who has been groomed may then be passed to
                    or shared with other abusers.
                """),
                page("""
                    ## Keeping control

                    Once a child has been groomed and abused, the abuser works
                    to keep the abuse secret. Common methods include threats
                    to harm the child or their family, threats to share sexual
                    images, creating a debt that must be repaid, and making the
                    child feel responsible or ashamed. Some children believe
                    they are in a genuine relationship and will protect the
                    person grooming them.

                    ## What this means for professionals

                    Because grooming works by making abuse feel normal, a child
                    is unlikely to disclose in a straightforward way. Be alert
                    to older "boyfriends" or "girlfriends", new friends the
                    child will not name, unexplained gifts and sudden changes
                    in behaviour. Ask open questions, listen, and record what
                    the child says in their own words.

                    Remember that parents and carers may also have been groomed
                    by the same person. Sharing information early, through the
                    routes in Chapter 2, helps to build a picture that no
                    single agency could see on its own. Where grooming is
                    suspected, RISE can advise on how to approach the child
                    and the family safely.
                """),
            ),
        ),
        Section(
            id="models-of-exploitation",
            title="Models of exploitation",
            start=7,
            pages=(
                page("""
                    There is no single way in which children are sexually
                    exploited, but several models are commonly seen. Knowing
                    them helps professionals to recognise a pattern from small
                    pieces of information. A child may experience more than one
                    model, and models change as abusers adapt.

                    ## Inappropriate relationships

                    One abuser, usually significantly older, has inappropriate
                    power or control over a young person. The child often
                    believes they are in a loving relationship and may defend
                    the abuser strongly. The power imbalance may be physical,
                    emotional or financial.

                    ## The "boyfriend" model

                    The abuser befriends and grooms the child into believing
                    they are in a relationship, then coerces or forces them to
                    have sex with friends or associates. The child may be told
                    that this is a way to prove their love or to repay money
                    that has been spent on them.
                """),
                page("""
                    ## Peer exploitation

                    Young people can be exploited by others of a similar age,
                    sometimes within friendship groups or gangs. Sexual
                    activity may be used to gain status, as initiation, as
                    punishment or to settle disputes. Peer-on-peer
                    exploitation is sometimes dismissed as experimentation,
                    which can leave the child unprotected.

                    ## Organised and network exploitation

                    Children are passed between abusers, sometimes moved
                    between towns, and forced or coerced into sexual activity
                    with multiple people. Parties, flats and hotel rooms may be
                    used. This model often links to trafficking, criminal
                    exploitation and the supply of drugs.

                    ## Opportunistic exploitation

                    Abusers take advantage of a child's circumstances at a
                    particular moment, for example by offering a lift, a place
                    to stay or alcohol to a child who is alone late at night.
                    District council services and the hospitality industry,
                    covered in Chapters 6 and 7, are often well placed to
                    notice this kind of exploitation.
                """),
            ),
        ),
        Section(
            id="online-exploitation",
            title="Online exploitation",
            start=9,
            pages=(
                page("""
                    Much child sexual exploitation now begins or continues
                    online. Abusers use social media, gaming platforms, chat
                    apps and live streaming services to contact children, build
                    trust and move conversations to private or encrypted
                    channels. Because the contact happens on a phone or
                    console, parents and professionals may have no idea that
                    it is taking place.

                    Online exploitation can involve persuading or forcing a
                    child to share sexual images or video, to perform sexual
                    acts on a webcam, or to meet in person. Images that have
                    been shared are then used to threaten the child into
                    sending more, a pattern sometimes called sextortion. Some
                    abusers pose as a young person; others are open about their
                    age and rely on flattery or gifts of money and game credit.

                    The speed of online grooming is a particular concern. A
                    child can move from a first message to sharing images
                    within a single evening, and the abuser may be in contact
                    with many children at once.
                """),
                page("""
                    ## Responding to online concerns

                    If a child tells you that a sexual image of them has been
                    shared, stay calm and reassure them that they are not in
                    trouble. Do not view, copy, print or forward the image,
                    even to a colleague; simply record where it is and who
                    has seen it. Follow your organisation's procedure and make
                    a referral in the usual way, as described in Chapter 2.

                    Encourage the child not to delete the account or messages,
                    as they may be needed as evidence, but to stop replying
                    and block the sender. The police and the platform can act
                    to remove images, and RISE can advise on the next steps.

                    ## Online and offline together

                    Online and offline exploitation are not separate problems.
                    Contact that starts online often leads to meetings in
                    person, and children exploited in person are frequently
                    controlled through their phones. When assessing risk,
                    always ask about the child's online life as well as where
                    they go and who they spend time with. Chapter 9 contains
                    information for young people about staying safe online.
                """),
            ),
        ),
        Section(
            id="warning-signs",
            title="Warning signs and indicators",
            start=11,
            pages=(
                page("""
                    No single sign proves that a child is being sexually
                    exploited, and many of the indicators below are also part
                    of ordinary adolescence. What matters is the overall
                    picture, changes over time and the context in which a sign
                    appears. Several indicators together, or one significant
                    indicator, should prompt you to use the screening tool in
                    Chapter 2.

                    ## Indicators in the child's behaviour

                    Going missing from home or care, often returning tired,
                    dishevelled or under the influence of alcohol or drugs.
                    Regularly staying out late or overnight without
                    explanation. Truanting or a sudden drop in attendance and
                    achievement. Secretive use of one or more mobile phones.
                    Becoming withdrawn, angry or aggressive, or self-harming.

                    ## Indicators in the child's relationships

                    An older boyfriend or girlfriend, or friendships with
                    adults who are not known to the family. New friends who
                    appear to have money, cars or access to flats. Cutting off
                    contact with existing friends and family. Being picked up
                    from school, home or a children's home by unknown adults.
                """),
                page("""
                    ## Physical and health indicators

                    Sexually transmitted infections, pregnancy or requests for
                    emergency contraception, particularly if repeated.
                    Unexplained injuries, bruising or signs of physical
                    assault. Drug or alcohol misuse. Poor sleep, weight loss
                    and other signs of distress. Health practitioners will find
                    more detail on indicators they may see in Chapter 4.

                    ## Possessions and money

                    Unexplained money, new clothes, jewellery, phones or other
                    gifts that the child could not afford. Debts, or
                    references to owing someone. Hotel keys, travel tickets or
                    taxi receipts for journeys the child cannot explain.

                    ## Using the indicators well

                    Indicators are prompts to think, ask and share, not a
                    checklist to be completed before you act. A child showing
                    few signs can still be at serious risk. Talk to your
                    designated safeguarding lead, record what you have noticed
                    and why it concerns you, and follow the process in Chapter
                    2. If a child is in immediate danger, contact the police
                    straight away.
                """),
            ),
        ),
        Section(
            id="vulnerability",
            title="Vulnerability and risk factors",
            start=13,
            pages=(
                page("""
                    Abusers deliberately target children who are easier to
                    manipulate and less likely to be believed. Certain
                    circumstances increase a child's vulnerability. They do
                    not cause exploitation, and many children with these
                    experiences are never exploited, but they should make
                    professionals more alert to the possibility.

                    ## Factors in the child's history

                    Previous abuse or neglect, including sexual abuse in
                    childhood. Living in a chaotic household, or with domestic
                    abuse, parental substance misuse or parental mental ill
                    health. Bereavement or loss. Being a looked after child
                    (LAC), a care leaver or an unaccompanied asylum seeking
                    child (UASC). Being homeless or living in unstable
                    accommodation.

                    ## Factors in the child's present

                    Low self-esteem and a strong wish to be accepted. Learning
                    disabilities or difficulties. Poor mental health or
                    self-harm. Questions about sexual orientation or gender
                    identity that the child feels unable to discuss at home.
                    Exclusion from school, or missing education.
                """),
                page("""
                    ## Factors around the child

                    Friendships with young people who are already being
                    exploited. Living in or spending time in areas where
                    exploitation is known to take place. Involvement in gangs
                    or in the supply of drugs. Contact with adults who have
                    convictions for sexual or violent offences.

                    ## Protective factors

                    Protective factors reduce the impact of risk. They include
                    a trusted adult the child can talk to, a stable home or
                    placement, good attendance at school or college, positive
                    friendships and activities, and accurate knowledge about
                    healthy relationships and consent. Work with the child
                    should try to strengthen these as well as reduce risk.

                    ## Avoiding assumptions

                    Vulnerability does not mean responsibility. Children are
                    never to blame for the abuse they experience, whatever
                    their behaviour, and a child who does not fit the expected
                    picture may still be at risk. Use this knowledge to
                    prioritise and to ask good questions, and combine it with
                    the indicators and screening tool described in Chapter 2.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 2: Responding to Concerns (printed pages 15-34)
# ---------------------------------------------------------------------------

_CH2 = Chapter(
    number=2,
    title="Responding to Concerns",
    file="chapter-2-responding-to-concerns.pdf",
    first_page=15,
    last_page=34,
    intro=(
        page("""
            This chapter explains what every practitioner should do when they
            are worried that a child or young person is being, or is at risk
            of being, sexually exploited. It applies to all agencies and
            should be read alongside your own organisation's safeguarding
            procedures and the profession-specific chapters of this toolkit.

            The response to CSE follows the same basic steps as any other
            safeguarding concern: recognise, respond, record, refer and
            review. What is different is that the child may not see
            themselves as being at risk, may not want help and may actively
            protect the person harming them. Professionals therefore need to
            be persistent, to share information early and to keep the child
            at the centre of decisions.

            The sections that follow cover recognising risk, the CSE
            screening tool, making a referral to the Multi-Agency
            Safeguarding Hub (MASH), information sharing, multi-agency
            meetings, disrupting perpetrators, and recording. If at any point
            you believe a child is in immediate danger, contact the police
            straight away and then follow the steps in this chapter.

            The Board expects every agency to have a named lead for CSE who
            can advise colleagues and who links with RISE, the sample Board's
            specialist CSE team.
        """),
    ),
    sections=(
        Section(
            id="recognising-risk",
            title="Recognising risk",
            start=16,
            pages=(
                page("""
                    Recognising risk starts with noticing. Most children who
                    are exploited come into contact with several services
                    before anyone identifies what is happening, and each of
                    those contacts is an opportunity. A receptionist who sees
                    the same unknown adult collecting a child, a teacher who
                    notices a new phone, or a nurse who treats a repeat
                    infection may each hold one part of the picture.

                    Professional curiosity is the willingness to look beyond
                    the obvious explanation and to ask questions. When a child
                    gives an account that does not quite fit, or when
                    behaviour changes suddenly, think about what else might be
                    going on. Avoid accepting explanations such as "they are
                    just a difficult teenager" without considering whether the
                    behaviour could be a response to abuse.

                    Look at patterns over time rather than single incidents.
                    One late night out may mean little; repeated episodes of
                    going missing, each with a slightly different story,
                    deserve attention. Keep a chronology so that these
                    patterns are visible.
                """),
                page("""
                    ## Talking to the child

                    If you have a concern, try to find a private and
                    unhurried moment to talk with the child. Explain that you
                    are asking because you care about their safety. Use open
                    questions such as "tell me about your new friends" rather
                    than leading questions, and do not promise to keep secrets.
                    Let the child know what you will do with what they tell
                    you.

                    Children may test your reaction with a small piece of
                    information before saying more. Respond calmly, thank them
                    for telling you and avoid showing shock or disapproval.
                    If they deny that anything is wrong, record what you
                    observed and asked, and keep the door open for another
                    conversation.

                    ## Thinking about context

                    Risk does not only come from within the family. Ask about
                    the places the child spends time, the adults and young
                    people they are with, and their online contacts. A child
                    may be safe at home but at serious risk in a park, a
                    shopping centre, a takeaway or a friend's flat. This is
                    sometimes called contextual safeguarding.
                """),
                page("""
                    ## Barriers to recognition

                    Several common barriers prevent professionals recognising
                    CSE. Children may present as confident and in control, or
                    as angry and uncooperative. Professionals may see the
                    child as making choices, particularly when the child is
                    16 or 17. Boys, children with disabilities and children
                    from some communities are less often identified. Workers
                    may also assume that another agency is already dealing
                    with the concern.

                    The Board asks practitioners to challenge these barriers
                    in themselves and in others. A child aged 16 or 17 can
                    still be exploited and is still entitled to protection.
                    If you are unsure whether what you have noticed is
                    significant, discuss it with your designated lead, use the
                    screening tool, or seek advice from RISE.

                    ## When the risk is immediate

                    If a child is with someone you believe is harming them, is
                    missing and thought to be at risk, or has just disclosed
                    a recent assault, contact the police immediately. Do not
                    wait to complete the screening tool or a referral form.
                """),
            ),
        ),
        Section(
            id="screening-tool",
            title="The CSE screening tool",
            start=19,
            pages=(
                page("""
                    The CSE screening tool helps practitioners to organise
                    what they know about a child and to decide what to do
                    next. It is not a test that proves or disproves
                    exploitation, and it does not replace professional
                    judgement. It gives a shared language for describing
                    concern across agencies, so that the MASH and RISE can
                    understand quickly why a referral has been made.

                    Use the screening tool whenever you have a concern that a
                    child may be at risk of sexual exploitation, or when a
                    child shows several of the indicators in Chapter 1. It can
                    be completed by any trained practitioner, ideally with
                    support from the designated safeguarding lead in your
                    organisation.

                    The tool is arranged in sections covering missing
                    episodes, relationships, health, education, substance
                    misuse, online activity, and physical signs. For each
                    indicator, record whether it is present, what the
                    evidence is and where it came from. Write in plain
                    language and use the child's own words where you can.
                """),
                page("""
                    ## Levels of risk

                    The completed tool leads to one of three levels. These
                    levels describe the current situation and will change as
                    circumstances change.

                    Low risk: there are some vulnerabilities or early
                    indicators, but no evidence that the child is being
                    targeted. A single-agency response is usually appropriate,
                    with advice from your lead and a plan to review. Consider
                    whether early help would support the child and family.

                    Medium risk: there is evidence that the child is being
                    targeted or groomed, for example through contact with
                    older people, going missing or receiving gifts, but no
                    evidence yet of sexual activity. Make a referral to the
                    MASH so that a multi-agency response can be considered.

                    High risk: there is evidence that the child is being
                    sexually exploited, or is at immediate risk of serious
                    harm. Refer to the MASH without delay and, if the child is
                    in immediate danger, contact the police first. The case
                    will normally be discussed at a multi-agency meeting.
                """),
                page("""
                    ## Completing the tool well

                    Base your answers on what you know, not on what you
                    assume. If you do not know whether an indicator is
                    present, say so; gaps in information are important in
                    themselves. Note the date and source of each piece of
                    information, particularly when it comes from a third party.

                    Where possible, tell the child and their parents or carers
                    that you are completing the screening tool and why, unless
                    doing so would increase the risk to the child or to
                    someone else. Their views should be recorded on the form.

                    ## After the screening tool

                    Attach the completed tool to your referral, keep a copy in
                    the child's record and agree when it will be reviewed.
                    Re-screen whenever new information comes to light, after a
                    missing episode, or when the child's circumstances change,
                    for example a move of placement or school. A falling score
                    is welcome but is not a reason to close a case without
                    discussion; exploitation can be hidden for long periods.
                """),
            ),
        ),
        Section(
            id="making-a-referral",
            title="Making a referral",
            start=22,
            pages=(
                page("""
                    Concerns about child sexual exploitation are referred to
                    the Multi-Agency Safeguarding Hub (MASH), which is the
                    single front door for safeguarding referrals in the sample
                    Board's area. The MASH brings together staff from
                    children's social care, the police, health and education,
                    so that information can be gathered and a decision made
                    quickly.

                    Before referring, discuss your concern with your
                    designated safeguarding lead or CSE lead unless the delay
                    would put the child at risk. Complete the CSE screening
                    tool and attach it to the referral form. Telephone the
                    MASH if the concern is urgent, and follow up in writing on
                    the same day.

                    A good referral says clearly what you are worried about
                    and why. Include the child's details, the names of parents
                    or carers, any known addresses, vehicles or nicknames of
                    people involved, the indicators you have observed, what
                    the child has said, and what you have already done.
                """),
                page("""
                    ## Consent and informing the family

                    In most cases you should tell the child and their parents
                    or carers that you are making a referral and seek their
                    agreement. However, you do not need consent to refer when
                    a child may be at risk of significant harm, and you should
                    not seek it if doing so would place the child or others at
                    greater risk, alert a perpetrator, or hinder a police
                    investigation. Record your reasons either way.

                    Be careful when the person causing harm may have links to
                    the family. Parents are usually a child's most important
                    protection, but in some cases a relative or family friend
                    is involved in the exploitation.

                    ## What happens next

                    The MASH will acknowledge your referral and decide on the
                    next step, which may be advice, a referral to early help, a
                    child in need (CiN) assessment, or child protection
                    enquiries. Where CSE is identified, RISE will usually be
                    involved. You should be told the outcome; if you are not,
                    follow it up.
                """),
                page("""
                    ## If you disagree with the outcome

                    If you believe a referral has not been given the right
                    priority, discuss it first with the MASH manager. If you
                    remain concerned, use the Board's escalation procedure.
                    Professional disagreement is a normal and healthy part of
                    safeguarding work, and raising it is expected rather than
                    discouraged.

                    ## Children already known to services

                    If the child already has a social worker, for example
                    because they are a looked after child (LAC) or are subject
                    to a child in need plan, contact the social worker
                    directly as well as informing the MASH. Make sure that new
                    information reaches the person coordinating the child's
                    plan.

                    ## Children from other areas

                    When a child who lives in another local authority area is
                    found or seen here, refer to the MASH in the usual way.
                    The MASH will liaise with the home authority. Children
                    placed here by other authorities, including children in
                    foster care and residential care, need particular
                    attention because they may be isolated from their usual
                    support.
                """),
            ),
        ),
        Section(
            id="information-sharing",
            title="Information sharing",
            start=25,
            pages=(
                page("""
                    Sharing information early and appropriately is one of the
                    most effective ways to protect children from sexual
                    exploitation. Abusers rely on each agency holding only a
                    fragment of the picture. When those fragments are put
                    together, patterns become visible: the same car seen
                    outside two schools, the same adult named by several
                    young people, the same address linked to missing episodes.

                    Data protection law does not prevent practitioners from
                    sharing information to keep a child safe. It provides a
                    framework to ensure that personal information is shared
                    lawfully, fairly and securely. Fears about sharing
                    information must not stand in the way of protecting a
                    child.

                    The Board's information sharing agreement sets out how
                    member agencies share information about CSE, including
                    with the MASH and RISE. Your organisation should have a
                    named person who can advise on it.
                """),
                page("""
                    ## Principles for sharing

                    Share information that is necessary, proportionate,
                    relevant, accurate, timely and secure. Necessary means
                    that sharing will help to protect the child or others.
                    Proportionate means that you share enough, and no more
                    than is needed, for the purpose. Relevant means that the
                    recipient needs it to do their job.

                    Be open with the child and family about how information
                    will be shared, unless this would put someone at risk.
                    Seek consent where it is appropriate and safe, but
                    remember that consent is not the only lawful basis for
                    sharing, and that a young person's refusal does not
                    override the need to protect them from significant harm.

                    ## Sharing intelligence about perpetrators

                    Information that does not relate to a particular child is
                    still valuable. Names, nicknames, descriptions, vehicle
                    registrations, addresses and social media usernames linked
                    to exploitation should be passed to the police, either
                    directly or through RISE, using the community intelligence
                    form. You do not need to be certain for information to be
                    useful.
                """),
                page("""
                    ## Recording decisions about sharing

                    Whenever you decide to share or not to share information,
                    record what was shared, with whom, when, for what purpose
                    and on what basis. If consent was sought, note whether it
                    was given. If you decided not to share, record why. These
                    records protect the child and also protect you, because
                    they show that your decision was reasoned.

                    ## Confidential services

                    Some services, such as the sexual health service, CAMHS
                    and youth counselling, offer young people a high degree of
                    confidentiality, and this is important in encouraging them
                    to seek help. Confidentiality is never absolute, however.
                    Where there is a risk of significant harm, practitioners in
                    these services share information in the same way as
                    others, and explain this to the young person at the start
                    of their contact.

                    ## Getting advice

                    If you are unsure whether to share, speak to your
                    designated lead, your information governance lead or RISE.
                    You can usually discuss a situation without naming the
                    child while you decide what to do.
                """),
            ),
        ),
        Section(
            id="multi-agency-meetings",
            title="Multi-agency meetings",
            start=28,
            pages=(
                page("""
                    Where a child is assessed as being at medium or high risk
                    of sexual exploitation, professionals from the agencies
                    involved come together to share information and agree a
                    plan. In the sample Board's area these are called CSE
                    strategy meetings. They may be part of a wider child
                    protection process or may be held separately, depending
                    on the circumstances.

                    A CSE strategy meeting is usually chaired by a manager
                    from children's social care, and includes the police,
                    RISE, the child's social worker, school or college,
                    health practitioners and any other agency with a role.
                    The meeting considers all available information about the
                    child, the people who may be harming them and the places
                    involved, and agrees actions to reduce risk.

                    If you are invited to a meeting, bring up-to-date
                    information, your records and a clear view of the child's
                    current situation. If you cannot attend, send a written
                    report and make sure a colleague can speak to it.
                """),
                page("""
                    ## The plan

                    The plan agreed at the meeting should focus on protecting
                    the child, disrupting the people who pose a risk, and
                    supporting the child to recover. Each action should have a
                    named person responsible and a date by which it will be
                    done. The plan should say how the child and their family
                    will be involved and how their views will be gathered.

                    Typical actions include safety planning with the child,
                    return home interviews after missing episodes, support for
                    parents and carers, a review of the child's education
                    place, health checks and sexual health support, and
                    police activity to disrupt perpetrators.

                    ## Involving the child and family

                    Children and their families should be told about the
                    meeting and its outcome, and should have the opportunity
                    to contribute, unless this would place the child at risk.
                    Professionals should agree who will explain the plan to
                    the child, and how.
                """),
                page("""
                    ## Reviewing progress

                    Plans are reviewed at regular meetings, usually every six
                    to eight weeks, or sooner if risk changes. Each review
                    considers whether agreed actions have been completed,
                    whether the screening tool should be revisited, and what
                    the child and family say about how things are going.

                    ## Complex and linked cases

                    Sometimes several children are linked by the same
                    perpetrators, places or peer groups. In these cases a
                    complex strategy meeting may be convened to look at the
                    whole network. Information from individual meetings is
                    shared with this group so that patterns can be seen and
                    action coordinated.

                    ## Closing a plan

                    A plan should not close simply because a child has turned
                    18 or has stopped engaging. Before closing, consider
                    whether the risk has genuinely reduced, whether the child
                    has trusted adults and support in place, and whether adult
                    services or the leaving care team need to be involved.
                    Record the reasons for closure clearly.
                """),
            ),
        ),
        Section(
            id="disrupting-perpetrators",
            title="Disrupting perpetrators",
            start=31,
            pages=(
                page("""
                    Protecting a child from sexual exploitation means dealing
                    with the people who pose a risk, not only changing the
                    child's behaviour. Disruption is any activity that makes
                    it harder for perpetrators to contact, groom and exploit
                    children. It can be used while a criminal investigation is
                    under way, or where there is not yet enough evidence for a
                    prosecution.

                    The police lead on most disruption activity, but every
                    agency can contribute. Many disruption tactics depend on
                    information that other professionals hold, such as a
                    registration number noted by a school caretaker, the name
                    of a shop where a child was given alcohol, or a flat where
                    young people are known to gather.

                    Disruption tactics include warning notices that tell an
                    adult they must not contact a named child, civil orders,
                    licensing action against premises or drivers, housing
                    enforcement against tenants, and targeted patrols in
                    places where exploitation is believed to happen.
                """),
                page("""
                    ## What you can do

                    Pass on any information about people, vehicles, places or
                    online accounts linked to exploitation, using the
                    community intelligence route described in the information
                    sharing section. Even information that seems minor may
                    confirm or add to what the police already know.

                    Where your organisation has its own powers, use them.
                    District councils can act through taxi and private hire
                    licensing and housing, licensed premises can refuse entry
                    and report concerns, and hotels can challenge suspicious
                    bookings. Chapters 6 and 7 give more detail.

                    ## Keeping the child safe during disruption

                    Disruption should always be planned with the child's
                    safety in mind. Perpetrators may respond by blaming the
                    child or increasing control. Discuss planned activity at
                    the CSE strategy meeting or with RISE, so that support for
                    the child can be in place beforehand.
                """),
            ),
        ),
        Section(
            id="record-keeping",
            title="Recording and record keeping",
            start=33,
            pages=(
                page("""
                    Good records are essential in CSE work. They help
                    practitioners to see patterns over time, support
                    decision-making, provide evidence for disruption and
                    prosecution, and allow the child's story to be understood
                    by those who work with them later. Poor records can mean
                    that risk is missed or that a child has to repeat their
                    account many times.

                    Record concerns as soon as possible, and on the same day.
                    Include the date, time and place, what you saw and heard,
                    what the child said in their own words, the names of
                    anyone else present, what you did and who you told. Keep
                    fact and opinion separate, and when you give an opinion,
                    explain what it is based on.

                    Use language that does not blame the child. Write "the
                    young person was sexually exploited" rather than "had sex
                    with"; write "was given alcohol by an adult" rather than
                    "was drinking". Records may be read by the child one day.
                """),
                page("""
                    ## Chronologies

                    A chronology lists significant events in date order:
                    missing episodes, incidents, disclosures, changes of
                    placement or school, health appointments and agency
                    decisions. Keeping one makes it much easier to see when
                    risk is escalating. Chronologies should be updated
                    regularly and shared at multi-agency meetings.

                    ## Storage and access

                    Store records securely according to your organisation's
                    policy, and make sure they can be found by colleagues who
                    need them. Records relating to CSE may be needed many
                    years later, including in criminal proceedings, so they
                    should be retained in line with safeguarding retention
                    guidance.

                    ## Transferring records

                    When a child moves school, placement or area, make sure
                    relevant safeguarding information goes with them, and
                    that the new service knows about any current CSE plan.
                    Speak to the receiving practitioner as well as sending the
                    file, so that important context is not lost.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 3: Education (printed pages 35-54)
# ---------------------------------------------------------------------------

_CH3 = Chapter(
    number=3,
    title="Education",
    file="chapter-3-education.pdf",
    first_page=35,
    last_page=54,
    intro=(
        page("""
            Schools, colleges and other education settings see children more
            often and for longer than almost any other service. Staff notice
            changes in attendance, friendships, mood and appearance, and are
            often the adults a child trusts most. This chapter explains how
            education settings can prevent child sexual exploitation,
            recognise it early and respond well.

            It is written for headteachers, governors, designated safeguarding
            leads, teachers, teaching assistants, pastoral and attendance
            staff, and staff in colleges, pupil referral units and alternative
            provision. Support staff such as caretakers, lunchtime supervisors
            and office staff also have an important part to play, because they
            may see who waits outside the gate or who telephones the school.

            Every member of staff should know who the designated safeguarding
            lead is, how to record a concern and what the indicators of CSE
            look like. The general process for responding to concerns is set
            out in Chapter 2; this chapter adds the points that are particular
            to education settings, including teaching about relationships,
            attendance and children missing education, and online safety.
        """),
    ),
    sections=(
        Section(
            id="designated-safeguarding-leads",
            title="Designated safeguarding leads",
            start=36,
            pages=(
                page("""
                    Every school and college must have a designated
                    safeguarding lead (DSL), a senior member of staff with
                    lead responsibility for child protection, and at least one
                    deputy. The DSL is the first point of contact for staff
                    who are worried about a pupil and the main link between
                    the setting and the MASH, children's social care and
                    RISE.

                    In relation to CSE, the DSL should make sure that all
                    staff receive training on the indicators of exploitation
                    and know how to pass on concerns. They should keep up to
                    date with local patterns, for example through the Board's
                    CSE briefings, and share relevant information with staff
                    so that they know what to look out for.

                    The DSL decides, with the headteacher where appropriate,
                    whether a concern should be referred to the MASH, and
                    completes or supports the completion of the CSE screening
                    tool. They should be available during school hours, and
                    arrangements should be in place for out-of-hours
                    activities, trips and residential visits.
                """),
                page("""
                    ## Receiving concerns from staff

                    Staff should pass concerns to the DSL on the same day,
                    using the setting's recording system. The DSL should
                    acknowledge each concern, decide what action is needed and
                    record the decision, including when the decision is to
                    monitor. Staff who raise concerns should be told, as far
                    as is appropriate, what has happened as a result, so that
                    they continue to report.

                    Small pieces of information from different staff can add
                    up. A form tutor may notice a pupil is tired, a teaching
                    assistant may hear a comment about a party, and the
                    office may receive a call from an unknown adult asking
                    about the pupil's timetable. The DSL is the person who can
                    put these together, so staff should report even when a
                    concern seems minor.

                    ## Working with parents

                    The DSL should consider how and when to involve parents
                    and carers. In most cases parents are key to protecting
                    their child, and Chapter 8 can be shared with them. Where
                    there is a concern that a family member is involved,
                    seek advice from the MASH before speaking to the family.
                """),
                page("""
                    ## Attending meetings

                    When a pupil is subject to a CSE plan, the DSL or a
                    nominated member of staff should attend CSE strategy
                    meetings and reviews. Schools hold unique information
                    about attendance, behaviour, friendships and progress, and
                    their contribution is essential. Bring attendance records,
                    a summary of concerns, and the pupil's own views where
                    they have been gathered.

                    Actions for the school might include a trusted adult for
                    the pupil to check in with, changes to the timetable to
                    reduce unsupervised time, monitoring who collects the
                    pupil, and targeted work on healthy relationships. Agree
                    who will share information with whom, and how quickly.

                    ## Supervision and support for the DSL

                    CSE cases can be complex and distressing. DSLs should have
                    access to supervision and to advice from RISE and the
                    local authority's education safeguarding adviser. Governing
                    bodies should make sure the DSL has the time, training and
                    resources to carry out the role.
                """),
                page("""
                    ## Transfer of records

                    When a pupil moves to another school or college, the DSL
                    should make sure the child protection file is transferred
                    securely and promptly, separately from the main pupil
                    record, and that receipt is confirmed. Where a pupil has a
                    current CSE plan, the DSL should speak to the new DSL
                    directly before the move, so that support can continue
                    without a gap.

                    Transition between primary and secondary school, and from
                    school to college, are points of increased risk. Pupils
                    lose familiar adults and routines, and may be targeted by
                    older students. Share relevant information at transition
                    and make sure vulnerable pupils have a named member of
                    staff from the start.

                    ## Governors and leadership

                    Governors should receive an annual report on safeguarding
                    that includes CSE, covering training, the number of
                    concerns and referrals, and how the curriculum addresses
                    healthy relationships. Leaders should create a culture in
                    which staff feel confident to raise concerns and pupils
                    feel able to speak to any adult in the school.
                """),
            ),
        ),
        Section(
            id="teaching-about-relationships",
            title="Teaching about relationships",
            start=40,
            pages=(
                page("""
                    Teaching children and young people about healthy
                    relationships, consent and staying safe is one of the most
                    important ways in which education settings can help to
                    prevent sexual exploitation. Children who understand what
                    a respectful relationship looks like, and who know that
                    they can say no and tell someone, are better placed to
                    recognise grooming and to seek help.

                    Relationships education should begin early and be
                    appropriate to the age and understanding of pupils. In
                    primary school it can focus on friendships, families,
                    personal space, body autonomy, secrets that make us feel
                    uncomfortable and the adults pupils can talk to. In
                    secondary school it can extend to consent, intimate
                    relationships, online relationships, the law, and
                    exploitation itself.

                    Lessons work best when they are planned as part of a
                    spiral curriculum, returning to key ideas each year and
                    building on them, rather than as a single assembly or
                    one-off drop-down day.
                """),
                page("""
                    ## Teaching about consent

                    Pupils should learn that consent must be freely given,
                    that it can be withdrawn at any time, and that a person
                    cannot consent if they are being pressured, threatened,
                    given alcohol or drugs, or are under the legal age. They
                    should understand that an adult who has a sexual
                    relationship with a child is committing an offence,
                    whatever the child appears to want.

                    Discussion of scenarios, using fictional characters rather
                    than pupils' own experiences, can help young people to
                    explore how pressure works and how it feels. Scenarios
                    might include an older person offering lifts and gifts, a
                    friend passing on an invitation to a party at a flat, or
                    an online contact asking for a picture.

                    ## Teaching about grooming and exploitation

                    Pupils should learn the common features of grooming:
                    attention and flattery, gifts, secrecy, isolation from
                    friends and family, and gradually increasing requests.
                    They should learn that exploitation can happen to boys and
                    girls and can involve people of a similar age.
                """),
                page("""
                    ## Creating a safe learning environment

                    Agree ground rules with the class at the start of each
                    unit, including respect for others, not sharing personal
                    stories about people in the room, and the right to pass.
                    Explain that staff cannot keep secrets if they are worried
                    about someone's safety, and tell pupils how they can ask
                    questions privately, for example through a question box.

                    Be aware that some pupils in the class may be experiencing
                    exploitation or abuse. Let the DSL know in advance when
                    sensitive topics will be taught, so that support can be
                    offered to pupils who may find the lesson difficult.
                    Watch for reactions during and after lessons, and pass on
                    any concerns in the usual way.

                    ## Using visitors and resources

                    External speakers and resources can add value, but should
                    be checked in advance for accuracy and suitability. Avoid
                    materials that rely on shock or that suggest young people
                    are responsible for preventing their own abuse. A member
                    of staff should always be present during sessions led by
                    visitors.
                """),
                page("""
                    ## Involving parents and carers

                    Parents and carers should be told what their children will
                    learn about relationships and why, and given the chance
                    to look at resources. Many parents welcome help in talking
                    with their children about these topics at home. Schools
                    can share Chapter 8 of this toolkit, which is written for
                    parents and carers, and invite them to information
                    sessions.

                    ## Pupils with additional needs

                    Pupils with special educational needs and disabilities may
                    need relationships education to be adapted, with more
                    repetition, visual resources and practical examples. Some
                    may find it harder to recognise when a relationship is
                    exploitative or to tell someone, and some receive intimate
                    care, which can blur understanding of personal boundaries.
                    Plan this teaching with the special educational needs
                    coordinator.

                    ## Evaluating the teaching

                    Ask pupils what they have learned and what they still want
                    to know. Their feedback helps to keep the curriculum
                    relevant to the risks they face, including new apps and
                    local patterns of exploitation.
                """),
            ),
        ),
        Section(
            id="attendance",
            title="Attendance and missing education",
            start=44,
            pages=(
                page("""
                    Poor attendance and children missing education are among
                    the strongest indicators that a child may be at risk of
                    sexual exploitation. A child who is not in school is not
                    being seen by adults who could notice signs of harm, and
                    may be spending time with people who pose a risk.
                    Exploiters sometimes encourage children to truant, or
                    collect them during the school day.

                    Attendance staff should look beyond the overall percentage
                    and notice patterns: absence on particular days, late
                    arrival after weekends, leaving the site at lunchtime,
                    missing particular lessons, or being signed out by an
                    adult the school does not know. Unexplained absence should
                    be followed up on the first day.

                    When attendance concerns are combined with other
                    indicators, such as new friends, gifts, tiredness or
                    going missing from home, the attendance officer should
                    discuss the pupil with the DSL, who will consider whether
                    to use the CSE screening tool.
                """),
                page("""
                    ## First-day calling and home visits

                    Schools should contact parents or carers on the first day
                    of any unexplained absence. If a parent is unaware that
                    their child is not in school, treat this as a potential
                    missing episode and agree with the parent who will inform
                    the police. Where contact cannot be made with the family,
                    consider a home visit, and escalate concerns if the child
                    cannot be seen.

                    ## Part-time timetables and exclusions

                    Part-time timetables and exclusions reduce the time a
                    child spends in a supervised setting. Before either is
                    used for a pupil with known vulnerabilities, consider the
                    risk of exploitation during the time they are out of
                    school, and agree how that risk will be managed. Part-time
                    timetables should be short, regularly reviewed and
                    agreed with the parent and, where relevant, the social
                    worker. Never use them informally to manage behaviour.

                    Excluded pupils should be offered suitable education
                    promptly, and the DSL should inform the child's social
                    worker, or the MASH where there is a CSE concern.
                """),
                page("""
                    ## Children missing education

                    A child is missing education when they are of compulsory
                    school age and are not registered at a school and not
                    receiving suitable education elsewhere. Schools must tell
                    the local authority when a pupil's name is to be removed
                    from the register in certain circumstances, including when
                    the family has moved and the new school is not known.

                    The local authority's children missing education officer
                    will try to locate the child. If you have any concern that
                    a child who has left the school is at risk of
                    exploitation, share it when you notify the local
                    authority, and consider whether a referral to the MASH is
                    also needed.

                    ## Elective home education

                    Most families who choose to educate their children at home
                    do so for positive reasons. However, a child who is
                    withdrawn from school while at risk of exploitation may
                    lose contact with protective adults. If a pupil with a CSE
                    plan is withdrawn, the DSL should inform the child's
                    social worker and the local authority straight away.
                """),
                page("""
                    ## Return after a missing episode

                    When a pupil returns to school after going missing from
                    home or care, a trusted member of staff should check in
                    with them on the first day back. The aim is not to
                    interview the child, but to welcome them, check they are
                    safe, and give them an opportunity to talk. Anything they
                    say should be recorded and passed to the DSL.

                    The police or local authority will normally offer a
                    return home interview, carried out by an independent
                    person. Schools can help by sharing what they know about
                    the pupil's friendships and recent behaviour, and by
                    making a quiet space available if the interview takes
                    place in school.

                    ## Alternative arrangements

                    Pupils who are reluctant to attend because of fear of
                    others, including peers who are involved in exploitation,
                    may need changes to their timetable, routes into school
                    or a managed move. Listen to the pupil about where they
                    feel unsafe, and make sure any new arrangement is shared
                    with everyone who needs to know.
                """),
            ),
        ),
        Section(
            id="concerns-in-school",
            title="Recognising concerns in school",
            start=48,
            pages=(
                page("""
                    Staff in schools are well placed to notice the indicators
                    of CSE described in Chapter 1, because they see pupils
                    every day and know what is normal for them. The most
                    useful signs are often changes: a pupil who used to be
                    settled and is now withdrawn, a pupil whose friendship
                    group has suddenly changed, or a pupil whose appearance,
                    possessions or attitude to learning are different.

                    Signs in school may include tiredness in lessons, falling
                    asleep, a sudden drop in the quality of work, being
                    excessively protective of a phone, receiving calls or
                    messages during lessons, talking about parties with older
                    people, and references to older boyfriends or girlfriends.
                    Pupils may appear with new clothes, money or gifts.

                    Staff should also notice who is around the school: adults
                    waiting at the gate, cars that repeatedly collect pupils,
                    or older young people who are not students but are seen
                    with pupils at the end of the day.
                """),
                page("""
                    ## Peer-on-peer concerns

                    Sexual exploitation can involve pupils exploiting other
                    pupils, sometimes on behalf of older people. Staff should
                    be alert to sexualised bullying, the sharing of sexual
                    images between pupils, pupils who appear to be recruiting
                    others to attend parties, and pupils who hold unexplained
                    power over others. These concerns should be taken as
                    seriously as concerns about adults.

                    When both the victim and the alleged perpetrator are
                    pupils, the DSL will need to consider the safety and
                    needs of each child, and how to manage them in school
                    while enquiries take place. Seek advice from the MASH and
                    RISE early.

                    ## Disclosures in school

                    Pupils may disclose to any member of staff, often at an
                    unexpected moment. Listen, stay calm, do not promise to
                    keep a secret, and avoid asking leading questions. Record
                    exactly what the pupil said as soon as possible, and pass
                    it to the DSL immediately.
                """),
                page("""
                    ## Staff who work outside the classroom

                    Site staff, cleaners, drivers, lunchtime supervisors and
                    office staff often see and hear things that teachers do
                    not. Make sure they receive CSE training and know how to
                    report a concern, including information about vehicles,
                    adults and phone calls. Record vehicle registrations and
                    descriptions where it is safe to do so.

                    ## After-school and holiday activities

                    Risk does not stop at the end of the school day. Staff
                    running clubs, sports, trips and holiday activities should
                    follow the same procedures as in school time, and should
                    have a way of contacting the DSL or deputy. Residential
                    trips need a clear plan for supervision at night.

                    ## Keeping an open door

                    Pupils are more likely to tell an adult about exploitation
                    if they already trust them. Regular, low-key contact with
                    a named adult, mentoring and pastoral support all help.
                    Make sure pupils know that they can talk to any member of
                    staff and that they will be listened to.
                """),
            ),
        ),
        Section(
            id="alternative-provision",
            title="Colleges and alternative provision",
            start=51,
            pages=(
                page("""
                    Young people in further education colleges, pupil referral
                    units and alternative provision are often at increased
                    risk of exploitation. Colleges have large, open sites,
                    older students and fewer contact hours, and young people
                    may travel further to reach them. Pupils in alternative
                    provision may already have experienced exclusion, and
                    some will have complex needs.

                    Colleges should have a designated safeguarding lead and a
                    clear process for reporting concerns about students under
                    18, and should treat 16 and 17 year olds as children for
                    safeguarding purposes. Staff should not assume that a
                    student's relationship with an older person is
                    appropriate simply because the student is over the age of
                    consent; power, control and exchange are the key
                    questions.

                    Colleges should consider how visitors are managed, how
                    students are supervised in social spaces, and how staff
                    respond when unknown adults are seen on site.
                """),
                page("""
                    ## Commissioning alternative provision

                    Schools that place pupils in alternative provision remain
                    responsible for their safeguarding. Before placing a
                    pupil, check that the provider has suitable safeguarding
                    arrangements, including a designated lead, safer
                    recruitment and a clear route for sharing concerns. Agree
                    how attendance will be reported daily and what will happen
                    if the pupil does not arrive.

                    Share relevant information about risk with the provider,
                    including any CSE plan, so that staff know what to look
                    out for. Visit regularly and ask the pupil about their
                    experience of the placement.

                    ## Work placements and apprenticeships

                    Work experience and apprenticeships can expose young
                    people to adults in unfamiliar settings. Placements
                    should be checked, students should know who to contact if
                    they are worried, and employers should understand that
                    concerns about a young person's safety must be reported to
                    the college.
                """),
            ),
        ),
        Section(
            id="online-safety-in-schools",
            title="Online safety in schools",
            start=53,
            pages=(
                page("""
                    Online safety is part of safeguarding, not a separate
                    technical subject. Schools should teach pupils how to keep
                    themselves safe online, filter and monitor school systems
                    appropriately, and respond well when something goes wrong.
                    Much exploitation involves phones and social media, so
                    online safety education is an important part of
                    preventing CSE.

                    Teaching should cover privacy settings, the permanence of
                    images, how to recognise when an online contact is not who
                    they claim to be, how abusers use flattery and gifts to
                    gain trust, and how to block and report. Pupils should
                    understand that if an image of them is shared, it is never
                    their fault and adults will help.

                    Filtering and monitoring systems should be reviewed
                    regularly, and alerts should go to someone who can act on
                    them. The DSL should have an overview of online safety
                    incidents so that patterns can be spotted.
                """),
                page("""
                    ## Responding to image sharing

                    When a member of staff becomes aware that a sexual image
                    of a pupil has been created or shared, they should pass
                    this to the DSL immediately. Staff must not view, copy,
                    print, forward or delete the image, and should not ask the
                    pupil to show it to them. Confiscated devices should be
                    secured and handed to the DSL.

                    The DSL will consider whether the incident involves
                    exploitation, coercion, an adult, or a significant age
                    difference, and whether a referral to the MASH or the
                    police is needed. Where there are any signs of grooming
                    or blackmail, refer without delay.

                    ## Working with parents on online safety

                    Many parents are unsure how to support their children
                    online. Schools can help by sharing information about
                    apps, settings and warning signs, and by encouraging
                    open conversations at home. Chapter 8 and Chapter 9 of
                    this toolkit contain information for parents and for
                    young people that schools may share.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 4: Health Services (printed pages 55-76)
# ---------------------------------------------------------------------------

_CH4 = Chapter(
    number=4,
    title="Health Services",
    file="chapter-4-health-services.pdf",
    first_page=55,
    last_page=76,
    intro=(
        page("""
            Health practitioners are often the first professionals to see
            the physical and emotional effects of child sexual exploitation.
            Young people who are being exploited may attend for sexual health
            advice, emergency contraception, injuries, overdoses, intoxication
            or low mood, and they may come to services that offer
            confidentiality precisely because they do not want other adults
            to know. Every health contact is an opportunity to notice, ask
            and act.

            This chapter is for everyone who works in health services,
            including clinical and non-clinical staff. Each profession has
            its own section, describing the situations in which that
            profession is most likely to meet exploited children, the
            indicators to look out for and what to do. The sections cover
            school nurses, gynaecology, midwifery, health visitors and family
            nurse partnerships, the sexual health service, CAMHS, accident
            and emergency, paramedics, pharmacies, and general practice
            doctors and staff.

            The general process for responding to concerns is in Chapter 2.
            All health organisations should have named safeguarding
            professionals who can advise on individual cases and who link
            with the MASH and RISE. If you are unsure, ask them.
        """),
    ),
    sections=(
        Section(
            id="school-nurses",
            title="School Nurses",
            start=56,
            pages=(
                page("""
                    School nurses work across education and health, offering
                    health assessments, drop-in sessions, immunisations and
                    support with emotional health to children and young
                    people of school age. Because they are based in or linked
                    to schools but are not teachers, many young people find
                    school nurses easier to talk to about personal matters,
                    including relationships, sex and worries about friends.

                    The school nursing drop-in is a setting where a young
                    person may first mention an older partner, ask about
                    contraception, or describe symptoms that could indicate a
                    sexually transmitted infection. A school nurse may also
                    see repeated requests for pregnancy tests, signs of
                    self-harm, weight loss or tiredness that has no clear
                    explanation.

                    School nurses should use every contact to ask, in an age
                    appropriate way, about the young person's relationships,
                    who they spend time with and whether anyone is making them
                    do things they do not want to do. Questions should be
                    routine so that young people do not feel singled out.
                """),
                page("""
                    ## Working with the school

                    The school nurse is part of the team around the pupil and
                    should share concerns with the school's designated
                    safeguarding lead as well as following health procedures.
                    Agree with the DSL how information will be shared and how
                    quickly, and make sure that concerns raised in a drop-in
                    reach the school when a pupil may be at risk of CSE.

                    School nurses contribute health information to CSE
                    strategy meetings and may take on actions such as regular
                    one-to-one sessions, health reviews for looked after
                    children, or supporting the pupil to attend sexual health
                    services. Where a pupil is reluctant to go to a clinic,
                    the school nurse may be able to accompany them or arrange
                    an outreach appointment.

                    ## Confidentiality in school nursing

                    Young people should be told at the start of a
                    conversation what will stay confidential and what will be
                    shared. School nurses can offer confidential advice on
                    sexual health to young people who are competent to
                    consent, but confidentiality does not extend to
                    information suggesting that a young person is at risk of
                    significant harm.
                """),
                page("""
                    ## Indicators a school nurse may see

                    A pupil who attends the drop-in frequently but gives
                    vague reasons. Requests for emergency contraception or
                    pregnancy tests from younger pupils, particularly under
                    13s, which must always be treated as a child protection
                    concern. Sexually transmitted infections. Unexplained
                    bruising, bite marks or injuries. Disclosures about older
                    boyfriends or girlfriends, parties or lifts. Signs of
                    substance misuse. Anxiety about phones or messages.

                    ## Health assessments

                    School nurses complete or contribute to review health
                    assessments for looked after children. These assessments
                    are a good opportunity to discuss relationships, going
                    missing, online safety and sexual health in a private
                    setting. Any concerns should be shared with the child's
                    social worker and recorded in the health plan.

                    ## Emotional health

                    Exploitation has lasting effects on mental health.
                    School nurses can offer support with low mood and anxiety,
                    and should refer to CAMHS where a young person needs
                    specialist help, making clear in the referral that CSE is
                    a concern so that the service can plan accordingly.
                """),
            ),
        ),
        Section(
            id="gynaecology",
            title="Gynaecology",
            start=59,
            pages=(
                page("""
                    Gynaecology services see young people with a wide range of
                    conditions, including pelvic pain, abnormal bleeding,
                    pelvic inflammatory disease, complications of pregnancy
                    and requests for termination of pregnancy. A young person
                    who is being sexually exploited may present to a
                    gynaecology clinic or the early pregnancy unit with
                    symptoms that have been caused or worsened by abuse, and
                    may be accompanied by the person who is harming them.

                    Gynaecologists, nurses and clinic staff should consider
                    the possibility of exploitation whenever a patient under
                    18 presents with pregnancy, recurrent infection, genital
                    injury, or a request for termination, particularly if
                    there is a large age gap with a partner, the young person
                    seems frightened or controlled, or the history is
                    inconsistent.

                    Any girl under 13 presenting with pregnancy, a sexually
                    transmitted infection or evidence of sexual activity must
                    be referred to children's social care, because a child of
                    that age cannot lawfully consent to sexual activity.
                """),
                page("""
                    In the gynaecology clinic, always offer to see the young
                    person on their own for at least part of the
                    consultation, even if they arrive with a partner or adult. If the companion insists on staying,
                    note this as a possible indicator of control and use
                    another opportunity, such as a chaperoned examination, to
                    speak privately. Termination of pregnancy services should
                    ask every patient under 18 about the circumstances of the
                    pregnancy and who the partner is.
                """),
            ),
        ),
        Section(
            id="midwifery",
            title="Midwifery",
            start=60,
            part_way=True,
            pages=(
                page("""
                    Midwives care for pregnant young people from booking
                    through labour and into the postnatal period, and build a
                    relationship of trust over several months. A pregnancy in
                    a young person under 18 may be the result of sexual
                    exploitation, and the midwife may be the only
                    professional who sees the young person regularly during
                    this time.

                    At booking, midwives should ask every pregnant young
                    person about the father of the baby, their relationship
                    and whether they feel safe. Routine enquiry about domestic
                    abuse should always take place when the young person is
                    alone.
                """),
                page("""
                    ## Indicators in maternity care

                    Concealed or late booking. Missed antenatal appointments.
                    A partner who is much older, who answers questions for
                    the young person, or who will not give their details.
                    Unexplained injuries, substance misuse or going missing
                    during the pregnancy. Reluctance to say who the father
                    is, or giving different accounts at different visits.
                    Young mothers who are looked after children or care
                    leavers may be particularly vulnerable.

                    ## Pre-birth planning

                    Where there are concerns that a pregnant young person is
                    being exploited, the midwife should discuss the case with
                    the named midwife for safeguarding and refer to the MASH.
                    A pre-birth assessment may be needed to consider the
                    safety of both the young person and the baby. The young
                    person is a child in their own right, and their needs
                    must be considered separately from those of the unborn
                    baby.

                    ## After the birth

                    Midwives should share concerns with the health visitor
                    and GP at handover, so that support continues after
                    discharge from maternity care. Perpetrators may try to use
                    the baby to maintain control over the young mother.
                """),
            ),
        ),
        Section(
            id="health-visitors",
            title="Health Visitors and Family Nurse Partnerships",
            start=62,
            pages=(
                page("""
                    Health visitors work with families with children under
                    five, visiting at home and offering a universal programme
                    of contacts from before birth onwards. The Family Nurse
                    Partnership (FNP) is an intensive home visiting programme
                    for young first-time parents, in which a specially trained
                    family nurse visits regularly from early pregnancy until
                    the child is two.

                    Both services see young parents in their own homes over a
                    long period, which gives a unique view of the people
                    around them. A health visitor or family nurse may notice
                    older adults visiting, changes in who lives at the
                    address, signs of drug use, or a young parent who is
                    frightened of a partner or of people the partner brings to
                    the home.

                    Young parents aged under 18 are children themselves. If a
                    young mother or father appears to be sexually exploited,
                    the health visitor or family nurse should respond to the
                    risk to the young parent as well as the risk to the baby.
                """),
                page("""
                    ## Older siblings and the wider household

                    Health visitors also see older children in the household
                    and may become aware of teenagers who are going missing,
                    receiving gifts or spending time with adults who cause
                    concern. Although the health visitor's caseload is the
                    younger child, concerns about any child in the home should
                    be shared through the usual route.

                    ## The family nurse relationship

                    Family nurses build close relationships with young
                    parents and often become a trusted adult to whom a young
                    person will disclose. FNP practitioners should use
                    supervision to reflect on concerns about exploitation, and
                    should be clear with young parents from the start about
                    the limits of confidentiality.

                    ## Sharing and handover

                    Health visitors and family nurses should share concerns
                    with the GP, midwife and any social worker, and contribute
                    to CSE strategy meetings where a young parent has a plan.
                    When a family moves, make sure the new health visiting
                    team is told about current concerns directly, not only
                    through a records transfer.
                """),
            ),
        ),
        Section(
            id="sexual-health",
            title="Sexual Health Service",
            start=64,
            pages=(
                page("""
                    The sexual health service offers contraception, testing
                    and treatment for sexually transmitted infections,
                    pregnancy testing and advice, often on a walk-in basis
                    and with a strong promise of confidentiality. For these
                    reasons, young people who are being sexually exploited
                    frequently attend sexual health clinics, sometimes
                    repeatedly and sometimes brought by the person exploiting
                    them.

                    Sexual health practitioners are therefore in a key
                    position to identify CSE. Every young person under 18
                    attending the service should be assessed using the
                    service's young person's risk assessment, which includes
                    questions about partners, age differences, alcohol and
                    drugs, going missing, gifts, coercion and online contact.
                    The assessment should be repeated at each new episode of
                    care.

                    Staff should be alert to young people who attend with a
                    much older adult, who have multiple partners they cannot
                    name, who have repeated infections or requests for
                    emergency contraception, or who seem frightened, tired or
                    intoxicated.
                """),
                page("""
                    ## Competence, consent and confidentiality

                    Young people under 16 can receive contraception and
                    sexual health treatment without parental involvement if
                    they are competent to understand the advice and its
                    implications, and clinicians should record their
                    assessment of competence. However, the same consultation
                    must also consider whether the young person is being
                    abused or exploited. Competence to consent to treatment
                    does not mean that a young person can consent to their
                    own exploitation.

                    Explain the limits of confidentiality at the start of the
                    consultation, in language the young person understands.
                    Most young people accept that information will be shared
                    when they are told honestly why and with whom.

                    ## Outreach and engagement

                    Some young people will not come to a clinic. Sexual health
                    outreach workers can meet young people in schools,
                    colleges, youth settings and children's homes, and can
                    work jointly with RISE to offer testing, contraception and
                    advice to young people known to be at risk.
                """),
                page("""
                    ## Indicators specific to the clinic

                    Frequent attendance for emergency contraception or
                    pregnancy testing. Sexually transmitted infections in a
                    young person who reports few partners. Reluctance to give
                    a partner's details for partner notification, or giving
                    only a nickname or phone number. Disclosure of sex in
                    exchange for money, drugs, alcohol, accommodation or
                    lifts. Genital injury. A young person who seems to be
                    under the control of their companion.

                    ## What to do

                    Discuss any concern with the service's safeguarding lead
                    on the same day. Complete the CSE screening tool, refer
                    to the MASH where there is risk of significant harm, and
                    share information about perpetrators through the
                    community intelligence route. Keep good records of
                    partner notification details, because they can help to
                    identify the people exploiting young people.

                    ## Follow-up

                    Arrange follow-up appointments and make sure the young
                    person knows how to contact the clinic. If they do not
                    return, consider contacting them or their GP.
                """),
            ),
        ),
        Section(
            id="camhs",
            title="CAMHS",
            start=67,
            pages=(
                page("""
                    Child and Adolescent Mental Health Services (CAMHS)
                    assess and treat children and young people with emotional,
                    behavioural and mental health difficulties. Many young
                    people who have been sexually exploited experience
                    anxiety, depression, self-harm, eating difficulties,
                    post-traumatic stress, suicidal thoughts and substance
                    misuse, and some will be referred to CAMHS for help with
                    these difficulties without anyone having identified the
                    exploitation.

                    CAMHS clinicians should be curious about the causes of a
                    young person's distress, and should routinely ask about
                    relationships, going missing, online contact and whether
                    anyone is making them do things they do not want to do.
                    A young person may talk about feeling trapped, owing
                    someone money or being unable to leave a relationship.

                    Therapeutic work may uncover exploitation that is still
                    happening. Where this occurs, safeguarding comes first:
                    follow the steps in Chapter 2 and discuss the case with
                    the CAMHS safeguarding lead.
                """),
                page("""
                    ## Assessment in CAMHS

                    When a young person known to be at risk of CSE is
                    referred to CAMHS, the assessment should take account of
                    trauma and of the continuing risk. Some young people are
                    not ready for therapy while they are still in contact with
                    the people exploiting them, but may benefit from a
                    consistent, supportive relationship and help with
                    stabilisation, sleep and managing distress.

                    Young people may miss appointments, particularly if they
                    are going missing or their lives are chaotic. CAMHS
                    should not close a case simply because a young person has
                    not attended. Discuss non-attendance with the referrer and
                    the child's social worker, and consider more flexible
                    approaches such as outreach or joint visits.

                    ## Medication and overdose

                    Where medication is prescribed, consider the risk of
                    overdose and whether supplies could be taken or sold by
                    others. Clinicians may agree with the young person's local
                    pharmacy that medication is dispensed in smaller amounts.
                """),
                page("""
                    ## Contributing to the plan

                    CAMHS practitioners have an important role in CSE
                    strategy meetings, helping other professionals to
                    understand the young person's emotional state, how trauma
                    may affect their behaviour, and how to communicate with
                    them. They can advise on the timing of interviews, on
                    whether the young person is able to give an account, and
                    on what support will be needed during any criminal
                    proceedings.

                    ## Consultation to the network

                    Even where a young person does not engage with CAMHS
                    directly, clinicians can offer consultation to carers,
                    social workers, teachers and residential staff, helping
                    them to respond to behaviour in a trauma-informed way.

                    ## Inpatient and crisis care

                    Young people admitted to inpatient units or seen by the
                    crisis team may be at risk from others on the ward or
                    from visitors. Staff should know who is permitted to
                    visit, monitor phone contact, and be alert to young
                    people being approached on leave. Discharge planning must
                    include the CSE plan.
                """),
            ),
        ),
        Section(
            id="accident-and-emergency",
            title="Accident & Emergency",
            start=70,
            pages=(
                page("""
                    The emergency department is open at all hours and is
                    often where young people end up after an assault, an
                    overdose, an accident while intoxicated or a night out
                    that went wrong. A&E staff may see a young person only
                    once, in a busy environment and often late at night, and
                    yet that single attendance can be the key moment at which
                    exploitation is recognised.

                    Young people who are being exploited may present to
                    accident and emergency with alcohol or drug intoxication,
                    injuries from assault, self-harm, overdose, sexual
                    assault, or requests for emergency contraception. They
                    may be brought in by friends, by the police or by adults
                    who leave before they can be identified, or they may give
                    false names and addresses.

                    Every attendance by a young person under 18 should
                    include a safeguarding assessment. The emergency
                    department's electronic record should flag children who
                    are subject to a CSE plan or who have attended
                    frequently, so that staff can see patterns across
                    attendances.
                """),
                page("""
                    ## Questions to ask in the emergency department

                    Ask how the injury or intoxication happened, who the
                    young person was with, where they were, and how they got
                    to hospital. Ask whether their parents or carers know
                    where they are. Note any adults who accompany the young
                    person and their relationship to them; if they leave
                    quickly or refuse to give details, record this. Be alert
                    to a young person who is reluctant to be examined or who
                    wants to leave before treatment is complete.

                    ## Intoxicated young people

                    A young person who is heavily intoxicated cannot be
                    safely discharged alone, and should not be released to an
                    adult whose identity and relationship cannot be
                    confirmed. Where a young person attends A&E intoxicated,
                    consider how they obtained the alcohol or drugs and who
                    they were with, and share this information.

                    ## Sexual assault

                    Young people who disclose recent sexual assault should be
                    offered referral to the specialist sexual assault service,
                    where forensic examination, emergency contraception and
                    support can be provided.
                """),
                page("""
                    ## Liaison and follow-up

                    The emergency department's paediatric liaison team
                    reviews attendances by children and shares relevant
                    information with GPs, health visitors, school nurses and
                    social workers. This follow-up is important because a
                    young person seen in A&E may not disclose anything while
                    they are there, but the attendance itself may add to a
                    picture that other professionals are building.

                    ## Making a referral from A&E

                    Where there is a concern that a young person is at risk of
                    CSE, the clinician in charge should discuss it with the
                    safeguarding team or, out of hours, the senior nurse,
                    complete the CSE screening tool and refer to the MASH. If
                    the young person is at immediate risk on discharge,
                    contact the police and the out-of-hours social work
                    service before they leave.

                    ## Frequent attenders

                    Repeated attendances for minor injuries, intoxication or
                    self-harm are themselves a significant indicator. Review
                    the attendance history whenever a young person presents.
                """),
            ),
        ),
        Section(
            id="paramedics",
            title="Paramedics",
            start=73,
            pages=(
                page("""
                    Paramedics and ambulance crews attend young people in
                    homes, streets, parks, hotels, parties and vehicles, often
                    at night and often at the scene where harm has happened.
                    They see the environment, the people present and the
                    young person's condition before anyone has had time to
                    tidy up or leave. This makes their observations
                    particularly valuable.

                    At the scene, note who is present, their approximate
                    ages, how they relate to the young person and whether any
                    of them leave when the ambulance arrives. Note the type of
                    premises, any signs that young people are staying there,
                    the presence of alcohol, drugs, cash or multiple phones,
                    and any vehicles. Record anything the young person says
                    about how they came to be there.

                    If a young person is found in circumstances that suggest
                    exploitation, such as an intoxicated 14-year-old in a flat
                    with adults, or a young person in a hotel room with an
                    older man, contact the police from the scene. Do not
                    leave a young person with adults whose relationship to
                    them cannot be confirmed.

                    When handing over at hospital, pass your observations to
                    the emergency department staff and make sure they are
                    recorded. The ambulance service's safeguarding team can
                    make a referral to the MASH; complete the safeguarding
                    referral before the end of your shift.
                """),
            ),
        ),
        Section(
            id="pharmacies",
            title="Pharmacies",
            start=74,
            pages=(
                page("""
                    Community pharmacies are easy to reach, open long hours
                    and do not need an appointment, so young people often
                    visit a pharmacy for emergency hormonal contraception,
                    condoms, pregnancy tests and advice. A pharmacist may be
                    the only health professional a young person sees after an
                    incident of sexual exploitation.

                    When a young person asks for emergency contraception, the
                    pharmacist's consultation is an opportunity to assess
                    risk. Use the private consultation room, ask about the
                    circumstances in an open way, and consider the young
                    person's age, their partner's age, whether they have been
                    given alcohol or drugs, whether they have received gifts
                    or money, and whether this is a repeat request. Any
                    request from a child under 13 must be referred.

                    Be alert to young people who are accompanied by an older
                    adult who pays or answers for them, to the same adult
                    buying emergency contraception or pregnancy tests
                    repeatedly, and to young people who seem frightened or
                    intoxicated. Counter staff and pharmacy technicians should
                    know how to pass concerns to the pharmacist.

                    Record your concern and what you did. Speak to the
                    pharmacy's safeguarding lead, complete the CSE screening
                    tool and refer to the MASH where there is a risk of
                    significant harm. With the young person's agreement where
                    safe, let their GP or the sexual health service know so
                    that follow-up can be offered.
                """),
            ),
        ),
        Section(
            id="general-practice",
            title="General Practice Doctors and Staff",
            start=75,
            pages=(
                page("""
                    General practice holds the most complete health record
                    for a child, and the GP surgery is often the place where
                    information from other services comes together. Letters
                    from A&E, the sexual health service, CAMHS and maternity
                    services arrive in general practice, and the practice may
                    be the only service that sees the whole family over many
                    years.

                    A general practitioner may see a young person who is
                    being sexually exploited for apparently minor reasons:
                    tiredness, headaches, abdominal pain, requests for
                    contraception or sleeping tablets, low mood or repeated
                    infections. The young person may attend with an adult who
                    is not their parent. Each of these, alone, may mean little,
                    but the GP record allows patterns to be seen.

                    GPs should review incoming correspondence about children
                    with safeguarding in mind, and should code and flag
                    children who are subject to a CSE plan, a child in need
                    plan or a child protection plan, so that any clinician
                    seeing the young person is aware.
                """),
                page("""
                    ## The role of practice staff

                    Receptionists, practice nurses, healthcare assistants and
                    practice managers all have a part to play. Reception staff
                    may notice who books appointments on a young person's
                    behalf, who accompanies them, and who telephones for
                    results. Practice nurses may see young people for
                    contraception, immunisations and minor injuries. All
                    practice staff should receive safeguarding training that
                    includes CSE, and should know how to pass concerns to the
                    practice safeguarding lead.

                    ## Consultations with young people

                    Offer young people the chance to be seen alone, and
                    explain confidentiality and its limits. Ask about home,
                    school, friends and relationships, and whether anyone is
                    making them do things they do not want to do. Record what
                    the young person says and your assessment of competence
                    where treatment is given without a parent.

                    ## Contributing to the network

                    GPs should respond promptly to requests for information
                    from the MASH and contribute reports to CSE strategy
                    meetings. The practice safeguarding lead can share
                    concerns about perpetrators who are registered with the
                    practice through the community intelligence route.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 5: Early Help and Children's Social Care (printed pages 77-96)
# ---------------------------------------------------------------------------

_CH5 = Chapter(
    number=5,
    title="Early Help and Children's Social Care",
    file="chapter-5-social-care.pdf",
    first_page=77,
    last_page=96,
    intro=(
        page("""
            This chapter is for practitioners in early help and in
            children's social care, including social workers, family support
            workers, personal advisers, foster carers, residential care
            staff and their managers. It describes how child sexual
            exploitation may present in each area of work and what the Board
            expects practitioners to do.

            Children's social care has lead responsibility for assessing and
            planning for children who are at risk of significant harm,
            including harm from sexual exploitation. Social workers
            coordinate the multi-agency response, chair or attend CSE
            strategy meetings and work directly with children and families.
            Early help services work with families at an earlier stage and
            can prevent risks from escalating.

            The sections cover children in need (CiN), looked after children
            (LAC), early help and prevention (EHP), unaccompanied asylum
            seeking children (UASC), leaving care, foster care and residential
            care. Many of the children described here move between these
            groups over time, and practitioners should read the sections that
            relate to the children they work with as well as their own.

            RISE, the sample Board's specialist CSE team, works alongside
            social workers on cases where CSE is identified and offers
            consultation on any case.
        """),
    ),
    sections=(
        Section(
            id="child-in-need",
            title="Child in Need (CiN)",
            start=78,
            pages=(
                page("""
                    A child in need is a child whose health or development is
                    likely to be impaired without the provision of services,
                    or who is disabled. Many children at risk of sexual
                    exploitation are supported under a child in need plan,
                    either because CSE is the main concern or because other
                    needs, such as neglect, parental substance misuse or
                    disability, have brought the family to the attention of
                    children's social care.

                    CiN work is voluntary and depends on the agreement of the
                    family. This can be a strength, because parents who feel
                    respected are more likely to work with professionals to
                    protect their child. It can also be a limitation, because
                    a young person who is being exploited may not want to
                    engage, and parents may struggle to keep their child
                    safe however hard they try.

                    When CSE is identified in a CiN case, the social worker
                    should complete or update the CSE screening tool, consult
                    RISE and consider whether a CSE strategy meeting is
                    needed. The CiN plan should include specific actions to
                    reduce the risk of exploitation.
                """),
                page("""
                    ## Assessment

                    The child in need assessment should consider the risk of
                    exploitation from outside the family as well as the care
                    the child receives at home. Ask about the child's
                    friendships, places they go, online life, going missing,
                    gifts and money, and school attendance. Speak to the
                    child alone, and gather information from school, health
                    and the police.

                    Parents of exploited children are often frightened,
                    exhausted and blamed. The assessment should recognise the
                    efforts parents are making, and identify what support
                    would help them, such as advice on safety planning,
                    respite or practical help with transport.

                    ## When risk increases

                    CiN plans should be reviewed regularly, and the screening
                    tool repeated when new information emerges. If the child
                    is assessed as at high risk of sexual exploitation, or if
                    parents are unable or unwilling to protect them, the
                    social worker should discuss with their manager whether
                    child protection enquiries are needed. Escalation should
                    not wait for the next scheduled review.
                """),
                page("""
                    ## Children with disabilities

                    Disabled children are a significant group within CiN
                    caseloads, and they are at increased risk of sexual
                    exploitation. They may be more dependent on others for
                    care, have fewer opportunities to learn about
                    relationships, and find it harder to communicate what is
                    happening to them. Abusers may target disabled young
                    people deliberately, believing they will not be believed.

                    Social workers should make sure that disabled children
                    have the means to communicate their wishes and concerns,
                    including through advocates, interpreters or
                    communication aids, and should not attribute signs of
                    distress to the child's impairment without considering
                    other explanations.

                    ## Closing a CiN plan

                    Before closing a CiN plan for a child who has been at risk
                    of CSE, consider whether the risk has reduced and why,
                    whether the child has a trusted adult, and whether step
                    down to early help would provide continuing support. Tell
                    other agencies when the plan closes.
                """),
            ),
        ),
        Section(
            id="looked-after-children",
            title="Looked After Children (LAC)",
            start=81,
            pages=(
                page("""
                    Looked after children are children in the care of the
                    local authority, living with foster carers, in residential
                    children's homes, in supported accommodation or with
                    family members under a care arrangement. Looked after
                    children are at significantly greater risk of sexual
                    exploitation than their peers. Many have already
                    experienced abuse or neglect, many have moved placement or
                    school, and some are placed far from their home area.

                    Perpetrators are aware that LAC may be looking for
                    affection and belonging, and some deliberately target
                    children's homes and placements. Going missing from care
                    is a particularly strong indicator of risk and must always
                    be taken seriously.

                    The child's social worker is responsible for making sure
                    that the care plan addresses any risk of CSE, and that
                    carers, the school and health professionals know about
                    the risk and the plan. The independent reviewing officer
                    should check at every review that CSE risk has been
                    considered.
                """),
                page("""
                    ## Placement decisions

                    When choosing a placement for a child at risk of sexual
                    exploitation, consider whether it will keep the child
                    away from people who pose a risk, whether the carers have
                    the skills and support to manage the risk, and how the
                    child will keep links with positive relationships. Moving
                    a child away from an area may reduce immediate risk but
                    may also isolate them, and exploiters can travel or use
                    phones to keep contact.

                    Placement moves in an emergency should be avoided where
                    possible. When a move is necessary, share the CSE plan
                    with the new carers before the child arrives, and notify
                    the host authority if the child is placed out of area.

                    ## Missing from care

                    Carers should report a looked after child missing in line
                    with the missing from care protocol. Every missing episode
                    should be followed by a return home interview, and the
                    information gathered should be shared with the social
                    worker and RISE so that patterns can be identified.
                """),
                page("""
                    ## Health and education of looked after children

                    Health assessments for LAC should include questions
                    about relationships and sexual health, and the designated
                    teacher for looked after children in school should be
                    aware of any risk of exploitation. The personal education
                    plan can include support that builds a child's confidence
                    and attendance, which are protective factors.

                    ## Listening to children in care

                    Looked after children often describe feeling that adults
                    make decisions about them without listening. Children who
                    feel heard are more likely to share concerns. Social
                    workers should see children alone on every visit, build a
                    consistent relationship over time, and explain decisions
                    in a way the child understands.

                    ## Corporate parenting

                    The local authority and its partners act as corporate
                    parents for looked after children, which means asking
                    whether the care given is what a good parent would give.
                    A good parent whose child was being exploited would be
                    persistent, would not give up when the child was angry,
                    and would do everything possible to find and protect them.
                """),
            ),
        ),
        Section(
            id="early-help",
            title="Early Help and Prevention (EHP)",
            start=84,
            pages=(
                page("""
                    Early help means providing support as soon as a problem
                    emerges, at any point in a child's life. Early help and
                    prevention (EHP) services work with children and families
                    whose needs do not meet the threshold for statutory
                    social work, but who would benefit from coordinated
                    support. In the sample Board's area, EHP includes family
                    support workers, youth workers, children's centres and
                    targeted youth support.

                    EHP has an important part to play in preventing child
                    sexual exploitation. Many of the vulnerabilities described
                    in Chapter 1, such as poor school attendance, conflict at
                    home, low self-esteem and isolation, can be addressed
                    through early help before a young person is targeted.
                    Youth work in particular can offer positive activities,
                    trusted adults and a sense of belonging that reduce a
                    young person's need to look elsewhere.

                    Early help practitioners should be trained to recognise
                    the indicators of CSE and to use the screening tool, and
                    should know how to step up a case to the MASH.
                """),
                page("""
                    ## The early help assessment

                    The early help assessment should include questions about
                    the young person's friendships, online activity,
                    relationships, and whether they go missing or stay out
                    late. Where the assessment identifies indicators of CSE,
                    the lead practitioner should complete the screening tool.
                    A low score may be managed within early help with advice
                    from RISE; a medium or high score should be referred to
                    the MASH.

                    ## Team around the family

                    EHP works through a team around the family, bringing
                    together the school, health and other services with the
                    family to agree a plan. The plan might include work on
                    healthy relationships with the young person, parenting
                    support, help to return to education, or activities in
                    the community. Review it regularly with the family.

                    ## Working with parents

                    Parents are often the first to notice changes in their
                    child. EHP workers can help parents to understand the
                    signs of exploitation, to talk with their child, and to
                    keep records of missing episodes and contacts. Chapter 8
                    can be shared with parents.
                """),
                page("""
                    ## Stepping up and stepping down

                    Risk can change quickly. If an early help practitioner
                    becomes aware that a young person is being sexually
                    exploited, or is at high risk, they should refer to the
                    MASH straight away rather than waiting for the next
                    team around the family meeting. The case does not close
                    in early help while the referral is considered.

                    Equally, when a case steps down from children's social
                    care to EHP, the early help practitioner should receive a
                    full handover, including the CSE plan and screening tool,
                    and should meet the outgoing social worker and the young
                    person together where possible.

                    ## Group and community work

                    EHP services can deliver group work on relationships and
                    safety in schools and youth settings, and can work with
                    communities to raise awareness of exploitation. Detached
                    youth workers, who meet young people on the streets and
                    in parks, often learn about places where exploitation is
                    happening and should share this information with RISE.
                """),
            ),
        ),
        Section(
            id="uasc",
            title="Unaccompanied Asylum Seeking Children (UASC)",
            start=87,
            pages=(
                page("""
                    Unaccompanied asylum seeking children are children who
                    have arrived in the country without a parent or carer and
                    are seeking asylum. When they are accommodated by the
                    local authority they become looked after children. UASC
                    are particularly vulnerable to sexual exploitation and
                    trafficking: many have travelled long distances, have
                    experienced violence or abuse on the journey, and may owe
                    money to the people who brought them.

                    Some UASC are controlled by traffickers even after they
                    have arrived, and may go missing soon after being placed
                    in care. The first days and weeks are a time of high
                    risk. Carers should be told to watch for phone calls,
                    unexplained visitors and attempts to leave, and the social
                    worker should agree a safety plan from the start.

                    UASC may not speak English, may not trust officials, and
                    may have been told what to say to the authorities. They
                    may not understand what exploitation is or that it is
                    against the law here.
                """),
                page("""
                    ## Communication and trust

                    Always use a professional interpreter, never a family
                    member, friend or another young person, and check that the
                    interpreter speaks the child's language and dialect.
                    Explain the role of each professional and the limits of
                    confidentiality. Building trust takes time, and a child
                    may not disclose what happened to them until they feel
                    safe, which may be many months after arrival.

                    ## Age assessment

                    Where a young person's age is disputed, treat them as a
                    child until an assessment is completed. Adults who are
                    placed with children, and children who are wrongly placed
                    with adults, both create risks of exploitation.

                    ## Trafficking

                    Where there are indicators that a child may have been
                    trafficked, the social worker should make a referral to
                    the national identification process for victims of
                    trafficking, as well as following local CSE procedures.
                    An independent guardian or advocate can help the child to
                    understand what is happening.
                """),
                page("""
                    ## Placement and support

                    Placements for UASC should offer close supervision at
                    first, and carers should have training on trafficking and
                    exploitation. Where possible, place the child with carers
                    who understand their language and culture, and help them
                    to make safe links with their community, faith group and
                    other young people.

                    Education is a protective factor. Help the young person to
                    start school or college quickly, with support for learning
                    English. Health assessments should consider sexual health,
                    trauma and the effects of the journey.

                    ## Going missing

                    If an unaccompanied asylum seeking child goes missing,
                    report them to the police immediately and share any
                    phone numbers, names or addresses linked to them. Treat
                    every missing UASC as at high risk of exploitation and
                    trafficking. When they return, offer a return home
                    interview with an interpreter.
                """),
            ),
        ),
        Section(
            id="leaving-care",
            title="Leaving Care",
            start=90,
            pages=(
                page("""
                    Young people leaving care at 16, 17 and 18 face many
                    changes at once: moving to independent or supported
                    accommodation, managing money, continuing education or
                    finding work, and losing the daily support of carers.
                    Care leavers who have been exploited, or who are at risk,
                    may be particularly vulnerable during this transition.
                    Perpetrators may target young people who have just moved
                    into their own flat, using the tenancy as a place to
                    meet, store drugs or exploit others.

                    Every care leaver has a personal adviser who supports
                    them up to the age of 25. The personal adviser should
                    know about any history or current risk of exploitation,
                    and the pathway plan should set out how the young person
                    will be supported to stay safe, including in their
                    accommodation and relationships.

                    Supported accommodation providers should understand the
                    risks, monitor visitors and report concerns. Young people
                    should be told how to contact their personal adviser and
                    RISE out of hours.
                """),
                page("""
                    ## Turning 18

                    Sexual exploitation does not stop on a young person's
                    eighteenth birthday, but the services around them change.
                    Where a young person at risk of CSE is approaching 18,
                    the leaving care team, RISE and adult services should plan
                    the transition together, well in advance. Consider
                    whether the young person will meet the criteria for adult
                    safeguarding, and what other support, such as housing,
                    substance misuse or mental health services, they will
                    need.

                    Young adults who were exploited as children may continue
                    to be exploited, may be used to recruit younger children,
                    or may themselves be drawn into offending. A supportive
                    response that recognises their history is more likely to
                    help than one that treats them only as an adult making
                    choices.

                    ## Accommodation

                    Housing decisions for care leavers should take account of
                    known risks, including areas and addresses linked to
                    exploitation. Work with the district council housing
                    team, as described in Chapter 6.
                """),
                page("""
                    Care leavers who become parents need support from their
                    personal adviser, midwife and health visitor, who should
                    share information about any risk of exploitation. Young
                    parents may need help to keep their baby safe from
                    people who pose a risk to them, and a care leaver's own
                    experience of care can make it harder to ask for that help
                    without fear of being judged.
                """),
            ),
        ),
        Section(
            id="foster-care",
            title="Foster Care",
            start=92,
            part_way=True,
            pages=(
                page("""
                    Foster carers look after children in their own homes and
                    often know a child better than any professional does.
                    They are well placed to notice changes in behaviour, new
                    friends, unexplained money or gifts, and contact from
                    unknown adults. Foster carers should receive training on
                    CSE before a child at risk is placed with them, and should
                    have access to advice from their supervising social
                    worker and RISE at any time.
                """),
                page("""
                    ## Information foster carers need

                    Foster carers can only keep a child safe if they know
                    about the risks. Before placement, the child's social
                    worker should share the CSE plan, the latest screening
                    tool, names and descriptions of people who pose a risk,
                    places the child should avoid, and what to do if the
                    child goes missing. The placement plan should set out
                    agreed house rules, such as times to be home and
                    arrangements for phones, in a way that balances safety
                    with the child's need for ordinary family life.

                    ## Day-to-day care

                    Foster carers should keep a daily log of significant
                    events, including who the child was with, any contact
                    from unknown people, changes in mood and any missing
                    episodes. This record is an important source of
                    information for the social worker and at CSE strategy
                    meetings. Carers should pass on any descriptions of
                    vehicles or people that they see.

                    If a foster child does not come home at the agreed time,
                    the carer should try to contact them and then report
                    them missing in line with the missing from care protocol.
                """),
                page("""
                    ## Supporting the foster carer

                    Caring for a child who is being exploited is demanding.
                    Children may be angry, may go missing repeatedly, may
                    bring risk to the home, or may make allegations against
                    their carers. Supervising social workers should visit
                    regularly, offer practical and emotional support, and
                    make sure carers are invited to meetings about the child.
                    Respite and support groups for foster carers can help.

                    ## Other children in the household

                    Consider the safety of other children living in the
                    foster home, including the carers' own children. Where a
                    child at risk of CSE is placed, think about whether
                    perpetrators may try to contact other children, and
                    agree how the household will be supported.

                    ## Relationships with the child

                    The most protective thing a foster carer can offer is a
                    stable, warm relationship in which the child feels cared
                    for and listened to. Carers should keep trying to reach
                    the child even when the child pushes them away, and
                    should make clear that they will always welcome the child
                    home.
                """),
            ),
        ),
        Section(
            id="residential-care",
            title="Residential Care",
            start=95,
            pages=(
                page("""
                    Children's homes care for some of the most vulnerable
                    young people in the care system, many of whom have
                    experienced several placement moves. Residential care
                    staff work in shifts and should share information
                    carefully at each handover so that every member of the
                    team knows about risks, visitors and missing episodes.

                    Perpetrators sometimes target children's homes, waiting
                    outside, sending taxis, or using one resident to recruit
                    others. Staff should know the CSE plan for each young
                    person, record vehicles and people seen near the home,
                    and report concerns to the police and RISE. Managers
                    should build relationships with the local neighbourhood
                    police team and with the district council's community
                    safety team.

                    The home's location and the mix of young people living
                    there affect risk. Before admitting a new resident,
                    managers should complete an impact assessment that
                    considers the risks the young person faces and any risks
                    they may pose to others.
                """),
                page("""
                    ## Missing from residential care

                    Residential care staff should follow the missing from
                    care protocol, search the local area where it is safe to
                    do so, and report young people missing promptly. After
                    each return, staff should welcome the young person back,
                    check for injuries and intoxication, and make sure a
                    return home interview is offered.

                    ## Consistent relationships

                    Young people in residential care benefit from having a
                    key worker who is consistent and available. Key workers
                    can do direct work on relationships, consent and online
                    safety, and can help the young person to make a safety
                    plan. Agency staff should be briefed on each young
                    person's plan at the start of every shift.

                    ## Encouraging young people to stay

                    Staff cannot lock a young person in, but they can use
                    persuasion, distraction and the offer of alternative
                    activities to encourage a young person to stay safe.
                    Where the risk is very high, the social worker and
                    managers should consider whether a more secure
                    placement is needed, balancing safety with the child's
                    rights.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 6: District Councils (printed pages 97-104)
# ---------------------------------------------------------------------------

_CH6 = Chapter(
    number=6,
    title="District Councils",
    file="chapter-6-district-councils.pdf",
    first_page=97,
    last_page=104,
    intro=(
        page("""
            District councils provide many services that bring their staff
            into contact with children, young people and the places where
            exploitation happens. Licensing officers, housing officers,
            environmental health officers, community safety teams, leisure
            staff, parking enforcement officers and councillors may all see
            or hear something that helps to protect a child.

            District councils also hold powers that can be used to disrupt
            perpetrators: licensing conditions and revocation, housing
            enforcement and tenancy action, and community safety tools that
            address anti-social behaviour in particular places. Used with
            good information from partner agencies, these powers can make it
            much harder for abusers to operate.

            This chapter describes the role of district councils in three
            areas: taxi and private hire licensing, housing, and community
            safety. Each council should have a designated safeguarding lead
            who can advise staff and who links with the MASH and RISE.
            Council staff who are worried about a child should follow the
            process in Chapter 2. Where a child is in immediate danger,
            contact the police straight away.
        """),
    ),
    sections=(
        Section(
            id="taxi-licensing",
            title="Taxi and private hire licensing",
            start=98,
            pages=(
                page("""
                    Taxis and private hire vehicles are sometimes used by
                    perpetrators to move children to places where they are
                    exploited, and in some cases drivers themselves have been
                    involved in exploitation. Drivers also regularly carry
                    children alone, at night and to and from school and
                    placements, which puts them in a position of trust. For
                    these reasons, taxi and private hire licensing is an
                    important safeguard.

                    Licensing authorities must be satisfied that every driver
                    and operator is a fit and proper person to hold a
                    licence. This judgement should be informed by enhanced
                    criminal record checks, information from other councils
                    about previous refusals and revocations, and intelligence
                    from the police and partner agencies. The safety of
                    passengers, including children, should be the primary
                    consideration.

                    The council's licensing policy should require
                    safeguarding training, including CSE awareness, for all
                    new and renewing drivers and operators.
                """),
                page("""
                    ## What drivers should look out for

                    Drivers are well placed to notice when something is not
                    right. Warning signs include adults travelling with young
                    people late at night to hotels, flats or out-of-town
                    addresses; young people who appear intoxicated, frightened
                    or unsure where they are going; regular journeys for a
                    young person paid for by an adult who is not travelling;
                    and passengers discussing sexual activity with a child.

                    Drivers who are worried should not put themselves at
                    risk, but should note the time, pick-up and drop-off
                    addresses, and descriptions of passengers, and report it
                    to their operator and the police. In an emergency, they
                    should call the police straight away.

                    ## Operators

                    Private hire operators should keep accurate booking
                    records, including the name and phone number of the
                    person booking and the pick-up and destination addresses.
                    These records can be vital in investigations. Operators
                    should have a safeguarding policy and a named lead.
                """),
                page("""
                    ## Sharing information with licensing

                    Partner agencies that become aware of a concern about a
                    licensed driver should pass it to the council's licensing
                    team, as well as to the police and, where a specific
                    child is involved, the MASH. Licensing officers can take
                    action, including suspension or revocation of a licence,
                    where there is reasonable cause, even if no criminal
                    charge has been brought.

                    ## Contracted school transport

                    Drivers and passenger assistants who carry children on
                    contracts for the county council, including home to
                    school transport and transport for looked after children,
                    should receive additional safeguarding training. They
                    should know who to contact if a child tells them something
                    worrying, and should not give children their personal
                    phone numbers or contact them through social media.

                    ## Enforcement

                    Licensing enforcement officers can carry out checks at
                    ranks and at night-time hotspots, often jointly with the
                    police, and should report any concerns about young people
                    they see.
                """),
            ),
        ),
        Section(
            id="housing",
            title="Housing",
            start=101,
            pages=(
                page("""
                    Housing officers visit homes, manage tenancies, deal with
                    homelessness applications and respond to complaints from
                    neighbours. In the course of this work they may see signs
                    that a property is being used to exploit children: young
                    people coming and going at all hours, a tenant who seems
                    to be controlled by visitors, or reports of parties
                    involving teenagers.

                    Perpetrators sometimes take over the homes of vulnerable
                    adults or young care leavers and use them as bases for
                    exploitation and drug supply. Housing staff should be
                    alert to changes in a tenant's behaviour, new occupants,
                    increased visitors, damage to the property and complaints
                    about noise or anti-social behaviour.

                    Housing teams should share information about addresses of
                    concern with the police and RISE, and should check with
                    partners before placing a vulnerable young person in
                    temporary accommodation.
                """),
                page("""
                    ## Homeless young people

                    Homeless 16 and 17 year olds who approach the council
                    should be assessed jointly with children's social care,
                    and should not be placed in bed and breakfast or other
                    unsupported accommodation. Young people without a safe
                    place to stay are at high risk of being offered
                    accommodation in exchange for sex.

                    ## Tenancy enforcement

                    Where a property is being used to exploit children,
                    housing providers can use tenancy enforcement and civil
                    powers, working with the police, to close premises or
                    remove perpetrators. Where the tenant is themselves a
                    victim, the response should focus on support and safety,
                    including a management move if necessary.

                    ## Registered providers

                    Housing associations and other registered providers
                    should have safeguarding policies that include CSE, train
                    their staff and contractors, and take part in local
                    information sharing arrangements.
                """),
            ),
        ),
        Section(
            id="community-safety",
            title="Community safety",
            start=103,
            pages=(
                page("""
                    Community safety teams work with the police, residents
                    and businesses to reduce crime and anti-social behaviour
                    in particular places. Many of the places where children
                    are exploited, such as parks, shopping centres, bus
                    stations, car parks, takeaways and empty buildings, are
                    also places where community safety teams are active.

                    Information from community safety partners, such as
                    reports of young people gathering with older adults,
                    complaints from businesses, and CCTV observations, can
                    help to identify locations linked to exploitation. The
                    community safety partnership should include CSE in its
                    strategic assessment and work with RISE to map hotspots.

                    Anti-social behaviour by young people may be a sign that
                    they are being exploited. Before taking enforcement
                    action against a young person, community safety staff
                    should check whether they are known to be at risk, and
                    consider a safeguarding response instead.
                """),
                page("""
                    ## Working with places

                    Contextual safeguarding asks professionals to change the
                    places where children are harmed, as well as supporting
                    the children themselves. Community safety teams can help
                    by improving lighting and CCTV, working with landowners to
                    secure empty buildings, arranging patrols, and engaging
                    local businesses so that staff know how to recognise and
                    report concerns.

                    ## Council staff in the community

                    Street wardens, parking officers, park rangers, leisure
                    centre staff and refuse collectors see neighbourhoods at
                    all hours. They should receive basic CSE awareness
                    training and know how to report concerns about children,
                    vehicles and places.

                    ## Councillors

                    Elected members have a role as community leaders and can
                    help to raise awareness of CSE. They should receive
                    training, know how to pass on concerns raised by
                    residents, and hold council services to account for their
                    safeguarding work.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 7: The Hospitality Industry (printed pages 105-110)
# ---------------------------------------------------------------------------

_CH7 = Chapter(
    number=7,
    title="The Hospitality Industry",
    file="chapter-7-hospitality-industry.pdf",
    first_page=105,
    last_page=110,
    intro=(
        page("""
            Hotels, guest houses, pubs, bars, clubs, takeaways and other
            late-night businesses can be places where children are sexually
            exploited. Perpetrators may book rooms to abuse children, use
            bars and clubs to meet and groom young people, or use takeaways
            and late-night venues as places where young people gather. Staff
            in these businesses are often the only adults who see what is
            happening.

            This chapter is for owners, managers and staff working in the
            hospitality industry, and for the licensing officers who work
            with them. It explains what to look out for and what to do, and
            is written in plain language so that it can be used in staff
            training and briefings. Staff do not need to be certain that a
            child is being exploited to report a concern; passing on what you
            have seen is enough.

            If a child is in immediate danger, call the police straight
            away. For other concerns, tell your manager and report to the
            police using the non-emergency route, or to the MASH. Businesses
            that report concerns in good faith are helping to protect
            children and will be supported.
        """),
    ),
    sections=(
        Section(
            id="hotels",
            title="Hotels and guest houses",
            start=106,
            pages=(
                page("""
                    Hotel and guest house rooms offer privacy, and
                    perpetrators sometimes use them to sexually exploit
                    children, sometimes moving between different hotels to
                    avoid attention. Reception, housekeeping, security,
                    maintenance and room service staff may all see signs that
                    something is wrong.

                    Warning signs include rooms booked by a local adult,
                    particularly for one night or paid in cash; a young
                    person arriving with, or being visited by, one or more
                    older adults; guests who refuse housekeeping or who have
                    a stream of visitors; young people who seem intoxicated,
                    frightened or unsure where they are; and requests for
                    adjoining rooms or rooms away from reception. Housekeeping
                    staff may find large amounts of alcohol, drugs, condoms
                    or children's clothing.

                    None of these signs proves exploitation, but together
                    they should prompt staff to speak to a manager and to
                    report the concern to the police.
                """),
                page("""
                    ## What hotels and guest houses can do

                    Ask for the names of all guests staying in a room and
                    record identification at check-in. Have a clear policy on
                    visitors to rooms, and on the age at which a young person
                    can stay without a parent or guardian. Train all staff,
                    including night staff and agency workers, to recognise
                    and report concerns, and make sure they know who to tell.

                    If staff are worried about a young person, they should
                    not confront the adults involved, but should note
                    descriptions, room numbers, vehicle registrations and
                    times, and report to the police. Retain CCTV and booking
                    records, which may be needed as evidence.

                    ## Working with the police and council

                    The police and the council's licensing team may ask
                    hotels to share information about guests where there is
                    concern about exploitation. Hotels should respond
                    promptly and can agree an information sharing
                    arrangement in advance. Some areas run hotel watch
                    schemes, in which businesses receive alerts and briefings.
                """),
            ),
        ),
        Section(
            id="licensed-premises",
            title="Licensed premises",
            start=108,
            pages=(
                page("""
                    Pubs, bars, nightclubs and off-licences are places where
                    young people may be given alcohol, approached by adults,
                    or taken on to other places to be exploited. Door staff,
                    bar staff and managers are well placed to notice young
                    people who are underage, intoxicated or in the company of
                    much older adults.

                    Warning signs include young people who appear to be under
                    18 and are with older adults who buy their drinks; young
                    people who are very drunk or seem drugged; adults who
                    repeatedly bring different young people to the venue;
                    young people leaving with adults in a way that seems
                    unsafe; and adults buying alcohol at an off-licence that
                    is then passed to children outside.

                    Licence holders have a responsibility to protect children
                    from harm, and this is one of the licensing objectives.
                    Licensing conditions can include staff training, age
                    verification policies, CCTV and incident logs.
                """),
                page("""
                    ## What staff should do

                    Challenge anyone who appears to be under 25 and ask for
                    identification. Refuse to serve alcohol to anyone who is
                    underage or intoxicated, and to adults who appear to be
                    buying for young people. Record refusals and incidents in
                    the incident log. Door staff should be alert to young
                    people leaving with adults and should report concerns.

                    If a young person is vulnerable, for example very drunk,
                    alone, or upset, staff should keep them safe on the
                    premises, contact a parent or carer where possible, and
                    call the police if there is any concern that they are at
                    risk. Do not put a vulnerable young person out onto the
                    street.

                    ## Licensing reviews

                    Where there is evidence that licensed premises are being
                    used in connection with child sexual exploitation, the
                    police or the council can apply for a review of the
                    premises licence, which may lead to conditions,
                    suspension or revocation.
                """),
            ),
        ),
        Section(
            id="takeaways",
            title="Takeaways and late-night venues",
            start=110,
            pages=(
                page("""
                    Takeaways, cafes, shisha lounges, amusement arcades and
                    other late-night venues are often places where young
                    people gather after school and in the evening. Most are
                    safe, but some perpetrators use these venues to meet and
                    groom young people, offering free food, cigarettes,
                    alcohol, phone credit or lifts, and building friendships
                    that later become exploitative. Delivery drivers may also
                    visit addresses where young people are being exploited.

                    Staff and owners should be alert to adults who spend long
                    periods with groups of young people, who give young
                    people free food or money, or who offer them lifts; young
                    people who are in the venue late at night or during
                    school hours; and young people who seem to be waiting to
                    be collected by adults.

                    Owners should make sure staff know how to report concerns
                    to the police, should not allow staff to give young
                    people lifts or personal phone numbers, and should
                    cooperate with the council's licensing and environmental
                    health officers, who may ask about concerns during
                    inspections. Delivery drivers who are worried about a
                    young person at an address should report what they saw.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 8: Information for Parents and Carers (printed pages 111-120)
# ---------------------------------------------------------------------------

_CH8 = Chapter(
    number=8,
    title="Information for Parents and Carers",
    file="chapter-8-parents-and-carers.pdf",
    first_page=111,
    last_page=120,
    intro=(
        page("""
            This chapter is written for parents, carers and other family
            members. Professionals can share it with the families they work
            with. It explains what child sexual exploitation is, how to
            recognise if your child may be at risk, how to talk with your
            child, and where to get help.

            Child sexual exploitation is a form of sexual abuse. It happens
            when someone uses their power over a child or young person to
            make them take part in sexual activity, often in exchange for
            something the child wants or needs, such as attention, gifts,
            alcohol or somewhere to go. It can happen to boys and girls of
            any background, and it can happen online as well as in person.

            If you are worried, you are not alone, and it is not your fault.
            Abusers are skilled at hiding what they are doing from parents,
            and they often try to turn children against their families.
            Many parents of exploited children say they knew something was
            wrong but did not know what. Trust your instincts and ask for
            help early.

            If you think your child is in immediate danger, call the police
            straight away.
        """),
    ),
    sections=(
        Section(
            id="signs-to-look-out-for",
            title="Signs to look out for",
            start=112,
            pages=(
                page("""
                    Every child is different, and many of the signs below can
                    also be part of growing up. What matters is a change in
                    your child, or several signs together. You know your
                    child best, so if something feels wrong, take it
                    seriously.

                    ## Changes in behaviour

                    Your child may start staying out late or overnight, or go
                    missing without telling you where they are. They may be
                    secretive about where they have been and who with, and
                    may become angry when asked. They may seem withdrawn,
                    anxious or low, have mood swings, or start to hurt
                    themselves. They may stop seeing old friends, or stop
                    going to clubs and activities they used to enjoy.

                    ## New friends and relationships

                    Your child may have a boyfriend or girlfriend who is much
                    older, or new friends you have never met. They may be
                    picked up from home or school by people in cars you do
                    not recognise. They may talk about parties at flats or
                    houses, or about older people who look after them.
                """),
                page("""
                    ## Phones and the internet

                    Your child may be very secretive about their phone, have
                    more than one phone, or receive lots of calls and
                    messages from people they will not name. They may be upset
                    or frightened after being online, or spend long periods
                    online late at night. They may have new social media
                    accounts that they hide from you.

                    ## Money and gifts

                    Your child may have new clothes, jewellery, phones or
                    money that they cannot explain, or say they have been
                    given them by a friend. They may talk about owing someone
                    money or a favour.

                    ## Alcohol and drugs

                    Your child may come home drunk or smelling of alcohol or
                    cannabis, or you may find drugs or alcohol in their room.
                    Young people are often given alcohol and drugs by people
                    who want to exploit them, because it makes them easier to
                    control.
                """),
                page("""
                    ## School

                    Your child's school may tell you that they have been
                    missing lessons or days at school, or that their work or
                    behaviour has changed. Keep in touch with the school, and
                    tell them if you are worried, so that you can work
                    together.

                    ## Health

                    Your child may have injuries they cannot explain, may be
                    tired all the time, or may have problems with eating or
                    sleeping. They may have a sexually transmitted infection
                    or be pregnant. They may have been to a sexual health
                    clinic or a pharmacy for emergency contraception.

                    ## What to do if you notice these signs

                    Keep a note of what you notice, with dates and times,
                    including the names of people your child mentions, phone
                    numbers, car registrations and addresses where they go.
                    This information can be very helpful to professionals.
                    Try to stay calm and keep talking with your child, and
                    read the next section for ideas on how to do this. Then
                    speak to someone, using the contacts in the section on
                    where to get help.
                """),
            ),
        ),
        Section(
            id="talking-with-your-child",
            title="Talking with your child",
            start=115,
            pages=(
                page("""
                    Talking with your child about relationships and safety is
                    one of the most important things you can do to protect
                    them. Children who can talk openly with a parent or carer
                    are more likely to tell someone if something is wrong.
                    These conversations are easier if they happen often and
                    start early, so that they feel normal rather than like an
                    interrogation.

                    Choose a relaxed moment, such as when you are in the car,
                    cooking or walking together. A programme on television or
                    a story in the news can be a good starting point. Ask
                    what your child thinks, and listen more than you talk.

                    Talk about what a good relationship looks like: one in
                    which both people feel respected, safe and free to say
                    no. Talk about how people might try to trick or pressure
                    someone, for example with gifts, flattery or alcohol, and
                    how that might feel. Let your child know they can always
                    come to you, whatever has happened.
                """),
                page("""
                    ## If you are worried

                    If you are worried that your child is being exploited, try
                    to talk with them calmly. Tell them what you have noticed
                    and that you are worried because you love them. Avoid
                    blaming them or their friends, and avoid ultimatums,
                    which can push a child towards the people who are
                    harming them.

                    Your child may deny that anything is wrong, or may defend
                    the person they are with. This is common. Abusers often
                    convince children that they are in a loving relationship,
                    or frighten them into silence. Keep the door open and let
                    your child know you will be there for them.

                    ## If your child tells you something

                    Listen, stay as calm as you can, and tell them you believe
                    them and that it is not their fault. Do not confront the
                    person who may be harming your child, as this could put
                    you or your child at risk. Write down what your child
                    said, and get help using the contacts in the next
                    section.
                """),
                page("""
                    ## Keeping your child safe at home

                    Agree clear and reasonable house rules, such as times to
                    be home and letting you know where they are going. Keep
                    the phone numbers of your child's friends and their
                    parents. If your child goes missing, contact them, call
                    their friends, and report them missing to the police if
                    you cannot find them or are worried. Do not wait a set
                    amount of time before reporting.

                    ## Looking after yourself

                    Caring for a child who may be being exploited is
                    exhausting and frightening. Many parents feel guilty,
                    ashamed or alone. Remember that the responsibility lies
                    with the people who are harming your child. Support is
                    available for parents, including from parent support
                    groups and from RISE, the specialist team in this sample
                    toolkit, and you are entitled to ask for it.

                    ## Brothers and sisters

                    Think about how your other children are affected, and
                    whether they may also be at risk. Talk with them too.
                """),
            ),
        ),
        Section(
            id="where-to-get-help",
            title="Where to get help",
            start=118,
            pages=(
                page("""
                    You do not have to cope on your own. If you are worried
                    about your child, there are people who can listen, give
                    advice and help to keep your child safe. Asking for help
                    does not mean you are a bad parent. It means you are
                    doing everything you can to protect your child.

                    ## In an emergency

                    If you think your child is in immediate danger, call the
                    police on the emergency number. Give them as much
                    information as you can, including where your child might
                    be and who they might be with.

                    ## Your child's school

                    Every school has a designated safeguarding lead, a
                    member of staff whose job is to help keep children safe.
                    You can contact them to share your worries, and they can
                    help you to decide what to do next and make a referral if
                    needed.
                """),
                page("""
                    ## Children's social care and the MASH

                    You can contact the local authority's children's services
                    directly if you are worried about your child. Referrals
                    go to the Multi-Agency Safeguarding Hub (MASH), where
                    social workers, police and health professionals work
                    together. They will talk with you about your concerns and
                    decide what help your family needs. Outside office hours,
                    the out-of-hours social work service can help.

                    ## Your GP or school nurse

                    Your GP, health visitor or your child's school nurse can
                    offer advice and support, and can help your child with
                    any health needs, including sexual health and emotional
                    wellbeing. They can also refer your child to other
                    services.

                    ## Early help

                    If you would like support for your family, such as help
                    with your child's behaviour, school attendance or
                    relationships at home, ask about early help. An early
                    help worker can work with your family to make a plan.
                """),
                page("""
                    ## Support for parents

                    Parents of children who are being exploited often find it
                    helpful to talk to other parents who understand. Ask your
                    child's social worker, school or GP about local parent
                    support groups and helplines. Some services offer
                    one-to-one support for parents, including advice on
                    keeping records, talking to your child and dealing with
                    the police and courts.

                    ## Reporting information

                    If you know something about people who may be exploiting
                    children, such as names, cars or addresses, you can pass
                    this to the police even if you do not want to give your
                    name. Every piece of information helps to build a picture.

                    ## A note on this sample

                    This is sample text. In a real toolkit, this section
                    would give the names, opening hours and contact details
                    of local services. Those details have been left out
                    here, and no phone numbers or addresses in this sample
                    are real.
                """),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Chapter 9: Information for Children and Young People (printed pages 121-128)
# ---------------------------------------------------------------------------

_CH9 = Chapter(
    number=9,
    title="Information for Children and Young People",
    file="chapter-9-children-and-young-people.pdf",
    first_page=121,
    last_page=128,
    intro=(
        page("""
            This part of the toolkit is for you, if you are a young person.
            It is about relationships, staying safe and getting help. You
            might be reading it because an adult has given it to you, or
            because you have found it yourself. Either way, we hope it is
            useful.

            Sexual exploitation is when someone tricks, pressures or forces
            a young person under 18 into doing sexual things. Often the
            person gives the young person something in return, like
            attention, presents, money, alcohol, drugs, a place to stay or a
            feeling of being special. Sometimes they make threats. It can
            happen face to face or online, and it can be done by adults or by
            other young people.

            Sexual exploitation is abuse, and it is never the young person's
            fault, whatever has happened. You have the right to be safe and
            to be treated with respect. If anything in these pages makes you
            worried about yourself or a friend, please talk to someone you
            trust. The last section has ideas about who you can talk to.
        """),
    ),
    sections=(
        Section(
            id="healthy-relationships",
            title="Healthy relationships",
            start=122,
            pages=(
                page("""
                    Everyone deserves to feel safe, happy and respected in
                    their relationships, whether with friends, a boyfriend or
                    girlfriend, or someone you have met online. A healthy
                    relationship is one where you can be yourself, where you
                    can say no without being afraid, and where the other
                    person cares about how you feel.

                    In a healthy relationship, the other person respects your
                    decisions, is happy for you to see your friends and
                    family, does not check your phone or tell you what to
                    wear, and never makes you do things you do not want to
                    do. You should feel good about yourself when you are with
                    them, not scared, confused or guilty.

                    Nobody has the right to pressure you into sex or sexual
                    things, including sending pictures. It does not matter if
                    you have done something before, if they have bought you
                    things, or if they say they love you. You can always
                    change your mind.
                """),
                page("""
                    ## Warning signs in a relationship

                    Some relationships start off feeling exciting and special
                    but then change. Watch out if someone who is much older
                    than you wants to be your boyfriend or girlfriend, gives
                    you lots of presents or money, tells you to keep your
                    relationship secret, or tries to stop you seeing your
                    friends and family.

                    Other warning signs are when someone gets angry or
                    jealous a lot, checks where you are all the time, makes
                    you feel you owe them something, gives you alcohol or
                    drugs, or asks you to do sexual things with them or with
                    their friends. These are ways people try to control
                    someone.

                    ## Consent

                    Consent means agreeing to something freely, by choice.
                    You cannot give consent if you are drunk or high, if you
                    are scared, or if someone is pressuring you. The law says
                    that children under 16 cannot consent to sex, and it is
                    always against the law for an adult to have sex with a
                    child under 16.
                """),
                page("""
                    ## Friends

                    Good friends look out for each other. If a friend seems
                    different, has a much older boyfriend or girlfriend, is
                    going missing, or has new things they cannot explain, they
                    might need help. You could tell them you are worried and
                    that you are there for them. You could also tell an adult
                    you trust. Telling someone is not being a grass; it could
                    help keep your friend safe.

                    ## Parties and going out

                    Be careful about parties at houses or flats where there
                    are older people you do not know, especially if you are
                    being offered free alcohol or drugs. Always tell someone
                    where you are going and who with, keep your phone charged,
                    and have a plan for getting home safely. If you feel
                    unsafe, leave and call someone you trust.

                    ## If something has happened

                    If something has happened that made you feel scared,
                    confused or hurt, it is not your fault. You can get help,
                    even if it happened a long time ago.
                """),
            ),
        ),
        Section(
            id="staying-safe-online",
            title="Staying safe online",
            start=125,
            pages=(
                page("""
                    Being online is a big part of life, and most of the time
                    it is fun and useful. But some people use the internet,
                    games and apps to contact young people in order to
                    exploit them. They may pretend to be someone your age, or
                    they may be honest about who they are but use flattery,
                    gifts or game credits to make you feel special.

                    Be careful if someone you have only met online asks you
                    lots of personal questions, wants to move your chat to a
                    private app, asks you to keep your conversations secret,
                    sends you sexual messages or pictures, or asks you for
                    pictures or videos. These are signs that something is not
                    right.

                    Keep your accounts private, think before you share
                    anything about where you live or go to school, and do not
                    meet up with someone you have only met online without
                    telling an adult you trust and taking them with you.
                """),
                page("""
                    ## If someone asks for pictures

                    You never have to send a picture you do not want to send.
                    If someone keeps asking, pressures you or makes you feel
                    bad for saying no, block them and tell someone. If you
                    have already sent a picture and you are worried, it is
                    not too late to get help. Adults who work with young
                    people know that this happens and want to help you, not
                    tell you off.

                    ## If someone threatens you

                    Some people threaten to share pictures unless you send
                    more or give them money. If this happens, do not pay and
                    do not send anything else. Stop replying, but do not
                    delete the messages, because they can be used as
                    evidence. Tell an adult you trust, or report it to the
                    police. Pictures can be removed from the internet, and
                    you are not in trouble.

                    ## Reporting online

                    Most apps and games have a way to report and block
                    people. Use it, and tell an adult as well.
                """),
            ),
        ),
        Section(
            id="who-you-can-talk-to",
            title="Who you can talk to",
            start=127,
            pages=(
                page("""
                    If you are worried about yourself or a friend, talking to
                    someone can really help. You might not be sure whether
                    what is happening is wrong, and that is OK. You can talk
                    to someone just to find out.

                    ## People you know

                    You could talk to a parent or carer, another family
                    member, a teacher, a teaching assistant, a youth worker, a
                    coach, your social worker, foster carer, key worker or
                    personal adviser. Choose someone you trust and feel
                    comfortable with. You do not have to tell them everything
                    at once.

                    ## School nurses and health services

                    School nurses run drop-ins where you can talk privately
                    about health, relationships and anything that is worrying
                    you. Sexual health clinics offer free, confidential
                    advice and testing for young people. Your GP can also
                    help with your health and feelings.
                """),
                page("""
                    ## What happens when you tell someone

                    The adult you tell will listen to you and try to help.
                    If they think you or someone else might be in danger,
                    they may need to share what you have told them with
                    people whose job is to keep young people safe, such as a
                    social worker or the police. They should tell you who
                    they are going to tell and why, and keep you involved in
                    what happens next.

                    ## In an emergency

                    If you are in danger right now, call the police on the
                    emergency number. If you cannot talk, stay on the line.

                    ## Helplines

                    There are free, confidential helplines and websites for
                    young people, where you can talk to someone by phone,
                    chat or email. In a real toolkit this page would list
                    them. This is sample text, so no real helpline names or
                    numbers are given here; ask an adult you trust to help
                    you find the right one.

                    Remember: it is never your fault, and you deserve to be
                    safe.
                """),
            ),
        ),
    ),
)


CHAPTERS: tuple[Chapter, ...] = (_CH1, _CH2, _CH3, _CH4, _CH5, _CH6, _CH7, _CH8, _CH9)
"""All chapters of the sample toolkit, in order."""

AUDIENCES: tuple[Audience, ...] = (
    Audience(
        id="health",
        title="Health Professionals",
        read=(1, 2, 4),
        helpful=(8, 9),
        essential=("recognising-risk", "making-a-referral"),
    ),
    Audience(
        id="social-care",
        title="Social Care (Early Help and Prevention; Safeguarding and Children's Services)",
        read=(1, 2, 5),
        helpful=(8, 9),
        essential=("recognising-risk", "making-a-referral"),
    ),
    # The readers the board points at the full toolkit: education, district councils, the
    # hospitality industry "and more" (police, parents and carers, young people).
    Audience(
        id="education",
        title="Education (Schools, Colleges and Alternative Provision)",
        read=(1, 2, 3),
        helpful=(8, 9),
        essential=("recognising-risk", "making-a-referral"),
    ),
    Audience(
        id="district-councils",
        title="District Councils (Licensing, Housing and Community Safety)",
        read=(1, 2, 6),
        helpful=(7, 8, 9),
        essential=("recognising-risk", "making-a-referral"),
    ),
    Audience(
        id="hospitality",
        title="The Hospitality Industry (Hotels, Licensed Premises and Takeaways)",
        read=(1, 2, 7),
        helpful=(8, 9),
        essential=("recognising-risk", "making-a-referral"),
    ),
    Audience(
        id="police",
        title="Police",
        read=(1, 2, 6, 7),
        helpful=(3, 8, 9),
        essential=("recognising-risk", "making-a-referral", "disrupting-perpetrators"),
    ),
    Audience(
        id="parents-and-carers",
        title="Parents and Carers",
        read=(8,),
        helpful=(1, 9),
    ),
    Audience(
        id="young-people",
        title="Children and Young People",
        read=(9,),
        helpful=(8,),
    ),
)
"""Reader groups and the chapters each should read or may find helpful."""


def _section_title(section_id: str) -> str:
    for chapter in CHAPTERS:
        for section in chapter.sections:
            if section.id == section_id:
                return section.title
    raise KeyError(section_id)


# (role id, audience, owned section id, aliases); a role's title is its
# section's printed heading.
_ROLE_TABLE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # Health: each role owns its Chapter 4 section.
    ("school-nurse", "health", "school-nurses", ("school nurses", "school nursing")),
    ("gynaecology", "health", "gynaecology", ("gynaecologist",)),
    ("midwife", "health", "midwifery", ("midwifery", "midwives")),
    ("health-visitor", "health", "health-visitors", ("health visitors", "family nurse partnership", "FNP")),
    ("sexual-health", "health", "sexual-health", ("sexual health service", "GUM")),
    ("camhs", "health", "camhs", ("child and adolescent mental health services",)),
    (
        "a-and-e",
        "health",
        "accident-and-emergency",
        ("A&E", "accident and emergency", "emergency department", "ED"),
    ),
    ("paramedic", "health", "paramedics", ("paramedics", "ambulance")),
    ("pharmacist", "health", "pharmacies", ("pharmacy", "pharmacies", "chemist")),
    (
        "gp",
        "health",
        "general-practice",
        ("general practice", "general practitioner", "GP practice", "practice staff"),
    ),
    # Social care: each role owns its Chapter 5 section.
    ("child-in-need", "social-care", "child-in-need", ("CiN",)),
    ("looked-after-children", "social-care", "looked-after-children", ("LAC",)),
    ("early-help", "social-care", "early-help", ("EHP", "early help and prevention")),
    ("uasc", "social-care", "uasc", ("unaccompanied asylum seeking children",)),
    ("leaving-care", "social-care", "leaving-care", ("care leavers",)),
    ("foster-carer", "social-care", "foster-care", ("foster care", "foster carers")),
    ("residential-care", "social-care", "residential-care", ("children's homes",)),
)

# (role id, title, audience, owned section ids, aliases): the readers of chapters 3, 6 and 7
# and the board's other readers, whose titles name the reader rather than a section.
_READER_TABLE: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "teacher",
        "Teachers and School Staff",
        "education",
        ("teaching-about-relationships", "attendance", "concerns-in-school", "online-safety-in-schools"),
        ("teacher", "school staff", "teaching staff"),
    ),
    (
        "designated-safeguarding-lead",
        "Designated Safeguarding Leads",
        "education",
        ("designated-safeguarding-leads", "attendance", "concerns-in-school", "online-safety-in-schools"),
        ("DSL", "designated safeguarding lead", "safeguarding lead"),
    ),
    (
        "college-staff",
        "Colleges and Alternative Provision",
        "education",
        ("alternative-provision",),
        ("college staff", "college", "further education", "alternative provision"),
    ),
    (
        "taxi-licensing",
        "Taxi and Private Hire Licensing",
        "district-councils",
        ("taxi-licensing",),
        ("taxi licensing", "taxi licensing officer", "private hire licensing"),
    ),
    (
        "housing-officer",
        "Housing Officers",
        "district-councils",
        ("housing",),
        ("housing officer",),
    ),
    (
        "community-safety",
        "Community Safety",
        "district-councils",
        ("community-safety",),
        ("community safety officer", "community safety team"),
    ),
    (
        "hotel-staff",
        "Hotels and Guest Houses",
        "hospitality",
        ("hotels",),
        ("hotel", "hotel staff", "guest house", "hotel manager"),
    ),
    (
        "licensed-premises",
        "Licensed Premises (Pubs, Bars and Clubs)",
        "hospitality",
        ("licensed-premises",),
        ("pub", "pub staff", "bar staff", "licensed premises", "door staff", "bouncer", "nightclub"),
    ),
    (
        "takeaway-staff",
        "Takeaways and Late-Night Venues",
        "hospitality",
        ("takeaways",),
        ("takeaway", "takeaway staff"),
    ),
    (
        "police",
        "Police",
        "police",
        ("taxi-licensing", "community-safety", "hotels", "licensed-premises", "takeaways"),
        ("police officer", "PCSO"),
    ),
    ("parent", "Parents and Carers", "parents-and-carers", (), ("parent", "carer", "parent or carer")),
    ("young-person", "Young People", "young-people", (), ("young person", "teenager")),
)

ROLES: tuple[Role, ...] = tuple(
    Role(role_id, _section_title(section_id), audience, (section_id,), aliases)
    for role_id, audience, section_id, aliases in _ROLE_TABLE
) + tuple(
    Role(role_id, title, audience, sections, aliases)
    for role_id, title, audience, sections, aliases in _READER_TABLE
)
"""Roles; each profession owns its section(s) and has other names (aliases)."""
