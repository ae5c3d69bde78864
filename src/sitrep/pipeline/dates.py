"""Stage 5, dates: the day each mention happened, read against the story's own day.

The story's own day ("today" for its weekdays and yesterdays, `story_day`) is the dateline's day when the
story has one ("KABUL, May 5 (Reuters) -": the filing day, whether the article's date is missing or is the
later day an archive collected it), else the publication date, else a date line at the article's head
("Monday, September 23, 2019"). Expressions are read by `sitrep.text.timex` (weekdays, "late on Tuesday",
"overnight", "yesterday", "last week", "earlier this month", "December 30", "on the 5th").

A mention takes the date of its own clause: of the time expressions in its sentence, the one attached to the
verb of its event words wins; one in another report's scope ("a day after the April 22 attack"), after
"since" or "until", or on a reporting verb ("police said on Friday") is not the event's day, though the last
is the day the source spoke, from which its "overnight" and "yesterday" count. A mention whose sentence gives
no day (or only "overnight") takes the day a following sentence gives the same incident ("The attackers
entered the villages late on Wednesday"); one still undated and told in the present perfect ("a bomb has
killed 30") takes the story's own day at time_precision 2. The rest stay undated here, and `merge` gives them
the day before the story's day (`default_date`) at time_precision 2. A past event told beside the news (in a
relative clause, after "since": "the worst attack since a bombing in 2014") neither dates it nor drops it.

A reference to another event with a stated gap ("a day after the twin offensives, India launched ...")
becomes `relative_to`, which `merge` resolves once it knows the other event's day. Mentions dated after the
story's day (plans, calls for protests) or more than a year before it (history, anniversaries) are dropped:
they are not new events. Every date read from the text records how many days before the story's day it lies
(`EventDate.days_before`), for the stages that tell background from news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sitrep.model import PREVIOUS_EVENT, Article, EventDate, Mention, Span
from sitrep.pipeline.actors import resolve_phrase
from sitrep.text.annotate import AnnotatedArticle
from sitrep.text.dateline import find_dateline
from sitrep.text.lexicon import cue_heads, word_number
from sitrep.text.timex import TimeReading, find_time_expressions, month_day, publication_line, read_time

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["dates", "story_day", "default_date", "StoryDay", "HISTORY_DAYS", "DATELINE_DAYS"]

HISTORY_DAYS = 365
# A dateline's day more than this many days before the article's date is not its filing day (a reprint, or
# a misread): the publication date stays the story's day.
DATELINE_DAYS = 31
_UNIT_DAYS = {"hour": 0, "hours": 0, "minute": 0, "minutes": 0, "day": 1, "days": 1, "week": 7, "weeks": 7, "night": 1}


@dataclass(frozen=True)
class StoryDay:
    """The day a story is told from, what gives it ("publication", "dateline", "publication line"), and the
    text that states it (a dateline's day, a date line), which dates no event."""

    day: date
    basis: str
    span: Span | None = None


def story_day(article: Article) -> StoryDay | None:
    """The story's own day: the "today" its weekdays and yesterdays count back from; None when unknown.

    Example:
        >>> story_day(Article("a", "KABUL, May 5 (Reuters) - ...", published=date(2025, 5, 12))).day
        datetime.date(2025, 5, 5)
    """
    published = article.published
    dateline = find_dateline(article.text)
    if dateline is not None and dateline.day is not None:
        filed = month_day(dateline.day.text, published)
        if filed is not None and (published is None or 0 <= (published - filed).days <= DATELINE_DAYS):
            return StoryDay(filed, "dateline", dateline.day)
    if published is not None:
        return StoryDay(published, "publication")
    line = publication_line(article.text)
    if line is not None:
        day, (start, end) = line
        return StoryDay(day, "publication line", Span(start, end, article.text[start:end]))
    return None


def default_date(article: Article) -> EventDate | None:
    """The day given to an event the article does not date: the day before the story's own day, at
    time_precision 2 (wire stories report the previous day's events; measured in BENCHMARKS.md). Its span is
    the text that gives the story's day (a dateline's day, a date line) when the text gives it, so the record
    cites where its date comes from; none when it is the article's publication date."""
    story = story_day(article)
    if story is None:
        return None
    return EventDate(story.day - timedelta(days=1), 2, story.span, "publication", 1, story.basis)


def _gap_days(prep: Token) -> int | None:
    """Days between the events in 'a day after', 'two days before', 'hours after', 'within hours of'."""
    for tok in [*prep.children, *prep.lefts, prep.head] + list(prep.head.children):
        if tok.lower_ in _UNIT_DAYS and tok.i < prep.i:
            words = [t.text for t in tok.lefts if t.dep_ in ("nummod", "det", "quantmod")]
            n = word_number(words) if words else None
            if n is None:
                n = 1 if any(w.lower() in ("a", "one", "the") for w in words) or not words else None
            if n is None:
                return None
            return n * _UNIT_DAYS[tok.lower_]
    return None


# "A few hours earlier, militants attacked ...", "Later that day", "That night": the day of the event told just
# before (a stated gap with its own object, "hours after the blast", is handled by the parse below).
_SAME_DAY_AS_BEFORE = re.compile(
    r"\s*(?:(?:a\s+few|several|some|a\s+couple\s+of|\w+)\s+(?:hours|minutes)|hours|minutes|moments)\s+(?:earlier|later)\b"
    r"|\s*(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)\b"
    r"|\s*(?:on\s+)?the\s+same\s+day\b"
    r"|\s*that\s+(?:night|evening|afternoon|morning)\b",
    re.IGNORECASE,
)


def _relation(mention: Mention, annotated: AnnotatedArticle) -> tuple[int, str] | None:
    """(offset days, anchor actor) when this mention is a dated reference to another event."""
    if _SAME_DAY_AS_BEFORE.match(mention.sentence.text):
        return 0, PREVIOUS_EVENT
    doc = annotated.doc
    scope = [doc[i] for i in mention.scope]
    preps = [
        t
        for t in scope
        if t.lower_ in ("after", "before", "of")
        and t.dep_ == "prep"
        and {x.i for x in t.subtree} >= set(mention.scope) - {t.i for t in t.lefts}
    ]
    if not preps:
        return None
    prep = preps[0]
    gap = _gap_days(prep)
    if gap is None:
        return None
    offset = -gap if prep.lower_ in ("after", "of") else gap
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and (ref := resolve_phrase(child)):
            return offset, ref.name
    return None


_REPORTING = {
    "say",
    "tell",
    "report",
    "announce",
    "confirm",
    "withdraw",
    "retract",
    "claim",
    "state",
    "add",
    "deny",
    "accuse",
    "blame",
    "describe",
    "call",
    "warn",
    "insist",
    "allege",
    "reveal",
    "admit",
}
# A day after these is where something starts, ends or is due, not the day of the event ("since Friday",
# "until Monday", "by Tuesday", "ahead of Sunday's vote").
_NOT_THE_DAY = {"since", "until", "till", "by", "from", "through", "ahead", "between"}
# The subject of a sentence that adds the day of an incident told before: its doers, its weapon, the
# incident itself ("The attackers entered the villages late on Wednesday").
_INCIDENT_WORDS = {
    "attacker",
    "assailant",
    "gunman",
    "gunmen",
    "militant",
    "insurgent",
    "rebel",
    "fighter",
    "bomber",
    "raider",
    "attack",
    "assault",
    "raid",
    "ambush",
    "blast",
    "explosion",
    "bomb",
    "bombing",
    "killing",
    "massacre",
    "clash",
    "fighting",
    "shooting",
    "incident",
}
# "six years after", "two months since": a distance of months or more back to a recalled event (one of weeks,
# "three weeks after the talks", stays undated: at week precision no later stage could tell it from the news).
_RECALL_GAP = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|several|a\s+few|\d+)\s+"
    r"(months?|years?)\s+(?:after|since)\b",
    re.IGNORECASE,
)
# Expressions counted from the story's "now": a quoted source's now is the day it spoke.
_DEICTIC_KINDS = {"deictic", "overnight"}
_MODALS = {"will", "would", "could", "may", "might", "shall", "should", "must", "can"}


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a token sits in (the token itself if it is a verb)."""
    return next((t for t in (tok, *tok.ancestors) if t.pos_ in ("VERB", "AUX")), None)


def _governing_prep(span: SpacySpan) -> Token | None:
    """The preposition a time expression hangs from: "on" in "on Tuesday", "since" in "since Friday" and in
    "since the 2003 invasion"."""
    if span[0].pos_ == "ADP":
        return span[0]
    tok = span.root
    while tok.dep_ in ("pobj", "compound", "nummod", "amod", "poss", "nmod", "appos", "npadvmod") and tok.head != tok:
        if tok.head.dep_ == "prep" or tok.head.pos_ == "ADP":
            return tok.head
        tok = tok.head
    return None


def _under_bound(span: SpacySpan, verb: Token | None, heads: list[Token]) -> bool:
    """The expression hangs from "since", "until" or "by", or sits under one between it and its clause's verb:
    "since Friday", "the worst attack since a bombing in 2014" bound a stretch of time; they do not date the
    attack (though they date the bombing, or "gunmen attacked" in "since 2014, when gunmen attacked": event
    words under the same "since")."""
    bounds = [p for p in (_governing_prep(span),) if p is not None and p.lower_ in _NOT_THE_DAY]
    for tok in span.root.ancestors:
        if verb is not None and tok.i == verb.i:
            break
        # Further up, only a bound that takes an event ("since a bombing in 2014"): "from" and "by" there
        # are places and doers ("travelling from Nekemte to Addis Ababa on Saturday").
        if tok.dep_ == "prep" and tok.lower_ in ("since", "until", "till"):
            bounds.append(tok)
    for bound in bounds:
        inside = {t.i for t in bound.subtree}
        if not (heads and all(h.i in inside for h in heads)):
            return True
    return False


def _told_aside(verb: Token) -> bool:
    """A clause that tells something beside the sentence's news: a relative clause ("the commander, who
    survived a drone attack in 2019"), or one opened by "where" or "when" ("near the base, where militants
    killed 30 recruits in 2019")."""
    return verb.dep_ == "relcl" or any(c.lower_ in ("where", "when") for c in verb.children)


