"""Direct quotes with their speakers, and the figures an article gives.

A quote is text of at least three words between “…”, «…» or "…" that reports what someone said or
wrote. Each quote is credited by the attribution that governs it in its sentence: the last one
before it, or one right after it («"…"، قال دوجاريك», «"…" بحسب ما قال السفير», «"…"، وفق بيان
للأمم المتحدة»), which wins when it names its source directly. An attribution is

- a speech verb in any of its forms and persons (قال، قالت، يقول، قالوا، قائلا …; أكد، أوضح، أضاف،
  صرح، أعلن، شدد، اعتبر، أشار، دعا …) with its subject, which follows it (Arabic puts the verb
  first): a gazetteer name, a name after a title («وزيرة الثقافة المالية راماتولاي ديالو»), a name
  before its title («فيصل فجر لاعب وسط المغرب»), or a title, an organisation or a document as
  written («وقالت المحكمة», «وقال بيان للخارجية المغربية», «أكدت قوة حفظ السلام»);
- a preposition of attribution with its object: «حسب/بحسب/وفق/وفقا لـ/نقلا عن/على لسان X»;
- «نقلت … عن X قوله», «وجاء في X».

A past verb or a participle with no subject («وأضاف "…"», «مؤكدا أن») speaks for the speaker
named before, only when that is unambiguous: a participle for the subject of its own sentence, a
past verb for the last speaker named, if it agrees with it in gender and number and no other person
became a subject in between. A present verb with no subject is impersonal («ويذكر أن»): no speaker.
The words that named the speaker are kept as ``speaker_evidence``.

Text in quotation marks that is a name or a label, not speech, is not a quote: a quoted phrase
right after a naming word («مبادرة»، «شعار»، «ذكرى»، «منظمة»، «ما سمته» …), a quoted phrase
between a speech verb and its «أن/إن» (the addressee: «أكد بوريطة لـ"سكاي نيوز عربية" أن»), and a
short quoted phrase (five words or fewer) that no attribution governs. Nor is a short quoted phrase
(five words or fewer) that a relative pronoun follows at once («بـ"المشاورات غير الرسمية والثنائية"
التي أجراها»: the antecedent of a relative clause is a thing the sentence tells about, not words
said), or that the article also writes without quotation marks («مشاورات "ثنائية غير رسمية"» and,
in another paragraph, «مشاورات ثنائية غير رسمية»: the writer's own term, marked as a label), even
when a speech verb stands before it. Precision comes first: a speaker the text does not make plain
is left unknown.

A figure is a number with the words that say what it counts («1724 من القبعات الزرق»); years,
dates, ordinals and resolution numbers are not figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from .arabic import Tokens, bare_forms, blanked, normalize, tokens
from .entities import (GIVEN_NAMES_WITH_ARTICLE, INSTITUTION_WORDS, EntityFinder, find_candidates, is_name_word,
                       resolution_spans)
from .models import KeyFigure, Quote

MIN_QUOTE_WORDS = 3
MAX_QUOTE_CHARS = 1000
MAX_UNATTRIBUTED_WORDS = 5  # a quoted phrase this short that nothing attributes is a label, not a quote
_QUOTE = re.compile(
    "“([^“”\n]{1,%d}?)[”“]|«([^«»\n]{1,%d}?)»|\"([^\"\n]{1,%d}?)\"|„([^„“”\n]{1,%d}?)[“”]"
    % ((MAX_QUOTE_CHARS,) * 4)
)
_QUOTE_MARKS = re.compile("[“«\"„]")
_SENTENCE_END = re.compile(r"[.!?؟…][.!?؟…]*(?=\s|$)")  # «[…]+» spelt so: a pattern that begins with a
# character class is searched for much faster (the engine skips to the characters of the class)
_WORD = re.compile(r"\w+")

# Speech verbs as (past, present, participle) of the third person masculine singular; the other
# persons are made from them: past +ت (feminine), +وا (plural); present ي→ت (feminine), +ون
# (plural); participle ا→ة (feminine), ا→ين (plural). "" where that form is no speech verb or is
# ambiguous: «مجددا» is also "again", «تبلغ» "amounts to", «يذكر أن» "it is worth noting that".
_SPEECH_VERB_TABLE = (
    ("قال", "يقول", "قائلا"), ("أكد", "يؤكد", "مؤكدا"), ("أوضح", "يوضح", "موضحا"), ("أضاف", "يضيف", "مضيفا"),
    ("صرح", "يصرح", "مصرحا"), ("أعلن", "يعلن", "معلنا"), ("شدد", "يشدد", "مشددا"), ("اعتبر", "", "معتبرا"),
    ("أشار", "يشير", "مشيرا"), ("حذر", "يحذر", "محذرا"), ("تابع", "", ""), ("ذكر", "", ""),
    ("أبرز", "يبرز", "مبرزا"), ("أعرب", "يعرب", "معربا"), ("عبر", "", "معبرا"), ("اتهم", "يتهم", "متهما"),
    ("لفت", "يلفت", "لافتا"), ("نوه", "ينوه", "منوها"), ("كشف", "يكشف", "كاشفا"), ("جدد", "يجدد", ""),
    ("أورد", "", ""), ("أفاد", "يفيد", "مفيدا"), ("أبلغ", "", ""), ("أدان", "", ""),
    ("حث", "يحث", ""), ("طلب", "يطلب", ""), ("هدد", "يهدد", "مهددا"), ("وصف", "يصف", "واصفا"),
    ("برر", "يبرر", "مبررا"), ("كرر", "يكرر", "مكررا"), ("تساءل", "يتساءل", "متسائلا"), ("أبدى", "", "مبديا"),
    ("", "", "مسجلا"), ("", "", "مشجعا"), ("رحب", "يرحب", "مرحبا"), ("نفى", "", ""),
)
# forms the rules above do not make: verbs whose last root letter is weak
_IRREGULAR_FORMS = {
    "دعا": "m", "دعت": "f", "دعوا": "p", "يدعو": "m", "تدعو": "f", "داعيا": "m", "داعية": "f",
    "نفت": "f", "نفوا": "p", "نافيا": "m", "نافية": "f", "رأى": "m", "رأت": "f", "رأوا": "p", "يرى": "m",
    "ترى": "f", "أبدت": "f", "أبدوا": "p",
}
_RELAY_VERBS = frozenset(normalize(w) for w in ("ذكر", "ذكرت", "أورد", "أوردت", "نقل", "نقلت", "نقلته", "نشر", "نشرت"))


def _verb_forms() -> dict[str, tuple[str, str]]:
    """Each folded speech-verb form → (person: "m", "f" or "p"; tense: "past", "present", "participle")."""
    forms: dict[str, tuple[str, str]] = {}
    for past, present, participle in _SPEECH_VERB_TABLE:
        if past:
            forms |= {past: ("m", "past"), past + "ت": ("f", "past"), past + "وا": ("p", "past")}
        if present:
            forms |= {present: ("m", "present"), "ت" + present[1:]: ("f", "present"), present + "ون": ("p", "present")}
        if participle:
            forms |= {participle: ("m", "participle"), participle[:-1] + "ة": ("f", "participle"),
                      participle[:-1] + "ين": ("p", "participle")}
    for form, person in _IRREGULAR_FORMS.items():
        tense = "participle" if form.endswith(("يا", "ية")) else "present" if form[0] in "يت" else "past"
        forms[form] = (person, tense)
    folded = {normalize(form): kind for form, kind in forms.items()}
    return folded | {f"{conjunction}{form}": kind for conjunction in ("و", "ف") for form, kind in folded.items()}


SPEECH_VERB_FORMS = _verb_forms()
SPEECH_VERBS = frozenset(SPEECH_VERB_FORMS)
_ATTRIBUTION_WORDS = frozenset(normalize(w) for w in (  # «حسب X», «وفق X», «نقلا عن X», «على لسان X»
    "حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "ووفقا", "طبقا", "نقلا", "لسان",
))
_SAYING_WORDS = frozenset(normalize(w) for w in ("قوله", "قولها", "قولهم"))  # «نقلت الوكالة عن X قوله»
_CAME_WORDS = frozenset(normalize(w) for w in ("جاء", "وجاء", "ورد", "وورد"))  # «وجاء في البيان»
_COMPLEMENTISERS = frozenset(normalize(w) for w in ("أن", "إن", "ان", "بأن", "أنه", "إنه", "أنها", "إنها", "بأنه",
                                                    "بأنها", "وأن", "وإن", "وانه", "لأن"))  # not «فإن»: «فان» is also "van"
# the head words of a speaker named by a title, an institution or a document («المتحدث», «البيان»):
# these and every institution word («وزارة», «المحكمة»)
_SPEAKER_HEADS = frozenset(normalize(w) for w in (
    "وزير", "وزيرة", "متحدث", "متحدثة", "ناطق", "ناطقة", "سفير", "سفيرة", "مبعوث", "مبعوثة", "أمين", "رئيس",
    "رئيسة", "ممثل", "ممثلة", "مندوب", "مندوبة", "مصدر", "مصادر", "بيان", "قرار", "مشروع", "نص", "تقرير",
    "خارجية", "زعيم", "زعيمان", "زعماء", "مسؤول", "مسؤولة", "مسؤولون", "عاهل", "ملك", "أمير", "جيش", "موقع",
    "قائد", "مدير", "مديرة", "ضابط", "نجم", "لاعب", "مدرب", "كولونيل", "عقيد", "جنرال", "لواء", "دكتور", "سيد",
    "سيدة", "شيخ", "ناشط", "خبير", "محلل", "باحث", "شاهد", "شهود", "سكان", "مفوض", "نائب", "برلمانيون", "منسق",
    "مستشار", "قاضي", "مدعي", "أمانة", "مرصد", "مسؤولو", "نائبة", "عضو", "أعضاء", "الدولة", "رسالة", "وثيقة",
    "اتفاق", "الاتفاق", "البلاغ", "بلاغ",
)) | INSTITUTION_WORDS
# yesterday, today and the weekdays: a day after a speaker's name ends it
_DAYS = frozenset(normalize(w) for w in ("أمس", "اليوم", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة",
                                         "السبت", "الأحد"))
# words that end a speaker's noun phrase: prepositions, adverbs of time, relatives, particles
_PHRASE_STOPS = frozenset(normalize(w) for w in (
    "في", "من", "على", "إلى", "الى", "عن", "مع", "خلال", "أمام", "عقب", "بعد", "قبل", "منذ", "حول", "لدى",
    "عند", "بين", "حيث", "كما", "أيضا", "كذلك", "مجددا", "غدا", "الذي", "التي", "الذين", "اللذان", "بدوره", "بدورها",
    "قد", "لا", "لم", "لن", "ما", "هذا", "هذه", "ذلك", "تلك", "إذ", "بشكل", "رسميا", "صباح", "مساء", "يوم",
    "عبر", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "له", "لها", "إياها", "إياه", "آنذاك",
)) | _DAYS | _COMPLEMENTISERS
_MAX_PHRASE_WORDS = 6
_SPEAKER_WINDOW = 14  # words after a speech verb where its subject may be named
_AFTER_QUOTE_WORDS = 3  # an attribution after a quote governs it when it starts this close
# a quoted phrase right after one of these words, or two words after with a number or a possessive
# between («الذكرى 63 "…"», «مخطط عمله حول "…"»), names a thing
_NAMING_WORDS = frozenset(normalize(w) for w in (
    "مبادرة", "شعار", "عنوان", "بعنوان", "ذكرى", "برنامج", "خطة", "مخطط", "حملة", "تسمية", "لقب", "اسم",
    "طراز", "جائزة", "مهرجان", "تأسيس", "قيام", "عضوية", "هاشتاغ", "وسم", "سمى", "سمته", "سماه", "سموه",
    "سموها", "سموهم", "سمتها", "يسمى", "تسمى", "يسمي", "تسمي", "المسمى", "المسماة", "يدعى", "تدعى", "تعني",
    "يعني", "عبارة", "بعبارة",
))
# an organisation's kind right before a short quoted phrase: its name («منظمة "حملة الصحراء الغربية"»)
_KIND_WORDS = frozenset(normalize(w) for w in (
    "منظمة", "جمعية", "حزب", "حركة", "مؤسسة", "شركة", "قناة", "صحيفة", "مجلة", "وكالة", "مجموعة", "تحالف",
))
# a relative pronoun right after a short quoted phrase makes it the antecedent of a clause: a thing
_RELATIVES = frozenset(normalize(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي",
                                              "اللواتي"))
_NAMING_REACH = 3
_SHORT_NAME_WORDS = 4


@dataclass(frozen=True)
class _Sentence:
    text: str
    quotes: tuple[str, ...]
    masked: str  # the sentence with the quoted text blanked out


@dataclass(frozen=True)
class _Speaker:
    id: str  # entity id, or the name as written
    name: str  # as written
    person: str  # "m", "f", "p" of the verb that named it, or ""
    evidence: str


@dataclass(frozen=True)
class _Cue:
    at: int  # token
    kind: str  # "verb", "by" («حسب X»), "saying» («عن X قوله»), "in" («وجاء في X»)
    person: str = ""  # a verb's "m", "f", "p"
    tense: str = ""  # a verb's "past", "present", "participle"


def split_sentences(paragraph: str) -> list[_Sentence]:
    """The paragraph's sentences, never split inside a quote, with the quotes each holds."""
    quotes, spans = _quotes_and_sentences(paragraph)
    masked = blanked(paragraph, [(a, b) for a, b, _ in quotes])
    return [_Sentence(paragraph[a:b].strip(), tuple(q[2] for q in held), masked[a:b]) for a, b, held in spans]


