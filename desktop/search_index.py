"""Which offers contain a word: each distinct folded token once, with the offers it occurs in.

A query word holds no whitespace, so wherever it occurs in an offer's folded text it lies
inside one whitespace-delimited token of that text. "The offers whose text contains w" is
therefore the union, over the distinct tokens that contain w, of the offers each token
occurs in. Keeping every distinct token once (instead of every offer's full text in every
language) makes the index about ten times smaller, and a query scans the vocabulary (about
a megabyte, one token a line) instead of hundreds of megabytes of texts.

Offers are numbered by slots; a set of offers is a Python int used as a bitmap, so union
and intersection are single C operations. A token in many offers keeps a bitmap; a rare
one (most tokens: numbers, names, addresses) keeps an array of its slots, which is far
smaller. Words of one or two characters would match most of the vocabulary, so every one-
and two-character piece of a token keeps its own set of offers and answers them at once.
The loops over hits run in C (map, bisect, bytearray, int(..., 2)): a word found in ten
thousand tokens costs a few milliseconds, not a Python loop per token.

Saving an offer gives it a new slot and retires the old one (``_live`` holds only the
current slots), so nothing has to be taken out of the postings; once as many slots are
retired as are live, the postings are renumbered.

Typing narrows: the tokens that contain a word are among the tokens that contain any piece
of it, so a word whose piece was asked lately ("berat" after "bera", "aberat" after "berat")
is looked for only in that piece's tokens, not in the whole vocabulary. The answer is a
bitmap; the list picks its rows with it in C (``Selection``), so a keystroke costs what its
matches cost plus a few passes in C over the list, never a Python step per offer.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import accumulate, compress, count, filterfalse, repeat
from operator import add, contains, itemgetter

from .search_bits import FLAGS as _FLAGS
from .search_bits import bitmap_of, is_one, slots_of
from .search_bits import consume as _consume
from .search_postings import Postings, TokenNumbers

# Accents (Latin, Greek, Cyrillic), Hebrew points and Arabic vowel signs: the marks a
# searcher leaves out. A few ranges keep the regex fast.
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")


def fold(text: str) -> str:
    """Lower case without accents or vowel marks: "Städte" finds "stadte" and "STÄDTE"."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def query_words(query: str) -> list[str]:
    return fold(query).split()


_SHORT_SLOTS = 1 << 16  # slots below this fit two bytes
_SHORT = 2  # words up to this length are answered from the pieces of tokens, not the vocabulary


def _pieces(token: str) -> set[str]:
    """Every one- and two-character substring of a token."""
    return {*token, *map(add, token, token[1:])}


class _FoldedTokens(dict):
    """raw token -> folded token, folded on first use (raw tokens repeat a lot).

    Folding a text's tokens one by one gives the tokens of the folded text: case, marks and
    compatibility forms never reach across whitespace. A folded token may hold a space
    (U+00A8 decomposes to a space and a mark); that needs no splitting, since a query word
    found in it is still a substring of the folded text, and one found in the text is in it.
    """

    def __missing__(self, raw: str) -> str:
        token = fold(raw)
        if token == raw:
            token = raw  # one string, not two equal ones (most tokens are folded already)
        self[raw] = token
        return token

    def tokens(self, text: str) -> set[str]:
        """The text's folded tokens. An ASCII token's fold is its lower case: only the others
        are remembered (at full size 148,000 of 148,074 tokens are ASCII, and a dict of them
        all was 5 MiB of the build's peak)."""
        raw = set(text.split())
        return {
            *map(str.lower, filter(str.isascii, raw)),
            *map(self.__getitem__, filterfalse(str.isascii, raw)),
        }