# "the death toll rose to 22 on Monday", "officials raised the toll to 28 on Saturday": the day a figure was
# reached, not the day of the event it counts.
_TOLL_CHANGE_VERBS = {"rise", "climb", "reach", "jump", "increase", "raise", "revise", "mount", "grow", "hit", "soar"}
_TOLL_NOUNS = {"toll", "tally", "count", "number", "figure"}


def _toll_change(verb: Token) -> bool:
    """A clause that tells a toll changing ("with the death toll rising to 22 on Monday")."""
    return verb.lemma_.lower() in _TOLL_CHANGE_VERBS and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _TOLL_NOUNS for c in verb.children
    )


def _in_appositive(span: SpacySpan, verb: Token | None) -> bool:
    """The expression qualifies an appositive noun between it and its clause's verb ("attacked the village,
    scene of a massacre last year, on Sunday"): it dates what the appositive recalls, not the clause."""
    for tok in (span.root, *span.root.ancestors):
        if verb is not None and tok.i == verb.i:
            return False
        if tok.dep_ == "appos":
            return True
    return False


def _recalls_a_noun(span: SpacySpan, heads: list[Token]) -> bool:
    """A possessive time on a noun ("last year's port explosion") while the report's other event words lie
    outside that noun's phrase ("gunfire at a protest against the judge investigating last year's port
    explosion killed seven"): it dates the noun's event, not the report. "A 2019 bombing that killed 23" is
    all one phrase: its year is the report's."""
    if span.root.dep_ != "poss" or span.root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    phrase = {t.i for t in span.root.head.subtree}
    return any(h.i not in phrase for h in heads)


