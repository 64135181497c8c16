"""The English edition's facts (generator/english.py): event frames from Arabic trigger words, the
English they allow, figures with units, datelines, people's translations and the optional translation
command. Cases are data: a label, the Arabic, what must come out, and why (ftfy style)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from generator import english
from generator.analyze import analyze
from generator.config import ConfigError, load_config
from generator.graph import SiteGraph

from .conftest import REPO


@pytest.fixture(scope="module")
def reader():
    config = load_config(REPO)
    return english.FrameReader(config.entities, english.load_glossary(REPO / english.GLOSSARY_FILE))


# (label, headline or None when the title was cut from the lead, lead, frame, why)
FRAME_CASES = [
    ("verb after its subject", "بوريطة يتباحث مع وكيل الأمين العام للأمم المتحدة لعمليات السلام بالرباط", "",
     "meeting", "«يتباحث» with «بوريطة» right before it"),
    ("verb before its subject, title between", None,
     "الرباط – استقبل الأمين العام للأمم المتحدة أنطونيو غوتيريش مساء الخميس مبعوثه الشخصي",
     "meeting", "VSO: «استقبل» then a title then the name; the dateline is skipped"),
    ("noun after a light verb in the lead", None,
     "أجرى وزير الشؤون الخارجية ناصر بوريطة، أمس بالرباط، مباحثات مع جون بيير لاكروا.", "meeting",
     "«أجرى … مباحثات»: the lead's opening verb carries the noun"),
    ("background is not the event", "بعد هجمات السمارة.. الأمم المتحدة تحقق",
     "بعد شهر من هجمات السمارة تحقق الأمم المتحدة في ما جرى.", "other",
     "«بعد (شهر من) هجمات»: the attacks came before; no trigger states what happened"),
    ("sending someone to a place is a visit",
     "بعد هجمات السمارة.. الأمم المتحدة ترسل رئيس عمليات حفظ السلام إلى المغرب",
     "بعد شهر من هجمات السمارة أوفدت الأمم المتحدة قائد عمليات حفظ السلام إلى المغرب.", "visit",
     "«ترسل» with whom it sends right after it and «إلى المغرب»; «بعد هجمات» is background"),
    ("sending a letter is not a visit", "محمد السادس يبعث برسالة إلى غوتيريش في نيويورك", "", "other",
     "«يبعث برسالة»: a letter is sent, not a person"),
    ("sending with no destination is not a visit", "الأمم المتحدة ترسل رئيس عمليات حفظ السلام", "", "other",
     "where to is what makes it a visit"),
    ("a source is not the event", None, "حسب تقرير للأمم المتحدة، تراجع عدد اللاجئين.", "other",
     "«حسب تقرير»: the report is where the news comes from"),
    ("quoted words are what someone said", "الجزائر: \"دعمنا للبوليساريو لا يعني المشاركة في المفاوضات\"", "",
     "statement", "a state before the colon and a quotation: its words; «المفاوضات» inside them is not talks held"),
    ("a territory before a quotation does not speak", "الصحراء الغربية: \"لا مفاوضات دون البوليساريو\"", "",
     "other", "Western Sahara is no state (its gazetteer role): a topic label, and the quoted «مفاوضات» is words"),
    ("two names before a quotation", "المغرب والجزائر: \"لا مفاوضات\"", "", "other",
     "who of the two speaks is not said"),
    ("a demand is a statement", "المغرب يطالب الأمم المتحدة والجزائر بتحمّل المسؤولية", "", "statement",
     "«يطالب» with a state before it: words said"),
    ("a vow before «..» is the headline's verb", "المغرب يتوعد.. لن نقف مكتوفي الأيدي أمام الاستفزازات", "",
     "statement", "the clause before «..» has the verb, its subject right before it"),
    ("informing the Council is a statement", "المغرب يبلغ مجلس الأمن بتوغلات البوليساريو ويتوعد", "", "statement",
     "«يبلغ»: Morocco tells the Council; it is no Council act"),
    ("backing is a statement", "الإمارات تؤيد إجراءات المغرب ضد إيران", "", "statement",
     "«تؤيد» with a state for subject"),
    ("«طالب» with no known subject is no demand", "طالب مغربي يفوز بجائزة دولية", "", "other",
     "a student: no gazetteer name stands beside the word"),
    ("the name of what a light verb holds", "المغرب والجزائر يجريان \"مفاوضات الصحراء\" في جنيف", "", "meeting",
     "«يجريان» right before the quotation: the quoted words name the talks held, not someone's words"),
    ("a quotation away from the light verb is words", "المغرب يجري تعديلا: \"لا مفاوضات\"", "", "other",
     "the quotation does not follow the light verb: it is what someone said"),
    ("an accident is an incident", "الجزائر.. مقتل 257 شخصا بحادث الطائرة", "", "attack",
     "«حادث»: an incident, with «ب» (by), not «ل» (for)"),
    ("an accident as background", "بعد حادث الطائرة.. الجزائر تعلن الحداد", "", "other",
     "«بعد حادث»: the accident came before; the mourning is the event"),
    ("speech verb with a named subject", "المغرب يدين التحركات العسكرية الأخيرة للبوليساريو", "", "statement",
     "a country may be the subject of a speech verb"),
    ("speech verb, subject not known", None, "قال مسؤول أممي إن الوضع خطير.", "other",
     "«قال مسؤول»: the speaker is not in the gazetteer, so no headline can name him"),
    ("an announcement tells an act", None, "أعلن المغرب قطع علاقاته الدبلوماسية مع إيران.", "other",
     "«أعلن» is left out of the speech verbs: the announced act is the event"),
    ("speaker before a colon", "قرقاش: نقف مع المغرب ضد التدخلات الإيرانية", "", "statement",
     "only a name before the colon: the words after it are his"),
    ("a place before a colon is the subject", "الصحراء الغربية: جدل جديد", "", "other",
     "«الصحراء الغربية:» labels the topic; a place does not speak"),
    ("a purpose is not the event", "أوروبا تضم الصحراء لمفاوضات الصيد مع المغرب", "", "other",
     "«لمفاوضات»: for talks to come"),
    ("a Council vote", "مجلس الأمن يتبنى القرار 2703 بشأن الصحراء الغربية", "", "vote",
     "a vote verb beside the Security Council"),
    ("a decision is not a Council vote", "بقرار من بوتفليقة.. الجزائر تدعم المغرب", "", "other",
     "«قرار» with no Security Council named is someone's decision"),
    ("an incident", "مقتل 257 في تحطم طائرة نقل عسكرية بالجزائر", "", "attack", "a crash is an incident"),
]


@pytest.mark.parametrize("label, headline, lead, frame, why", FRAME_CASES, ids=[c[0] for c in FRAME_CASES])
def test_frame(reader, label, headline, lead, frame, why):
    assert reader.frame(headline, lead).kind == frame, why


# (label, headline, lead, English headline)
HEADLINE_CASES = [
    ("the seed story", "بوريطة يتباحث مع وكيل الأمين العام للأمم المتحدة لعمليات السلام بالرباط",
     "أجرى وزير الشؤون الخارجية، ناصر بوريطة، اليوم الأربعاء بالرباط، مباحثات مع وكيل الأمين العام للأمم المتحدة "
     "لعمليات السلام، جون بيير لاكروا، تمحورت حول تعزيز التعاون.",
     "Nasser Bourita holds talks with UN peacekeeping chief Jean-Pierre Lacroix in Rabat"),
    ("seed 004: titles from the text, a purpose from the glossary", None,
     "الرباط – استقبل الأمين العام للأمم المتحدة أنطونيو غوتيريش مساء الخميس مبعوثه الشخصي للصحراء الغربية ، "
     "ستافان دي ميستورا ، لمناقشة نتائج “المشاورات غير الرسمية والثنائية” التي عقدها دي ميستورا.",
     "UN Secretary-General António Guterres receives personal envoy Staffan de Mistura on informal consultations"),
    ("a place across a clause break is not the meeting's",
     "تعزيز التعاون الأمني في الصحراء المغربية..لقاء رفيع المستوى بين القوات المسلحة الملكية وبعثة المينورسو",
     "عقد المفتش العام لقاء يوم الثلاثاء بمقر القيادة في أكادير مع قائد المكون العسكري.",
     "Meeting between Royal Armed Forces and MINURSO in Agadir"),
    ("seed 000: whom the UN sends, named from the text", "بعد هجمات السمارة.. الأمم المتحدة ترسل رئيس عمليات حفظ السلام إلى المغرب",
     "بعد شهر من هجمات السمارة أوفدت الأمم المتحدة قائد عمليات حفظ السلام إلى المغرب.",
     "United Nations sends UN peacekeeping chief to Morocco"),
    ("an incident says its place only", "مقتل 257 في تحطم طائرة نقل عسكرية بالجزائر", "", "Crash in Algeria"),
    ("a statement names whom its headline names", "المغرب يبلغ مجلس الأمن بتوغلات البوليساريو ويتوعد", "",
     "Statement by Morocco — UN Security Council and Polisario Front"),
    ("the state acting after the speaker's colon", "محمد السادس: الجزائر تمول البوليساريو", "",
     "Statement by King Mohammed VI — Algeria and Polisario Front"),
]


# (label, headline, lead, body, participants expected, why): who acts or is acted on, as ids, in order
PARTICIPANT_CASES = [
    ("the subject opening the headline and the partner after «مع»",
     "المغرب يقطع علاقاته مع إيران \"لدعمها جبهة البوليساريو\"", "", (), ("morocco", "iran"),
     "Morocco cuts ties with Iran; the Polisario inside the quotation is someone's words"),
    ("a place with a preposition is where", "مقتل 257 في تحطم طائرة نقل عسكرية بالجزائر", "", (), (),
     "«بالجزائر»: where the crash was, not who acted"),
    ("a label before «..» is no subject", "الجزائر.. مقتل 257 شخصا بحادث الطائرة", "", (), (),
     "«الجزائر..» labels the topic"),
    ("a territory is no actor", "الصحراء الغربية تشهد توترا جديدا", "", (), (),
     "Western Sahara is where things happen (its gazetteer role is no state's)"),
    ("names joined by «و»", "المغرب والجزائر يجريان \"مفاوضات الصحراء\" في جنيف", "", (), ("algeria", "morocco"),
     "the dual verb's subject is both; the one right before the verb is its subject, named first"),
    ("the object of the headline's verb, and a name joined to it",
     "المغرب يطالب الأمم المتحدة والجزائر بتحمّل المسؤولية", "", (), ("morocco", "united-nations", "algeria"),
     "Morocco demands of the UN and Algeria"),
    ("the agent of a verbal noun, its object with «ل»", None, "ندد حزب الله بقطع المغرب للعلاقات مع إيران.", (),
     ("hezbollah", "morocco"), "«قطع المغرب للعلاقات»: Morocco's cutting of ties; Iran after «مع» in a lead is not read"),
    ("an office is no verbal noun", None, "أعرب وزير دولة الإمارات للشؤون الخارجية عن تأييده.", (), (),
     "«وزير دولة الإمارات للشؤون»: the minister's portfolio follows with «ل»; the UAE is no agent there"),
    ("«لدى» is no object", None, "قال سفير المغرب لدى الأمم المتحدة إن الوضع هادئ.", (), ("united-nations",),
     "«سفير المغرب لدى»: the ambassador's post, Morocco does not act (the UN is the organisation the lead names)"),
    ("a bare title is its one holder", None, "وزير الشؤون الخارجية المغربي يقول إن بلاده ستغلق سفارة إيران.",
     ("وقال وزير الخارجية ناصر بوريطة للصحفيين إن القرار نهائي.",), ("nasser-bourita",),
     "the report names the Foreign Minister once: Bourita"),
    ("a title two people hold is nobody", None, "وزير الشؤون الخارجية المغربي يقول إن بلاده ستغلق سفارة إيران.",
     ("وقال وزير الخارجية ناصر بوريطة إن القرار نهائي.", "ورد وزير الخارجية أنور قرقاش بالتأييد."), (),
     "two foreign ministers: whose title it is is not known"),
]


@pytest.mark.parametrize("label, headline, lead, body, expected, why", PARTICIPANT_CASES,
                         ids=[c[0] for c in PARTICIPANT_CASES])
def test_participants(reader, label, headline, lead, body, expected, why):
    assert tuple(p.entity for p in reader.frame(headline, lead, body).participants) == expected, why


@pytest.mark.parametrize("label, headline, lead, expected", HEADLINE_CASES, ids=[c[0] for c in HEADLINE_CASES])
def test_english_headline(reader, label, headline, lead, expected):
    assert english.headline_of(reader.frame(headline, lead)) == expected


SENT = ("بعد هجمات السمارة.. الأمم المتحدة ترسل رئيس عمليات حفظ السلام إلى المغرب",
        "بعد شهر من هجمات السمارة أوفدت الأمم المتحدة قائد عمليات حفظ السلام إلى المغرب.")


# (label, body paragraphs, English headline): whom a title stands for is read from the report itself
SENT_CASES = [
    ("the body names the title's holder", ("يقوم رئيس عمليات حفظ السلام بالأمم المتحدة جان بيير لاكروا بأول زيارة له للمغرب.",),
     "United Nations sends UN peacekeeping chief Jean-Pierre Lacroix to Morocco"),
    ("someone else, by another title", ("وأجرى وزير الخارجية ناصر بوريطة مباحثات أمس.",),
     "United Nations sends UN peacekeeping chief to Morocco"),
    ("the gazetteer's role is not the report's word", ("وقال جان بيير لاكروا إن الوضع مستقر.",),
     "United Nations sends UN peacekeeping chief to Morocco"),  # the text never gives Lacroix the title
]


@pytest.mark.parametrize("label, body, expected", SENT_CASES, ids=[c[0] for c in SENT_CASES])
def test_whom_a_title_stands_for(reader, label, body, expected):
    assert english.headline_of(reader.frame(*SENT, body)) == expected


def test_other_names_the_people_the_report_is_about_before_an_organisation(reader):
    """No trigger: the people the body names at least twice come before the organisation of the headline;
    one named once in passing is not named."""
    body = ("قال دي ميستورا إن المشاورات مستمرة.", "وأضاف دي ميستورا أن الأطراف مدعوة.", "وكان غوتيريش قد دعا إلى الحوار.")
    frame = reader.frame("الأمم المتحدة والصحراء: جدل جديد", "", body)
    assert (frame.kind, english.headline_of(frame)) == ("other", "Report: Staffan de Mistura and United Nations")


def test_other_names_the_participants_and_place_only():
    frame = english.EventFrame("other", participants=(english.Participant("a", "Hezbollah"),
                                                      english.Participant("b", "Polisario Front")), place="Algeria")
    assert english.headline_of(frame) == "Report: Hezbollah and Polisario Front — Algeria"
    assert english.headline_of(english.EventFrame("other")) == ""


@pytest.mark.parametrize("value, context, expected", [
    ("1724", "1724 من القبعات الزرق", "1,724 blue helmets"),  # «من» before the counted noun
    ("60", "60 مغربيا", "60 Moroccans"),
    ("2017", "منذ سنة 2017 لاسيما", ""),  # a year counts nothing the glossary knows
    ("40", "40 اتهاما", ""),  # a unit not in the glossary: not said in English
])
def test_figures_get_english_units_or_nothing(reader, value, context, expected):
    assert reader.figure(value, context) == expected


@pytest.mark.parametrize("dateline, expected", [
    ("الرباط", "Rabat"),  # the gazetteer
    ("نيويورك", "New York"),  # the glossary's places
    ("دبي، الإمارات العربية المتحدة", "Dubai"),  # the city, not its country
    ("بلدة مجهولة", ""),
    (None, ""),
])
def test_dateline_in_english(reader, dateline, expected):
    assert reader.dateline(dateline) == expected


def test_first_sentence_keeps_the_event_and_drops_the_background():
    lead = "بعد شهر من هجمات السمارة أوفدت الأمم المتحدة قائد عمليات حفظ السلام إلى المغرب. وفي الأسبوع الماضي كان رئيس البعثة قد قدم تقريرا."
    assert english.first_sentence(lead).endswith("إلى المغرب.")


def test_original_url_leads_to_the_arabic_page():
    assert english.original_url("stories/s-1.md") == "../../stories/s-1.html"
    assert english.original_url("index.md") == "../index.html"


# ------------------------------------------------------------------ people's translations


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_translations_are_read_by_id(tmp_path):
    write(tmp_path, "a.yml", "stories:\n  s-1:\n    title: Talks in Rabat\n    summary: Two ministers met.\n"
                             "articles:\n  001-x: {title: A headline}\n")
    found = english.load_translations(tmp_path)
    assert found["s-1"] == english.Translation("Talks in Rabat", "Two ministers met.")
    assert found["001-x"].summary is None


@pytest.mark.parametrize("text, message", [
    ("storys:\n  s-1: {title: x}\n", "a.yml:1: storys: unknown key (known keys: articles, stories)"),
    ("stories:\n  s-1:\n    titel: x\n", "a.yml:3: stories.s-1.titel: unknown key (known keys: summary, title)"),
    ("stories:\n  s-1:\n    title: ''\n", "a.yml:3: stories.s-1.title: expected text"),
    ("stories:\n  s-1:\n    title: " + "x" * 501 + "\n", "a.yml:3: stories.s-1.title: 501 characters (at most 500)"),
    ("stories:\n  s-1: just text\n", "a.yml:2: stories.s-1: expected a mapping with title and/or summary"),
    ("- a list\n", "a.yml:1: (top): expected a mapping of stories: and articles:"),
])
def test_translation_errors_name_file_line_and_key(tmp_path, text, message):
    write(tmp_path, "a.yml", text)
    with pytest.raises(ConfigError) as error:
        english.load_translations(tmp_path)
    assert any(problem.endswith(message) for problem in error.value.problems), error.value.problems


def test_an_id_translated_twice_is_an_error(tmp_path):
    write(tmp_path, "a.yml", "stories:\n  s-1: {title: One}\n")
    write(tmp_path, "b.yml", "stories:\n  s-1: {title: Two}\n")
    with pytest.raises(ConfigError, match=r"b.yml:2: stories.s-1: already translated in a.yml:2"):
        english.load_translations(tmp_path)


def test_glossary_errors_name_file_line_and_key(tmp_path):
    path = write(tmp_path, "glossary.yml", "titles:\n  - {ar: الوزير, en: ''}\nunits:\n  - {ar: x}\nwords: []\n")
    with pytest.raises(ConfigError) as error:
        english.load_glossary(path)
    problems = "\n".join(error.value.problems)
    assert "glossary.yml:5: words: unknown key" in problems
    assert "titles[0].en: empty" in problems
    assert "units[0].en: required key is missing" in problems


def test_the_shipped_glossary_is_valid():
    glossary = english.load_glossary(REPO / english.GLOSSARY_FILE)
    assert glossary.titles and glossary.units and glossary.terms and glossary.places


# ------------------------------------------------------------------ which English wins


@pytest.fixture(scope="module")
def graph():
    config = load_config(REPO)
    return SiteGraph.build(config, analyze(config))


def seed_story(graph, article_prefix: str):
    return next(s for s in graph.stories.values() if any(a.startswith(article_prefix) for a in s.article_ids))


def test_generated_english_for_the_seed_stories(graph):
    edition = english.Edition(graph, english.load_glossary(REPO / english.GLOSSARY_FILE), {})
    story = edition.english(seed_story(graph, "002-"))
    assert story.origin == "generated"
    assert story.headline == "Nasser Bourita holds talks with UN peacekeeping chief Jean-Pierre Lacroix in Rabat"
    assert "Key figures: 60 Moroccans; 1,724 blue helmets." in story.summary
    assert "de Mistura" in edition.english(seed_story(graph, "004-")).headline


def test_people_win_over_facts_and_the_command(graph):
    story = seed_story(graph, "002-")
    report = graph.articles[story.article_ids[-1]]
    edition = english.Edition(graph, english.Glossary(), {story.id: english.Translation("Editors' headline")},
                              command=f"{sys.executable} -c \"print('machine')\"")
    assert (edition.english(story).headline, edition.english(story).origin) == ("Editors' headline", "people")
    assert edition.english(report).origin == "machine"  # no person translated this report
    graph.articles[report.id] = replace(report, title_en="Sidecar headline", summary_en="Sidecar summary.")
    try:
        edition = english.Edition(graph, english.Glossary(), {})
        found = edition.english(graph.articles[report.id])
        assert (found.headline, found.summary, found.origin) == ("Sidecar headline", ("Sidecar summary.",), "people")
    finally:
        graph.articles[report.id] = report


# ------------------------------------------------------------------ the translation command


def test_the_command_reads_arabic_and_is_cached(tmp_path):
    calls = tmp_path / "calls"
    script = write(tmp_path, "mt.py", "import sys\nopen(sys.argv[1], 'a').write('x')\n"
                                      "print('EN:', len(sys.stdin.read()))\n")
    cache: dict = {}
    command = f"{sys.executable} {script} {calls}"
    assert english.machine_translation("سلام", command, cache) == "EN: 4"
    assert english.machine_translation("سلام", command, cache) == "EN: 4"
    assert calls.read_text() == "x"  # run once: the second answer came from the cache


def test_a_failing_command_falls_back_with_one_warning(capsys):
    command = f"{sys.executable} -c \"import sys; sys.exit(3)\""
    cache: dict = {}
    assert english.machine_translation("نص", command, cache) is None
    assert english.machine_translation("نص آخر", command, cache) is None
    assert capsys.readouterr().err.count("translate_command failed (exit 3") == 1
    assert english.machine_translation("x", "/no/such/command", {}) is None


# ------------------------------------------------------------------ a LibreTranslate-like HTTP API


@pytest.fixture
def libretranslate():
    """A server on loopback that speaks LibreTranslate's /translate contract (not its quality):
    it answers "EN(<length of q>)" and records each request's JSON."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append(body)
            status, answer = (200, {"translatedText": f"EN({len(body['q'])})"}) if self.path == "/translate" \
                else (404, {"error": "not found"})
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_the_api_gets_arabic_to_english_and_is_cached(libretranslate):
    base, seen = libretranslate
    cache: dict = {}
    assert english.machine_translation("سلام عليكم", f"{base}/translate", cache) == "EN(10)"
    assert english.machine_translation("سلام عليكم", f"{base}/translate", cache) == "EN(10)"
    assert seen == [{"q": "سلام عليكم", "source": "ar", "target": "en", "format": "text"}]  # asked once