def _quotes_and_sentences(paragraph: str) -> tuple[list[tuple[int, int, str]],
                                                   list[tuple[int, int, tuple[tuple[int, int, str], ...]]]]:
    """(start, end, text) of each quote, and (start, end, quotes held) of each sentence."""
    quotes = [(m.start(), m.end(), next(g for g in m.groups() if g is not None).strip())
              for m in _QUOTE.finditer(paragraph)]
    cuts = [0]
    for end in _SENTENCE_END.finditer(paragraph):
        at = end.start()
        if not quotes or not any(a < at < b for a, b, _ in quotes):
            cuts.append(end.end())
    cuts.append(len(paragraph))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        if not paragraph[a:b].isspace() and a < b:
            spans.append((a, b, tuple(q for q in quotes if a <= q[0] < b)))
    return quotes, spans


@dataclass(frozen=True)
class _Name:
    """A gazetteer name in a paragraph."""

    entity: str
    at: int  # token
    surface: str
    begin: int  # characters
    end: int
    type: str  # the entity's type: "person", "place" …


@dataclass
class _Paragraph:
    """A paragraph's tokens with its quotes blanked out, and what the quote finder reads of them."""

    toks: Tokens
    finder: EntityFinder
    quote_before: frozenset[int]  # tokens right after a quote

    @cached_property
    def names(self) -> list[_Name]:
        """The gazetteer names of the paragraph, found once for all its attributions."""
        found = []
        for entity, begin, end, surface in self.finder.located(self.toks):
            record = self.finder.entity(entity)
            at = bisect_right(self.toks.starts, begin) - 1  # the token the name begins in (after any proclitic)
            found.append(_Name(entity, at, surface, begin, end, record.type if record is not None else ""))
        return found

    def names_within(self, first: int, last: int) -> list[_Name]:
        """The names that lie wholly in tokens ``first`` to ``last - 1``, as ``finder.located`` finds
        them in a view of those tokens."""
        low, high = self.toks.starts[first], self.toks.ends[last - 1]
        return [name for name in self.names if low <= name.begin and name.end <= high]

    def breaks(self, k: int) -> bool:
        """A quote, a colon or a line between tokens ``k - 1`` and ``k``."""
        return k in self.quote_before or ":" in self.between(k)

    def between(self, k: int) -> str:
        return self.toks.text[self.toks.ends[k - 1]:self.toks.starts[k]] if k else ""

    def punctuated(self, k: int) -> bool:
        return k in self.quote_before or any(ch in self.between(k) for ch in ",،:؛;()")

    def surface(self, first: int, last: int) -> str:
        return self.toks.text[self.toks.starts[first]:self.toks.ends[last - 1]]


