"""Entities: the gazetteer, the finder, resolutions and candidate names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import arabic
from generator.config import ENTITY_TYPES, load_config
from generator.arabic import Tokens
from generator.entities import EntityFinder, find_candidates, resolution_entity, resolution_spans

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "content" / "articles"
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT)


@pytest.fixture(scope="module")
def finder(config):
    return EntityFinder(config.entities)


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def ids(finder: EntityFinder, text: str) -> dict[str, int]:
    return {m.entity: m.count for m in finder.find(text)}


# ------------------------------------------------------------------- gazetteer


def test_gazetteer_validates_and_covers_every_type(config):
    types = {e.type for e in config.entities}
    assert types == set(ENTITY_TYPES)
    assert len(config.entities) >= 50
    for entity in config.entities:
        assert entity.name.ar and entity.name.en, entity.id
        assert entity.role.ar and entity.role.en, entity.id


def test_no_spelling_belongs_to_two_entities(config):
    owner: dict[tuple[str, ...], str] = {}
    for entity in config.entities:
        for term in (entity.name.ar, entity.name.en, *entity.variants):
            key = arabic.term_key(term)
            assert owner.setdefault(key, entity.id) == entity.id, f"{term!r}: {owner[key]} and {entity.id}"


@pytest.mark.parametrize("entity_id, spellings", [
    ("jean-pierre-lacroix", ["جان بيير لاكروا", "جون بيير لاكروا", "لاكروا", "Jean-Pierre Lacroix",
                             "جان بيار لاكروا", "جان پيير لاكروا"]),
    ("nasser-bourita", ["ناصر بوريطة", "بوريطة"]),
    ("antonio-guterres", ["أنطونيو غوتيريش", "غوتيريس", "غوتيريش", "أنطونيو جوتيريش", "جوتيريس",
                          "أنطونيو كَوتيريس", "كوتيريش", "قوتيريش", "أنطونيو گوتيريش"]),
    ("staffan-de-mistura", ["ستافان دي ميستورا", "دي ميستورا", "دي مستورا", "دي ميتسورا", "ديميستورا"]),
    ("alexander-ivanko", ["ألكسندر إيفانكو", "إيفانكو"]),
    ("stephane-dujarric", ["ستيفان دوجاريك", "دوجاريك"]),
    ("mohammed-vi", ["الملك محمد السادس", "محمد السادس"]),
    ("horst-kohler", ["هورست كولر", "كوهلر"]),
    ("minurso", ["المينورسو", "مينورسو", "بعثة الأمم المتحدة للاستفتاء في الصحراء"]),
    ("polisario-front", ["جبهة البوليساريو", "البوليساريو", "البولساريو", "البوليسارو"]),
    ("security-council", ["مجلس الأمن"]),
    ("dppa", ["إدارة الشؤون السياسية وبناء السلام", "DPPA"]),
    ("royal-armed-forces", ["القوات المسلحة الملكية"]),
    ("united-nations", ["الأمم المتحدة", "منظمة الأمم المتحدة"]),
    ("guerguerat", ["الكركرات", "الكركارات", "الڭرڭرات"]),
    ("morocco", ["المغرب", "المملكة المغربية"]),
    ("western-sahara", ["الصحراء المغربية", "Western Sahara"]),  # «الصحراء الغربية» needs context: FINDER_CASES
    ("laayoune", ["Laayoune"]),  # «العيون» (also "the eyes") needs context: FINDER_CASES
])
def test_required_spellings(finder, entity_id, spellings):
    for spelling in spellings:
        assert ids(finder, f"قال المصدر إن {spelling} حاضر.") == {entity_id: 1}, spelling


# ---------------------------------------------------------------------- finder

FINDER_CASES = [
    # (label, text, expected {entity: count})
    ("longer name wins over its part", "زار جون بيير لاكروا الرباط", {"jean-pierre-lacroix": 1, "rabat": 1}),
    ("proclitics", "وصرح لاكروا للصحافة وبالرباط وللأمم المتحدة", {"jean-pierre-lacroix": 1, "rabat": 1, "united-nations": 1}),
    ("latin is case-insensitive", "JEAN-PIERRE LACROIX met minurso staff", {"jean-pierre-lacroix": 1, "minurso": 1}),
    ("mission name swallows its parts", "بعثة الأمم المتحدة للاستفتاء في الصحراء الغربية", {"minurso": 1}),
    ("diacritics and tatweel", "أنطونيو غوتيريشَ ولاكــروا", {"antonio-guterres": 1, "jean-pierre-lacroix": 1}),
    ("no partial words", "الرباطات والمغربية ولاكرواتيا", {}),
    ("hilale needs his first name", "ظهر هلال رمضان", {}),
    # ambiguous spellings (entities.yml `ambiguous`): linked only in context
    ("financial, with the article", "كان للجانب المالي أثر كبير", {}),
    ("financial, after a noun", "قدمت دعم مالي للمشروع", {}),
    ("financial, coordinated", "دعم سياسي ومالي", {}),
    ("Mali after a preposition", "قتل جنديان في مالي", {"mali": 1}),
    ("Mali with a preposition glued", "وصل الوفد بمالي", {"mali": 1}),
    ("Mali after a country noun", "قالت حكومة مالي", {"mali": 1}),
    ("Mali named another way in the text", "مالي: هجوم\nفي شمال مالي قتل جنود", {"mali": 2}),
    ("Mali by a related entity in the text", "مالي تعيد بناء أضرحة تمبكتو", {"mali": 1, "timbuktu": 1}),
    ("Egypt's Western Desert", "زراعة الأراضي في الصحراء الغربية والفرافرة", {}),
    ("Western desert, nothing of Western Sahara around", "كشف نفطي في الصحراء الغربية", {}),
    ("Western Sahara with its parties", "النزاع في الصحراء الغربية بين المغرب والبوليساريو",
     {"western-sahara": 1, "morocco": 1, "polisario-front": 1}),
    ("Western Sahara before the Council", "صوت مجلس الأمن على الصحراء الغربية",
     {"security-council": 1, "western-sahara": 1}),
    ("eyes, not Laayoune", "أمام العيون", {}),
    ("Laayoune after «مدينة»", "وصل إلى مدينة العيون", {"laayoune": 1}),
    ("a valve, not Mahbes", "أغلق المحبس", {}),
    # a dateline says where a story was filed
    ("CNN dateline", "عنوان\nدبي، الإمارات العربية المتحدة (CNN)— أعلن المغرب", {"morocco": 1}),
    ("city dateline", "عنوان\nالرباط – استقبل غوتيريش", {"antonio-guterres": 1}),
    ("the headline is no dateline", "الرباط – مباحثات\nنص", {"rabat": 1}),
    ("a place inside a sentence stays", "عنوان\nقال المسؤول في الرباط – أمس – إن", {"rabat": 1}),
]


@pytest.mark.parametrize("label, text, expected", FINDER_CASES, ids=[c[0] for c in FINDER_CASES])
def test_finder_cases(finder, label, text, expected):
    assert ids(finder, text) == expected


def test_surfaces_are_as_written_without_conjunction(finder):
    mention = next(m for m in finder.find("التقى وجان بيير لاكروا ثم لاكروا") if m.entity == "jean-pierre-lacroix")
    assert mention.surfaces == ("جان بيير لاكروا", "لاكروا")
    assert mention.count == 2


def test_seeds_spell_lacroix_differently_but_are_one_entity(finder):
    first, second = finder.find(seed("000")), finder.find(seed("002"))
    lacroix = {m.entity: m for m in first}["jean-pierre-lacroix"]
    other = {m.entity: m for m in second}["jean-pierre-lacroix"]
    assert "جان بيير لاكروا" in lacroix.surfaces
    assert "جون بيير لاكروا" in other.surfaces
    assert lacroix.count == 4  # «جان بيير لاكروا» twice and «لاكروا» twice, never the part twice


@pytest.mark.parametrize("prefix, expected", [
    ("000", {"resolution-2703", "smara", "minurso", "alexander-ivanko", "polisario-front", "nasser-bourita"}),
    ("001", {"royal-armed-forces", "mohammed-vi", "antonio-guterres", "united-nations"}),
    ("003", {"resolution-2756", "laayoune", "agadir", "mahbes", "minurso", "royal-armed-forces"}),
    ("004", {"staffan-de-mistura", "stephane-dujarric", "dppa", "mauritania", "algeria", "antonio-guterres"}),
])
def test_seed_entities(finder, prefix, expected):
    assert expected <= set(ids(finder, seed(prefix)))


def test_tokens_agree_with_arabic_tokens():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("نصٌّ مُشَكَّلٌ بـالـتطويل و Latin_words _ ٢٠٢٤")
    for text in texts:
        toks = Tokens(text)
        assert toks.words == arabic.tokens(text)
        assert all(arabic.normalize(text[a:b]) == w for w, a, b in zip(toks.words, toks.starts, toks.ends))
    odd = "İstanbul مُشَكَّل"  # lower-casing «İ» adds a character: offsets are approximate, tokens exact
    assert Tokens(odd).words == arabic.tokens(odd)


# ----------------------------------------------------------------- resolutions

RESOLUTION_CASES = [
    ("القرار رقم", "خصوصاً القرار رقم 2756 الذي دعا", [2756]),
    ("council resolution", "عقب صدور قرار مجلس الأمن رقم 2703، أكد", [2703]),
    ("bare number", "وبالقرار 2440 طالب", [2440]),
    ("english", "under Resolution 2703 (2023)", [2703]),
    ("symbol", "see S/RES/2703 (2023) and s/res/1495", [2703, 1495]),
    ("adjective between", "القرار الأممي 2414", [2414]),
    ("a decree is not a resolution", "القرار رقم 12 لسنة 2020", []),
    ("a date after decision", "اتخذ القرار 2/3/2020", []),
    ("no cue", "أرسل 2703 جنديا", []),
    ("five digits", "القرار رقم 27030", []),
    ("zero", "القرار رقم 0", []),
    ("stability is not a resolution", "استقرار 2017", []),
    ("a count after the number", "القرار 10 أعضاء", []),
    ("votes after the number", "صوت لصالح قرار مجلس الأمن 13 عضوا", []),
    ("bare cue, small number", "القرار 45 الصادر عن الوزارة", []),
    ("bare cue, small number with its year", "القرار 242 (1967)", [242]),
    ("council cue, small number", "قرار مجلس الأمن رقم 425", [425]),
    ("council cue, year after", "قرار مجلس الأمن رقم 1754 لعام 2007", [1754]),
    ("bare cue, year after", "القرار 2440 لعام 2018", [2440]),
    ("no resolution numbered so high", "القرار 5000", []),
]


@pytest.mark.parametrize("label, text, numbers", RESOLUTION_CASES, ids=[c[0] for c in RESOLUTION_CASES])
def test_resolution_cues(label, text, numbers):
    assert [r.number for r in resolution_spans(text)] == numbers


def test_resolutions_map_to_gazetteer_by_symbol_or_get_their_own(finder):
    found = ids(finder, "القرار 2703 والقرار 2440 وS/RES/2703")
    assert found == {"resolution-2703": 2, "resolution-2440": 1}
    built = finder.entity("resolution-2440")
    assert built == resolution_entity(2440)
    assert (built.type, built.name.ar, built.name.en, built.symbol) == ("resolution", "القرار 2440", "Resolution 2440", "S/RES/2440")
    assert finder.entity("resolution-2703").symbol == "S/RES/2703 (2023)"
    assert finder.entity("nobody") is None


def test_resolution_surface_is_as_written(finder):
    mention = {m.entity: m for m in finder.find(seed("003"))}["resolution-2756"]
    assert mention.surfaces == ("القرار رقم 2756",)


# ------------------------------------------------------------------ candidates

CANDIDATE_CASES = [
    ("two titles", seed("003"), [("محمد بريظ", "الفريق أول"), ("محمد فخر الإحسان", "الفريق")]),
    ("general", seed("002"), [("بيرام ديوب", "الجنرال")]),
    ("nisba skipped", "وقال السفير الهولندي كاريل فان اوستروم إن", [("كاريل فان اوستروم", "السفير")]),
    ("proclitic on title", "والرئيس عبد الفتاح السيسي", [("عبد الفتاح السيسي", "الرئيس")]),
    ("known name", "وأكد السيد لاكروا أن", []),
    ("title then known name", "المتحدث باسم الأمين العام للأمم المتحدة ستيفان دوجاريك", []),
    ("adjective, not a name", "الوزير المغربي للصحافيين", []),
    ("verb, not a name", "والسفير الإيراني يغادر البلاد", []),
    ("institution, not a name", "المتحدث باسم وزارة الخارجية الإيرانية، بهرام", []),
    ("one word is not enough", "الرئيس ترامب", []),
    ("stops at punctuation", "الجنرال بيرام، ديوب", []),
    ("team is not a general", "فريق محمد علي", []),
    # names only: what follows a title may be a verb, a noun with a pronoun, or a club
    ("future verb after a title", "وقال إن الأمين العام سيبذل مساعيه الحميدة", []),
    ("future verb, feminine", "الوزيرة ستعقد اجتماعا", []),
    ("pronoun-suffixed noun", "التقى وزير الخارجية نظيره المغربي", []),
    ("object pronoun", "السفير أبلغها بالقرار", []),
    ("a club, not a person", "الرئيس السابق لنادي إنتر ميلانو", []),
    ("a newspaper, not a person", "الرئيس التنفيذي لصحيفة الشرق", []),
    ("a name shaped like a future verb", "وزير الخارجية سيرغي لافروف", [("سيرغي لافروف", "وزير الخارجية")]),
    ("a name beginning like a future verb", "السفير ستيفان هولت", [("ستيفان هولت", "السفير")]),
    ("a name ending in «ـه» written for «ـة»", "الدكتور أسامه سليمان", [("أسامه سليمان", "الدكتور")]),
]


@pytest.mark.parametrize("label, text, expected", CANDIDATE_CASES, ids=[c[0] for c in CANDIDATE_CASES])
def test_candidates(finder, label, text, expected):
    assert find_candidates(text, finder) == expected


# ---------------------------------------------------------------------- corpus


# Link and candidate quality on the corpus is gated in tests/test_quality_floors.py.


def test_views_see_the_context_of_the_whole_text(finder):
    text = "عنوان عن تمبكتو\nقال مسؤول في مالي\nودعم مالي للحكومة"
    toks = Tokens(text)
    second = toks.view(text.index("ودعم"))
    assert [s.entity for s in finder.spans(second)] == ["mali"]  # one sense per text: Timbuktu is named
    alone = Tokens("ودعم مالي للحكومة")
    assert finder.spans(alone) == []


@pytest.mark.parametrize("letter, folded", [
    ("گ", "ك"), ("ڭ", "ك"), ("ڪ", "ك"), ("ک", "ك"), ("ی", "ي"), ("ې", "ي"), ("پ", "ب"), ("ڤ", "ف"),
    ("ڥ", "ف"), ("ھ", "ه"), ("ۀ", "ه"),
])
def test_letters_of_other_scripts_fold_to_arabic_ones(letter, folded):
    assert arabic.normalize(letter) == folded
    assert arabic.fold_chars(letter * 30) == folded * 30  # the long-text path too
