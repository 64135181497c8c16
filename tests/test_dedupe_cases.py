"""Wire-copy detection, case by case: what tests/test_dedupe.py left to the seeds and the corpus.

Each case builds what it checks inside the test (mutmut maps a test to the functions it calls):
the threshold met exactly and missed by one signature value, a bucket of more than
``SMALL_BUCKET`` near copies, one article alone, the fingerprint of one body and of an empty one,
and the properties a shingle hash must have (one per run of words, the same run the same hash,
word order counts)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from generator.config import DedupeSettings
from generator.dedupe import SMALL_BUCKET, Fingerprint, _shingle_hashes, _token_ids, find_wire_copies, fingerprints
from tests.test_stories import article

BODY = ("قال المتحدث باسم الأمم المتحدة إن بعثة المينورسو تواصل مراقبة وقف إطلاق النار في المنطقة العازلة "
        "وإن الأمين العام يدعو الأطراف إلى ضبط النفس والعودة إلى طاولة المفاوضات دون شروط مسبقة "
        "في إطار العملية السياسية التي يقودها مبعوثه الشخصي منذ تعيينه قبل ثلاث سنوات")
UNFILLED = 0xFFFFFFFF  # a MinHash value no shingle has lowered


def _prints(agree: int, settings: DedupeSettings) -> list[Fingerprint]:
    """Two articles with different bodies whose signatures agree on the first ``agree`` values only."""
    first = np.arange(1, settings.num_perm + 1, dtype=np.uint32)
    second = first.copy()
    second[agree:] += np.uint32(1000)
    return [Fingerprint(b"a" * 20, first.tobytes()), Fingerprint(b"b" * 20, second.tobytes())]


@pytest.mark.parametrize(("threshold", "agree", "linked", "comment"), [
    pytest.param(0.5, 64, True, "64 of 128 values agree: an estimate of exactly 0.5 meets a threshold of 0.5",
                 id="estimate-equals-threshold"),
    pytest.param(0.5, 63, False, "63 of 128: one value short of the threshold, not copies",
                 id="one-value-below-threshold"),
    pytest.param(0.5, 128, True, "every value agrees (different texts, the same signature): copies",
                 id="same-signature"),
])
def test_threshold_is_inclusive(threshold, agree, linked, comment):
    settings = DedupeSettings(threshold=threshold)
    articles = [article("a", "t", [BODY], "2023-11-29"), article("b", "t", [BODY + " أمس"], "2023-11-30")]
    copies = find_wire_copies(articles, settings, _prints(agree, settings))
    assert copies == ({"b": "a"} if linked else {}), comment


def test_more_near_copies_than_a_small_bucket():
    """SMALL_BUCKET + 4 versions of one dispatch, each with one word of its own at the end: every
    band puts them in one bucket larger than SMALL_BUCKET (star and chain pairs); all are one group,
    its canonical the earliest."""
    count = SMALL_BUCKET + 4
    extra = ["اليوم", "أمس", "مساء", "صباحا", "ظهرا", "ليلا", "فجرا", "عصرا", "غدا", "حاليا", "سابقا", "لاحقا"]
    articles = [article(f"v{i:02}", "t", [f"{BODY} {extra[i]}"], f"2023-11-{10 + i}") for i in range(count)]
    expected = {f"v{i:02}": "v00" for i in range(1, count)}
    assert find_wire_copies(articles, DedupeSettings()) == expected
    assert find_wire_copies(list(reversed(articles)), DedupeSettings()) == expected


def test_near_copy_found_without_given_fingerprints():
    """find_wire_copies reads the bodies itself when no fingerprints are given: a copy with one
    word more is a near copy, an unrelated text is not."""
    other = ("أعلنت وزارة الفلاحة عن برنامج جديد لدعم صغار المزارعين في المناطق الجبلية يشمل توزيع البذور "
             "والأسمدة بأسعار مخفضة وتكوين الفلاحين في تقنيات الري الحديثة خلال الموسم المقبل")
    articles = [article("a", "t", [BODY], "2023-11-29"), article("b", "t", [BODY + " أمس"], "2023-11-30"),
                article("c", "t", [other], "2023-11-29")]
    assert find_wire_copies(articles, DedupeSettings()) == {"b": "a"}


def test_one_article_is_nobodys_copy():
    assert find_wire_copies([article("a", "t", [BODY], None)], DedupeSettings()) == {}


def test_exact_copies_of_an_empty_body_are_not_copies_and_exact_ones_are():
    articles = [article("a", "t", [], None), article("b", "t", [BODY], "2023-11-29"),
                article("c", "t", [BODY], "2023-11-28"), article("d", "t", [], None)]
    assert find_wire_copies(articles, DedupeSettings()) == {"b": "c"}


@pytest.mark.parametrize("settings", [DedupeSettings(), DedupeSettings(num_perm=64, shingle_size=2)],
                         ids=["default", "64-perm-2-words"])
def test_fingerprint_of_a_body_is_its_own(settings):
    """A body's fingerprint does not depend on the bodies fingerprinted with it: its digest is the
    sha1 of its tokens and its signature num_perm values, the same alone or in a list."""
    toks = BODY.split()
    (alone,) = fingerprints([toks], settings)
    assert alone.digest == hashlib.sha1(" ".join(toks).encode("utf-8")).digest()
    assert len(alone.signature) == 4 * settings.num_perm
    pair = fingerprints([toks, toks[:5]], settings)
    assert pair[0] == alone
    assert pair[1] == fingerprints([toks[:5]], settings)[0]
    assert pair[1].signature != alone.signature


@pytest.mark.parametrize("bodies", [[[]], [[], []], [["كلمة", "أخرى"], []]], ids=["one-empty", "two-empty", "one-of-two"])
def test_fingerprint_of_an_empty_body(bodies):
    """No tokens: no digest (never an exact copy) and a signature no shingle has lowered."""
    settings = DedupeSettings()
    empty = fingerprints(bodies, settings)[-1]
    assert empty.digest == b""
    assert np.frombuffer(empty.signature, dtype=np.uint32).tolist() == [UNFILLED] * settings.num_perm


@pytest.mark.parametrize(("words", "size", "count", "comment"), [
    pytest.param("أ ب ج د هـ و", 4, 3, "six words, runs of four: three shingles", id="runs"),
    pytest.param("أ ب ج", 4, 1, "shorter than a shingle: the whole text is one", id="shorter"),
    pytest.param("أ ب ج د", 4, 1, "exactly one run", id="exact"),
    pytest.param("أ", 1, 1, "one word, shingles of one", id="single"),
    pytest.param("", 4, 0, "no words, no shingles", id="empty"),
])
def test_one_shingle_per_run_of_words(words, size, count, comment):
    assert len(_shingle_hashes(_token_ids(words.split(), {}), size)) == count, comment


def test_a_shingle_hash_is_the_run_of_words():
    """The same run gives the same hash wherever it stands; another run, or the same words in
    another order, another hash (for these words)."""
    toks = "أ ب ج أ ب ج د".split()
    hashes = _shingle_hashes(_token_ids(toks, {}), 3).tolist()
    assert hashes[0] == hashes[3]  # «أ ب ج» twice
    assert len(set(hashes[:3])) == 3
    assert hashes[4] != hashes[0]  # «ب ج د»
    reordered = _shingle_hashes(_token_ids("ج ب أ".split(), {}), 3).tolist()
    assert reordered != hashes[:1]
    single = _shingle_hashes(_token_ids(["أ"], {}), 3).tolist()
    assert single not in ([hashes[0]], reordered)  # one word is not the run that starts with it


def test_token_ids_do_not_depend_on_the_cache():
    """A token's id is the same whether it was seen before or not (the cache only saves hashing)."""
    cache: dict[str, int] = {}
    first = _token_ids(["أ", "ب"], cache).tolist()
    again = _token_ids(["ب", "ج", "أ"], cache).tolist()
    assert again == _token_ids(["ب", "ج", "أ"], {}).tolist()
    assert [again[2], again[0]] == first
    assert set(cache) == {"أ", "ب", "ج"}