def find_quotes(paragraphs: Sequence[str], finder: EntityFinder, body: Tokens | None = None) -> tuple[Quote, ...]:
    """Direct quotes of three words or more, with the speaker where the text says who.

    ``body``: the ``Tokens`` of the paragraphs joined by line breaks, when already made.
    """
    found: list[Quote] = []
    seen: set[tuple[str, str | None]] = set()
    last: _Speaker | None = None  # the last speaker named, for a past verb without a subject
    last_paragraph = -2
    quoting = [bool(_QUOTE_MARKS.search(p)) for p in paragraphs] + [False]
    body = body if body is not None else Tokens("\n".join(paragraphs))
    offset = -1
    own_words: list[str] = []  # the article's words outside quotation marks, made when first needed
    for index, paragraph in enumerate(paragraphs):
        offset += 1
        start, offset = offset, offset + len(paragraph)
        if not (quoting[index] or quoting[index + 1]):
            continue  # a speaker named here could only matter to quotes here or in the next paragraph
        if index - last_paragraph > 1:
            last = None
        quotes, spans = _quotes_and_sentences(paragraph)
        toks = body.view(start, offset).blanked([(a, b) for a, b, _ in quotes])
        cues = _cues(toks.words)
        if not cues and not quotes:
            continue
        para = _Paragraph(toks, finder, frozenset(toks.token_range(qa, qb)[1] for qa, qb, _ in quotes))
        subjects = _subjects(para, spans) if cues else []
        for a, b, held in spans:
            first, end = toks.token_range(a, b)
            said: list[tuple[_Cue, _Speaker | None]] = []
            for cue in (c for c in cues if first <= c.at < end):
                speaker = _cue_speaker(para, cue, end)
                if speaker is None and cue.kind == "verb":
                    speaker = _implied_speaker(para, cue, first, said, last, subjects)
                elif speaker is not None and cue.kind == "verb":
                    last = speaker
                said.append((cue, speaker))
                if speaker is not None:
                    last_paragraph = index
            sentence = paragraph[a:b].strip() if held else ""
            for qa, qb, text in held:
                words = len(list(islice(_WORD.finditer(text), MAX_UNATTRIBUTED_WORDS + 1)))
                if words < MIN_QUOTE_WORDS:
                    continue
                q_first, q_last = toks.token_range(qa, qb)
                if _names_a_thing(para, q_first, first, words) or _before_complementiser(para, said, q_first, end):
                    continue
                if words <= MAX_UNATTRIBUTED_WORDS and (_antecedent(paragraph, qb)
                                                        or _written_unquoted(text, paragraphs, own_words)):
                    continue
                governing = _governing(para, said, q_first, q_last)
                if governing is None and words <= MAX_UNATTRIBUTED_WORDS:
                    continue
                speaker = governing[1] if governing else None
                quote = Quote(text=text, speaker=speaker.id if speaker else None,
                              speaker_name=speaker.name if speaker else None, sentence=sentence,
                              speaker_evidence=speaker.evidence if speaker else "")
                if (quote.text, quote.speaker) not in seen:
                    seen.add((quote.text, quote.speaker))
                    found.append(quote)
    return tuple(found)


