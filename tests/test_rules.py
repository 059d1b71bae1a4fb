"""Per-entry lexicon rules, the ignore list, the audit and negation, on small hand-made texts."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import LexiconError
from analysis.ingest import documents_from_texts
from analysis.lexicon import ACTORS, IGNORE, TERMS, load_ignore, load_lexicon
from analysis.measures import apply_negation
from analysis.pipeline import FramingCounter

RULES = "clitics,suffixes,inner_article,context,context_scope,exclude"
ACTORS_CSV = f"""actor,alias,type,{RULES}
Sirte,سرت,place,conjunctions,,,ليبيا|الليبي*|حفتر,,
Qatar,قطر,state,no_article,,,,,
Morocco,المغرب,state,,,,,,صلاة المغرب|أذان المغرب
United States,أمريكا,state,,,,,,أمريكا اللاتينية
Sudan,السودان,state,,,,,,جنوب السودان
GNA,الوفاق,government,,,,ليبيا|طرابلس|السراج,paragraph,
Shoukry,شكري,person,,,,,,أقدم شكري
France,باريس,state,,,,,,
UNSC,مجلس الأمن,organization,,,,,,
Haftar,حفتر,person,,,,,,
"""
TERMS_CSV = f"""term,category,{RULES}
عدوان,violence,,,,,,
اقتحام,violence,,,,,,
متطرف,delegitimizing,,accusative|masculine_plural,,,,
عصابة,delegitimizing,,,,,,
المدعو,distancing,,none,,,,
جرائم حرب,violence,,,,,,
أمير الحرب,delegitimizing,,,no,,,
شرعيت*,legitimizing,,,,,,
الحكومة الشرعية,legitimizing,,,,,,
انقلاب,delegitimizing,,,,,,انقلاب سيارة|انقلاب الشاحنة
"""
IGNORE_CSV = """phrase,applies_to,note
باريس سان جيرمان,actor,football club
مجلس الأمن القومي,,national security councils
"""


@pytest.fixture
def counter(write_csv):
    actors = load_lexicon(write_csv("actors.csv", ACTORS_CSV), ACTORS)
    terms = load_lexicon(write_csv("terms.csv", TERMS_CSV), TERMS)
    return FramingCounter(actors, terms, ignore=load_ignore(write_csv("ignore.csv", IGNORE_CSV)))


def found(counter, text, kind=None):
    hits = counter.count(documents_from_texts([text])).hits
    if kind:
        hits = hits[hits.kind == kind]
    return list(hits.surface)


# -- clitics ------------------------------------------------------------------------------


def test_clitics_conjunctions_only(counter):
    text = "سيطر الجيش الليبي على سرت ثم وسرت ولكن كسرت القوات الحصار فسرت الأمر لحفتر"
    assert found(counter, text, "actor") == ["سرت", "وسرت", "فسرت", "لحفتر"]


def test_clitics_no_article(counter):
    assert found(counter, "زار قطر ولقطر وبقطر ثم القطر وللقطر", "actor") == ["قطر", "ولقطر", "وبقطر"]


def test_clitics_none_and_bad_value(write_csv):
    actors = load_lexicon(write_csv("a.csv", f"actor,alias,{RULES}\nSirte,سرت,none,,,,,\n"), ACTORS)
    assert found(FramingCounter(actors, ignore=None), "سرت وسرت", "actor") == ["سرت"]
    with pytest.raises(LexiconError) as caught:
        load_lexicon(write_csv("b.csv", f"actor,alias,{RULES}\nSirte,سرت,some,,,,,\n"), ACTORS)
    assert "b.csv, row 2: clitics 'some' is not one of all, conjunctions, none, no_article" in str(caught.value)


# -- suffixes and the inner article ---------------------------------------------------------


def test_term_suffixes_by_default(counter):
    text = "شنوا عدوانا وعدواناً، وتكررت اقتحامات والاقتحامات واقتحاماتها، وعصابات"
    assert found(counter, text, "term") == ["عدوانا", "وعدواناً", "اقتحامات", "والاقتحامات", "واقتحاماتها", "وعصابات"]


def test_suffix_opt_in_and_opt_out(counter):
    # متطرف asks for the masculine plural; المدعو takes no suffix (المدعوين are guests).
    assert found(counter, "المتطرفون والمتطرفين متطرفا", "term") == ["المتطرفون", "والمتطرفين", "متطرفا"]
    assert found(counter, "المدعو فلان والمدعوين والمدعوات", "term") == ["المدعو"]


def test_actors_take_no_suffix_by_default(counter):
    assert found(counter, "حفترا وحفترين", "actor") == []


def test_bad_suffix_names_file_and_row(write_csv):
    with pytest.raises(LexiconError) as caught:
        load_lexicon(write_csv("t.csv", f"term,category,{RULES}\nعدوان,v,,dual,,,,\n"), TERMS)
    assert "t.csv, row 2: suffixes 'dual': dual not understood" in str(caught.value)


def test_inner_article(counter):
    assert found(counter, "ارتكبوا جرائم الحرب وجرائم حرب", "term") == ["جرائم الحرب", "وجرائم حرب"]
    # inner_article no: أمير الحرب is written with it, and without it is not accepted.
    assert found(counter, "أمير حرب", "term") == []


# -- context --------------------------------------------------------------------------------


def test_context_cue_in_the_sentence(counter):
    assert found(counter, "وصلت القوات إلى سرت.", "actor") == []
    assert found(counter, "وصلت قوات حفتر إلى سرت.", "actor") == ["حفتر", "سرت"]
    assert found(counter, "وصلت القوات الليبية إلى سرت.", "actor") == ["سرت"]  # الليبي* with its ending
    assert found(counter, "في ليبيا قتال. وصلت القوات إلى سرت.", "actor") == []  # another sentence


def test_context_scope_paragraph(counter):
    assert found(counter, "تحدث السراج أمس. وقالت الوفاق إن القتال مستمر.", "actor") == ["الوفاق"]
    assert found(counter, "تحدث السراج أمس.\nوقالت الوفاق إن القتال مستمر.", "actor") == []
    assert found(counter, "ساد الوفاق بين الدول العربية.", "actor") == []


def _window_counter(write_csv, scope):
    csv_text = f"term,category,{RULES}\nخيانة,x,,,,الحوثي*|حرب,{scope},\n"
    return FramingCounter(None, load_lexicon(write_csv("t.csv", csv_text), TERMS), ignore=None)


def test_context_scope_sentence_plus_n_words(write_csv):
    counter = _window_counter(write_csv, "sentence+5")
    # The cue ends the sentence before the hit, two words away: within five words.
    assert found(counter, "قاتل الحوثيين أمس. وهذه خيانة كبرى.", "term") == ["خيانة"]
    # Eight words away across the full stop: outside the window, and not in the sentence.
    assert found(counter, "قاتل الحوثيين أمس في صنعاء وعدن ومأرب وتعز. وهذه خيانة كبرى.", "term") == []
    # The window never crosses a paragraph.
    assert found(counter, "قاتل الحوثيين.\nوهذه خيانة", "term") == []
    # The sentence still counts in full, however far the cue stands in it.
    far = "وهذه خيانة " + "كلمة " * 20 + "في الحرب."
    assert found(counter, far, "term") == ["خيانة"]


def test_context_scope_window_is_named_in_the_audit(write_csv):
    counter = _window_counter(write_csv, "Sentence + 3")
    entry = counter.terms.entries[0]
    assert (entry.rules.context_scope, entry.rules.context_window) == ("sentence+3", 3)
    blocked = counter.blocked("قاتل الحوثيين أمس في صنعاء. وهذه خيانة.")
    assert list(blocked.detail) == ["no cue in the sentence or 3 words around the hit: الحوثي*|حرب"]


@pytest.mark.parametrize("scope", ["sentence+0", "sentence+101", "paragraph+3", "sentence+x"])
def test_context_scope_window_must_be_1_to_100_words(write_csv, scope):
    csv_text = f"term,category,{RULES}\nخيانة,x,,,,حرب,{scope},\n"
    with pytest.raises(LexiconError) as caught:
        load_lexicon(write_csv("t.csv", csv_text), TERMS)
    assert "t.csv, row 2: context_scope" in str(caught.value)
    assert "sentence+N" in str(caught.value)


def test_context_scope_without_context_is_an_error(write_csv):
    with pytest.raises(LexiconError) as caught:
        load_lexicon(write_csv("a.csv", f"actor,alias,{RULES}\nGNA,الوفاق,,,,,paragraph,\n"), ACTORS)
    assert "a.csv, row 2: context_scope is set but context is empty" in str(caught.value)


# -- exclude and the ignore list ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بعد صلاة المغرب زار المغرب", ["المغرب"]),
        ("عند أذان المغرب", []),
        ("زار أمريكا اللاتينية ثم أمريكا", ["أمريكا"]),
        ("لأمريكا اللاتينية", []),
        ("دولة جنوب السودان والسودان", ["والسودان"]),
        ("أقدم شكري للجميع، وقال شكري", ["شكري"]),
    ],
)
def test_exclude_phrases(counter, text, expected):
    assert found(counter, text, "actor") == expected


def test_an_exclusion_does_not_reach_across_a_conjunction(write_csv):
    # الشركة السعودية is the adjective; in الأردن والسعودية the و joins two names.
    csv_text = f"actor,alias,{RULES}\nSaudi Arabia,السعودية,,,,,,الش* السعودية|ال* السعودية\n"
    counter = FramingCounter(load_lexicon(write_csv("a.csv", csv_text), ACTORS), None, ignore=None)
    text = "أعلنت الشركة السعودية وللشركة السعودية. وبين الأردن والسعودية والشركة فالسعودية."
    assert found(counter, text, "actor") == ["والسعودية", "فالسعودية"]
    assert list(counter.blocked("الأردن السعودية").detail) == ["ال* السعودية"]


def test_an_exclusion_does_not_reach_across_a_preposition_unless_it_spells_it(write_csv):
    # «الشركة بالسعودية» is a company in Saudi Arabia, «للسعودية» no adjective: an exclusion in
    # which the entry is not the first word skips a clitic-carrying entry word unless the phrase
    # writes that clitic itself («ولي عهد بروسيا», the crown prince of Prussia, not Russia).
    csv_text = (
        f"actor,alias,{RULES}\nSaudi Arabia,السعودية,,,,,,ال* السعودية|» السعودية\nRussia,روسيا,,,,,,ولي عهد بروسيا\n"
    )
    counter = FramingCounter(load_lexicon(write_csv("a.csv", csv_text), ACTORS), None, ignore=None)
    text = "تعمل الشركة بالسعودية والشركة السعودية، وزار ولي عهد بروسيا ثم ولي عهد روسيا."
    assert found(counter, text, "actor") == ["بالسعودية", "روسيا"]
    assert list(counter.blocked(text).detail) == ["ال* السعودية", "ولي عهد بروسيا"]
    # A closing quotation mark ends a name that السعودية describes; a clitic still makes it the country.
    text = "قالت شركة «زين» السعودية إن «أواكس» للسعودية"
    assert found(counter, text, "actor") == ["للسعودية"]
    assert list(counter.blocked(text).detail) == ["» السعودية"]


def test_a_straight_quote_that_closes_a_name_reads_as_the_closing_curly_mark(write_csv):
    # «شركة "أرامكو" السعودية»: the straight mark is glued to the name before it and followed by a
    # space, so it closes, and the phrase written with ” finds it; after «قال:» it opens a quotation
    # whose first word is the country; a clitic still makes it the country («"أواكس" للسعودية»).
    csv_text = f"actor,alias,{RULES}\nSaudi Arabia,السعودية,,,,,,” السعودية\nRiyadh,الرياض,,,,,,“الرياض”\n"
    counter = FramingCounter(load_lexicon(write_csv("a.csv", csv_text), ACTORS), None, ignore=None)
    text = 'أعلنت شركة "أرامكو" السعودية، وقال الوزير: "السعودية تدعم" وبيع "أواكس" للسعودية.'
    assert found(counter, text, "actor") == ["السعودية", "للسعودية"]
    assert list(counter.blocked(text).detail) == ["” السعودية"]
    # Spaces on both sides say nothing; nor does a mark glued on both sides.
    assert found(counter, 'قال " السعودية تدعم', "actor") == ["السعودية"]
    assert found(counter, 'الاسم"السعودية', "actor") == ["السعودية"]
    # Only the closing reading: a name in straight marks is not the one in curly marks («العاصمة "الرياض"»).
    assert found(counter, 'شوارع العاصمة "الرياض" وصحيفة “الرياض”', "actor") == ["الرياض"]


def test_a_name_written_with_tanwin_is_an_adjective_not_the_actor(write_csv):
    # «هجوماً روسياً» (a Russian attack), «طلبًا تركيًا»: no name takes tanwin, so the written mark shows the
    # nisba; without the mark the word cannot be told apart and counts. A loaded term takes the accusative.
    csv_text = f"actor,alias,{RULES}\nRussia,روسيا,,,,,,\nTurkey,تركيا,,,,,,\nISIS,داعش,,,,,,\n"
    actors = load_lexicon(write_csv("a.csv", csv_text), ACTORS)
    counter = FramingCounter(actors, None, ignore=None)
    text = "قال إن هجوماً روسياً ممكن، ورفضت طلبًا تركيًا، وكم داعشٍ هنا. وزار روسيا وتركيا صاروخا روسيا."
    assert found(counter, text, "actor") == ["روسيا", "وتركيا", "روسيا"]
    blocked = counter.blocked(text)
    assert list(zip(blocked.surface, blocked.rule)) == [("روسياً", "tanwin"), ("تركيًا", "tanwin"), ("داعشٍ", "tanwin")]
    # The matcher of the default tagger's training day has no such rule.
    legacy = FramingCounter(actors, None, ignore=None, exclusion_clitics="conjunctions")
    assert found(legacy, text, "actor") == ["روسياً", "تركيًا", "داعشٍ", "روسيا", "وتركيا", "روسيا"]


def test_tanwin_is_refused_for_actors_only_in_a_matcher_of_both_kinds(write_csv):
    # One Matcher may hold actors and terms (the API allows it; the counter keeps one per lexicon): the accusative
    # of a term (عدواناً) stays a hit there, while the actor's nisba (روسياً) is refused.
    from analysis.match import Matcher
    from analysis.tokenize import tokenize

    actors = load_lexicon(write_csv("a.csv", f"actor,alias,{RULES}\nRussia,روسيا,,,,,,\n"), ACTORS)
    terms = load_lexicon(write_csv("t.csv", "term,category\nعدوان,violence_violation\n"), TERMS)
    matcher = Matcher([*actors.entries, *terms.entries], exclusion_clitics="all")
    tokens = tokenize("شنت روسيا عدواناً وهجوماً روسياً")
    found = [
        (matcher.entries[m.entry].kind, tokens.text[tokens.start[m.first] : tokens.end[m.last - 1]])
        for m in matcher.find(tokens)
    ]
    assert found == [("actor", "روسيا"), ("term", "عدواناً")]


def test_blocking_cues_keep_a_national_team_out(write_csv):
    csv_text = f"actor,alias,{RULES}\nQatar,قطر,no_article,,,!منتخب*|!مباراة,,\nChad,تشاد,,,,!كأس|ليبيا,paragraph,\n"
    counter = FramingCounter(load_lexicon(write_csv("a.csv", csv_text), ACTORS), None, ignore=None)
    text = "فاز منتخبنا على قطر. وزار الوزير قطر. مباراة مع قطر.\n\nتشاد وليبيا.\n\nكأس تشاد وليبيا.\n\nتشاد"
    assert found(counter, text, "actor") == ["قطر", "تشاد"]
    blocked = counter.blocked(text)
    assert list(zip(blocked.surface, blocked.rule)) == [("قطر", "context")] * 2 + [("تشاد", "context")] * 2
    assert blocked.detail.iloc[0] == "a blocking cue in the sentence: !منتخب*|!مباراة"
    assert blocked.detail.iloc[-1] == "no cue in the paragraph: ليبيا"


def test_a_blocking_cue_may_be_the_only_context(write_csv):
    csv_text = f"actor,alias,{RULES}\nQatar,قطر,,,,!كأس,paragraph,\n"
    entry = load_lexicon(write_csv("a.csv", csv_text), ACTORS).entries[0]
    assert [c.written for c in entry.rules.blocking] == ["كأس"]
    assert entry.rules.context == ()
    assert entry.rules.context_scope == "paragraph"


def test_exclude_on_terms(counter):
    assert found(counter, "انقلاب سيارة وانقلاب الشاحنة وانقلاب عسكري", "term") == ["وانقلاب"]


def test_exclude_must_contain_the_entry(write_csv):
    with pytest.raises(LexiconError) as caught:
        load_lexicon(write_csv("a.csv", f"actor,alias,{RULES}\nMorocco,المغرب,,,,,,صلاة العشاء\n"), ACTORS)
    assert "a.csv, row 2: exclude 'صلاة العشاء' does not contain the entry" in str(caught.value)


def test_ignore_list_wins_by_longest_match(counter):
    assert found(counter, "فاز باريس سان جيرمان في باريس", "actor") == ["باريس"]
    assert found(counter, "اجتمع مجلس الأمن القومي ثم مجلس الأمن", "actor") == ["مجلس الأمن"]


def test_ignore_list_applies_to(write_csv):
    ignore = load_ignore(write_csv("i.csv", "phrase,applies_to\nقطر,term\n"))
    assert [e.category for e in ignore.entries] == ["term"]
    with pytest.raises(LexiconError) as caught:
        load_ignore(write_csv("j.csv", "phrase,applies_to\nقطر,people\n"))
    assert "j.csv, row 2: applies_to 'people'" in str(caught.value)
    assert IGNORE.kind == "ignore"


def test_the_bundled_ignore_list_is_the_default():
    assert FramingCounter().settings.ignore is not None
    assert FramingCounter(ignore=None).settings.ignore is None


# -- name heads of the ignore list ------------------------------------------------------------

HEADS_CSV = """phrase,applies_to,head_of,note
معهد,actor,place|state,institutes
مؤتمر,,state,conferences (applies_to empty: actors)
شركة,actor,state,companies
"""
WASHINGTON_CSV = """actor,alias,type
Washington,واشنطن,place
Washington Post,واشنطن بوست,media
Moscow,موسكو,place
France,فرنسا,state
Haftar,حفتر,person
"""


@pytest.fixture
def heads_counter(write_csv):
    actors = load_lexicon(write_csv("actors.csv", WASHINGTON_CSV), ACTORS)
    terms = load_lexicon(write_csv("terms.csv", TERMS_CSV), TERMS)
    return FramingCounter(actors, terms, ignore=load_ignore(write_csv("heads.csv", HEADS_CSV)))


def test_a_name_head_cancels_an_alias_of_its_types_right_after_it(heads_counter):
    # the head may take و ف ب ك ل; the alias after it is part of a name, not the place
    assert found(heads_counter, "قال معهد واشنطن وباحث بمعهد واشنطن", "actor") == []
    assert found(heads_counter, "زار حفتر واشنطن", "actor") == ["حفتر", "واشنطن"]
    # types: مؤتمر is a head of states only, so a place after it counts; حفتر is a person
    assert found(heads_counter, "عقد مؤتمر موسكو ومؤتمر فرنسا", "actor") == ["موسكو"]
    assert found(heads_counter, "معهد حفتر", "actor") == ["حفتر"]


def test_a_name_head_needs_the_alias_as_written_and_a_head_without_the_article(heads_counter):
    # a clitic on the alias: a conference IN Moscow; و joins two words; the article makes the head no construct
    assert found(heads_counter, "معهد بواشنطن ومعهد وواشنطن", "actor") == ["بواشنطن", "وواشنطن"]
    assert found(heads_counter, "طالبت الشركة فرنسا بالتعويض", "actor") == ["فرنسا"]
    # a punctuation mark between head and alias breaks the name
    assert found(heads_counter, "ذكر معهد «واشنطن»", "actor") == ["واشنطن"]


def test_a_longer_entry_still_wins_over_a_name_head(heads_counter):
    # the exclusion is checked on the alias, so longest match keeps the newspaper
    assert found(heads_counter, "ونشرت شركة واشنطن بوست", "actor") == ["واشنطن بوست"]


def test_the_blocked_audit_names_the_name_head_and_its_row(heads_counter):
    blocked = heads_counter.blocked("قال معهد واشنطن")
    assert blocked[["surface", "rule"]].values.tolist() == [["واشنطن", "ignore"]]
    assert blocked.detail.iloc[0] == "معهد واشنطن (ignore list, row 2: a name head)"
    assert found(FramingCounter(heads_counter.settings.actors, heads_counter.settings.terms, ignore=None),
                 "قال معهد واشنطن", "actor") == ["واشنطن"]  # fmt: skip


def test_a_name_head_must_apply_to_actors(write_csv):
    with pytest.raises(LexiconError) as caught:
        load_ignore(write_csv("h.csv", "phrase,applies_to,head_of\nمعهد,term,place\n"))
    assert "h.csv, row 2: head_of names actor types, so the row applies to actors, not 'term'" in str(caught.value)
    assert [e.category for e in load_ignore(write_csv("g.csv", HEADS_CSV)).entries] == ["actor"] * 3


def test_the_bundled_name_heads_on_hand_made_sentences():
    counter = FramingCounter()
    text = "قال باحث في معهد واشنطن إن كأس إيطاليا ومهرجان القاهرة أقيما، بينما زار الوزير واشنطن والقاهرة."
    assert found(counter, text, "actor") == ["واشنطن", "والقاهرة"]
    assert found(counter, "وعقد مؤتمر بموسكو حول ليبيا", "actor") == ["بموسكو", "ليبيا"]


def test_lexicon_check_names_a_name_head_whose_types_no_actor_has(write_csv):
    from analysis.workbench import check_lexicon

    actors = write_csv("actors.csv", WASHINGTON_CSV)
    terms = write_csv("terms.csv", TERMS_CSV)
    ignore = write_csv("i.csv", "phrase,applies_to,head_of\nمعهد,actor,city\nشركة,actor,place\n")
    findings = check_lexicon(actors, terms, ignore, categories="")
    heads = findings[findings.file == "i.csv"]
    assert heads[["lexicon_row", "level"]].values.tolist() == [[2, "warning"]]
    assert "no actor has a type of its head_of cell (city)" in heads.problem.iloc[0]


# -- generated forms listed as rows ---------------------------------------------------------


def test_rows_that_are_generated_forms_are_named(write_csv):
    path = write_csv(
        "a.csv",
        "actor,alias,type\nHaftar,حفتر,person\nHaftar,لحفتر,person\nMartyr,شهيد,person\nMartyr,الشهيد,person\n",
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path, ACTORS)
    messages = [str(p) for p in caught.value.problems]
    assert messages[0].startswith(f"{path}, row 3: 'لحفتر' is a form the matcher generates from row 2")
    assert "row 5: 'الشهيد' is a form the matcher generates from row 4" in messages[1]


def test_generated_plural_and_inner_article_rows_are_named(write_csv):
    path = write_csv("t.csv", "term,category\nعصابة,d\nعصابات,d\nجرائم حرب,v\nجرائم الحرب,v\n")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path, TERMS)
    assert [p.row for p in caught.value.problems] == [3, 5]


def test_a_narrower_rule_makes_a_listed_form_legitimate(write_csv):
    # سرت without clitics does not generate وسرت, so listing وسرت is a choice, not a duplicate.
    path = write_csv("a.csv", f"actor,alias,{RULES}\nSirte,سرت,none,,,,,\nSirte,وسرت,none,,,,,\n")
    assert len(load_lexicon(path, ACTORS).entries) == 2


# -- the audit ------------------------------------------------------------------------------


def test_blocked_candidates_say_which_rule(counter):
    text = "كسرت القوات الحصار. بعد صلاة المغرب وصلوا سرت. فاز باريس سان جيرمان."
    blocked = counter.blocked(text)
    assert list(zip(blocked.surface, blocked.rule, blocked.lexicon_row)) == [
        ("كسرت", "clitics", 2),
        ("المغرب", "exclude", 4),
        ("سرت", "context", 2),
        ("باريس", "ignore", 9),
    ]
    assert blocked.detail[1] == "صلاة المغرب"
    assert "ignore list, row 2" in blocked.detail[3]
    assert all(text[s:e] == surface for s, e, surface in zip(blocked.start, blocked.end, blocked.surface))


def test_a_blocked_candidate_gives_way_to_the_next_best(write_csv):
    actors = load_lexicon(write_csv("a.csv", f"actor,alias,{RULES}\nA,مجلس النواب,,,,ليبيا,,\nB,مجلس,,,,,,\n"), ACTORS)
    counter = FramingCounter(actors, ignore=None)
    hits = counter.count(documents_from_texts(["اجتمع مجلس النواب."])).hits
    assert list(zip(hits.label, hits.surface)) == [("B", "مجلس")]


# -- negation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("فقد شرعيته", True),
        ("فقدت الحكومة شرعيتها", True),
        ("أكد عدم شرعيتها", True),
        ("لا يملك شرعيته", True),
        ("إنه خارج عن شرعيته", True),
        ("أكد شرعيته", False),
        ("فقد أكد الرئيس شرعيته", False),  # فقد = ف + قد, not adjacent
        ("لم يحضر، وأكد شرعيته", False),  # a comma ends the window
        ("لم يحضر أمس وأكد شرعيته", False),  # three words away
    ],
)
def test_negation(counter, text, negated):
    hits = counter.count(documents_from_texts([text])).hits
    assert list(hits.negated) == [negated]


def test_negation_stays_in_the_sentence(counter):
    hits = counter.count(documents_from_texts(["لم. شرعيته"])).hits
    assert list(hits.negated) == [False]


def test_apply_negation(counter):
    hits = counter.count(documents_from_texts(["فقد شرعيته. أكد شرعيتها. وليس حفتر"])).hits
    assert list(zip(hits.kind, hits.negated)) == [("term", True), ("term", False), ("actor", True)]
    kept = apply_negation(hits, "keep")
    pd.testing.assert_frame_equal(kept, hits)
    excluded = apply_negation(hits, "exclude")
    assert list(excluded.surface) == ["شرعيتها", "حفتر"]  # actors are never excluded by default
    assert list(apply_negation(hits, "flip").category) == ["legitimizing", "legitimizing", "person"]  # no such flip
    flipped = apply_negation(hits, "flip", flips={"legitimizing": "delegitimizing"})
    assert list(flipped.category) == ["delegitimizing", "legitimizing", "person"]
    assert list(hits.category[:2]) == ["legitimizing", "legitimizing"]  # the input is not changed
    with pytest.raises(ValueError, match="how"):
        apply_negation(hits, "drop")


# -- offsets still hold with every rule on ---------------------------------------------------

RULE_WORDS = [
    "سرت",
    "كسرت",
    "ليبيا",
    "قطر",
    "القطر",
    "صلاة",
    "المغرب",
    "أمريكا",
    "اللاتينية",
    "جنوب",
    "السودان",
    "باريس",
    "سان",
    "جيرمان",
    "مجلس",
    "الأمن",
    "القومي",
    "الوفاق",
    "عدوانا",
    "جرائم",
    "الحرب",
    "فقد",
    "عدم",
    "لا",
    "شرعيته",
    "انقلاب",
    "سيارة",
    "و",
    "ال",
    " ",
    "\n",
    ".",
    "،",
]


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(RULE_WORDS), max_size=40))
def test_hits_and_blocked_are_exact_with_rules(counter, words):
    text = " ".join(words)
    result = counter.count(documents_from_texts([text]))
    for _kind, group in result.hits.groupby("kind"):
        previous_end = -1
        for start, end, surface in zip(group.start, group.end, group.surface):
            assert text[start:end] == surface and start >= previous_end
            previous_end = end
    blocked = counter.blocked(text)
    assert all(text[s:e] == surface for s, e, surface in zip(blocked.start, blocked.end, blocked.surface))
    # A blocked candidate never also counts as a hit of the same entry at the same place.
    counted = set(zip(result.hits.start, result.hits.lexicon_row, result.hits.kind))
    assert not counted & set(zip(blocked.start, blocked.lexicon_row, blocked.kind))


def test_cues_are_looked_for_around_the_hit_in_its_sentence(write_csv):
    # The cue طرابلس* also accepts the entry's own word, and the two-word cue must end in the sentence.
    csv_text = f"actor,alias,{RULES}\nTripoli,طرابلس,,,,طرابلس*|الغرب الليبي,,\n"
    counter = FramingCounter(load_lexicon(write_csv("a.csv", csv_text), ACTORS), None, ignore=None)
    assert found(counter, "زار طرابلس.", "actor") == []  # its own word is no cue
    assert found(counter, "زار طرابلس في الغرب. الليبي", "actor") == []  # the cue runs past the sentence
    assert found(counter, "زار طرابلس في الغرب الليبي.", "actor") == ["طرابلس"]
    assert found(counter, "طرابلسيون زاروا طرابلس.", "actor") == ["طرابلس"]  # a continuation of طرابلس*
    assert found(counter, "الغرب الليبي. زار طرابلس.", "actor") == []  # the cue is in another sentence


# -- sweep6: cells whose phrases no text holds ------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "column", "message"),
    [
        ("حرب;قتال", "context", "context 'حرب;قتال': 'حرب;قتال' lists 2 phrases separated by ';', which would be "
                                "matched as one phrase, the ';' included, and never found; separate them with '|' "
                                "(حرب|قتال)."),
        ("حرب، قتال", "context", "lists 2 phrases separated by '،'"),
        ("!حرب/معركة", "context", "lists 2 phrases separated by '/'"),
        ("!!حرب", "context", "context '!حرب': '!حرب' holds a '!', which only marks a blocking cue; write one '!' "
                             "before the cue (!منتخب*)."),
        ("خيانة عظمى;خيانة وطن", "exclude", "separated by ';'"),
        ("!خيانة عظمى", "exclude", "holds a '!', which only marks a blocking cue; remove it: an exclusion phrase "
                                  "always cancels (a blocking cue goes in the context cell)."),
    ],
)  # fmt: skip
def test_a_rule_cell_listing_phrases_without_the_bar_or_with_a_stray_bang_is_refused(write_csv, cell, column, message):
    # These compiled to one phrase with the mark inside: a cue that never stands made the row never count,
    # an exclusion or blocking cue that never stands cancelled nothing; neither check nor count said a word.
    row = f"خيانة,x,,,,{cell},," if column == "context" else f"خيانة,x,,,,,,{cell}"
    csv_text = f"term,category,{RULES}\n{row}\n"
    with pytest.raises(LexiconError) as caught:
        load_lexicon(write_csv("t.csv", csv_text), TERMS)
    assert f"t.csv, row 2: {column} " in str(caught.value) and message in str(caught.value)


def test_the_bar_still_separates_cues_and_a_single_bang_blocks(write_csv):
    csv_text = f"term,category,{RULES}\nخيانة,x,,,,حرب|!مباراة|قتال,,خيانة عظمى\n"
    (entry,) = load_lexicon(write_csv("t.csv", csv_text), TERMS).entries
    assert [p.written for p in entry.rules.context] == ["حرب", "قتال"]
    assert [p.written for p in entry.rules.blocking] == ["مباراة"]
    assert [p.written for p in entry.rules.exclude] == ["خيانة عظمى"]


def test_the_default_tagger_keeps_the_exclusion_rule_of_its_training_day():
    # Its dictionary features were computed when only و/ف stopped an exclusion: with that rule,
    # «الشركة بالسعودية» is cancelled as before; the counter's default counts it.
    from analysis.learn.model import default_tagger_counter

    text = "تعمل الشركة بالسعودية منذ عام"
    assert default_tagger_counter().settings.exclusion_clitics == "conjunctions"
    assert list(default_tagger_counter().blocked(text).detail) == ["الش* السعودية"]
    assert found(FramingCounter(), text, "actor") == ["بالسعودية"]
    with pytest.raises(ValueError, match="exclusion_clitics must be one of"):
        FramingCounter(exclusion_clitics="prepositions")