class SearchIndex:
    """offer id -> folded tokens; ``matching`` answers a query for a set of offers.

    Answers per word are remembered (the last few hundred), so typing on and deleting
    back cost an intersection of bitmaps.
    """

    RECENT = 256
    DENSE_FROM = 16  # a posting of at least this many slots (and 1/64 of all) is a bitmap
    RETIRED_SLACK = 64  # renumber once more slots than this (and than live ones) are retired

    def __init__(self, texts: dict[int, str] | Iterable[tuple[int, str]] | None = None):
        self._slot_of: dict[int, int] = {}
        self._offer_at: list[int | None] = []  # slot -> offer id; None once retired
        self._live = 0
        self._tokens: list[str] = []  # token number -> token (of 3+ characters)
        self._number = TokenNumbers(self._tokens)  # token -> its number
        self._postings = Postings()  # token number -> the slots it occurs in
        self._vocabulary = ""  # the tokens in number order, each ended by a newline
        self._ends = array("I")  # token number -> where its newline is in the vocabulary
        self._pieces: dict[str, int | array] = {}  # 1- and 2-character pieces of all tokens
        self._answers: dict[str, int] = {}  # word -> the slots whose text contains it
        self._found: dict[str, array] = {}  # word of 3+ characters -> the numbers of its tokens
        self.version = 0  # changes whenever an offer's slot does (a Selection is made for one version)
        if texts:
            self._build(texts.items() if isinstance(texts, dict) else texts)

    def __len__(self) -> int:
        return len(self._slot_of)

    def offer_ids(self) -> list[int]:
        return list(self._slot_of)

    # --- building -----------------------------------------------------------------------
    def _dense_from(self) -> int:
        """From how many slots on a posting is a bitmap rather than an array (smaller and faster)."""
        return max(self.DENSE_FROM, len(self._offer_at) >> 6)

    def _posting(self, slots, dense_from: int) -> int | array:
        return bitmap_of(slots, len(self._offer_at)) if len(slots) >= dense_from else array("I", slots)

    def _build(self, texts: Iterable[tuple[int, str]]) -> None:
        """All offers at once (one text per offer). A token's first offer is kept as one int
        (most tokens have one), the others in an array: no list per token while reading."""
        folded = _FoldedTokens()
        first: dict[str, int] = {}  # token -> the first slot it occurs in
        # token -> its later slots; two bytes a slot while they fit (half the build's arrays)
        more: defaultdict[str, array] = defaultdict(partial(array, "H"))
        for offer_id, text in texts:
            if offer_id in self._slot_of:
                raise ValueError(f"offer {offer_id} given twice")
            slot = self._slot_of[offer_id] = len(self._offer_at)
            if slot == _SHORT_SLOTS:
                more.default_factory = partial(array, "I")
                more.update((token, array("I", slots)) for token, slots in more.items())
            self._offer_at.append(offer_id)
            tokens = folded.tokens(text)
            seen = set(filter(first.__contains__, tokens))
            _consume(map(array.append, map(more.__getitem__, seen), repeat(slot)))
            tokens -= seen
            first.update(zip(tokens, repeat(slot)))
        del folded
        size, dense_from = len(self._offer_at), self._dense_from()
        self._live = (1 << size) - 1
        postings: dict[str, int | array] = {}  # tokens in more than one offer
        for token, slots in more.items():
            slots.insert(0, first[token])
            postings[token] = bitmap_of(slots, size) if len(slots) >= dense_from else array("I", slots)
        del more
        self._pieces = _pieces_of(first, postings, size, dense_from)
        self._tokens[:] = [token for token in first if len(token) > _SHORT]
        self._number = TokenNumbers(self._tokens)
        single = self._postings._first
        single.extend(map(first.__getitem__, self._tokens))
        del first
        for number in compress(count(), map(postings.__contains__, self._tokens)):
            self._postings.put(number, postings[self._tokens[number]])
        del postings
        self._vocabulary = "\n".join(self._tokens) + "\n" if self._tokens else ""
        self._ends = _ends_of(self._tokens)

    def _append_token(self, token: str, slot: int) -> None:
        number = len(self._tokens)
        self._number.add(token, number)
        self._tokens.append(token)
        self._postings.append(array("I", (slot,)))
        self._ends.append((self._ends[-1] + 1 if self._ends else 0) + len(token))

    def set(self, offer_id: int, text: str) -> None:
        if offer_id in self._slot_of:
            self._retire(offer_id)
        slot = self._slot_of[offer_id] = len(self._offer_at)
        self._offer_at.append(offer_id)
        bit = 1 << slot
        self._live |= bit
        dense_from = self._dense_from()
        pieces: set[str] = set()
        new: list[str] = []
        for token in _FoldedTokens().tokens(text):
            pieces |= _pieces(token)
            if len(token) <= _SHORT:
                continue
            number = self._number.get(token)
            if number is None:
                self._append_token(token, slot)
                new.append(token)
            else:
                self._postings.add(number, slot, dense_from)
        if new:
            self._vocabulary += "".join(token + "\n" for token in new)
            self._found.clear()  # a new token may contain a word asked before
        for piece in pieces:
            posting = self._pieces.get(piece)
            self._pieces[piece] = (
                array("I", (slot,)) if posting is None else self._added(posting, slot, bit, dense_from)
            )
        self._answers.clear()
        self.version += 1

    def _added(self, posting: int | array, slot: int, bit: int, dense_from: int) -> int | array:
        if type(posting) is int:
            return posting | bit
        posting.append(slot)
        return bitmap_of(posting, slot + 1) if len(posting) >= dense_from else posting

    def drop(self, offer_id: int) -> None:
        if offer_id in self._slot_of:
            self._retire(offer_id)
            self._answers.clear()
            self.version += 1

    def _retire(self, offer_id: int) -> None:
        slot = self._slot_of.pop(offer_id)
        self._offer_at[slot] = None
        self._live &= ~(1 << slot)
        if len(self._offer_at) - len(self._slot_of) > max(self.RETIRED_SLACK, len(self._slot_of)):
            self._renumber()

    def _renumber(self) -> None:
        """Give the live offers slots 0..n-1 again and forget tokens only retired slots had."""
        new_slot = array("i", [-1]) * len(self._offer_at)
        live = [offer_id for offer_id in self._offer_at if offer_id is not None]
        count = 0
        for slot, offer_id in enumerate(self._offer_at):
            if offer_id is not None:
                new_slot[slot] = self._slot_of[offer_id] = count
                count += 1
        self._offer_at = live
        self._live = (1 << count) - 1
        dense_from = self._dense_from()

        def renumbered(posting: int | array) -> list[int]:
            return [
                s
                for s in map(new_slot.__getitem__, slots_of(posting) if type(posting) is int else posting)
                if s >= 0
            ]

        kept = [(token, renumbered(self._postings.get(number))) for number, token in enumerate(self._tokens)]
        self._tokens, self._postings = [], Postings()
        for token, slots in kept:
            if slots:
                self._tokens.append(token)
                self._postings.append(self._posting(slots, dense_from))
        self._number = TokenNumbers(self._tokens)
        self._vocabulary = "".join(token + "\n" for token in self._tokens)
        self._ends = _ends_of(self._tokens)
        for piece, posting in list(self._pieces.items()):
            slots = renumbered(posting)
            if slots:
                self._pieces[piece] = self._posting(slots, dense_from)
            else:
                del self._pieces[piece]
        self._answers.clear()
        self._found.clear()
        self.version += 1

    # --- asking ---------------------------------------------------------------------------
    def _bits_of(self, word: str) -> int:
        """The slots (live or retired) whose text contains the word."""
        bits = self._answers.get(word)
        if bits is not None:
            return bits
        if len(word) <= _SHORT:
            posting = self._pieces.get(word, 0)
            bits = posting if type(posting) is int else bitmap_of(posting, len(self._offer_at))
        else:
            bits = self._postings.union(self._tokens_containing(word), len(self._offer_at))
        if len(self._answers) >= self.RECENT:
            self._answers.pop(next(iter(self._answers)))
        self._answers[word] = bits
        return bits

    def _tokens_containing(self, word: str) -> array:
        """The numbers of the tokens that contain the word. Among the tokens of a piece of the
        word asked lately (the fewest such), or else every occurrence in the vocabulary mapped
        to the token whose line it is on."""
        found = self._found.get(word)
        if found is not None:
            return found
        pieces = [known for known in self._found if known in word]
        if pieces:
            among = min(map(self._found.__getitem__, pieces), key=len)
            tokens = self._tokens
            found = array("I", compress(among, map(contains, map(tokens.__getitem__, among), repeat(word))))
        else:
            starts = map(re.Match.start, re.finditer(re.escape(word), self._vocabulary))
            # a start's token: the first whose newline comes after it (bisect in C)
            found = array("I", set(map(bisect_left, repeat(self._ends), starts)))
        if len(self._found) >= self.RECENT:
            self._found.pop(next(iter(self._found)))
        self._found[word] = found
        return found

    def _hits(self, words: list[str]) -> int:
        bits = self._live
        for word in words:
            bits &= self._bits_of(word)
            if not bits:
                break
        return bits

    def matches(self, offer_id: int, words: list[str]) -> bool:
        slot = self._slot_of.get(offer_id)
        return slot is not None and bool((self._hits(words) >> slot) & 1)

    def hits(self, query: str) -> int | None:
        """The live slots whose text contains every word of the query, as a bitmap; None when
        the query has no words (everything matches)."""
        words = query_words(query)
        return self._hits(words) if words else None

    def selection(self, offer_ids: Iterable[int]) -> Selection:
        """A way to pick, from these offers in this order, the ones a bitmap of hits holds."""
        size = len(self._offer_at)
        slots = array("I", map(self._slot_of.get, offer_ids, repeat(size)))  # size: not indexed
        return Selection(slots, size, self.version)

    def matching(self, query: str, offer_ids: Iterable[int] | None = None) -> set[int]:
        words = query_words(query)
        if not words:
            return set(offer_ids if offer_ids is not None else self._slot_of)
        hits = set(compress(self._offer_at, map(is_one, reversed(bin(self._hits(words))))))
        return hits if offer_ids is None else hits & set(offer_ids)