def _cues(words: list[str]) -> list[_Cue]:
    """The attributions among ``words``, in order."""
    cues = []
    for i, word in enumerate(words):
        verb = SPEECH_VERB_FORMS.get(word)
        if verb:
            cues.append(_Cue(i, "verb", *verb))
        elif word in _ATTRIBUTION_WORDS:
            cues.append(_Cue(i, "by"))
        elif word in _SAYING_WORDS:
            cues.append(_Cue(i, "saying"))
        elif word in _CAME_WORDS and i + 1 < len(words) and words[i + 1] == "في":
            cues.append(_Cue(i + 1, "in"))
    return cues


def _subjects(para: _Paragraph, spans) -> list[tuple[int, str]]:
    """(token, entity id) of each person the gazetteer names where a clause's subject stands: at the
    start of a sentence or right after «أن/إن» («وأضاف أن الملك محمد السادس تحدث …»)."""
    starts = {para.toks.token_range(a, b)[0] for a, b, _ in spans}
    found = []
    for name in para.names:
        k = name.at
        at_clause_start = any(s <= k <= s + 1 for s in starts) or k and para.toks.words[k - 1] in _COMPLEMENTISERS
        if name.type == "person" and at_clause_start:
            found.append((k, name.entity))
    return found


def _cue_speaker(para: _Paragraph, cue: _Cue, end: int) -> _Speaker | None:
    """Who the attribution names after it, or None."""
    words = para.toks.words
    subject = cue.at + 1
    if cue.tense == "participle":
        return None  # «مؤكدا أن», «داعيا الرباط إلى»: what follows a participle is its object
    if cue.kind == "by":
        if subject < end and words[subject] in ("عن",) and words[cue.at] == "نقلا":
            subject += 1
        elif words[cue.at] == "نقلا" or words[cue.at] == "لسان" and (not cue.at or words[cue.at - 1] != "علي"):
            return None
        if subject < end and words[subject] in ("ما", "لما"):
            return None  # «بحسب ما قال X»: the verb after it is an attribution of its own
    elif cue.kind == "saying":
        cited = next((i for i in range(cue.at - 1, max(cue.at - _SPEAKER_WINDOW, -1), -1)
                      if words[i] in ("عن", "لسان")), None)
        if cited is None:
            return None
        subject, end = cited + 1, cue.at
    window = min(end, subject + _SPEAKER_WINDOW)
    for k in range(subject, window):  # the subject ends before «أن/إن», a colon or a quote
        if words[k] in _COMPLEMENTISERS or words[k] in SPEECH_VERB_FORMS or para.breaks(k):
            window = k
            break
    if window <= subject or subject and para.breaks(subject) or para.punctuated(subject):
        return None
    person = cue.person if cue.kind == "verb" else ""
    cue_word = para.surface(cue.at, cue.at + 1) if cue.kind != "saying" else para.surface(subject - 1, subject)
    found = _named(para, subject, window)
    if found is None:
        return None
    entity, name, name_at = found
    evidence = para.surface(cue.at, name_at) if name_at <= cue.at + 1 + 3 and cue.kind != "saying" else \
        f"{cue_word} … {para.surface(subject, name_at)}" if name_at > subject else cue_word
    evidence = f"{evidence} {name}".strip() if not evidence.endswith(name) else evidence
    return _Speaker(entity, name, person, evidence)