def test_paragraphs_split_differently_are_an_exact_copy():
    """A dispatch republished with its paragraphs cut at another place is the same text: the body is
    read as one run of words (short bodies: no shingle would be shared if the break added words)."""
    one = article("a", "t", ["وصل المبعوث إلى الرباط اليوم"], "2023-11-29")
    two = article("b", "t", ["وصل المبعوث إلى", "الرباط اليوم"], "2023-11-30")
    assert find_wire_copies([one, two], DedupeSettings()) == {"b": "a"}


def test_each_pair_is_judged_by_its_own_estimate():
    """a and b agree on every value, c agrees with both on 40 of 128 (the first band included, so
    all three pairs are candidates): only a and b are copies, whatever the pairs' average."""
    settings = DedupeSettings(threshold=0.5)
    base = np.arange(1, settings.num_perm + 1, dtype=np.uint32)
    other = base.copy()
    other[40:] += np.uint32(1000)
    prints = [Fingerprint(b"a" * 20, base.tobytes()), Fingerprint(b"b" * 20, base.tobytes()),
              Fingerprint(b"c" * 20, other.tobytes())]
    articles = [article(aid, "t", [BODY], f"2023-11-2{n}") for n, aid in enumerate("abc")]
    assert find_wire_copies(articles, settings, prints) == {"b": "a"}