class Selection:
    """Offers in a fixed order (the list's rows) and their slots in one version of an index:
    ``pick(bits, rows)`` keeps the rows whose slot is set, in their order, in C (the bitmap's
    binary digits turned into 0/1 flags, read at the rows' slots, then ``compress``)."""

    def __init__(self, slots: array, size: int, version: int):
        self.version = version
        self._width = size + 1  # the last digit is an empty slot for offers not indexed
        self._slots = slots
        # Reads the rows' flags out of the digits in one C call (made once: its arguments are
        # as many Python ints as rows).
        self._flags_of = itemgetter(*slots) if len(slots) > 1 else None
        self.mask = bitmap_of(compress(slots, map(size.__ne__, slots)), size)  # the slots that are rows

    def fits(self, index: SearchIndex) -> bool:
        return index.version == self.version

    def pick(self, bits: int, rows: Sequence) -> list:
        digits = format(bits, f"0{self._width}b").encode().translate(_FLAGS)[::-1]  # slot i at index i
        if self._flags_of is None:  # itemgetter gives a tuple only for two or more
            return list(compress(rows, map(digits.__getitem__, self._slots)))
        return list(compress(rows, self._flags_of(digits)))


def _ends_of(tokens: list[str]) -> array:
    """Where each token's newline is in the vocabulary (the tokens, each ended by a newline):
    4 bytes a token, where a map from each character to its token took 4 bytes a character."""
    return array("I", map((-1).__add__, accumulate(map((1).__add__, map(len, tokens)))))


