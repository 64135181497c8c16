"""English edition: English headlines and summaries built from what the analysis knows.

No Arabic→English model is installed, so the English a reader sees under ``/en/`` is written
from facts the analysis has already read, and says nothing else:

- **the event frame**, from Arabic trigger words in the headline, else the lead: a meeting or
  talks («استقبل»، «يتباحث»، «لقاء»), a visit, a statement, a Security Council vote or resolution,
  a report or briefing, an attack or incident, consultations, an appointment, a recognition or
  its withdrawal, a protest; ``other`` when no trigger speaks for the event. A trigger after
  «بعد»، «عقب»، «إثر»، «قبل» is background («بعد هجمات السمارة»: after the attacks), one after
  «حسب»، «وفق» is the source («حسب تقرير»), neither is the event;
- **participants**: the gazetteer's people (else organisations and missions) named in the
  headline and lead, with the title the report itself gives them (``content/glossary.yml``
  ``titles``: «وكيل الأمين العام … لعمليات السلام، جون بيير لاكروا» → UN peacekeeping chief);
- **the place**: a gazetteer place written with a locative preposition («بالرباط»، «في أكادير»);
  the dateline is where the report was filed from and is said as such;
- **day and key figures**: the report's day, and figures whose counted noun the glossary
  knows («1724 من القبعات الزرق» → 1,724 blue helmets).

With frame ``other`` the headline names the participants and place only. People's translations
win over all of it: ``content/translations/*.yml`` keyed by story or article id, then a sidecar's
``title_en``/``summary_en``; an optional machine translation (``translate_url`` or ``translate_command``) comes next.
Every function here is pure but for ``machine_translation`` (which runs the command) and the
loaders.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import arabic
from .arabic import TermMatcher, Tokens, bare_forms, term_key
from .config import ConfigError, _line_at, _load_config_yaml, _Validator, doc
from .entities import EntityFinder, dateline_spans

GLOSSARY_FILE = "content/glossary.yml"
TRANSLATIONS_DIR = "content/translations"
TITLE_LIMIT, SUMMARY_LIMIT = 500, 5_000  # characters, as a sidecar's title_en and summary_en

# ------------------------------------------------------------------ frames

OTHER = "other"


@dataclass(frozen=True)
class FrameRule:
    """One kind of event: its trigger words and how English says it."""

    kind: str
    noun: str  # "Talks": the headline form with no verb («لقاء بين …»)
    verbs: dict[str, str]  # trigger word → English verb («استقبل» → receives); nouns are absent
    nouns: tuple[str, ...]  # trigger nouns (masdar): «مباحثات», «زيارة»
    opening_only: bool = False  # only as one of a text's first words (speech verbs: every lead has one)
    requires: str = ""  # a gazetteer id that must be named beside the trigger


def _verbs(english: str, words: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), english)


FRAME_RULES: tuple[FrameRule, ...] = (
    FrameRule("meeting", "Talks",
              {**_verbs("receives", "استقبل استقبلت يستقبل تستقبل"),
               **_verbs("holds talks with", "يتباحث تباحث تتباحث تباحثت يجري_مباحثات أجرى_مباحثات أجرى_محادثات"),
               **_verbs("meets", "التقى التقت يلتقي تلتقي اجتمع اجتمعت يجتمع تجتمع")},
              ("مباحثات", "محادثات", "مفاوضات", "لقاء=Meeting", "اجتماع=Meeting", "استقبال=Reception")),
    # Sending someone to a place is their visit («الأمم المتحدة ترسل رئيس عمليات حفظ السلام إلى المغرب»):
    # only with whom it sends (a title or a person) and where to («إلى»), not a letter («بعث برسالة»).
    FrameRule("visit", "Visit", {**_verbs("visits", "يزور تزور زار زارت"),
                                 **_verbs("sends", "ترسل يرسل أرسل أرسلت أوفد أوفدت يوفد توفد بعث بعثت يبعث تبعث")},
              ("زيارة",)),
    FrameRule("consultations", "Consultations", _verbs("holds consultations with", "يجري_مشاورات أجرى_مشاورات"),
              ("مشاورات",)),
    FrameRule("vote", "Security Council vote",
              {**_verbs("adopts", "يعتمد اعتمد يتبنى تبنى صادق يصادق"),
               **_verbs("votes on", "يصوت صوت"), **_verbs("extends", "يمدد مدد يجدد جدد")},
              ("تصويت", "تمديد", "تجديد", "قرار"), requires="security-council"),
    FrameRule("briefing", "Briefing", _verbs("briefs", "يقدم_إحاطة قدم_إحاطة"), ("إحاطة", "إحاطته")),
    FrameRule("report", "Report", {}, ("تقرير", "تقريره", "تقريرا")),
    FrameRule("attack", "Attack", {}, ("هجوم", "هجوما", "هجمات=Attacks", "قصف=Shelling", "انفجار=Explosion",
                                       "تفجير=Bombing", "تفجيرات=Bombings", "اعتداء", "تحطم=Crash",
                                       "حادث=Accident", "حادثة=Incident")),
    FrameRule("appointment", "Appointment", {}, ("تعيين",)),
    FrameRule("withdrawal of recognition", "Recognition withdrawn",
              _verbs("withdraws recognition", "سحب_اعترافها سحبت_اعترافها تسحب_اعترافها يسحب_اعترافه"),
              ("سحب_الاعتراف", "سحب_اعتراف")),
    FrameRule("recognition", "Recognition", _verbs("recognises", "يعترف تعترف اعترف اعترفت"), ("اعتراف",)),
    FrameRule("protest", "Protest", {}, ("احتجاج", "احتجاجات", "مظاهرة=Demonstration", "مظاهرات=Demonstrations",
                                         "تظاهرة=Demonstration", "وقفة_احتجاجية")),
    # Not «أعلن»: an announcement tells an act («أعلن المغرب قطع علاقاته»), which is the event.
    FrameRule("statement", "Statement",
              _verbs("says", "قال قالت يقول تقول أكد أكدت يؤكد تؤكد صرح صرحت أدان أدانت يدين تدين دان دانت ندد "
                             "نددت يندد نفى نفت ينفي تنفي اتهم اتهمت يتهم تتهم حذر حذرت يحذر تحذر أعرب أعربت "
                             "يعرب تعرب دعا دعت يدعو تدعو حث حثت يحث حض حضت يحض "
                             # a demand, a vow or threat, informing someone, backing, a reply, a refutation: words
                             # said («المغرب يطالب …», «المغرب يتوعد», «المغرب يبلغ مجلس الأمن», «الإمارات تؤيد …»);
                             # not «رد», which is also the noun (a reply: «في رد على»)
                             "طالب طالبت يطالب تطالب توعد توعدت يتوعد تتوعد أبلغ أبلغت يبلغ تبلغ أيد أيدت يؤيد "
                             "تؤيد يرد ترد ردت فند فندت يفند تفند"),
              ("بيان", "تصريح"), opening_only=True),
)
STATEMENT = FRAME_RULES[-1]
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|”[^”\n]*”')
OPENING_PHRASE = 8  # words of a lead's opening phrase before a comma («في إطار …، عقد»)
OPENING_WORDS = 4  # a headline's or a lead's main verb stands within its first words («X: …» counts after the colon)
# A trigger right after one of these is not the event: background («بعد الهجوم»), a source («حسب تقرير»).
NOT_EVENT_BEFORE = frozenset(term_key(w)[0] for w in "بعد عقب إثر اثر قبل حسب بحسب حسبما وفق وفقا طبقا".split())
BACKGROUND_REACH = 3  # «بعد شهر من هجمات السمارة»: the background reaches a few words
# … and their duals («المغرب والجزائر يجريان "مفاوضات الصحراء"»)
LIGHT_VERBS = frozenset(term_key(w)[0] for w in "أجرى أجرت يجري تجري عقد عقدت يعقد تعقد يجريان تجريان أجريا "
                        "أجرتا يعقدان تعقدان عقدتا".split())
PURPOSE_WORDS = frozenset(term_key(w)[0] for w in "لمناقشة لبحث لتدارس حول بشأن".split())
PURPOSE_REACH = 3  # the subject stands within this many words after «حول», «لمناقشة نتائج …»
TITLE_GAP = 2  # words between a title and its name («الأمين العام للأمم المتحدة أنطونيو غوتيريش»)
TITLE_GAP_APPOSITION = 8  # … or up to this many when a comma sets the name off («وزير الخارجية …، ناصر بوريطة»)
ACTORS = ("person", "organisation", "mission")
MAX_PARTICIPANTS = 5
WITH = frozenset(arabic.normalize(w) for w in ("مع", "ومع"))  # «يقطع علاقاته مع إيران»: the partner of the act
STATE_ROLE = re.compile(r"(?:^|\s)(?:ال)?(?:مملكة|جمهورية|دولة|إمارة|سلطنة)(?:\s|$|،)|عضو دائم في مجلس الأمن")
# An office is no verbal noun: «وزير دولة الإمارات للشؤون الخارجية» (its portfolio), «سفير المغرب لدى …»
OFFICES = frozenset(term_key(w)[0] for w in "وزير وزيرة سفير سفيرة ممثل مندوب رئيس رئيسة حكومة وزارة خارجية "
                    "سفارة بعثة ملك عاهل أمير".split())
TO_AT = frozenset(arabic.normalize(w) for w in ("لدى", "لذلك", "لكن", "لأن"))  # «سفير المغرب لدى …»: no object
AND_OR = frozenset(arabic.normalize(w) for w in ("و", "أو", "او"))  # «حزب الله أو إيران»: joined names


@dataclass(frozen=True)
class Participant:
    entity: str  # gazetteer id
    name: str  # English name
    title: str = ""  # English title the report gives («UN peacekeeping chief»), "" when none

    @property
    def called(self) -> str:
        return " ".join(part for part in (self.title, self.name) if part)


@dataclass(frozen=True)
class EventFrame:
    """What one report's headline and lead say happened, in facts English can state."""

    kind: str  # a FrameRule kind or "other"
    trigger: str = ""  # the Arabic word that set the kind, as written
    verb: str = ""  # English verb when the trigger is a verb («receives»), "" for a noun
    noun: str = ""  # English noun of a noun trigger («Crash»), else the frame's
    participants: tuple[Participant, ...] = ()
    place: str = ""  # English name of the place it happened in, "" when not said
    purpose: str = ""  # English subject («informal consultations»), "" when not said
    object: str = ""  # the vote's resolution or mission («Resolution 2703»)
    evidence: str = ""  # the headline or lead the frame was read from