def test_exact_copies_joined_to_a_near_one_form_one_group():
    """b and c are exact copies, a near copy of both: one group (exact links are made first, so the
    near link joins two groups: a chain the union-find must follow)."""
    near = article("a", "t", [BODY + " أمس"], "2023-11-28")
    articles = [near, article("b", "t", [BODY], "2023-11-29"), article("c", "t", [BODY], "2023-11-30")]
    assert find_wire_copies(articles, DedupeSettings()) == {"b": "a", "c": "a"}


def test_every_pair_of_a_small_bucket_is_compared():
    """SMALL_BUCKET articles share the first band and nothing else, except a3 and a6, which also
    agree on every other value after it: 66 of 128, a near copy at 0.5. No other band holds both
    (each has an odd position), so only comparing every pair of that first bucket finds them."""
    settings = DedupeSettings(threshold=0.5)
    rows = np.arange(1, settings.num_perm + 1, dtype=np.uint32) + np.uint32(1000) * np.arange(
        1, SMALL_BUCKET + 1, dtype=np.uint32)[:, None]
    rows[:, :5] = np.arange(1, 6, dtype=np.uint32)  # the first band, shared by all
    rows[6, 6::2] = rows[3, 6::2]
    prints = [Fingerprint(bytes([k]) * 20, row.tobytes()) for k, row in enumerate(rows)]
    articles = [article(f"a{k}", "t", [BODY], f"2023-11-{10 + k}") for k in range(SMALL_BUCKET)]
    assert find_wire_copies(articles, settings, prints) == {"a6": "a3"}


def test_each_word_of_a_run_changes_its_hash():
    """A run of words and the same run with any one word replaced are two shingles: two hashes."""
    run = "قال المتحدث باسم الأمم".split()
    (hashed,) = _shingle_hashes(_token_ids(run, {}), 4).tolist()
    for position in range(4):
        changed = run[:position] + ["المغرب"] + run[position + 1:]
        assert _shingle_hashes(_token_ids(changed, {}), 4).tolist() != [hashed], position


def test_shingle_hashes_use_all_their_bits():
    """A MinHash needs hashes spread over 32 bits: over 5,000 runs each bit is set about half the
    time (a hash that kept, say, the common bits of its two halves would set a quarter)."""
    words = [f"كلمة{n}" for n in range(5003)]
    hashes = _shingle_hashes(_token_ids(words, {}), 4)
    bits = np.unpackbits(hashes.view(np.uint8)).reshape(len(hashes), 32).mean(axis=0)
    assert bits.min() > 0.45 and bits.max() < 0.55, bits.round(3).tolist()


def test_estimates_made_a_few_pairs_at_a_time(monkeypatch):
    """Candidate pairs are compared PAIRS_PER_STEP at a time (a memory bound): each pair still gets
    its own share of equal values, the last step a short one."""
    from generator import dedupe

    monkeypatch.setattr(dedupe, "PAIRS_PER_STEP", 2)
    sigs = np.arange(40, dtype=np.uint32).reshape(5, 8)
    sigs[1, :6] = sigs[0, :6]  # 6 of 8 values equal to row 0
    sigs[2, :2] = sigs[0, :2]
    sigs[4, :] = sigs[3, :]
    first, second = np.array([0, 0, 0, 1, 3, 2, 1]), np.array([1, 2, 3, 2, 4, 4, 4])
    expected = [6 / 8, 2 / 8, 0, 2 / 8, 1, 0, 0]
    assert dedupe._estimated_jaccard(sigs, first, second).tolist() == expected
