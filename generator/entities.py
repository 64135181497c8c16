"""Entities: gazetteer names, UN resolutions, and people the gazetteer lacks.

``EntityFinder`` matches every name and variant of ``content/entities.yml`` with
the proclitic-aware ``TermMatcher`` in one pass over the text; where names
overlap («لاكروا» inside «جون بيير لاكروا») the longer one wins. Resolutions
are recognised from a number after a cue («القرار رقم 2756», «S/RES/2703»)
and tied to a gazetteer entry by its symbol, or given a built entity of their
own. ``find_candidates`` lists names that follow a title («الجنرال بيرام ديوب»)
but are not in the gazetteer, for a human to add.

A spelling the gazetteer marks ``ambiguous`` («مالي» is also "financial",
«الصحراء الغربية» also Egypt's Western Desert) is linked only in context (see
``Entity.ambiguous``). A place in a dateline («دبي، الإمارات العربية المتحدة
(CNN)—») says where the story was filed, not what it is about: it is no mention.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .arabic import DIACRITICS, TermMatcher, Tokens, bare_forms, normalize, offset_map, term_key, tokens
from .config import Bilingual, Entity
from .models import EntityMention

_CACHE_LIMIT = 500_000


@dataclass(frozen=True)
class Span:
    """One occurrence of an entity in a text."""

    entity: str
    start: int  # character offsets in the text
    end: int
    surface: str  # as written, leading proclitics removed


# ------------------------------------------------------------------ resolutions

_NUMBER_END = r"(?![\d/.\-]\d|\w)"
_RESOLUTION_CUES = (
    re.compile(
        r"قرار(?P<qualifiers>(?:\s+(?:(?:ال)?مجلس\s+الامن(?:\s+الدولي)?|الاممي|الدولي|الاخير|الجديد|الشهير)){0,2})"
        r"(?:\s+(?:رقم|الرقم|ذي\s+الرقم|ذو\s+الرقم|المرقم))?\s*[:(]?\s*(?P<number>\d{1,4})" + _NUMBER_END
    ),
    re.compile(r"resolutions?\s+(?:no\.?\s*|number\s+)?(?P<number>\d{1,4})" + _NUMBER_END),
    re.compile(r"s\s*/\s*res\s*/\s*(?P<number>\d{1,4})(?!\d)"),
)
_CUE_PROCLITICS = re.compile(r"[وف]?[بل]?(?:ال)?|[وف]?لل")
_COUNCIL = re.compile(r"مجلس|الاممي|الدولي")  # a qualifier naming the Security Council or the UN
# The Council had adopted 2,790-odd resolutions by 2025; a bare «القرار N» above this is something else.
MAX_RESOLUTION = 2999
# A bare «القرار N» (no Council named) below this number is more often a ministry's or a court's
# decision than one of the Council's first resolutions (1946–1987); those are cited with their year.
MIN_BARE_RESOLUTION = 600
# A number followed by a counted noun counts it (العدد والمعدود): «القرار 10 أعضاء» is ten members.
_COUNTED = frozenset(normalize(w) for w in (
    "عضو", "عضوا", "أعضاء", "دولة", "دول", "صوت", "صوتا", "أصوات", "يوم", "يوما", "أيام", "شهر", "شهرا",
    "أشهر", "شهور", "سنة", "سنوات", "عاما", "أعوام", "مرة", "مرات", "ساعة", "ساعات", "دقيقة", "دقائق",
    "ألف", "آلاف", "مليون", "ملايين", "مليار", "بالمئة", "بالمائة", "شخص", "شخصا", "أشخاص", "جندي", "جنديا",
    "جنود", "مقابل", "members", "member", "votes", "countries", "days", "months", "years", "percent",
))
_DECREE_YEAR = re.compile(r"\s*(?:لسنه|سنه)(?!\w)")  # «القرار رقم 12 لسنة 2020»: a decree's numbering
_CITED_YEAR = re.compile(r"\s*\(\s*(?:19|20)\d\d\s*\)|\s*(?:لعام|عام)\s+(?:19|20)\d\d(?!\d)")  # «(1967)»
_NEXT_WORD = re.compile(r"\s*(\w+)")


@dataclass(frozen=True)
class ResolutionSpan:
    number: int
    start: int  # character offsets in the text
    end: int
    number_start: int


def resolution_spans(text: str | Tokens) -> list[ResolutionSpan]:
    """Where ``text`` cites a UN Security Council resolution by number (offsets in the text).

    Cues: «القرار رقم 2756», «قرار مجلس الأمن رقم 2703», «القرار 2440», «resolution 2703»,
    «S/RES/2703». The number is at most ``MAX_RESOLUTION`` and counts no noun after it
    («القرار 10 أعضاء»); after a bare «القرار» (no Council named) it is at least
    ``MIN_BARE_RESOLUTION`` or followed by its year («القرار 242 (1967)»), and «لسنة» after it
    makes a decree («قرار رقم 12 لسنة 2020»).
    """
    if isinstance(text, Tokens):
        folded, raw = text.folded, text.raw
    else:
        folded = normalize(text)
        raw_of = offset_map(text, folded)
        raw = int if raw_of is None else raw_of.__getitem__
    found = []
    for cue, pattern in enumerate(_RESOLUTION_CUES):
        for m in pattern.finditer(folded):
            start = m.start()
            word_start = start
            while word_start and (folded[word_start - 1].isalnum() or folded[word_start - 1] == "_"):
                word_start -= 1
            prefix = folded[word_start:start]
            if not _CUE_PROCLITICS.fullmatch(prefix):
                continue
            if prefix.endswith("ال"):
                start -= 2
            number = int(m.group("number"))
            if not 1 <= number <= MAX_RESOLUTION:
                continue
            decree, year = _DECREE_YEAR.match(folded, m.end()), _CITED_YEAR.match(folded, m.end())
            following = _NEXT_WORD.match(folded, m.end())
            if following and following.group(1) in _COUNTED and not (decree or year):
                continue
            if cue == 0 and not _COUNCIL.search(m.group("qualifiers")):
                if decree or number < MIN_BARE_RESOLUTION and not year:
                    continue
            found.append(ResolutionSpan(number, raw(start), raw(m.end()), raw(m.start("number"))))
    found.sort(key=lambda r: r.start)
    return found


def resolution_entity(number: int) -> Entity:
    """An entity for a resolution the gazetteer does not list."""
    return Entity(
        id=f"resolution-{number}",
        type="resolution",
        name=Bilingual(ar=f"القرار {number}", en=f"Resolution {number}"),
        role=Bilingual(ar="قرار لمجلس الأمن الدولي", en="A UN Security Council resolution"),
        symbol=f"S/RES/{number}",
    )


_SYMBOL_NUMBER = re.compile(r"S/RES/(\d{1,4})\b", re.IGNORECASE)


def _symbol_number(entity: Entity) -> int | None:
    match = _SYMBOL_NUMBER.search(entity.symbol or "")
    return int(match.group(1)) if match else None


# ----------------------------------------------------------------------- finder


@dataclass(frozen=True)
class _Ambiguity:
    """What an ambiguous spelling of one entity needs to be linked (see ``Entity.ambiguous``)."""

    entity: str
    without_article: bool  # the spelling has no article: with one («المالي») it is another word
    context_ids: frozenset[str]
    context_words: frozenset[str]  # terms of the words matcher
    before: frozenset[str]  # bare forms of `context_before`
    not_near: frozenset[str]  # terms of the words matcher


_PREPOSITION_PROCLITICS = ("ب", "ل", "ك")  # «بمالي», «لمالي»: a preposition is never glued to an adjective


class EntityFinder:
    """Finds gazetteer entities and cited resolutions in a text, in time linear in its length."""

    def __init__(self, entities: Iterable[Entity]):
        self.entities: tuple[Entity, ...] = tuple(entities)
        self._by_id = {e.id: e for e in self.entities}
        self._by_term: dict[str, str] = {}
        self._key_of: dict[str, tuple[str, ...]] = {}
        self._resolutions: dict[int, str] = {}
        self._ambiguous: dict[str, _Ambiguity] = {}  # term -> what it needs
        context_terms: set[str] = set()
        for entity in self.entities:
            number = _symbol_number(entity) if entity.type == "resolution" else None
            if number is not None:
                self._resolutions[number] = entity.id
            if entity.type == "resolution":
                continue
            ambiguous = {term_key(t) for t in entity.ambiguous}
            words = [w for w in (*entity.context, *entity.not_near) if w not in self._by_id]
            context_terms.update(words)
            for term in (entity.name.ar, entity.name.en, *entity.variants):
                key = term_key(term or "")
                if key and term not in self._by_term:
                    self._by_term[term] = entity.id
                    self._key_of[term] = key
                    if key in ambiguous:
                        self._ambiguous[term] = _Ambiguity(
                            entity.id,
                            without_article=not tokens(term)[0].startswith("ال"),
                            context_ids=frozenset(w for w in entity.context if w in self._by_id),
                            context_words=frozenset(w for w in entity.context if w in words),
                            before=frozenset(term_key(w)[0] for w in entity.context_before if term_key(w)),
                            not_near=frozenset(entity.not_near),
                        )
        self._matcher = TermMatcher(self._by_term)
        self._context_matcher = TermMatcher(sorted(context_terms))

    def entity(self, entity_id: str) -> Entity | None:
        """The gazetteer entity, or a built one for an unlisted resolution id."""
        if entity_id in self._by_id:
            return self._by_id[entity_id]
        match = re.fullmatch(r"resolution-(\d{1,4})", entity_id)
        return resolution_entity(int(match.group(1))) if match else None

    def resolution_id(self, number: int) -> str:
        return self._resolutions.get(number, f"resolution-{number}")

    def spans(self, text: str | Tokens) -> list[Span]:
        """Every gazetteer name in ``text``, longest first where names overlap, in text order."""
        toks = text if isinstance(text, Tokens) else Tokens(text)
        return [Span(*found) for found in self.located(toks)]

    def located(self, toks: Tokens) -> list[tuple[str, int, int, str]]:
        """(entity, start, end, surface) for each name, as ``spans`` without building records."""
        found = []
        raw = toks.text
        for start, length, term in self._chosen(toks):
            begin, end = toks.starts[start], toks.ends[start + length - 1]
            word = toks.words[start]
            if toks.ends[start] - begin == len(word):
                begin += _proclitic_length(word, self._key_of[term][0])
            found.append((self._by_term[term], begin, end, raw[begin:end]))
        return found

    def covered(self, toks: Tokens) -> bytearray:
        """1 for each token inside a gazetteer name."""
        taken = bytearray(len(toks))
        for start, length, _ in self._chosen(toks):
            taken[start : start + length] = b"\x01" * length
        return taken

    def _chosen(self, toks: Tokens) -> list[tuple[int, int, str]]:
        """(first token, length, term) of each name, in text order: the longest where names overlap,
        none in a dateline, ambiguous spellings only in context. A view gets those of its whole text
        that fall inside it, so context is read from the whole article."""
        key = (self._matcher, "chosen")
        chosen = toks._found.get(key)
        if chosen is not None:
            return chosen
        if toks._whole is not None:
            low, high = toks._first, toks._first + len(toks)
            chosen = [(start - low, length, term) for start, length, term in self._chosen(toks._whole)
                      if low <= start and start + length <= high]
        else:
            chosen = self._choose(toks)
        toks._found[key] = chosen
        return chosen

    def _choose(self, toks: Tokens) -> list[tuple[int, int, str]]:
        matches = toks.matched(self._matcher)
        if any(length > 1 for _, _, length in matches):
            matches = sorted(matches, key=lambda m: (-m[2], m[1], m[0]))
        taken = bytearray(len(toks))
        chosen = []
        for term, start, length in matches:
            if length > 1 and any(taken[start : start + length]) or taken[start]:
                continue
            taken[start : start + length] = b"\x01" * length
            chosen.append((start, length, term))
        chosen.sort()
        if chosen:
            datelines = dateline_spans(toks.text)
            if datelines:
                chosen = [c for c in chosen if not _inside(toks.starts[c[0]], datelines)]
        if self._ambiguous and any(term in self._ambiguous for _, _, term in chosen):
            chosen = self._in_context(toks, chosen)
        return chosen

    def _in_context(self, toks: Tokens, chosen: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``chosen`` without the ambiguous spellings that lack context (see ``Entity.ambiguous``)."""
        plain = {self._by_term[term] for _, _, term in chosen if term not in self._ambiguous}
        present: set[str] | None = None  # context words in the text, looked for only when needed
        kept = []
        for start, length, term in chosen:
            rule = self._ambiguous.get(term)
            if rule is None:
                kept.append((start, length, term))
                continue
            word = toks.words[start]
            first = self._key_of[term][0]
            prefix = word[: len(word) - len(first)] if word.endswith(first) else ""
            if rule.without_article and (prefix.endswith("ال") or prefix.endswith("لل")):
                continue  # «المالي», «للجانب المالي»: the adjective
            if rule.not_near and self._line_holds(toks, start, rule.not_near):
                continue
            if (rule.without_article and any(p in prefix for p in _PREPOSITION_PROCLITICS)
                    or start > 0 and rule.before & bare_forms(toks.words[start - 1])
                    and _only_space(toks.text, toks.ends[start - 1], toks.starts[start])
                    or rule.entity in plain or rule.context_ids & plain):
                kept.append((start, length, term))
                continue
            if rule.context_words:
                if present is None:
                    present = {found for found, _, _ in toks.matched(self._context_matcher)}
                if rule.context_words & present:
                    kept.append((start, length, term))
        return kept

    def _line_holds(self, toks: Tokens, at: int, wanted: frozenset[str]) -> bool:
        """Whether one of the ``wanted`` words is in the paragraph of token ``at``."""
        text = toks.text
        line_start = text.rfind("\n", 0, toks.starts[at]) + 1
        line_end = text.find("\n", toks.ends[at])
        first, last = toks.token_range(line_start, len(text) if line_end < 0 else line_end)
        return any(found in wanted for found, _, _ in self._context_matcher.matches(toks.words[first:last]))

    def find(self, text: str | Tokens) -> tuple[EntityMention, ...]:
        """The entities ``text`` mentions, in order of first mention, with spellings and counts."""
        toks = text if isinstance(text, Tokens) else Tokens(text)
        hits = [(start, entity, surface) for entity, start, _, surface in self.located(toks)]
        for r in resolution_spans(toks):
            hits.append((r.start, self.resolution_id(r.number), toks.text[r.start : r.end]))
        hits.sort(key=lambda h: h[0])
        surfaces: dict[str, dict[str, None]] = {}
        counts: dict[str, int] = {}
        for _, entity, surface in hits:
            surfaces.setdefault(entity, {})[sys.intern(surface)] = None  # a few spellings, in many articles
            counts[entity] = counts.get(entity, 0) + 1
        return tuple(EntityMention(e, tuple(surfaces[e]), counts[e]) for e in surfaces)