def _named(para: _Paragraph, subject: int, window: int) -> tuple[str, str, int] | None:
    """(id, name as written, token where the name starts) of the subject that begins at ``subject``."""
    toks, finder = para.toks, para.finder
    located = para.names_within(subject, window)
    phrase_end = _noun_phrase(para, subject, window)
    # a person the gazetteer knows, inside the subject's title («وزير الخارجية المغربي ناصر بوريطة»)
    # or right after it and a comma («المتحدث باسم الخارجية الإيرانية، بهرام قاسمي»)
    reach = phrase_end if phrase_end is not None else subject + 1
    if reach < window and para.between(reach).strip() in (",", "،"):
        reach += 1
    if _is_head(toks.words[subject]):
        reach = window  # a title's person may follow its whole description («السفير المغربي لدى الأمم المتحدة عمر هلال»)
    name_end = _name_after_title(para, subject, phrase_end, window) if phrase_end is not None else None
    for name in located:
        if name.type == "person" and name.at <= max(reach, name_end[1] if name_end else 0):
            return name.entity, name.surface, name.at
    first_located = located[0] if located and located[0].at == subject else None
    if first_located is not None:
        return first_located.entity, first_located.surface, subject  # «وقالت روسيا», «وقال مجلس الأمن»
    if name_end is not None:
        name = para.surface(*name_end)
        return name, name, name_end[0]
    named = find_candidates(toks.view(toks.starts[subject], toks.ends[window - 1]), finder)
    if named and phrase_end is not None:
        return named[0][0], named[0][0], subject
    lead = _name_before_title(para, subject, window)
    if lead is not None:
        name = para.surface(subject, lead)
        return name, name, subject
    if phrase_end is None:
        return None
    head = bare_forms(toks.words[subject]) | {toks.words[subject]}
    if not head & _SPEAKER_HEADS and not (first_located and phrase_end):
        return None
    name = para.surface(subject, phrase_end)
    return name, name, subject


def _noun_phrase(para: _Paragraph, start: int, end: int) -> int | None:
    """The end (token) of the noun phrase that begins at ``start``: nouns in construct («وزارة
    الخارجية»), then adjectives («الإيرانية»), «باسم X», «في» and a place; a definite word closes a
    construct, so a word without «ال» after it begins another phrase (the verb's object: «أبلغت
    البعثة الأمريكية مجلس الأمن»)."""
    words = para.toks.words
    if start >= end or words[start] in _PHRASE_STOPS or not words[start].isalpha() or len(words[start]) < 2:
        return None
    if words[start].startswith("لل") or words[start] in SPEECH_VERB_FORMS:
        return None
    k = start + 1
    closed = words[start].startswith("ال")
    while k < end and k - start < _MAX_PHRASE_WORDS:
        word = words[k]
        if para.punctuated(k) or para.breaks(k) or not word.isalpha():
            break
        if word == "باسم":  # «المتحدث باسم X»: X begins a construct of its own
            k += 1
            closed = False
            continue
        if word == "في" and k + 1 < end and _is_place(para, k + 1):
            k += 2
            continue
        if word in _PHRASE_STOPS or word.startswith("لل") and closed:
            break
        definite = word.startswith(("ال", "وال"))
        if closed and not (definite and (_is_adjective(word) or word.startswith("وال"))):
            break
        closed = closed or definite
        k += 1
    return k


def _is_adjective(word: str) -> bool:
    """A definite nisba adjective («المغربي», «الإيرانية») or an adjective of rank or time."""
    return (word.endswith(("ي", "يه")) or word in _ADJECTIVES) and word not in GIVEN_NAMES_WITH_ARTICLE