@dataclass(frozen=True)
class English:
    """The English a page shows for a story or an article, and where it comes from."""

    headline: str
    summary: tuple[str, ...]
    origin: str  # "people" | "machine" | "generated"
    frame: EventFrame | None = None


# ------------------------------------------------------------------ glossary


@dataclass(frozen=True)
class GlossaryEntry:
    ar: str = doc("The Arabic phrase, matched like a topic term.")
    en: str = doc("What English says for it.")


@dataclass(frozen=True)
class Glossary:
    """``content/glossary.yml``: the English the generated headlines and summaries may use."""

    titles: tuple[GlossaryEntry, ...] = doc("Titles written before a name (or before a comma and the name).", ())
    units: tuple[GlossaryEntry, ...] = doc("Counted nouns after a key figure.", ())
    terms: tuple[GlossaryEntry, ...] = doc("Subjects after «حول», «بشأن», «لمناقشة».", ())
    places: tuple[GlossaryEntry, ...] = doc("Dateline places the gazetteer does not list.", ())


def load_glossary(path: Path) -> Glossary:
    """The glossary at ``path`` (an empty one when the file does not exist). Every problem is a
    ConfigError naming ``file:line: key``."""
    if not path.is_file():
        return Glossary()
    data, _ = _load_config_yaml(path)
    validator = _Validator(path)
    glossary = validator.build(Glossary, data, "")
    problems = list(validator.problems)
    for section in ("titles", "units", "terms", "places"):
        for index, entry in enumerate(getattr(glossary, section, None) or ()):
            for key in ("ar", "en"):
                value = getattr(entry, key, None) if entry else None
                if isinstance(value, str) and not value.strip():
                    line = _line_at(data, f"{section}[{index}]")
                    problems.append(f"{path}:{line}: {section}[{index}].{key}: empty")
            if entry and isinstance(entry.ar, str) and entry.ar.strip() and not term_key(entry.ar):
                problems.append(f"{path}:{_line_at(data, f'{section}[{index}]')}: {section}[{index}].ar: "
                                f"{entry.ar!r} has no word to match")
    if problems:
        raise ConfigError(problems)
    return glossary