def _event_verbs(heads: list[Token]) -> set[int]:
    """The verbs that tell the event: the clause verbs of its cue words, and the verbs those hang from by
    an adverbial or coordinated clause ("Gunmen attacked the village on Monday, killing five"); never a
    reporting verb above them ("the army said on Wednesday that soldiers were killed")."""
    verbs: set[int] = set()
    for head in heads:
        verb = _clause_verb(head)
        while verb is not None and verb.i not in verbs:
            if verb.lemma_.lower() in _REPORTING and verb != head:
                break
            verbs.add(verb.i)
            if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head == verb:
                break
            verb = _clause_verb(verb.head)
    return verbs


def _present_perfect(verb: Token) -> bool:
    """'has killed', 'has broken out': active, just done, not a running count ("have killed 250 since June",
    "so far")."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    # "is said to have killed": a perfect infinitive under a reporting verb, not the story's news.
    if verb.tag_ != "VBN" or not auxes & {"has", "have"} or auxes & _MODALS or "to" in auxes:
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return not any(c.lower_ in ("since", "far", "already", "repeatedly") for c in verb.subtree)


@dataclass(frozen=True)
class _Candidate:
    """A time expression that may date a mention: how it reads, where it is, how well it fits the event."""

    reading: TimeReading
    span: SpacySpan
    rank: tuple[int, int, int, int]


class _Dater:
    """Dates the mentions of one article; holds what every mention's dating reads (the story's day, the
    scopes of all mentions)."""

    def __init__(self, annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> None:
        self.annotated = annotated
        self.doc = annotated.doc
        self.text = annotated.article.text
        self.story = story_day(annotated.article)
        self.today = self.story.day if self.story else None
        line = publication_line(self.text)
        # Text that states the story's own day (a dateline's day, a date line): never an event's day.
        self.not_events = [self.story.span] if self.story and self.story.span else []
        if line is not None:
            self.not_events.append(Span(line[1][0], line[1][1], ""))
        self.claimed: set[int] = {i for m in mentions for i in m.scope}

    def date(self, reading: TimeReading, span: SpacySpan, basis: str, spoke: date | None = None) -> EventDate:
        """An EventDate for a reading, with its distance from the story's day (or the source's, `spoke`)."""
        where = Span(span.start_char, span.end_char, self.text[span.start_char : span.end_char])
        counted_from = "statement" if spoke is not None else self.story.basis if self.story else None
        days_before = (self.today - reading.day).days if self.today else None
        return EventDate(reading.day, reading.precision, where, basis, days_before, counted_from)

    def expressions(self, start: int, end: int) -> list[SpacySpan]:
        return [
            s
            for s in find_time_expressions(self.doc, start, end)
            if not any(n.start < s.end_char and s.start_char < n.end for n in self.not_events)
        ]

    def own_date(self, mention: Mention) -> EventDate | bool | None:
        """The date in the mention's own sentence; False when it puts the mention outside the news (drop it).

        Of the sentence's time expressions, those in the mention's scope or in no other report's scope count;
        the one on the verb of the event words wins, then one in scope, then the nearest. A date that belongs
        to a reporting verb ("on Thursday withdrew its statement that ... girls abducted") is not the event's.
        """
        doc = self.doc
        scope = set(mention.scope)
        heads = [t for _, t in cue_heads(doc, mention.cues)]
        event_verbs = _event_verbs(heads)
        positions = [t.i for t in heads] or [mention.scope[0]]
        sentence = doc[mention.scope[0]].sent
        candidates: list[_Candidate] = []
        spoke: date | None = None
        aside_history = False
        # A year on the verb of the event's own words, in a clause told aside: when nothing else dates those
        # words, the event is that year's ("sentenced on Tuesday for helping a bomber who killed 22 in 2015").
        recalled_event = False
        for span in self.expressions(sentence.start, sentence.end):
            in_scope = any(t.i in scope for t in span)
            if not in_scope and any(t.i in self.claimed for t in span):
                continue  # another report's day: "a day after the April 22 attack"
            reading = read_time(span.text, self.today)
            nxt = doc[span.end] if span.end < len(doc) else None
            if (
                nxt is not None
                and nxt.lower_ in ("after", "before", "later", "earlier")
                and (reading is None or reading.kind != "date")
            ):
                continue  # "a day after X": a gap, not a date
            if reading is None:
                continue
            verb = _clause_verb(span.root)
            if _under_bound(span, verb, heads):
                continue  # "since Friday", "the worst attack since a bombing in 2014": a bound, not the day
            history = self.today is not None and (self.today - reading.day).days > HISTORY_DAYS
            if verb is not None and _toll_change(verb) and not history:
                continue  # the day the toll was reached, not the event's
            if verb is not None and verb.i not in event_verbs and verb.lemma_.lower() in _REPORTING:
                if reading.kind in ("weekday", "date", "deictic"):
                    spoke = reading.day
                if in_scope and history:
                    return False  # "a truck bomb it was blamed for in 2017", "accused of a 2016 attack"
                continue
            appositive = _in_appositive(span, verb)
            if verb is not None and (verb.i not in event_verbs or history) and (_told_aside(verb) or appositive):
                # "police suspected the TTP, which ended its ceasefire last month": the group's past; "killed
                # nine soldiers on Tuesday near the base, where militants killed 30 recruits in 2019": a past
                # event told beside the news.
                aside_history = aside_history or (in_scope and history)
                recalled_event = recalled_event or (in_scope and history and verb.i in event_verbs)
                continue
            if history and in_scope and _recalls_a_noun(span, heads):
                # "the judge investigating last year's port explosion": the year of a noun's event, told beside
                # the news; it neither dates nor drops the report.
                continue
            if history and in_scope:
                return False  # "In 2019 he survived a drone attack", "sentenced for a 2019 bombing": history
            if history:
                continue  # outside the report's words, a year long past is another event's ("on the anniversary of
                # the 2004 crackdown")
            if not in_scope and (verb is None or verb.i not in event_verbs):
                continue  # outside the mention's words, only a day on its own verb ("before dawn on Saturday")
            future = reading.future or (self.today is not None and reading.day > self.today + timedelta(days=1))
            if future:
                if in_scope:
                    return False
                continue
            rank = (
                0 if verb is not None and verb.i in event_verbs and not appositive else 1,
                0 if in_scope else 1,
                # The most precise first: beside "on Sunday", "last year" and "this month" recall or compare
                # ("scene of a massacre last year", "the second blast this month").
                reading.precision,
                min(abs(span.start - p) for p in positions),
            )
            candidates.append(_Candidate(reading, span, rank))
        if not candidates:
            return False if aside_history else None
        best = min(candidates, key=lambda c: c.rank)
        if recalled_event and best.rank[0]:
            return False
        if spoke is not None and best.reading.kind in _DEICTIC_KINDS:
            reread = read_time(best.span.text, spoke)
            if reread is not None:
                return self.date(reread, best.span, "explicit", spoke)
        return self.date(best.reading, best.span, "explicit")

    def elaboration(self, mention: Mention, own: EventDate | None) -> EventDate | None:
        """The day a following sentence gives the same incident, when the mention's own words give none or
        only "overnight": "... killed 22 villagers in an overnight attack. The attackers entered the villages
        late on Wednesday ..." (same or next paragraph; a sentence that reports an event of its own is that
        event's, not an elaboration)."""
        if own is not None and own.span is not None and "overnight" not in own.span.text.lower():
            return None
        doc = self.doc
        last = doc[mention.scope[-1]].sent
        for sentence in doc.sents:
            if sentence.start <= last.start:
                continue
            if self.annotated.paragraph_of(sentence.start_char) > mention.paragraph + 1:
                break
            if any(t.i in self.claimed for t in sentence):
                continue
            clause = sentence.root
            if clause.lemma_.lower() in _REPORTING:  # "The attackers entered ..., the administrator said"
                clause = next((c for c in clause.children if c.dep_ == "ccomp"), clause)
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.lemma_.lower() not in _INCIDENT_WORDS:
                continue
            if not any(c.lower_ in ("the", "these", "those") for c in subject.children):
                continue
            if any(c.lower_ in _MODALS for c in clause.children):
                continue
            for span in self.expressions(sentence.start, sentence.end):
                verb = _clause_verb(span.root)
                if verb is None or not (verb == clause or (verb.dep_ == "conj" and verb.head == clause)):
                    continue
                if _under_bound(span, verb, []):
                    continue
                reading = read_time(span.text, self.today)
                # Only a day: "late on Wednesday", never "on the anniversary of the 2004 crackdown".
                if reading is None or reading.future or reading.kind == "overnight" or reading.precision > 1:
                    continue
                if own is not None and not 0 <= (own.day - reading.day).days <= 3:
                    continue
                return self.date(reading, span, "explicit")
        return None

    def recalled(self, mention: Mention, news: EventDate | None) -> EventDate | bool | None:
        """The day of an event the sentence recalls across a stated distance of months or more ("six years
        after the bombing", "two months after a raid that killed 12"): that far before the day of the news it
        is told beside (`news`, else the story's day), at month precision. False when that is history (a year
        or more back)."""
        if self.today is None:
            return None
        heads = [t for _, t in cue_heads(self.doc, mention.cues)]
        if not heads:
            return None
        sentence = heads[0].sent
        cue_char = min(t.idx for t in heads)
        before = self.text[sentence.start_char : cue_char]
        gaps = list(_RECALL_GAP.finditer(before))
        gap = gaps[-1] if gaps else None
        between = before[gap.end() :] if gap is not None else ""
        # The gap opens the cue's clause ("two years after gunmen killed"), or a clause it goes on
        # ("fourteen years since gunmen stormed a school in X and killed 140 pupils").
        if gap is None or (len(between.split()) > 6 and (len(between.split()) > 14 or re.search(r"[,;:]", between))):
            return None
        words = gap.group(1).lower().split()
        n = 1 if words[-1] in ("a", "an", "one") else 3 if words[-1] in ("several", "few") else word_number(words)
        if n is None:
            return None
        unit = gap.group(2).lower()
        anchor = news.day if news is not None else self.today
        if unit.startswith("year"):
            day = anchor.replace(year=anchor.year - n, day=min(anchor.day, 28))
        else:
            day = anchor - timedelta(days=n * 30)
        if unit.startswith("year") or (self.today - day).days > HISTORY_DAYS:
            return False  # "a year after the massacre": an anniversary's event is history
        start = sentence.start_char + gap.start()
        where = Span(start, start + len(gap.group()), self.text[start : start + len(gap.group())])
        days_before = (self.today - day).days
        return EventDate(day, 3, where, "relative", days_before, self.story.basis if self.story else None)

    def tense_date(self, mention: Mention) -> EventDate | None:
        """For an undated report told in the present perfect ("a bomb has killed 30"): the story's day."""
        if self.story is None:
            return None
        heads = [t for _, t in cue_heads(self.doc, mention.cues)]
        # The cue word is the verb ("has broken out") or its subject ("car bombs have killed at least 58"); a
        # cue that is some other verb's object ("has intensified its shelling") is a campaign, not a report.
        verbs = [t if t.pos_ == "VERB" else t.head for t in heads if t.pos_ == "VERB" or t.dep_ == "nsubj"]
        if not any(_present_perfect(v) for v in verbs):
            return None
        return EventDate(self.story.day, 2, self.story.span, "tense", 0, self.story.basis)