_ADJECTIVES = frozenset(normalize(w) for w in ("السابق", "السابقة", "الجديد", "الجديدة", "العام", "العامة", "الخاص",
                                               "الدائم", "الشخصي", "الرسمي", "الأعلى", "المتحدة", "الأحمر"))


def _is_place(para: _Paragraph, k: int) -> bool:
    for name in para.names_within(k, min(k + 2, len(para.toks) - 1) + 1):
        return name.begin == para.toks.starts[k] and name.type == "place"
    return False


def _name_after_title(para: _Paragraph, subject: int, phrase_end: int, window: int) -> tuple[int, int] | None:
    """A name of two or three words after a title and what the title is of («ممثلة الولايات المتحدة
    إيمي تاشكو إن», «المدير العام لليونيسكو إيرينا بوكوفا لعمال البناء»), ending where the verb's
    subject ends (a comma, «أن/إن», a colon, a quote, «لـ» before the addressee, a day): the tokens
    (start, end) of the name."""
    words = para.toks.words
    if not _is_head(words[subject]):
        return None
    covered = para.finder.covered(para.toks.view(para.toks.starts[subject], para.toks.ends[window - 1]))
    k = phrase_end
    while k < window and k - phrase_end < 4 and not para.breaks(k) and (
            words[k].startswith("ل") or words[k] in ("باسم", "في", "لدى") or covered[k - subject]
            or words[k].startswith("ال") and words[k] not in GIVEN_NAMES_WITH_ARTICLE):
        k += 1  # what the title is of: «لليونيسكو», «باسم حكومة جنوب السودان», «لدى الأمم المتحدة»
    if k < window and para.between(k).strip() in (",", "،"):
        k += 1
    name = k
    while name < window and name - k < 3 and not covered[name - subject] and words[name] not in _PHRASE_STOPS \
            and is_name_word(words[name], first=name == k) and not _is_head(words[name]):
        if name > k and para.punctuated(name) or name - k >= 2 and words[name].startswith("ل") \
                and name + 1 < len(words) and words[name + 1].startswith("ال"):
            break  # «إيرينا بوكوفا لعمال البناء»: «لـ» and a construct begin the addressee
        name += 1
    if name - k < 2:
        return None
    if name >= window or para.punctuated(name) or para.breaks(name) or words[name] in _COMPLEMENTISERS:
        return k, name
    after = words[name]
    return (k, name) if after.startswith("ل") or after in _DAYS else None


def _name_before_title(para: _Paragraph, subject: int, window: int) -> int | None:
    """The end of a name of two or three words that a title follows («وقال فيصل فجر لاعب وسط
    المغرب», «وقال ديفيد شيرر، رئيس بعثة …»), or None."""
    words = para.toks.words
    k = subject
    while k < window and k - subject < 3 and is_name_word(words[k], first=k == subject) and not _is_head(words[k]):
        if k > subject and para.punctuated(k):
            break
        k += 1
    if k - subject < 2 or k >= window:
        return None
    return k if _is_head(words[k]) else None


def _is_head(word: str) -> bool:
    """A title, an institution or a document («رئيس», «الوزارة», «البيان»)."""
    return bool((bare_forms(word) | {word}) & _SPEAKER_HEADS)


def _implied_speaker(para: _Paragraph, cue: _Cue, first: int, said: list[tuple[_Cue, _Speaker | None]],
                     last: _Speaker | None, subjects: list[tuple[int, str]]) -> _Speaker | None:
    """The speaker of a verb with no subject, when the text makes it plain (see the module docstring)."""
    word = para.surface(cue.at, cue.at + 1)
    if cue.tense == "participle":
        own = [s for c, s in said if s is not None and c.kind == "verb"]
        if own:
            return _Speaker(own[-1].id, own[-1].name, own[-1].person, f"{word} ← {own[-1].name}")
        for entity, at, surface in _sentence_people(para, first, cue.at):
            return _Speaker(entity, surface, cue.person, f"{para.surface(first, at)} {surface} … {word}".strip())
        return None
    if cue.tense != "past":
        return None
    fronted = _fronted_subject(para, cue, first, said)
    if fronted is not None:
        return fronted
    if last is None or cue.person != last.person:
        return None
    words = para.toks.words
    following = cue.at + 1
    if following < len(words) and not (para.breaks(following) or para.punctuated(following)) \
            and words[following] not in _PHRASE_STOPS and not words[following].startswith("ل"):
        return None  # a subject the finder does not know («واعتبرت إثيوبيا أن»): unknown, not the last speaker
    if cue.at + 1 < len(words) and words[cue.at + 1] in ("فيها", "فيه"):
        return None  # «قال فيها»: the one who wrote it, named before
    if any(at < cue.at and entity != last.id for at, entity in subjects):
        return None
    return _Speaker(last.id, last.name, last.person, f"{word} ← {last.name}")