# ------------------------------------------------------------------ people's translations


@dataclass(frozen=True)
class Translation:
    title: str | None = None
    summary: str | None = None


def load_translations(folder: Path) -> dict[str, Translation]:
    """Every ``*.yml`` of ``folder``: ``stories:`` and ``articles:`` mappings of id → ``{title,
    summary}``. Problems are a ConfigError naming ``file:line: key``; an id given twice is one."""
    found: dict[str, Translation] = {}
    where: dict[str, str] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        data, _ = _load_config_yaml(path)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(f"{path}:1: (top): expected a mapping of stories: and articles:")
            continue
        for group, items in data.items():
            if group not in ("stories", "articles"):
                problems.append(f"{path}:{_line_at(data, str(group))}: {group}: unknown key (known keys: articles, "
                                f"stories)")
                continue
            if not isinstance(items, dict):
                problems.append(f"{path}:{_line_at(data, group)}: {group}: expected a mapping of ids")
                continue
            for item_id, entry in items.items():
                key = f"{group}.{item_id}"
                line = _line_at(data, key)
                if not isinstance(entry, dict):
                    problems.append(f"{path}:{line}: {key}: expected a mapping with title and/or summary")
                    continue
                values = {}
                for name, value in entry.items():
                    limit = {"title": TITLE_LIMIT, "summary": SUMMARY_LIMIT}.get(name)
                    at = f"{path}:{_line_at(data, f'{key}.{name}')}: {key}.{name}"
                    if limit is None:
                        problems.append(f"{at}: unknown key (known keys: summary, title)")
                    elif not isinstance(value, str) or not value.strip():
                        problems.append(f"{at}: expected text")
                    elif len(value) > limit:
                        problems.append(f"{at}: {len(value):,} characters (at most {limit:,})")
                    else:
                        values[name] = " ".join(value.split())
                if str(item_id) in where:
                    problems.append(f"{path}:{line}: {key}: already translated in {where[str(item_id)]}")
                elif values:
                    found[str(item_id)] = Translation(**values)
                    where[str(item_id)] = f"{path.name}:{line}"
    if problems:
        raise ConfigError(problems)
    return found


# ------------------------------------------------------------------ reading a frame


def _bare(word: str) -> str:
    return word.replace("_", " ")


class FrameReader:
    """Reads event frames with the gazetteer and the glossary (one per build)."""

    def __init__(self, entities: Iterable, glossary: Glossary):
        self.finder = EntityFinder(entities)
        self.glossary = glossary
        self._rules: dict[str, tuple[FrameRule, str]] = {}  # trigger term → rule, English verb
        self._nouns: dict[str, str] = {}  # trigger noun → English noun («تحطم» → Crash)
        for rule in FRAME_RULES:
            for word, verb in rule.verbs.items():
                self._rules.setdefault(_bare(word), (rule, verb))
            for word in rule.nouns:
                word, _, noun = word.partition("=")
                self._rules.setdefault(_bare(word), (rule, ""))
                self._nouns[_bare(word)] = noun or rule.noun
        self._triggers = TermMatcher(self._rules)
        self._titles = {e.ar: e.en for e in glossary.titles}
        self._title_matcher = TermMatcher(self._titles)
        self._terms = {e.ar: e.en for e in glossary.terms}
        self._term_matcher = TermMatcher(self._terms)
        self._units = {e.ar: e.en for e in glossary.units}
        self._unit_matcher = TermMatcher(self._units)
        self._places = {e.ar: e.en for e in glossary.places}
        self._place_matcher = TermMatcher(self._places)

    def state(self, entity_id: str) -> bool:
        """Whether the gazetteer's role calls the place a state (a kingdom, a republic, a state, a
        permanent member of the Council): a state acts and speaks; a city or a territory is where."""
        entity = self.finder.entity(entity_id)
        role = entity.role.ar if entity and entity.role and entity.role.ar else ""
        return entity is not None and entity.type == "place" and bool(STATE_ROLE.search(role))

    def name(self, entity_id: str) -> str:
        entity = self.finder.entity(entity_id)
        return entity.name.en if entity and entity.name and entity.name.en else ""

    # -- one report

    def frame(self, headline: str | None, lead: str, body: Sequence[str] = ()) -> EventFrame:
        """The frame of a report from its printed headline (None when the title was cut from the
        lead) and its lead: the headline's trigger, else the lead's. The body (its paragraphs)
        tells only who a title stands for and, when no trigger does, who the report is about."""
        segments = [_Segment(self, headline)] if headline else []
        segments.append(_Segment(self, "\n" + first_sentence(lead or ""), lead=True))  # "\n": a dateline opens its line
        text = _Text(self, [lead or "", *body])
        names = [s for segment in segments for s in segment.names]
        for segment in segments:
            found = segment.trigger()
            if found is None:
                continue
            rule, verb, index, subject, noun = found
            place = segment.place(index, visit=rule.kind == "visit")
            for other in segments:  # the headline's event told again in the lead, with its place
                for again in other.triggers_of(rule) if not place and other is not segment else ():
                    place = place or other.place(again, visit=rule.kind == "visit")
            participants = self._participants(segments, segment, subject, text=text)
            if verb == "sends":  # who sends, and whom: the title the report gives, its holder when it names him
                participants = participants[:1] + (text.holder(segment, segment.sent(index)),)
            return EventFrame(
                kind=rule.kind, trigger=segment.written(index), verb=verb, noun=noun,
                participants=participants,
                place=place,
                purpose=segment.purpose(index), object=segment.vote_object(verb) if rule.kind == "vote" else "",
                evidence=segment.text.strip())
        # With no event to attach it to, a lead's place may be anyone's («ممثل البوليساريو في فرنسا»): the headline's only.
        place = next((p for s in segments if not s.lead and (p := s.place(None))), "")
        return EventFrame(OTHER, participants=self._participants(segments, None, salient=text.salient(), text=text), place=place,
                          evidence=segments[0].text.strip() if names else "")

    def _participants(self, segments: Sequence[_Segment], main: _Segment | None,
                      subject: str = "", salient: Sequence[str] = (), text: _Text | None = None,
                      ) -> tuple[Participant, ...]:
        """People named in the headline and lead (headline first), then the countries the headline
        names acting (``_Segment.acting_places``); organisations and missions only when fewer than two
        people are named, and then from the trigger's own text. With no trigger (``main`` None), the
        people the report names most (``salient``) come before organisations."""
        chosen: dict[str, Participant] = {}
        for segment in segments:  # the verb's subject first, whatever its kind
            for name in segment.names:
                if name.entity == subject and subject not in chosen:
                    chosen[subject] = Participant(subject, self.name(subject), segment.title_of(name))

        def add(segment: _Segment, name: _Name) -> None:  # a title is a person's («وزير الخارجية المغربي»)
            if name.entity not in chosen:
                chosen[name.entity] = Participant(name.entity, self.name(name.entity),
                                                  segment.title_of(name) if name.kind == "person" else "")

        for segment in segments:
            for name in segment.names:
                if name.kind == "person" and not name.in_title \
                        and not segment.quoted(name):  # «"لدعمها جبهة البوليساريو"»: someone's words
                    add(segment, name)
            for title in segment.bare_titles() if text else ():  # «وزير الخارجية المغربي يقول»: its holder
                holder = text.only_holder(self._titles[title[0]])
                if holder and holder.entity not in chosen:
                    chosen[holder.entity] = holder
        if main is None:
            for entity_id in salient:
                if sum(self._is_person(e) for e in chosen) < 2 and entity_id not in chosen:
                    chosen[entity_id] = Participant(entity_id, self.name(entity_id))
        named = [(at, name.start, segment, name) for at, segment in enumerate(segments) for name in segment.acting()]
        if sum(self._is_person(e) for e in chosen) < 2:
            segment = main or segments[0]
            named += [(segments.index(segment), name.start, segment, name) for name in segment.names
                      if name.kind in ACTORS and not name.in_title and not segment.quoted(name)]
        for _, _, segment, name in sorted(named, key=lambda n: n[:2]):  # in the order the text names them
            add(segment, name)
        return tuple(chosen.values())[:MAX_PARTICIPANTS]

    def _is_person(self, entity_id: str) -> bool:
        entity = self.finder.entity(entity_id)
        return bool(entity and entity.type == "person")

    # -- facts beside the frame

    def figure(self, value: str, context: str) -> str:
        """«1,724 blue helmets» for a figure whose counted noun the glossary knows, else ""."""
        digits = value.replace(",", "").replace("٬", "")
        if not digits.isdigit():
            return ""
        words = arabic.tokens(context)
        try:
            at = words.index(arabic.normalize(digits))
        except ValueError:
            return ""
        rest = words[at + 1:]
        if rest and rest[0] == "من":  # «1724 من القبعات الزرق»
            rest = rest[1:]
        found = [m for m in self._unit_matcher.matches(rest[:4]) if m[1] == 0]
        if not found:
            return ""
        term = max(found, key=lambda m: m[2])[0]
        return f"{int(digits):,} {self._units[term]}"

    def dateline(self, dateline: str | None) -> str:
        """The dateline's place in English (gazetteer, then glossary), "" when neither knows it."""
        if not dateline:
            return ""
        place = re.split(r"[،,(]", dateline)[0].strip()
        words = arabic.tokens(place)
        for entity_id, _, _, _ in self.finder.located(Tokens(place)):
            entity = self.finder.entity(entity_id)
            if entity and entity.type == "place" and len(term_key(place)) == len(term_key(entity.name.ar)):
                return entity.name.en
        for term, start, length in self._place_matcher.matches(words):
            if start == 0 and length == len(words):
                return self._places[term]
        return ""


