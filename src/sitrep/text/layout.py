"""How an article's text is laid out beyond sentences: the stories of a page that holds several, and the
words inside quotation marks.

**Sections.** A news-brief page, a live blog or a digest tells several unrelated stories one after another,
each under a headline line ("Gunmen kill 8 at restaurant", then its paragraphs, then "Floods close the
port", ...). Places, actors and days must not flow from one story into the next: the town of the story
before is not where an event of the next one happened. A heading is a paragraph of one short line that does
not end like a sentence; a page is split into sections only where it has at least two such headings that
each lead into body text, so a wire story with one standfirst or subhead stays one section.

**Quotations.** What people are quoted as saying ("they must not send fighter jets", "the fighting will go
on") is speech, not the reporter's account of an event: a cue inside quotation marks may add to an event
the story tells, never start one. Quotes are paired within a paragraph; an opening mark left unclosed at a
paragraph's end (the convention for a quote that goes on into the next paragraph) runs to that end.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

__all__ = ["section_starts", "quote_spans", "in_spans", "is_heading"]

_SENTENCE_END = re.compile(r"[.!?:;,\"')\]\u201d\u2019]\s*$")
_MAX_HEADING_WORDS = 16
# Words that, alone on a line, are page furniture rather than a story's headline.
_FURNITURE = re.compile(r"^(intro|script|outro|related news|sources|see also|updates?)$", re.I)


def is_heading(line: str) -> bool:
    """A short line that reads like a headline: starts with a letter or digit in upper case, does not end
    like a sentence, one line only."""
    text = line.strip()
    if not text or "\n" in text or not (text[0].isupper() or text[0].isdigit()):
        return False
    words = text.split()
    return 1 <= len(words) <= _MAX_HEADING_WORDS and _SENTENCE_END.search(text) is None


def section_starts(text: str, paragraph_starts: Sequence[int]) -> tuple[int, ...]:
    """Character offsets where the page's stories begin (0 first); (0,) for a page of one story.

    Args:
        text: the article text.
        paragraph_starts: offsets where its paragraphs begin (`sitrep.text.paragraph_starts`).
    """
    bounds = [*paragraph_starts, len(text)]
    paragraphs = [text[a:b].strip() for a, b in pairwise(bounds)]
    heads: list[int] = []
    for i, para in enumerate(paragraphs):
        if not is_heading(para) or _FURNITURE.match(para):
            continue
        if i > 0 and is_heading(paragraphs[i - 1]) and not _FURNITURE.match(paragraphs[i - 1]):
            continue  # a caption or kicker under a headline belongs to that headline's story
        # a headline leads into body text: the next paragraph that is not itself a short line
        body = next((p for p in paragraphs[i + 1 :] if not is_heading(p)), None)
        if body is not None and len(body.split()) > _MAX_HEADING_WORDS:
            heads.append(paragraph_starts[i])
    if len(heads) < 2:
        return (0,)
    return tuple(sorted({0, *heads}))


_QUOTE = re.compile(r"[\"\u201c\u201d]")


def quote_spans(text: str, paragraph_starts: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """[start, end) ranges of text inside double quotation marks, paired within each paragraph."""
    bounds = [*paragraph_starts, len(text)]
    spans: list[tuple[int, int]] = []
    for a, b in pairwise(bounds):
        marks = [m.start() for m in _QUOTE.finditer(text, a, b)]
        for k in range(0, len(marks), 2):
            start = marks[k] + 1
            end = marks[k + 1] if k + 1 < len(marks) else b
            if end > start:
                spans.append((start, end))
    return tuple(spans)


def in_spans(char: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether offset `char` lies inside one of the sorted, disjoint `spans`."""
    i = bisect_right(spans, (char, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= char < spans[i][1]