def _fronted_subject(para: _Paragraph, cue: _Cue, first: int, said) -> _Speaker | None:
    """The subject named before its verb: «أما فرنسا، فرأت أن», or a person named since the
    sentence's last attribution («أن وزير الخارجية المغربي، ناصر بوريطة، أعلن …»)."""
    words = para.toks.words
    word = para.surface(cue.at, cue.at + 1)
    if words[cue.at].startswith("ف"):
        topic = next((k for k in range(cue.at - 1, first - 1, -1) if words[k] == "اما"), None)
        if topic is not None and topic + 1 < cue.at:
            named = _named(para, topic + 1, cue.at)
            if named is not None:
                return _Speaker(named[0], named[1], cue.person, f"أما {named[1]}، {word}")
    since = max([c.at + 1 for c, _ in said] + [first])
    for entity, at, surface in _sentence_people(para, since, cue.at, stop_at_complementiser=False):
        return _Speaker(entity, surface, cue.person, f"{surface} … {word}")
    return None


def _sentence_people(para: _Paragraph, first: int, before: int, stop_at_complementiser: bool = True):
    """(entity, token, surface) of the persons named between tokens ``first`` and ``before``, up to
    the first «أن/إن» unless told otherwise."""
    if before <= first:
        return
    stop = next((k for k in range(first, before) if para.toks.words[k] in _COMPLEMENTISERS), before) \
        if stop_at_complementiser else before
    for name in para.names_within(first, before):
        if name.at < stop and name.type == "person":
            yield name.entity, name.at, name.surface


def _governing(para: _Paragraph, said: list[tuple[_Cue, _Speaker | None]], q_first: int,
               q_last: int) -> tuple[_Cue, _Speaker | None] | None:
    """The attribution that governs a quote: one right after it that names its source directly
    («"…"، وفق بيان للأمم المتحدة», «"…" بحسب ما قال السفير»), else the last before it, else one
    right after it."""
    after = [s for s in said if s[0].at >= q_last and s[0].at - q_last < _AFTER_QUOTE_WORDS]
    if after:
        cue, speaker = after[0]
        words = para.toks.words
        direct = cue.kind == "by" or cue.kind == "verb" and cue.at and words[cue.at - 1] in ("ما", "لما") \
            and words[cue.at] not in _RELAY_VERBS
        if speaker is None and cue.kind == "by" and len(after) > 1:
            cue, speaker = after[1]
            direct = cue.kind == "verb" and words[cue.at] not in _RELAY_VERBS
        if direct and speaker is not None:
            return cue, speaker
    before = [s for s in said if s[0].at < q_first]
    if before:
        return before[-1]
    return after[0] if after else None


def _names_a_thing(para: _Paragraph, q_first: int, sentence_first: int, words: int) -> bool:
    """A naming word just before the quote («مبادرة "…"», «ما سمته "…"»), or an organisation's kind
    right before a short one («منظمة "…"»)."""
    toks = para.toks
    for k in range(q_first - 1, max(q_first - 1 - _NAMING_REACH, sentence_first - 1), -1):
        word = toks.words[k]
        if word in SPEECH_VERB_FORMS or para.punctuated(k + 1) and k + 1 < q_first:
            return False
        forms = bare_forms(word) | {word}
        if forms & _NAMING_WORDS or k == q_first - 1 and words <= _SHORT_NAME_WORDS and forms & _KIND_WORDS:
            return True
    return False


def _antecedent(paragraph: str, quote_end: int) -> bool:
    """A relative pronoun is the word right after the quote («"…" التي أجراها»)."""
    following = _WORD.search(paragraph, quote_end, quote_end + 40)
    return bool(following and not paragraph[quote_end:following.start()].strip(" ”»\"“„")
                and normalize(following.group()) in _RELATIVES)


def _written_unquoted(text: str, paragraphs: Sequence[str], own_words: list[str]) -> bool:
    """The article writes the quoted words, in that order, outside quotation marks too."""
    if not own_words:
        own_words.append(" " + " ".join(tokens(_QUOTE.sub(" | ", "\n".join(paragraphs)))) + " ")
    return f" {' '.join(tokens(text))} " in own_words[0]


def _before_complementiser(para: _Paragraph, said: list[tuple[_Cue, _Speaker | None]], q_first: int, end: int) -> bool:
    """A quote between a speech verb and that verb's «أن/إن»: the addressee or the subject, not
    what was said («أكد بوريطة لـ"سكاي نيوز عربية"، الثلاثاء، أن …»)."""
    before = [c.at for c, _ in said if c.at < q_first and c.kind == "verb"]
    if not before:
        return False
    words = para.toks.words
    if any(words[k] in _COMPLEMENTISERS or para.breaks(k) for k in range(before[-1] + 1, q_first)):
        return False
    following = min([c.at for c, _ in said if c.at >= q_first] + [end, q_first + 4])
    return any(words[k] in _COMPLEMENTISERS for k in range(q_first, following))