def _pieces_of(
    first: dict[str, int], postings: dict[str, int | array], size: int, dense_from: int
) -> dict[str, int | array]:
    """Every 1- and 2-character piece of the tokens -> the slots holding it. A dense token's
    pieces take its bitmap; the rare tokens' pieces are found per offer, from one line of them
    (in C; pieces holding the joining space are left out), rather than per token and piece."""
    piece_bits: dict[str, int] = {}
    rare_tokens_of: defaultdict[int, list[str]] = defaultdict(list)
    for token, slot in first.items():
        posting = postings.get(token)
        if type(posting) is int:
            for piece in _pieces(token):
                piece_bits[piece] = piece_bits.get(piece, 0) | posting
        elif posting is None:
            rare_tokens_of[slot].append(token)
        else:
            _consume(map(list.append, map(rare_tokens_of.__getitem__, posting), repeat(token)))
    # piece -> the slots whose rare tokens hold it, two bytes a slot when they fit (not a list)
    piece_slots: defaultdict[str, array] = defaultdict(partial(array, "H" if size <= _SHORT_SLOTS else "I"))
    for slot, rare in rare_tokens_of.items():
        line = " ".join(rare)
        _consume(
            map(array.append, map(piece_slots.__getitem__, {*line, *map(add, line, line[1:])}), repeat(slot))
        )
    del rare_tokens_of
    piece_slots.pop(" ", None)
    for piece in [piece for piece in piece_slots if " " in piece]:
        del piece_slots[piece]
    pieces: dict[str, int | array] = {}
    for piece in piece_bits.keys() | piece_slots.keys():
        bits = piece_bits.get(piece, 0) | bitmap_of(piece_slots.get(piece, ()), size)
        pieces[piece] = bits if bits.bit_count() >= dense_from else array("I", slots_of(bits))
    return pieces