@dataclass
class _Name:
    entity: str
    kind: str
    start: int  # token index
    end: int
    in_title: bool = False  # part of a title phrase («الأمين العام للأمم المتحدة»): not a participant
    proclitic: str = ""  # what its token writes before it («ب» of «بالرباط», «و» of «والجزائر»)


@dataclass
class _Segment:
    """A headline or a lead, tokenised once, with its gazetteer names and title phrases."""

    reader: FrameReader
    text: str
    lead: bool = False  # a lead, not a printed headline
    toks: Tokens = field(init=False)
    names: list[_Name] = field(init=False)
    titles: list[tuple[str, int, int]] = field(init=False)  # (term, first token, end token)

    def __post_init__(self) -> None:
        text = self.text
        cut = dateline_spans(text)
        if cut and cut[0][0] <= 1:
            text = "\n" + text[cut[0][1]:]
            self.text = text
        self.toks = Tokens(text)
        self.titles = _longest(self.reader._title_matcher.matches(self.toks.words))
        self.names = []
        for entity_id, begin, end, _ in self.reader.finder.located(self.toks):
            entity = self.reader.finder.entity(entity_id)
            first = bisect_right(self.toks.starts, begin) - 1  # the token the name begins in («بالرباط»)
            last = self.toks.token_range(begin, end)[1]
            if entity is None or last <= first:
                continue
            inside = any(a <= first and last <= b for _, a, b in self.titles)
            proclitic = text[self.toks.starts[first]:begin] if begin > self.toks.starts[first] else ""
            self.names.append(_Name(entity_id, entity.type, first, last, inside, proclitic))

    def written(self, index: int) -> str:
        return self.toks.text[self.toks.starts[index]:self.toks.ends[index]]

    def trigger(self) -> tuple[FrameRule, str, int, str] | None:
        """(rule, English verb, token, subject id) of the first trigger that states the event.

        Not a trigger: one after «بعد»/«حسب» (background, a source), a noun with «ل» (a purpose:
        «لمفاوضات»), a vote with no Security Council beside it. A verb needs its subject beside it
        («بوريطة يتباحث», «استقبل الأمين العام … غوتيريش»), or it may be someone the gazetteer
        does not know. A lead tells its event with its opening verb: there a trigger is a verb
        among the opening words, or a noun after such a light verb («أجرى … مباحثات», «عقد … لقاء»).
        A speech verb is the event only in a printed headline (every lead has one).
        """
        words = self.toks.words
        opening = self._opening()
        openings = [0, opening] if opening and not self.lead else [opening]  # «خارجية إيران تنفي … .. وتؤكد:»
        if self.lead and words:  # «في إطار التنسيق الأمني المشترك، عقد …»: or the clause after an opening phrase
            comma = re.search(r"[،,]", self.toks.text[: self.toks.ends[min(len(words), OPENING_PHRASE) - 1]])
            if comma:
                openings.append(self.toks.token_range(comma.end(), comma.end())[0])
        window = [i for first in openings for i in range(first, min(len(words), first + OPENING_WORDS))]
        light = next((i for i in window if bare_forms(words[i]) & LIGHT_VERBS), None)
        matches = sorted(self.reader._triggers.matches(words), key=lambda m: (m[1], -m[2]))
        quoted = self._quoted()
        for term, start, _ in matches:
            if any(a <= self.toks.starts[start] < b for a, b in quoted) and not self._named_object(start, light, quoted):
                continue  # quoted words («"… المشاركة في المفاوضات"») are what someone said, not the event
            rule, verb = self.reader._rules[term]
            if any(bare_forms(w) & NOT_EVENT_BEFORE for w in words[max(0, start - BACKGROUND_REACH):start]):
                continue
            if not verb and words[start].startswith(("ل", "ول")) and not words[start].startswith(("لقا", "ولقا")):
                continue
            if rule.requires and not any(n.entity == rule.requires for n in self.names):
                continue
            in_opening = start in window
            if rule.opening_only and not (in_opening and verb):
                continue
            if self.lead and not (verb and in_opening or not verb and light is not None and light < start
                                  and not self._boundary_between(light, start)):
                continue
            subject = self.subject(start if verb else light, rule is STATEMENT) if verb or light is not None else ""
            if verb and subject is None:
                continue
            if verb == "sends" and not (self.sent(start) and self.place(start, visit=True)):
                continue
            return rule, verb, start, subject or "", self.reader._nouns.get(term, rule.noun)
        return self._speaker_headline()

    def _named_object(self, start: int, light: int | None, quoted: list[tuple[int, int]]) -> bool:
        """Whether the quoted trigger at ``start`` is the name of what a light verb right before the
        quote holds («يجريان "مفاوضات الصحراء"»: the talks are held), not someone's words."""
        return light is not None and light == start - 1 and any(
            a == self.toks.starts[start] - 1 for a, _ in quoted)

    def _quoted(self) -> list[tuple[int, int]]:
        return [m.span() for m in QUOTED.finditer(self.toks.text)]

    def quoted(self, name: _Name) -> bool:
        """Whether the name stands inside quotation marks."""
        return any(a <= self.toks.starts[name.start] < b for a, b in self._quoted())

    def _speaker_headline(self) -> tuple[FrameRule, str, int, str, str] | None:
        """«قرقاش: نقف مع المغرب …»: a headline whose words before the colon are only a person's or an
        organisation's name (a title before it) gives that speaker's words. A place there is the
        subject of the story, not a speaker («الصحراء الغربية: حزب الله يرد …»), unless a quotation opens
        right after the colon and the place is a state: then its words are quoted («الجزائر: "دعمنا
        للبوليساريو …"»; not «الصحراء الغربية: "…"», a territory)."""
        head, colon, said = self.toks.text.partition(":")
        if self.lead or not colon or len(head) > 60:
            return None
        end = self.toks.token_range(0, len(head))[1]
        names = [n for n in self.names if n.end <= end and not n.in_title]
        speakers = ("person", "organisation", "place") if said.lstrip().startswith(('"', "«", "“", "”")) else \
            ("person", "organisation")
        if len(names) != 1 or names[0].kind not in speakers or names[0].end != end or names[0].proclitic \
                or names[0].kind == "place" and not self.reader.state(names[0].entity):
            return None
        if names[0].start and not any(first == 0 and stop == names[0].start for _, first, stop in self.titles):
            return None
        return STATEMENT, "", names[0].start, names[0].entity, STATEMENT.noun

    def acting(self) -> list[_Name]:
        """The states (``FrameReader.state``) and organisations the text names as actors, not as where («في جنيف»,
        «بالجزائر») nor as a title's part. In a headline: the subject opening it or its clause after a
        colon («المغرب يقطع …», «…: الجزائر تمول …»; not a label before «:» or «..»: «الصحراء الغربية:
        …»), the object right after a trigger verb («يطالب الأمم المتحدة»), the partner after «مع»
        («علاقاته مع إيران»), and a name joined by «و»/«أو» to one of these or to a named person or
        organisation («المغرب والجزائر يجريان», «حزب الله أو إيران»). In a headline or a lead: the
        agent of a verbal noun, the genitive whose object follows with «ل» («قطع المغرب للعلاقات»).
        Never inside a quotation, and a person is no such name here (people are participants anyway)."""
        words, text = self.toks.words, self.toks.text
        starts = {0}
        for mark in (":", "..", "…"):
            at = text.find(mark)
            if at > 0:
                starts.add(self.toks.token_range(at + len(mark), at + len(mark))[0])
        found: list[_Name] = []
        for name in self.names:
            if name.kind not in ("place", "organisation", "mission") or name.in_title or self.quoted(name) \
                    or name.proclitic.strip("وف") or name.kind == "place" and not self.reader.state(name.entity):
                continue
            before = words[name.start - 1] if name.start else ""
            after = words[name.end] if name.end < len(words) else ""
            tight = not re.search(r"[.،,:؛!?؟…\"«»“”]", text[self.toks.ends[name.end - 1]:self.toks.starts[name.end]]) \
                if after else False
            agent = tight and before and after.startswith("ل") and after not in TO_AT and not name.proclitic \
                and not bare_forms(before) & OFFICES \
                and not re.search(r"[.،,:؛!?؟…]", text[self.toks.ends[name.start - 1]:self.toks.starts[name.start]])
            if self.lead:
                if agent:
                    found.append(name)
                continue
            label = re.match(r"\s*(:|\.\.|…)", text[self.toks.ends[name.end - 1]:])
            opening = name.start in starts and not name.proclitic and not label
            partner = before in WITH
            joined = before in AND_OR or name.proclitic.startswith("و")
            at = name.start - (before in AND_OR)  # where the joined name before it ends
            coordinated = joined and any(
                other.end == at and not other.in_title and not other.proclitic.strip("وف")
                and (other.kind in ACTORS or other in found) for other in self.names)
            obj = bool(before) and not name.proclitic and any(
                s == name.start - 1 and self.reader._rules[t][1] for t, s, _ in self.reader._triggers.matches(words))
            if opening or partner or coordinated or obj or agent:
                found.append(name)
        return found

    def bare_titles(self) -> list[tuple[str, int, int]]:
        """The titles written with no name after them («وزير الشؤون الخارجية … المغربي يقول»), outside
        quotations: a person the report names elsewhere."""
        quoted = self._quoted()
        return [t for t in self.titles
                if not any(n.kind == "person" and t[2] <= n.start and self.title_of(n) == self.reader._titles[t[0]]
                           for n in self.names)
                and not any(a <= self.toks.starts[t[1]] < b for a, b in quoted)]

    def triggers_of(self, rule: FrameRule) -> list[int]:
        """Where the text uses one of ``rule``'s triggers at all (to find the place of an event
        whose kind the headline has already told)."""
        return [start for term, start, _ in self.reader._triggers.matches(self.toks.words)
                if self.reader._rules[term][0] is rule]

    def sent(self, index: int) -> _Name | tuple[str, int, int] | None:
        """Whom the sending verb at ``index`` sends: the person or title right after it (after its
        subject when the subject follows the verb); None when something else stands there (a letter:
        «يبعث برسالة إلى …»)."""
        at = index + 1
        subject = self.subject(index)
        for name in self.names:  # VSO: «أوفدت الأمم المتحدة قائد …», a title of the subject before it
            if name.entity == subject and name.start >= at and not name.in_title and (
                    name.start == at or any(first == at and end == name.start for _, first, end in self.titles)):
                at = name.end
                break
        title = next((t for t in self.titles if t[1] == at), None)
        person = next((n for n in self.names if n.kind == "person" and not n.in_title and n.start == at), None)
        return person or title

    def subject(self, index: int | None, speech: bool = False) -> str | None:
        """The actor the verb at ``index`` has for subject: named right before it («بوريطة يتباحث»)
        or right after it, a title between («استقبل الأمين العام … أنطونيو غوتيريش»); None when
        another word stands there (a subject the gazetteer does not know)."""
        if index is None:
            return None
        for name in self.names:  # a country may be the subject before its verb («المغرب يدين»)
            if (name.kind in ACTORS or name.kind == "place") and not name.in_title and name.end == index:
                return name.entity
        at = index + 1
        for _, first, end in self.titles:
            if first == at:
                at = end
        for name in self.names:
            if (name.kind in ACTORS or speech and name.kind == "place") and not name.in_title and at <= name.start <= at + (TITLE_GAP if at > index + 1 else 0):
                if not re.search(r"[.،,:؛]", self.toks.text[self.toks.ends[index]:self.toks.starts[name.start]]) \
                        or at > index + 1:
                    return name.entity
        return None

    def _opening(self) -> int:
        """The first word of the main clause: after «X:» or «X..» near the start of a headline."""
        head = self.toks.text[:60]
        for mark in (":", "..", "…"):
            at = head.find(mark)
            if at > 0:
                return self.toks.token_range(at, at)[0]
        return 0

    def title_of(self, name: _Name) -> str:
        """The glossary title the text gives the person: ending right before the name, or before a
        comma that sets the name off; no other name between."""
        best = ""
        for term, _, end in self.titles:
            gap = name.start - end
            if gap < 0:
                continue
            between = self.toks.text[self.toks.ends[end - 1]:self.toks.starts[name.start]]
            apposition = "،" in between or "," in between
            if gap > (TITLE_GAP_APPOSITION if apposition else TITLE_GAP) or re.search(r"[.؛!؟?]", between):
                continue
            if any(end <= other.start < name.start and other.kind == "person" for other in self.names):
                continue
            best = self.reader._titles[term]  # the nearest title before the name wins
        return best

    def place(self, index: int | None, visit: bool = False) -> str:
        """The place written with a locative preposition («بالرباط», «في أكادير»; for a visit also
        «إلى المغرب»), nearest to the trigger at ``index``."""
        words = self.toks.words
        found = []
        for name in self.names:
            if name.kind != "place" or name.in_title:
                continue
            word = words[name.start]
            before = words[name.start - 1] if name.start else ""
            stem = word[1:] if word.startswith(("و", "ف")) and len(word) > 3 else word
            locative = stem.startswith("ب") or before in ("في", "وفي")
            if visit:
                locative = locative or before in TOWARDS or stem.startswith("ل") and not stem.startswith("ال")
            if locative and (index is None or not self._boundary_between(index, name.start)):
                found.append((abs(name.start - index) if index is not None else name.start, name.entity))
        return self.reader.name(min(found)[1]) if found else ""

    def _boundary_between(self, a: int, b: int) -> bool:
        """Whether a clause ends between tokens ``a`` and ``b`` («الصحراء المغربية..لقاء»)."""
        low, high = sorted((a, b))
        return bool(CLAUSE_END.search(self.toks.text, self.toks.ends[low], self.toks.starts[high]))

    def purpose(self, index: int) -> str:
        """«on informal consultations»: a glossary term within a few words after «حول»، «لمناقشة»
        that follow the trigger."""
        words = self.toks.words
        for at in range(index + 1, len(words)):
            if bare_forms(words[at]) & PURPOSE_WORDS:
                window = words[at + 1: at + 1 + PURPOSE_REACH + 2]
                found = [m for m in self.reader._term_matcher.matches(window) if m[1] < PURPOSE_REACH]
                if found:
                    term = max(found, key=lambda m: (m[2], -m[1]))[0]
                    return self.reader._terms[term]
                return ""
        return ""

    def vote_object(self, verb: str) -> str:
        """What the Council adopts or votes on (a resolution by number), or whose mandate it extends."""
        if verb == "extends":
            return next((f"{self.reader.name(n.entity)}'s mandate" for n in self.names if n.kind == "mission"), "")
        if verb:
            return next((f"Resolution {number}" for number in _resolutions(self.toks.text)), "")
        return ""


