"""text.tokens: the token table that recognition reads instead of spaCy Tokens."""

from __future__ import annotations

from fictional import make_annotated
from sitrep.text import Tokens


def test_tokens_table_matches_spacy_tokens() -> None:
    """Recognition reads token attributes from `Tokens` lists; they must say what the spaCy Tokens say."""
    text = "Shells hit Mirza-Ali and Dar'a (Daraa) on Monday.\n\nIn \"el-Arish\",  Kech's area , 3 died."
    doc = make_annotated(text, {"Mirza-Ali": "GPE", "Kech": "PERSON"}).doc
    tk = Tokens(doc)
    assert tk.n == len(doc) and tk.chars == doc.text
    for t in doc:
        i = t.i
        glued = (
            i > 0
            and not doc[i - 1].whitespace_
            and (doc[i - 1].text in "-'" or t.text in "-'" or (doc[i - 1].is_alpha and t.is_alpha))
        )
        assert (tk.text[i], tk.lower[i], tk.idx[i], tk.end[i], tk.ws[i]) == (
            t.text,
            t.lower_,
            t.idx,
            t.idx + len(t.text),
            bool(t.whitespace_),
        )
        assert (tk.punct[i], tk.space[i], tk.is_lower[i], tk.alpha[i], tk.stop[i]) == (
            t.is_punct,
            t.is_space,
            t.is_lower,
            t.is_alpha,
            t.is_stop,
        )
        assert (tk.ent[i], tk.sent_start[i], tk.propn[i], tk.verb[i], tk.glued[i]) == (
            t.ent_type_,
            bool(t.is_sent_start),
            t.pos_ == "PROPN",
            t.pos_ == "VERB",
            glued,
        )
        assert tk.cap[i] == (t.text[:1].isupper() and any(c.isalpha() for c in t.text) and not t.is_punct)
    assert tk.span_text(2, 5) == doc[2:5].text == "Mirza-Ali"
    assert Tokens(make_annotated("").doc).n == 0