# ---------------------------------------------------------------------- figures

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_NUMBER = re.compile(rf"([{_DIGITS}][{_DIGITS}]*(?:[.,٫][{_DIGITS}]+)?)(\s*[%٪])?(?![\w/:]|[.,٫][{_DIGITS}])")
_NOT_BEFORE_NUMBER = re.compile(r"[\w\u0640/:.,٫]")  # a number starts after none of these (checked
# apart: a pattern that begins with a character class is searched for much faster than a look-behind)
_MONTHS = frozenset(normalize(w) for w in (
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "إبريل", "ماي", "مايو", "يونيو", "يونيه", "يوليو", "يوليوز",
    "غشت", "أغسطس", "سبتمبر", "شتنبر", "أكتوبر", "نوفمبر", "نونبر", "دجنبر", "ديسمبر", "كانون", "شباط",
    "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "جانفي", "فيفري", "أفريل", "جوان",
    "جويلية", "أوت",
))
_YEAR_CUES = frozenset(normalize(w) for w in (
    "سنة", "عام", "العام", "السنة", "في", "منذ", "حتى", "خلال", "لعام", "لسنة", "بحلول", "مطلع", "أواخر",
    "أوائل", "نهاية", "بداية", "موسم", "مونديال", "كأس",
))
_TIME_WORDS = frozenset(normalize(w) for w in ("بتوقيت", "غرينتش", "جرينتش", "صباحا", "مساء", "ظهرا", "GMT"))
_UNITS = frozenset(normalize(w) for w in (
    "من", "ألف", "الف", "مليون", "ملايين", "مليار", "دولار", "درهم", "يورو", "دينار", "ريال", "جنيه", "كلم",
    "كيلومتر", "متر", "طن", "جندي", "شخص", "عنصر", "لاجئ", "مدني", "قتيل", "بئر", "فرد", "موظف", "امرأة",
))
_CONTEXT_STOPS = frozenset(normalize(w) for w in (
    "في", "على", "إلى", "الى", "عن", "مع", "الذي", "التي", "الذين", "أن", "إن", "ان", "منذ", "خلال", "بعد",
    "قبل", "حتى", "ضد", "بين", "عند", "لدى", "حيث", "كما", "أو", "او", "ثم", "هذه", "هذا", "وفق", "حسب",
))
MAX_CONTEXT_WORDS = 4


def find_figures(paragraphs: Sequence[str]) -> tuple[KeyFigure, ...]:
    """Numbers with what they count, once each: «1724 من القبعات الزرق», «60 مغربيا», «25%»."""
    found: list[KeyFigure] = []
    seen: set[tuple[str, str]] = set()
    for index, paragraph in enumerate(paragraphs):
        cited = "قرار" in paragraph or ("r" in paragraph or "R" in paragraph) and "res" in paragraph.lower()
        resolution_numbers = {r.number_start for r in resolution_spans(paragraph)} if cited else set()
        for m in _NUMBER.finditer(paragraph):
            if m.start() and _NOT_BEFORE_NUMBER.match(paragraph, m.start() - 1):
                continue
            if m.start() in resolution_numbers or _is_ordinal(paragraph, m.start()):
                continue
            value = m.group(1) + (m.group(2) or "").strip()
            before = _words_before(paragraph, m.start(), 2)
            after = _words_after(paragraph, m.end())
            if _is_date_or_year(m.group(1), before, after, m.group(2)):
                continue
            words = _context_words(after)
            if words:
                context = " ".join([value, *words])
            elif before and normalize(before[-1]) not in _CONTEXT_STOPS and normalize(before[-1]) != "من":
                context = f"{before[-1]} {value}"
            else:
                continue
            key = (value, normalize(words[0]) if words else "")
            if key not in seen:
                seen.add(key)
                found.append(KeyFigure(value=value, context=context, paragraph=index))
    return tuple(found)


def _is_ordinal(text: str, start: int) -> bool:
    """«الـ75», «ال75»."""
    return text[max(0, start - 3) : start].replace("ـ", "").endswith("ال")


def _as_int(digits: str) -> int | None:
    western = normalize(digits)
    return int(western) if western.isdigit() else None


def _is_date_or_year(digits: str, before: list[str], after: list[str], percent: str | None) -> bool:
    if percent:
        return False
    following = normalize(after[0]) if after else ""
    preceding = normalize(before[-1]) if before else ""
    if bare_forms(following) & _MONTHS or bare_forms(preceding) & _MONTHS:
        return True
    if following in _TIME_WORDS:
        return True
    number = _as_int(digits)
    if number is None or not 1900 <= number <= 2100:
        return False
    counted = following in _UNITS or following.endswith("ا") and not following.startswith("و")
    return not counted or bool(bare_forms(preceding) & _YEAR_CUES)


_SEGMENT_END = re.compile(r"[.،,;:؛!?؟()\[\]«»“”\"\n]")


def _words_after(text: str, end: int) -> list[str]:
    """The first words after a number up to punctuation (all a figure reads: MAX_CONTEXT_WORDS);
    none when a symbol («©», «'») follows it."""
    stop = _SEGMENT_END.search(text, end, end + 200)
    segment = text[end : stop.start() if stop else end + 200]
    first = _WORD.search(segment)
    if first is None or segment[: first.start()].strip():
        return []
    return [m.group() for m in islice(_WORD.finditer(segment), MAX_CONTEXT_WORDS)]


def _words_before(text: str, start: int, count: int) -> list[str]:
    segment = text[max(0, start - 80) : start]
    cut = max((m.end() for m in _SEGMENT_END.finditer(segment)), default=0)
    return _WORD.findall(segment[cut:])[-count:]


def _context_words(after: list[str]) -> list[str]:
    words: list[str] = []
    for word in after[:MAX_CONTEXT_WORDS]:
        form = normalize(word)
        if words and (form in _CONTEXT_STOPS or form == "من" and len(words) >= 1 or form[:1].isdigit()):
            break
        if words and form.startswith("و") and len(form) > 3:
            break
        if not words and form in _CONTEXT_STOPS:
            break
        words.append(word)
    return words