class _Text:
    """A report's lead and body, read only when asked: who holds a title, who is named most."""

    SALIENT = 2  # mentions: a person named once in passing is not who the report is about
    OPENING = 3  # paragraphs (the lead and two more) that tell who a report is about; later ones give background

    def __init__(self, reader: FrameReader, paragraphs: Sequence[str]):
        self.reader = reader
        self.paragraphs = [p for p in paragraphs if p and p.strip()]
        self._segments: list[_Segment] | None = None

    @property
    def segments(self) -> list[_Segment]:
        if self._segments is None:
            self._segments = [_Segment(self.reader, p) for p in self.paragraphs]
        return self._segments

    def holder(self, segment: _Segment, sent: _Name | tuple[str, int, int]) -> Participant:
        """The person sent: named there, or the person the report gives the same title, or the
        title alone when the report names nobody by it."""
        if isinstance(sent, _Name):
            return Participant(sent.entity, self.reader.name(sent.entity), segment.title_of(sent))
        title = self.reader._titles[sent[0]]
        for other in self.segments:
            for name in other.names:
                if name.kind == "person" and not name.in_title and other.title_of(name) == title:
                    return Participant(name.entity, self.reader.name(name.entity), title)
        return Participant("", "", title)

    def only_holder(self, title: str) -> Participant | None:
        """The one person the report gives ``title`` («Foreign Minister»); None when it gives it to
        nobody or to more than one (two countries' ministers: unknown beats wrong)."""
        holders = {name.entity for other in self.segments for name in other.names
                   if name.kind == "person" and not name.in_title and other.title_of(name) == title}
        if len(holders) != 1:
            return None
        (entity,) = holders
        return Participant(entity, self.reader.name(entity), title)

    def salient(self) -> list[str]:
        """People named at least ``SALIENT`` times in the opening paragraphs, most named first."""
        counts = Counter(n.entity for segment in self.segments[:self.OPENING] for n in segment.names
                         if n.kind == "person" and not n.in_title)
        return [entity for entity, count in counts.most_common() if count >= self.SALIENT]


