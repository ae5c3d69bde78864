from sitrep.model import Article
from sitrep.text.annotate import annotate, normalize_text, paragraph_starts


def test_annotate_normalize_keeps_offsets():
    text = "Lashkar-e-Taiba’s Muridke headquarters — struck “at dawn”"
    assert len(normalize_text(text)) == len(text)
    assert normalize_text(text) == 'Lashkar-e-Taiba\'s Muridke headquarters - struck "at dawn"'


def test_annotate_doc_offsets_equal_article_offsets(nlp):
    text = "Militants’ attack\n\nGunmen stormed a hotel in Mogadishu on Friday."
    annotated = annotate(Article.from_text(text), nlp)
    mogadishu = next(e for e in annotated.doc.ents if e.text == "Mogadishu")
    assert text[mogadishu.start_char : mogadishu.end_char] == "Mogadishu"


def test_annotate_headings_do_not_run_into_sentences(nlp):
    text = "Tactical Blows in the North\n\nGunmen attacked a police post on Monday."
    sents = [s.text.strip() for s in annotate(Article.from_text(text), nlp).doc.sents]
    assert sents[0] == "Tactical Blows in the North"
    assert sents[1].startswith("Gunmen attacked")


def test_annotate_paragraph_index():
    text = "One.\n\nTwo.\n\n\nThree."
    starts = paragraph_starts(text)
    assert len(starts) == 3
    assert text[starts[2] :] == "Three."


def test_annotate_a_headline_is_the_first_short_line_of_a_story_with_a_body(nlp):
    text = "Gunmen kill nine on a bus in Oromia\n\nGunmen opened fire on a bus on Saturday, killing nine people."
    annotated = annotate(Article.from_text(text), nlp)
    assert annotated.in_headline(3)
    assert not annotated.in_headline(text.index("opened"))
    # A lede that starts the text is no headline, nor is a short line with nothing after it.
    lede = "Gunmen opened fire on a bus on Saturday, killing nine people.\n\nPolice said the attackers fled."
    assert not annotate(Article.from_text(lede), nlp).in_headline(3)
    assert not annotate(Article.from_text("Gunmen kill nine"), nlp).in_headline(3)