def test_a_failing_api_falls_back_with_one_warning(libretranslate, capsys):
    base, _ = libretranslate
    cache: dict = {}
    assert english.machine_translation("نص", f"{base}/wrong", cache) is None
    assert english.machine_translation("نص آخر", f"{base}/wrong", cache) is None
    err = capsys.readouterr().err
    assert err.count("translate_url failed (") == 1 and "404" in err
    assert english.machine_translation("نص", "http://127.0.0.1:9/translate", {}) is None  # nothing listens


def test_the_facts_say_when_it_was_reported_in_plain_english():
    # label: one report → "Reported on <day>."; several → "<n> reports between <first> and <last>."
    # (not "Reported in 3 reports between …", which says reported twice)
    from generator.config import load_config
    from generator.graph import SiteGraph
    from generator.analyze import analyze

    config = load_config(REPO)
    graph = SiteGraph.build(config, analyze(config))
    edition = english.edition(graph)
    story = next(s for s in graph.stories.values() if len(s.article_ids) == 3)
    found = edition.english(story)
    assert "3 reports between Wednesday 29 November 2023 and Thursday 30 November 2023." in found.summary
    single = next(a for a in graph.analysis.articles if a.day == "2023-11-29")
    assert "Reported on Wednesday 29 November 2023." in edition.english(single).summary