TOWARDS = frozenset(arabic.normalize(w) for w in ("إلى", "وإلى"))  # as tokens are written (ى folded)
CLAUSE_END = re.compile(r"\.\.|[:.؛!?؟…\n]")
_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)")
MIN_SENTENCE = 40  # characters: a full stop sooner is an abbreviation or a number


def first_sentence(text: str) -> str:
    """The lead's first sentence: the main event; the next tells background («وفي الأسبوع الماضي …»)."""
    match = _SENTENCE_END.search(text, MIN_SENTENCE)
    return text[: match.end()] if match else text


def _resolutions(text: str) -> list[int]:
    from .entities import resolution_spans

    return [r.number for r in resolution_spans(text)]


def _longest(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(term, first token, end token) of non-overlapping matches, the longest where they overlap."""
    taken: set[int] = set()
    chosen = []
    for term, start, length in sorted(matches, key=lambda m: (-m[2], m[1])):
        if taken & set(range(start, start + length)):
            continue
        taken.update(range(start, start + length))
        chosen.append((term, start, start + length))
    return sorted(chosen, key=lambda c: c[1])


# ------------------------------------------------------------------ English from a frame


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def headline_of(frame: EventFrame) -> str:
    """The English headline a frame allows; "" when it holds nothing to say."""
    names = [p.called for p in frame.participants]
    place = f" in {frame.place}" if frame.place else ""
    purpose = f" on {frame.purpose}" if frame.purpose else ""
    rule = next((r for r in FRAME_RULES if r.kind == frame.kind), None)
    if rule is None:  # other: participants and place only
        if names:
            return "Report: " + _and(names) + (f" — {frame.place}" if frame.place else "")
        return f"Report: {frame.place}" if frame.place else ""
    if frame.kind == "vote":
        verb = frame.verb or "votes on"
        return f"Security Council {verb} {frame.object}" if frame.object else "Security Council vote"
    if frame.kind == "visit" and frame.verb == "sends":
        return f"{names[0]} sends {names[1]} to {frame.place}{purpose}" if len(names) >= 2 and frame.place else ""
    if frame.kind == "visit" and frame.verb and names and frame.place:
        return f"{names[0]} visits {frame.place}{purpose}"
    if frame.kind in ("attack", "protest"):  # who attacked whom the frame does not know: the place only
        return f"{frame.noun or rule.noun}{place}" if place else ""
    if frame.kind == "statement":
        others = f" — {_and(names[1:])}" if len(names) > 1 else ""  # the others its headline and lead name
        return f"Statement by {names[0]}{purpose}{others}" if names else ""
    if frame.verb and len(names) >= 2 and frame.kind in ("meeting", "consultations", "briefing", "recognition"):
        return f"{names[0]} {frame.verb} {_and(names[1:])}{place}{purpose}"
    noun = frame.noun or rule.noun
    if rule.kind == "meeting" and len(names) >= 2:
        return f"{noun} between {_and(names)}{place}{purpose}"
    if names:
        return f"{noun}: {_and(names)}{place}{purpose}"
    return f"{noun}{place}{purpose}" if place and rule.kind in ("visit", "meeting") else ""


# ------------------------------------------------------------------ the edition


_WARNED: set[str] = set()


def machine_translation(text: str, engine: str, cache: dict[tuple[str, str], str | None]) -> str | None:
    """``text`` in English from ``engine``: the URL of a LibreTranslate-compatible ``/translate``
    endpoint (``translate_url``), else a command reading Arabic on its standard input and writing
    English on its standard output (``translate_command``). Cached by (engine, text); a failure warns
    once per engine and gives None."""
    key = (engine, text)
    if key in cache:
        return cache[key]
    result: str | None = None
    is_url = engine.startswith(("http://", "https://"))
    try:
        english = _from_api(text, engine) if is_url else _from_command(text, engine)
        result = " ".join(english.split())[:TITLE_LIMIT * 10] or None
        reason = "an empty answer"
    except _EngineFailed as exc:
        reason = str(exc)
    if result is None and engine not in _WARNED:
        _WARNED.add(engine)
        setting = "translate_url" if is_url else "translate_command"
        print(f"warning: {setting} failed ({reason}); the English is generated from the facts", file=sys.stderr)
    cache[key] = result
    return result


class _EngineFailed(Exception):
    pass


def _from_command(text: str, command: str) -> str:
    try:
        done = subprocess.run(shlex.split(command), input=text, capture_output=True, text=True, timeout=60,
                              check=False)
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise _EngineFailed(str(exc)) from None
    if done.returncode != 0:
        raise _EngineFailed(f"exit {done.returncode}: {done.stderr.strip()[:200]}")
    return done.stdout


def _from_api(text: str, url: str) -> str:
    """LibreTranslate's contract: POST {q, source, target, format} as JSON → {"translatedText": …}."""
    import httpx

    try:
        response = httpx.post(url, json={"q": text, "source": "ar", "target": "en", "format": "text"},
                              timeout=60)
        response.raise_for_status()
        answer = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise _EngineFailed(str(exc)[:200] or type(exc).__name__) from None
    translated = answer.get("translatedText") if isinstance(answer, dict) else None
    if not isinstance(translated, str):
        raise _EngineFailed("no translatedText in the answer")
    return translated


class Edition:
    """The English of every story and article of one site graph, computed once each."""

    def __init__(self, graph, glossary: Glossary, translations: dict[str, Translation], command: str = ""):
        self.graph = graph
        self.reader = FrameReader(graph.config.entities, glossary)
        self.translations = translations
        self.command = command
        self._done: dict[str, English | None] = {}
        self._frames: dict[str, EventFrame] = {}
        self._machine: dict[tuple[str, str], str | None] = {}

    def article_frame(self, article) -> EventFrame:
        frame = self._frames.get(article.id)
        if frame is None:
            headline = article.title if article.title_source != "derived" else None
            frame = self._frames[article.id] = self.reader.frame(headline, article.lead, article.body)
        return frame

    def story_frame(self, story) -> EventFrame:
        """The frame most of the story's reports share (the earliest listed on a tie); "other"
        when none has one."""
        frames = [self.article_frame(a) for a in self.graph.reports(story)]
        kinds = Counter(f.kind for f in frames if f.kind != OTHER)
        if not kinds:
            return frames[0] if frames else EventFrame(OTHER)
        best = max(kinds.values())
        return next(f for f in frames if kinds.get(f.kind) == best)

    def english(self, item) -> English | None:
        """The English of a story or an article; None when nothing English can be said."""
        if item.id not in self._done:
            self._done[item.id] = self._english(item)
        return self._done[item.id]

    def _english(self, item) -> English | None:
        is_story = hasattr(item, "article_ids")
        reports = self.graph.reports(item) if is_story else [item]
        people = self.translations.get(item.id, Translation())
        given_title = people.title or next((a.title_en for a in reports if a.title_en), None)
        given_summary = people.summary or next((a.summary_en for a in reports if a.summary_en), None)
        frame = self.story_frame(item) if is_story else self.article_frame(item)
        facts = self.facts(item, reports, frame)
        if given_title:
            return English(given_title, (given_summary,) if given_summary else facts, "people", frame)
        if self.command:
            title = machine_translation(item.title, self.command, self._machine)
            if title:
                lead = item.summary[0] if is_story and item.summary else getattr(item, "lead", "")
                summary = machine_translation(lead, self.command, self._machine) if lead else None
                return English(title, (summary,) if summary else facts, "machine", frame)
        headline = headline_of(frame) or self._fallback(reports)
        if not headline:
            return None
        sentences = (f"{headline}.",) if frame.kind != OTHER else ()
        return English(headline, (given_summary,) if given_summary else sentences + facts, "generated", frame)

    def _fallback(self, reports) -> str:
        """«Report by Hespress» / «Report filed from Rabat»: what is known when no frame is."""
        article = reports[0] if reports else None
        if article is None:
            return ""
        if article.outlet and article.outlet in self.graph.outlets:
            return f"Report by {self.graph.outlets[article.outlet].name.en}"
        place = self.reader.dateline(article.dateline)
        return f"Report filed from {place}" if place else ""

    def facts(self, item, reports, frame: EventFrame) -> tuple[str, ...]:
        """Sentences of facts: when reported, where filed from, key figures, who else is named."""
        from . import i18n

        sentences = []
        days = sorted({a.day for a in reports if a.day})
        if days:
            first, last = (i18n.format_day(d, "en") for d in (days[0], days[-1]))
            told = f"{len(reports)} reports" if len(reports) > 1 else "Reported"
            sentences.append(f"{told} on {first}." if first == last else f"{told} between {first} and {last}.")
        places = list(dict.fromkeys(p for a in reports if (p := self.reader.dateline(a.dateline))))
        if places:
            sentences.append(f"Filed from {_and(places)}.")
        figures = list(dict.fromkeys(f for k in item.figures if (f := self.reader.figure(k.value, k.context))))
        if figures:
            sentences.append(f"Key figures: {'; '.join(figures[:4])}.")
        said = {p.entity for p in frame.participants}
        mentioned = item.entities if hasattr(item, "article_ids") else [m.entity for m in item.entities]
        others = [n for e in mentioned if e not in said and not e.startswith("resolution-")
                  and (n := self.reader.name(e)) and n != frame.place]
        if others:
            sentences.append(f"{'Also named' if frame.participants else 'Named'}: {', '.join(others[:6])}.")
        return tuple(sentences)


_EDITION: tuple[object, Edition] | None = None  # the last graph's edition (render builds one graph)


def edition(graph) -> Edition:
    """The English edition of ``graph``, read once per graph: glossary and translations are
    loaded here, so their errors stop the build before any page is written."""
    global _EDITION
    if _EDITION is None or _EDITION[0] is not graph:
        config = graph.config
        _EDITION = (graph, Edition(graph, load_glossary(config.root / GLOSSARY_FILE),
                                   load_translations(config.root / TRANSLATIONS_DIR),
                                   config.settings.translate_url or config.settings.translate_command))
    return _EDITION[1]


@dataclass
class _Reports:
    """What an Edition reads of a site graph, from an analysis alone (the PDFs have no graph)."""

    config: object
    articles: dict
    outlets: dict

    def reports(self, story) -> list:
        return [self.articles[aid] for aid in story.article_ids if aid in self.articles]


def analysis_edition(config, analysis) -> Edition:
    """The English edition of an analysis without a site graph: the same English as the pages'."""
    return edition(_Reports(config, {a.id: a for a in analysis.articles}, {o.id: o for o in config.outlets}))


def card(found: English) -> tuple[str, str]:
    """(headline, the summary sentences the headline does not already say), as a card shows them."""
    return found.headline, " ".join(s for s in found.summary if s != found.headline + ".")


__all__ = ["English", "EventFrame", "FrameReader", "Glossary", "Participant", "edition", "headline_of",
           "load_glossary", "load_translations", "machine_translation"]


def original_url(page_path: str) -> str:
    """The Arabic page of an edition's page, relative to it: the Arabic edition sits at the site root,
    the others one folder down (``/en/stories/x.html`` → ``../../stories/x.html``)."""
    return "../" * (page_path.count("/") + 1) + page_path[: -len(".md")] + ".html"
