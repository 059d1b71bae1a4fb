"""Site boilerplate, datelines and the outlet's own name: blanked in place or cut at the end."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import CorpusReader, read_corpus
from analysis.corpus.cleaning import (
    blank_outlet_name,
    byline_pattern,
    outlet_name_pattern,
    strip_bylines,
    strip_dateline,
)


def clean(text, outlet="", **options):
    cleaned, removed = CorpusReader(**options).clean(text, outlet)
    # Offsets stay valid: every kept character stands where it stood.
    assert len(cleaned) <= len(text)
    assert all(a == b or a == " " for a, b in zip(cleaned, text))
    return cleaned, removed


def test_weeam_link_line_end_is_cut_and_an_earlier_one_blanked():
    text = "قال حفتر إن الحرب انتهت. رابط الخبر بصحيفة الوئام: حفتر يعلن نهاية الحرب"
    cleaned, removed = clean(text)
    assert cleaned == "قال حفتر إن الحرب انتهت."
    assert removed == [("رابط الخبر بصحيفة الوئام: حفتر يعلن نهاية الحرب", "boilerplate")]
    text = "سطر. رابط الخبر: عنوان\nنص باق"
    cleaned, _ = clean(text)
    assert cleaned == "سطر." + " " * len(" رابط الخبر: عنوان") + "\nنص باق"


def test_boilerplate_lines_found_in_saudi_news():
    text = "Next Previous\nنص الخبر\n// انتهى //\nللتواصل مع الكاتب ارسل رسالة SMS\n88591 - Stc\nكاتب@alriyadh.net\n...المزيد"
    cleaned, removed = clean(text)
    assert cleaned == " " * 13 + "\nنص الخبر"
    assert [kind for _, kind in removed] == ["boilerplate"] * 6


def test_tag_line_and_related_block():
    text = "نص عن ليبيا\nالكلمات الدلالية: ليبيا، حفتر\nنص آخر\nاقرأ أيضا:\nحفتر يزور القاهرة\nالسراج في أنقرة\n\nتعليق طويل"
    cleaned, removed = clean(text)
    start = text.index("الكلمات")
    assert cleaned[start : start + 30].strip() == "" and "نص آخر" in cleaned
    assert cleaned.index("تعليق طويل") == text.index("تعليق طويل")
    assert "حفتر يزور" not in cleaned and "أنقرة" not in cleaned
    assert [line for line, _ in removed] == [
        "الكلمات الدلالية: ليبيا، حفتر",
        "اقرأ أيضا:",
        "حفتر يزور القاهرة",
        "السراج في أنقرة",
    ]


def test_site_tag_line_at_the_end_is_cut_and_reported():
    # 3alyoum ends most articles with "سمات" and its tags, after the last sentence.
    text = "قال المبعوث إن الحوار مستمر. سمات الأمم المتحدة المخلوع اليمن عدن"
    cleaned, removed = clean(text)
    assert cleaned == "قال المبعوث إن الحوار مستمر."
    assert removed == [("سمات الأمم المتحدة المخلوع اليمن عدن", "boilerplate")]
    # On a line of its own, after a blank line; "سمات" in a sentence or a heading line is text.
    assert clean("نص الخبر!\n\nسمات الهلال سامي الجابر")[0] == "نص الخبر!"
    for text in ("من سمات المرحلة الحالية الحوار.", "سمات القائد\nنص الخبر", "وجدت سمات مشتركة مهمة", "قال: سمات، ثم"):
        assert clean(text) == (text, [])


def test_share_trailer_of_a_page_pasted_by_hand_is_boilerplate():
    # A student copies a page: the share widget (an emoji, the buttons' names) ends the article.
    text = "نص الخبر.\r\nشارك هذا المقال 📤\r\nFacebook Twitter WhatsApp\r\n".replace("\r\n", "\n")
    cleaned, removed = clean(text)
    assert cleaned == "نص الخبر."
    assert removed == [("شارك هذا المقال 📤", "boilerplate"), ("Facebook Twitter WhatsApp", "boilerplate")]
    # In the middle, blanked in place; Arabic button names separated by bars, and the English wording.
    text = "أول.\nمشاركة الخبر:\n📱 واتساب | فيسبوك | تويتر\nShare this article on Facebook\nثان."
    cleaned, removed = clean(text)
    assert cleaned.index("ثان.") == text.index("ثان.") and "واتساب" not in cleaned
    assert [line for line, _ in removed] == [
        "مشاركة الخبر:",
        "📱 واتساب | فيسبوك | تويتر",
        "Share this article on Facebook",
    ]
    # Text, not a widget: the phrase inside a sentence, and one network's name as a heading.
    for text in ("قال إنه شارك هذا المقال مع زملائه.", "نص.\nتويتر\nنص آخر", "مشاركة واسعة في الانتخابات"):
        assert clean(text) == (text, [])


def test_slider_buttons_before_a_byline_are_boilerplate_and_the_byline_a_dateline():
    text = "Next Previous أحمد حجازي – جدة\nكشفت الشركة"
    cleaned, removed = clean(text)
    assert cleaned == " " * len("Next Previous أحمد حجازي – جدة") + "\nكشفت الشركة"
    assert removed == [("Next Previous", "boilerplate"), ("أحمد حجازي – جدة", "dateline")]
    # A photographer's credit belongs to the byline.
    text = "Next Previous صقر خالد – جدة _ تصوير – مهند قحطان – احمد علي\nشهدت الفروع"
    assert clean(text)[1][1] == ("صقر خالد – جدة _ تصوير – مهند قحطان – احمد علي", "dateline")
    # With datelines kept, the buttons still go and the byline stays.
    assert clean(text, datelines=False)[1] == [("Next Previous", "boilerplate")]


def test_datelines():
    assert strip_dateline("الرياض - واس\nقال الوزير") == ("            \nقال الوزير", "الرياض - واس")
    assert strip_dateline("(الرياض) - قال الوزير") == ("           قال الوزير", "(الرياض) -")
    assert strip_dateline("القاهرة - أعلنت مصر") == ("          أعلنت مصر", "القاهرة -")
    assert strip_dateline("رويترز - بنغازي (ليبيا): قال")[1] == "رويترز - بنغازي (ليبيا):"
    assert strip_dateline("خلف الدوسري- سبق- وادي الدواسر: كشفت")[1] == "خلف الدوسري- سبق- وادي الدواسر:"
    assert strip_dateline("Next Previous عين اليوم – الرياض\nنص")[1] == "عين اليوم – الرياض"
    was = "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nتلقى"
    assert strip_dateline(was)[1] == was.split("\n")[0]
    # The same line misspelt, the agency after a full stop (twelfth holdout, A723: Tripoli counted).
    was = "طرابلس 26 شوال 1436ه لموافق 11 اغسطس 2015م .واس\nتبدأ اليوم"
    assert strip_dateline(was) == (" " * 47 + "\nتبدأ اليوم", was.split("\n")[0])
    # A place with its country in brackets on a line of its own (holdout of 2026-12-01, A132).
    assert strip_dateline("عين اليوم – لاريونيون (فرنسا)\nتوجه محققون")[1] == "عين اليوم – لاريونيون (فرنسا)"
    assert strip_dateline("عين اليوم – ديار بكر (تركيا)\nقتل")[1] == "عين اليوم – ديار بكر (تركيا)"
    # Not datelines: a dash in the middle of a sentence, a parenthesis, a text that is one line.
    for text in ("قال البيت الأبيض - في بيان", "تمكنت - بفضل الله - عشر فرق", "قتل -الخميس- شخصان"):
        assert strip_dateline(text) == (text, "")


def test_outlet_name_in_quotes_is_blanked_only_for_its_own_outlet():
    text = 'وقال لـ"الرياض" إن الرياض ترحب'
    assert blank_outlet_name(text, outlet_name_pattern(["الرياض"])) == ("وقال لـ         إن الرياض ترحب", ['"الرياض"'])
    assert clean(text, "alriyadh")[1] == [('"الرياض"', "outlet name")]
    assert clean(text, "okaz")[1] == []


def test_outlet_name_between_guillemets_of_either_direction_is_blanked():
    # Scraped al-Riyadh text writes «قالت مصادر … ل»الرياض» إن» (holdout of 2026-12-01, A058).
    text = "وقالت مصادر طبية ل»الرياض» إن عددا"
    assert blank_outlet_name(text, outlet_name_pattern(["الرياض"]))[1] == ["»الرياض»"]
    assert clean("ل«الرياض« إن", "alriyadh")[1] == [("«الرياض«", "outlet name")]


def test_datelines_can_be_kept():
    text = "سبق- جدة: قال الوزير"
    assert clean(text, "sabq", datelines=False) == (text, [])


def test_reader_reports_datelines_as_notes(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,outlet,text\n1,sabq,"سبق- جدة: قال لـ""سبق"" إن حفتر وصل"\n', encoding="utf-8")
    corpus = read_corpus([path])
    text = corpus.documents.text[0]
    assert text.index("حفتر") == 'سبق- جدة: قال لـ"سبق" إن حفتر وصل'.index("حفتر")
    report = corpus.report[["level", "problem", "action"]].values.tolist()
    assert report == [
        ["note", "dateline removed: 'سبق- جدة:'", "removed"],
        ["note", "outlet name removed: '\"سبق\"'", "removed"],
    ]
    kept = read_corpus([path], datelines=False).documents.text[0]
    assert kept.startswith("سبق- جدة:")


@pytest.mark.parametrize(
    ("text", "dateline"),
    [  # the five openings of CNN Arabic in the ArMPro paragraphs (the agency in Latin letters, then a dash)
        ("دبي، الإمارات العربية المتحدة (CNN)—ظهر العاهل", "دبي، الإمارات العربية المتحدة (CNN)—"),
        ("أتلانتا، الولايات المتحدة الأمريكية (CNN) -- انقض", "أتلانتا، الولايات المتحدة الأمريكية (CNN) --"),
        ("دبي، الإمارات العربية المتحدة (CNN)-- قررت", "دبي، الإمارات العربية المتحدة (CNN)--"),
        ("واشنطن (CNN) -- قال البيت الأبيض", "واشنطن (CNN) --"),
        # not at the start of the text: a sentence of the article, left alone
        ("قال الوزير: دبي، الإمارات العربية المتحدة (CNN)— ثم", ""),
    ],
)
def test_cnn_arabic_datelines(text, dateline):
    blanked, removed = strip_dateline(text)
    assert removed == dateline and len(blanked) == len(text)
    assert blanked[len(dateline) :] == text[len(dateline) :] if dateline else blanked == text


# -- bylines and place lines inside the text ---------------------------------------------------

#: Sabq's interview (holdout of 2026-12-02d, A191): the byline and place line after the introduction.
INTERVIEW = (
    "الشعر الشعبي يعيش أزهى عصوره.\n"
    "حوار/ شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض: يقول الخبير إن الرياض تنمو.\n"
    "وأضاف أن الحكومة تدعم المشروعات."
)


def test_interview_byline_inside_the_text_is_blanked_with_its_offsets():
    cleaned, removed = clean(INTERVIEW, "sabq")
    byline = "حوار/ شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض:"
    start = INTERVIEW.index(byline)
    assert (start, start + len(byline)) == (30, 84)
    assert removed == [(byline, "byline (characters 30-84)")]
    assert cleaned == INTERVIEW[:30] + " " * len(byline) + INTERVIEW[84:]
    # The Riyadh of the sentence stays: only the place line went.
    assert cleaned.count("الرياض") == 1 and cleaned.index("الرياض") == INTERVIEW.rindex("الرياض")


def test_byline_report_row_names_its_offsets(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f'id,outlet,text\n1,sabq,"{INTERVIEW}"\n', encoding="utf-8")
    corpus = read_corpus([path])
    problems = corpus.report["problem"].tolist()
    assert problems == ["byline removed (characters 30-84): 'حوار/ شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض:'"]
    assert read_corpus([path], bylines=False).documents.text[0] == INTERVIEW
    assert read_corpus([path], datelines=False).documents.text[0] == INTERVIEW


@pytest.mark.parametrize(
    ("line", "outlet", "byline"),
    [  # each found in the 20,000 SaudiNewsNet articles, after the first paragraph
        ("خلود غنام- سبق- الرياض: يقضي أطفال عدة حياة", "sabq", "خلود غنام- سبق- الرياض:"),
        (
            "أجرى الحوار/ شقران الرشيدي- سبق- الرياض (تصوير/ عبدالله النحيط): يؤكد الدكتور",
            "sabq",
            "أجرى الحوار/ شقران الرشيدي- سبق- الرياض (تصوير/ عبدالله النحيط):",
        ),
        ("حوار: عبدالعزيز العصيمي، تصوير: عبدالملك سرور- سبق- الرياض: قال", "sabq", None),
        ("ياسر العتيبي، محمد الزهراني سبق- الباحة: تحقق مديرية", "sabq", "ياسر العتيبي، محمد الزهراني سبق- الباحة:"),
        ("باماكو - رويترز: أكدت مصادر عسكرية", "aawsat", "باماكو - رويترز:"),
        ("سيدني - د.ب.أ: استقالت رئيسة البرلمان", "aawsat", "سيدني - د.ب.أ:"),
        ("برلين- «الشرق الأوسط»: كشفت تقارير", "aawsat", "برلين- «الشرق الأوسط»:"),
        ("الرياض: الوطن", "alwatan", None),
        ("واس – الرياض", "3alyoum", None),
        ("(تصوير: علي الشهري)", "okaz", None),
    ],
)
def test_bylines_found_in_saudi_news(line, outlet, byline):
    text = "نص الخبر الأول.\n" + line + "\nنص."
    byline = byline or line.split(": قال")[0] + (":" if ": قال" in line else "")
    cleaned, removed = clean(text, outlet)
    assert [what for what, _ in removed if what != "«الشرق الأوسط»"] == [byline]
    assert cleaned[len("نص الخبر الأول.\n") :].startswith(" " * len(byline))


@pytest.mark.parametrize(
    "text",
    [
        "وقال الوزير في كلمته بالرياض: إن المملكة ماضية.\nالرياض: المدينة التي لا تنام",  # a place and a colon
        "نص.\nوقال أمير الرياض: إن المشروع اكتمل",
        "نص.\nليبيا - رواندا\nالسودان - زامبيا",  # fixtures
        "نص.\nأعود لأوجز ما سبق: نحن بخير",  # سبق, the verb
        "نص.\nوقال رياض الأشقر - الناطق الإعلامي للمركز: إن أوضاع السجون",
        "نص.\nالمملكة المتحدة – شازام: جمع تطبيق التعرف الموسيقي",  # a list item: no credit
        "نص.\nوقال الوزير اليوم: إن",  # the outlet's bare name (اليوم) is not a credit in a sentence
    ],
)
def test_running_text_with_a_place_and_a_colon_is_kept(text):
    assert clean(text, "alyaum") == (text, [])


def test_interview_byline_run_into_the_line_before_is_blanked():
    # Sabq joins an interview's highlights with dashes on the byline's line (snn-44459aeb4880).
    text = "- معظم خريجي الثانوية ليسوا مؤهلين حوار/ شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض: يقول الخبير"
    byline = "حوار/ شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض:"
    start = text.index(byline)
    cleaned, removed = clean(text, "sabq")
    assert removed == [(byline, f"byline (characters {start}-{start + len(byline)})")]
    assert cleaned == text[:start] + " " * len(byline) + text[start + len(byline) :]
    # Inside a line, the credit word, the agency, the place and the colon are all needed.
    for kept in ("نص.\nوكان لنا معه هذا الحوار: قال الوزير", "نص.\nدعا إلى حوار: الرياض ترحب", "نص.\nفي حوار/ مع سبق"):
        assert clean(kept, "sabq") == (kept, [])


def test_bylines_can_be_kept_alone():
    text = "سبق- جدة: قال الوزير\nخلود غنام- سبق- الرياض: يقضي"
    cleaned, removed = clean(text, "sabq", bylines=False)
    assert removed == [("سبق- جدة:", "dateline")] and cleaned.endswith("خلود غنام- سبق- الرياض: يقضي")
    # With the leading dateline blanked, the rest of its line is text: never a byline.
    assert strip_bylines("      قال مصدر - سبق- الرياض: نص", byline_pattern(["سبق"]), skip_first_line=True)[1] == []


def test_dateline_after_a_blanked_slider_line_is_stripped():
    # 11 of the 20,000 articles of 3alyoum: the slider's line is blanked as boilerplate first.
    text = "Next Previous\nعين اليوم – باكستان\nتواصل الفيضانات"
    cleaned, removed = clean(text, "3alyoum")
    assert removed == [("Next Previous", "boilerplate"), ("عين اليوم – باكستان", "dateline")]
    assert cleaned.strip() == "تواصل الفيضانات"


_PIECES = st.sampled_from(
    [
        "خلود غنام- سبق- الرياض: ",
        "حوار/ شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض:",
        "باماكو - رويترز:",
        "(تصوير: علي الشهري)",
        "قال الوزير في الرياض: ",
        "حفتر",
        "\n",
        "\n\n",
        " ",
        "- ",
        "سبق",
        "،",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_bylines_blanked_keep_every_other_offset(text):
    cleaned, removed = CorpusReader().clean(text, "sabq")
    for what, kind in removed:
        if kind.startswith("byline"):
            start, end = map(int, re.fullmatch(r"byline \(characters (\d+)-(\d+)\)", kind).groups())
            assert text[start:end] == what and cleaned[start:end].strip() == ""  # the offsets are the source's
    # Every kept character stands where it stood in the source (the text may be cut only at its end).
    assert len(cleaned) <= len(text)
    assert all(a == b for a, b in zip(cleaned, text) if a != " ")
