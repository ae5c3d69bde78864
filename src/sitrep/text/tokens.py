"""A spaCy Doc's token attributes as plain sequences (`Tokens`), read once per Doc, and its text
(`doc_text`), built once per Doc.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["doc_text", "Tokens", "GLUE"]


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc (spaCy joins every token for each `doc.text`)."""
    cached = doc.user_data.get("sitrep.text")
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if not isinstance(cached, str) or len(cached) != size:
        cached = doc.user_data["sitrep.text"] = doc.text
    return cached


class Tokens:
    """A Doc's token attributes as plain sequences, read once per Doc.

    Recognition looks at each token dozens of times (runs, windows around names, two passes), and each
    `doc[i]` builds a new spaCy Token; an index into a list costs a fraction of that. Attributes of the word
    itself (text, lower case, flags) are read once per vocabulary entry and shared between Docs.
    """

    __slots__ = (
        "doc", "chars", "n", "text", "lower", "cap", "punct", "space", "is_lower", "alpha", "stop", "idx", "end",
        "ws", "ent", "sent_start", "propn", "verb", "glued",
    )  # fmt: skip
    doc: Doc
    chars: str  # the Doc's text
    n: int
    text: Sequence[str]
    lower: Sequence[str]
    cap: Sequence[bool]  # capitalised, with a letter, no punctuation mark
    punct: Sequence[bool]
    space: Sequence[bool]
    is_lower: Sequence[bool]
    alpha: Sequence[bool]
    stop: Sequence[bool]
    idx: Sequence[int]
    end: Sequence[int]  # idx + len(text)
    ws: Sequence[bool]  # whitespace after the token
    ent: Sequence[str]  # entity label, "" outside entities
    sent_start: Sequence[bool]
    propn: Sequence[bool]
    verb: Sequence[bool]
    glued: Sequence[bool]  # part of a compound with the token before it ("Mirza-Ali", "Ra-ngae", "Dar'a")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import ENT_TYPE, IDX, ORTH, POS, SENT_START, SPACY
        from spacy.symbols import PROPN, VERB

        self.doc = doc
        self.chars = doc_text(doc)
        self.n = len(doc)
        cols = doc.to_array([ORTH, IDX, SPACY, ENT_TYPE, SENT_START, POS]).reshape(-1, 6)
        orths = cols[:, 0].tolist()
        lexemes = _lexeme_cache(doc.vocab)
        lex = [lexemes.get(o) for o in orths]
        for k, o in enumerate(orths):
            if lex[k] is None:
                lex[k] = lexemes[o] = _lexeme_attrs(doc.vocab[o])
        text, lower, cap, punct, space, is_lower, alpha, stop, glue = zip(*lex, strict=True) if lex else [()] * 9
        self.text, self.lower, self.cap, self.punct, self.space = text, lower, cap, punct, space
        self.is_lower, self.alpha, self.stop = is_lower, alpha, stop
        self.idx = cols[:, 1].tolist()
        self.end = [i + len(t) for i, t in zip(self.idx, text, strict=True)]
        self.ws = ws = (cols[:, 2] != 0).tolist()
        ent_ids = cols[:, 3].tolist()
        labels = {e: doc.vocab.strings[e] if e else "" for e in set(ent_ids)}
        self.ent = [labels[e] for e in ent_ids]
        self.sent_start = (cols[:, 4] == 1).tolist()  # Token.is_sent_start: 1 yes, -1 no, 0 unknown
        self.propn = (cols[:, 5] == PROPN).tolist()
        self.verb = (cols[:, 5] == VERB).tolist()
        self.glued = [False] * min(1, self.n) + [
            not w and (g0 or g1 or (a0 and a1))
            for w, g0, g1, a0, a1 in zip(ws, glue, glue[1:], alpha, alpha[1:], strict=False)
        ]

    def span_text(self, s: int, e: int) -> str:
        """The text of tokens s..e-1 (Span.text)."""
        return self.chars[self.idx[s] : self.end[e - 1]]


_Lexeme = tuple[str, str, bool, bool, bool, bool, bool, bool, bool]


_LEXEMES: list[tuple[Any, dict[int, _Lexeme]]] = []  # (vocab, orth -> attributes): the last vocabulary seen


def _lexeme_cache(vocab: Any) -> dict[int, _Lexeme]:
    """The lexical attributes read so far for this vocabulary (a process has one; another one starts afresh)."""
    if not _LEXEMES or _LEXEMES[0][0] is not vocab or len(_LEXEMES[0][1]) > 500_000:
        _LEXEMES[:] = [(vocab, {})]
    return _LEXEMES[0][1]


def _lexeme_attrs(lex: Any) -> _Lexeme:
    """text, lower, capitalised, punct, space, is_lower, alpha, stop, glue character."""
    t = lex.text
    cap = bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t) and not lex.is_punct
    return t, lex.lower_, cap, lex.is_punct, lex.is_space, lex.is_lower, lex.is_alpha, lex.is_stop, t in GLUE


GLUE = {"-", "'", "\u2019", "\u2010", "\u2011"}