def dates(annotated: AnnotatedArticle, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Date every mention from its own words and its context; drop mentions dated in the future or in history."""
    dater = _Dater(annotated, mentions)
    kept: list[tuple[Mention, EventDate | None]] = []
    for m in mentions:
        own = dater.own_date(m)
        if own is False:
            continue
        own = own or None
        if not m.reference:
            own = dater.elaboration(m, own) or own
        kept.append((replace(m, relative_to=_relation(m, annotated)), own))
    out = []
    for m, own in kept:
        if m.reference:
            # "a year after the massacre": the referenced event lies that far before the sentence's own day.
            sentence = dater.doc[m.scope[0]].sent.start
            news = next(
                (d for n, d in kept if not n.reference and d and dater.doc[n.scope[0]].sent.start == sentence), None
            )
            recalled = dater.recalled(m, news)
            if recalled is False:
                continue
            own = recalled or own
        else:
            # "reopened their offices on Thursday, two years after gunmen killed 39 aid workers there", "Monday
            # marked fourteen years since gunmen stormed a school": the killing is told across a distance back
            # from the day of the sentence, as an anniversary tells it; that day is not the killing's.
            recalled = dater.recalled(m, own)
            if recalled is False:
                continue
            own = recalled or own
            if own is None and m.relative_to is None:
                own = dater.tense_date(m)
        out.append(replace(m, date=own))
    return tuple(out)