# A dateline opens a paragraph: a city (one or two words), its country after a comma if any (up to
# four words), the agency in brackets if any, then a dash: «الرباط – », «دبي، الإمارات العربية
# المتحدة (CNN)— ».
_WORDS = r"[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,%d}"
_DATELINE = re.compile(
    rf"^[ \t]*{_WORDS % 1}(?:[ \t]*[،,][ \t]*{_WORDS % 3})?[ \t]*(?:\([^()\n]{{1,24}}\)[ \t]*)?[-–—]+",
    re.MULTILINE,
)


_DATELINE_MARKS = re.compile(r"[-–—]")
_DATELINE_REACH = 80  # characters: a dateline's dash comes early in its paragraph


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph's dateline in ``text``; the first line (a headline) has none.

    Only paragraphs with a dash near their start are tried (most have none)."""
    found = []
    start = text.find("\n") + 1
    while start:
        end = text.find("\n", start)
        if _DATELINE_MARKS.search(text, start, min(start + _DATELINE_REACH, len(text) if end < 0 else end)):
            match = _DATELINE.match(text, start)
            if match:
                found.append(match.span())
        start = end + 1
    return found


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


@lru_cache(maxsize=_CACHE_LIMIT)
def _proclitic_length(form: str, key_first: str) -> int:
    """How many leading letters of ``form`` are proclitics before the name («وجان» → 1, «بالرباط» → 1)."""
    if form == key_first or not form.endswith(key_first):
        return 0
    prefix = form[: len(form) - len(key_first)]
    if prefix.endswith("ال") or prefix.endswith("لل"):
        return len(prefix) - 2
    return len(prefix)


# ------------------------------------------------------------------- candidates

TITLES = (
    "السيد", "السيدة", "الوزير", "الوزيرة", "الفريق", "الفريق أول", "اللواء", "العقيد", "الجنرال",
    "الكولونيل", "الماريشال", "المبعوث", "المبعوث الشخصي", "المبعوث الخاص", "المبعوث الأممي",
    "الأمين العام", "السفير", "السفيرة", "الرئيس", "الرئيسة", "المتحدث باسم", "المتحدثة باسم",
    "الناطق باسم", "الناطقة باسم", "الممثل الخاص", "المندوب الدائم", "الدكتور", "الدكتورة",
    "وزير الخارجية", "وزير الداخلية", "وزير الدفاع", "رئيس الوزراء", "رئيس الحكومة",
)
STOP_WORDS = frozenset(normalize(w) for w in (
    "في", "من", "على", "إلى", "الى", "عن", "مع", "الذي", "التي", "الذين", "أن", "إن", "ان", "أنه", "إنه",
    "قد", "لا", "لم", "لن", "ما", "هو", "هي", "هذا", "هذه", "ذلك", "تلك", "كان", "كانت", "بين", "لدى",
    "عند", "خلال", "بعد", "قبل", "منذ", "حتى", "ضد", "حول", "عبر", "أمام", "او", "أو", "ثم", "كما", "حيث",
    "أمس", "اليوم", "غدا", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد",
    "السابق", "السابقة", "الأسبق", "الحالي", "الجديد", "نفسه", "قال", "قالت", "أكد", "أكدت", "أضاف",
    "أعرب", "شدد", "صرح", "أوضح", "أشار", "اعتبر", "دعا", "يقول", "تقول", "بأن", "لأن", "كل", "جميع",
    "عدد", "بعض", "أي", "وفد", "مساء", "صباح", "قوله", "أمينها", "أمينه",
    # role nouns with the attached pronoun «ـه» (his counterpart, his deputy …) follow titles and are
    # never names; the suffix alone cannot tell them («ـه» also ends names written for «ـة»: «أسامه»)
    "نظيره", "نظيرته", "نائبه", "نائبته", "مبعوثه", "ممثله", "مساعده", "مستشاره", "رئيسه", "خليفته", "سلفه",
    "زوجته", "مساعيه", "جهوده", "بلاده", "حكومته", "وزيره",
    # future verbs whose shape the rule in _is_verb misses (a long vowel after the prefix)
    "سيواصل", "ستواصل", "سيوقع", "ستوقع", "سيوجه", "ستوجه",
))
INSTITUTION_WORDS = frozenset(normalize(w) for w in (
    "وزارة", "حكومة", "منظمة", "هيئة", "مجلس", "لجنة", "بعثة", "قوة", "قوات", "إدارة", "جبهة", "حزب",
    "جامعة", "اتحاد", "رئاسة", "وكالة", "دولة", "جمهورية", "مكتب", "مفوضية", "مديرية", "شركة", "مجموعة",
    "الحكومة", "الرئاسة", "الخارجية", "الداخلية", "الجيش", "البعثة", "المنظمة", "عمليات", "شؤون",
    # clubs, teams, media and other bodies: «لنادي إنتر ميلانو» names a club, not a person
    "نادي", "منتخب", "فريق", "صحيفة", "جريدة", "مجلة", "قناة", "شبكة", "إذاعة", "تلفزيون", "مؤسسة", "بنك",
    "مصرف", "جمعية", "محكمة", "برلمان", "نقابة", "معهد", "مركز", "مستشفى", "ملعب", "حركة", "تنظيم",
    "ائتلاف", "تحالف", "سفارة", "قنصلية", "بلدية", "ولاية", "محافظة", "مدينة",
))
# Given names that begin like a definite word («الحسن»): the article alone does not rule out a name.
GIVEN_NAMES_WITH_ARTICLE = frozenset(normalize(w) for w in (
    "الحسن", "الحسين", "الطيب", "الهادي", "الحبيب", "الحافظ", "المهدي", "المختار", "الصادق", "العربي",
    "البشير", "الأمين", "الناجي", "السالك", "الولي", "الخليل",
))
_ARTICLE_WITH_PROCLITIC = ("لل", "بال", "وال", "فال", "كال")
_VERB_PREFIXES = ("يست", "تست", "يت", "تت", "ين", "تن")
_GIVEN_NAMES_WITH_YA = frozenset(normalize(w) for w in (
    "يوسف", "يحيى", "ياسين", "يونس", "يزيد", "يعقوب", "ياسر", "يوهان", "يورغن", "يانيس", "يوكيا", "يولاندا",
))
# Given names shaped like a future verb (see _is_verb): «سيرغي لافروف» is a name, «سيبذل» a verb.
_GIVEN_NAMES_LIKE_VERBS = frozenset(normalize(w) for w in (
    "سيمون", "سيمونا", "سيلفا", "سيلفيا", "سيلفيو", "سيلفان", "سيرغي", "سيرجي", "سيدريك", "سيزار", "سيريل",
    "سيغولين", "سيباستيان", "سيرين", "ستروس",
))
# Endings of an attached object or possessive pronoun (ـها، ـهم، ـهما، ـهن، ـكم), written as such:
# a word carrying one is a noun or a verb, never a name.
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "هن", "كم")
_FUTURE_VERB = re.compile(r"س[يتنا][^اوي\W]\w{2,4}")  # «سيبذل», «ستعقد», «سنعمل»: future particle + imperfect
MAX_NAME_WORDS = 3
MIN_NAME_WORDS = 2


@lru_cache(maxsize=1)
def _titles() -> tuple[TermMatcher, dict[str, str], dict[str, str]]:
    return TermMatcher(TITLES), {t: normalize(t).split()[0] for t in TITLES}, {t: term_key(t)[0] for t in TITLES}


def _is_descriptor(form: str) -> bool:
    """A nisba adjective or «السابق» after a title: «السفير الهولندي», «الرئيس الألماني السابق»."""
    return form.startswith("ال") and (form.endswith("ي") or form.endswith("يه") or form in STOP_WORDS)


def _is_verb(form: str) -> bool:
    """A future verb: the particle «سـ» and an imperfect prefix before a root consonant («سيبذل»)."""
    return _FUTURE_VERB.fullmatch(form) is not None and form not in _GIVEN_NAMES_LIKE_VERBS


def is_name_word(form: str, first: bool, written: str = "") -> bool:
    """Whether a word (folded ``form``; ``written`` as in the text, marks removed) may be part of a
    personal name: not a function word, verb, institution word or a word with a pronoun suffix."""
    if len(form) < 2 or not form.isalpha() or form in STOP_WORDS:
        return False
    if not any("\u0621" <= ch <= "\u064a" for ch in form):
        return False
    if form.startswith(_ARTICLE_WITH_PROCLITIC):
        return False
    if bare_forms(form) & INSTITUTION_WORDS:
        return False
    if len(written) >= 4 and written.endswith(_PRONOUN_ENDINGS):
        return False
    if not first:
        return not (form.startswith("و") and len(form) > 3)
    if form.startswith("ال") and form not in GIVEN_NAMES_WITH_ARTICLE:
        return False
    if form.startswith(_VERB_PREFIXES) or form.startswith("و") and len(form) >= 6 or _is_verb(form):
        return False
    if form.startswith("ي") and len(form) >= 4 and form not in _GIVEN_NAMES_WITH_YA:
        return False
    return True


def find_candidates(text: str | Tokens, finder: EntityFinder) -> list[tuple[str, str]]:
    """(name, title) for 2–3 word names after a title that the gazetteer lacks, in text order.

    Arabic has no capitals: the name is the words after the title up to
    punctuation, a stop word, an institution word or a gazetteer name.
    Titles followed by a gazetteer name or by another title are skipped.
    """
    toks = text if isinstance(text, Tokens) else Tokens(text)
    words, raw = toks.words, toks.text
    matcher, first_words, title_keys = _titles()
    titles = sorted(toks.matched(matcher), key=lambda m: (m[1], -m[2]))
    if not titles:
        return []
    known = finder.covered(toks)
    title_starts = {start for _, start, _ in titles}
    found: dict[tuple[str, str], None] = {}
    last_end = -1
    for title, start, length in titles:
        if start < last_end or not words[start].endswith(first_words[title]):
            continue
        last_end = start + length
        i = start + length

        def joined(k: int) -> bool:
            return _only_space(raw, toks.ends[k - 1], toks.starts[k])

        while i < len(toks) and i < last_end + 2 and not known[i] and _is_descriptor(words[i]) and joined(i):
            i += 1
        if i < len(toks) and (known[i] or i in title_starts):
            continue
        name: list[int] = []
        while i < len(toks) and len(name) < MAX_NAME_WORDS and not known[i] and joined(i):
            written = DIACRITICS.sub("", raw[toks.starts[i] : toks.ends[i]])
            if not is_name_word(words[i], first=not name, written=written):
                break
            name.append(i)
            i += 1
        if len(name) >= MIN_NAME_WORDS:
            head = toks.starts[start]
            if toks.ends[start] - head == len(words[start]):
                head += _proclitic_length(words[start], title_keys[title])
            found.setdefault((raw[toks.starts[name[0]] : toks.ends[name[-1]]], raw[head : toks.ends[last_end - 1]]), None)
    return list(found)


def _only_space(text: str, start: int, end: int) -> bool:
    """Only spaces (no punctuation, no line break) between two offsets."""
    gap = text[start:end]
    return not gap or gap.isspace() and "\n" not in gap
