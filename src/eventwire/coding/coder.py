"""Story -> [EventMention]: the coding stages in order.

For each sentence (paragraphs split first, page furniture skipped):
  1. dictionary hits for actors and agents (`actors.ActorIndex.scan`)
  2. for each verb, top-down through the parse: the verb's block and most
     specific pattern (`verbs.VerbIndex.match`); negated verbs give no event
     unless the pattern itself spells out the negation
  3. source = the clause's subject (passive: the `by` agent; controlled
     infinitives inherit it), target = object, then prepositional objects,
     then a subordinate clause's subject; compound actors give one event each
  4. in-story references: "he", "the alliance", a surname, a quote's "we"
  5. modality (asserted / intended / conditional / reported / historical),
     time expression, place, CAMEO tables (Goldstein, QuadClass, PLOVER)

The coder is a pure function of (story, dictionaries, options); a `Coder`
holds the model and compiled dictionaries so they load once per process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from eventwire import cameo
from eventwire.context import when
from eventwire.coding.actors import ActorIndex, CodedActor, Hit, PhraseIndex, entity_tokens, noun_phrase_actors, token_keys
from eventwire.coding.references import CLAUSE_PRONOUNS, IGO_NOUNS, PERSON_PRONOUNS, SPEAKER_PRONOUNS, StoryContext
from eventwire.dictionaries.model import DictionarySet, Word
from eventwire.coding.furniture import furniture_sentences
from eventwire.ingest.metadata import Dateline, find_dateline
from eventwire.context.locative import locative_spans
from eventwire.context.quotes import SAY_LEMMAS, QuoteSpan, find_quotes
from eventwire.records import ActorRef, CodedStory, CodingOptions, Evidence, EventMention, Modality, Place, Quote, Story
from eventwire.coding.verbs import VerbIndex, VerbMatch

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should", "can"})
INTENT_HEADS = frozenset(
    {"plan", "intend", "want", "seek", "hope", "aim", "prepare", "vow", "promise", "pledge", "expect", "schedule",
     "decide", "try", "agree", "offer", "commit", "undertake"}
)
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "eager", "determined", "committed"})
# Clauses whose content is not part of the verb's own event.
CLAUSE_DEPS = frozenset({"ccomp", "relcl", "advcl", "parataxis", "conj", "csubj"})
TARGET_PREPS = ("with", "to", "against", "on", "for", "at", "into", "toward", "towards", "from", "over", "about", "in", "of")
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
ATTACK_NOUNS = frozenset(
    {"attack", "bombing", "assault", "strike", "raid", "killing", "massacre", "shelling", "explosion", "blast",
     "ambush", "offensive"}
)
DOCUMENT_NOUNS = frozenset({"report", "statement", "study", "letter", "document", "communique", "resolution", "declaration"})
DEADLINE_WORDS = frozenset({"until", "till", "by", "through", "before", "since"})
# Statements, appeals, intents and verbal conflict: their places are not their targets.
VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
# Root codes for which a missing target is filled from the story's main counterpart.
CONTEXT_TARGET_ROOTS = frozenset({"02", "03", "04", "05", "06", "07", "08"})


def parse_story_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    v = value.strip()
    try:
        if len(v) == 8 and v.isdigit():
            return dt.date(int(v[:4]), int(v[4:6]), int(v[6:]))
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


class Coder:
    """Holds the loaded model and compiled dictionaries; build one per process."""

    def __init__(
        self,
        dictionaries: DictionarySet | None = None,
        options: CodingOptions | None = None,
        nlp: object | None = None,
    ) -> None:
        if dictionaries is None:
            from eventwire.dictionaries.loader import load_dictionaries

            dictionaries = load_dictionaries(None)
        self.dictionaries = dictionaries
        self.options = options or CodingOptions()
        self.actor_index = ActorIndex(dictionaries)
        self.verb_index = VerbIndex(dictionaries)
        # Bare years and "... YEARS AGO"/"... WEEKS LATER" are discards in Phoenix (PETRARCH2's
        # guard against old events); eventwire dates such events and marks them historical
        # instead, so those time discards are not applied.
        self._discards = {True: PhraseIndex(), False: PhraseIndex()}
        for d in dictionaries.discards:
            if not _is_time_discard(d.words):
                self._discards[d.story_level].add(d.words, d)
        for index in self._discards.values():
            index.freeze()
        self._nlp = nlp

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        if self._nlp is None:
            from eventwire.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory:
        return self.code_doc(story, self.nlp(story.text), options)

    def code_stories(
        self, stories: Iterable[Story], options: CodingOptions | None = None, batch_size: int = 32
    ) -> Iterator[CodedStory]:
        pairs = ((s.text, s) for s in stories)
        for doc, story in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.code_doc(story, doc, options)

    # ------------------------------------------------------------------

    def code_doc(self, story: Story, doc: Doc, options: CodingOptions | None = None) -> CodedStory:
        opts = options or self.options
        day = parse_story_date(story.date)
        if self._discarded(doc, story_level=True):
            return CodedStory(story=story, events=(), discarded="discard: story-level phrase")
        ctx = StoryContext()
        events: list[EventMention] = []
        sents = list(doc.sents)
        furniture = furniture_sentences(doc, sents)
        quote_spans = [q for q in find_quotes(doc, sents) if not _inside_any(q, sents, furniture)]
        speakers = _sentence_speakers(sents, quote_spans)
        ents = _ents_by_sentence(doc, sents)  # once per story: Span.ents rebuilds Doc.ents on every call
        speaker_actors: dict[int, list[CodedActor]] = {}
        dateline = find_dateline(story.text)
        lead = next((i for i, s in enumerate(sents) if i not in furniture and s.text.strip() and
                     (dateline is None or s.start_char >= dateline.end)), None)
        for index, sent in enumerate(sents):
            if index in furniture or not sent.text.strip():
                continue
            coder = _SentenceCoder(self, story, doc, sent, index, day, opts, ctx, speakers.get(index), ents[index])
            coder.is_lead, coder.dateline = index == lead, dateline
            # resolve quote speakers named here now, while "he" still means who it means here
            for q in quote_spans:
                if q.speaker is not None and sent.start <= q.speaker.i < sent.end:
                    speaker_actors[q.speaker.i] = coder.np_actors(q.speaker)
            if self._discarded(sent, story_level=False):
                coder.remember_actors()
                continue
            events.extend(coder.run())
        quotes = tuple(_quote_record(story, doc, q, speaker_actors, day) for q in quote_spans)
        return CodedStory(story=story, events=tuple(_dedupe(events)), quotes=quotes)

    def resolve_place(self, name: str, start: int | None, end: int | None, countries: Sequence[str] = ()) -> Place:
        """A place as written, completed from the offline gazetteer when it knows the name."""
        gazetteer = self._gazetteer()
        found = gazetteer.lookup(name, countries=tuple(countries)) if gazetteer is not None else None
        if found is None:
            return Place(name=name, start=start, end=end)
        return replace(found, name=name, start=start, end=end)

    def _gazetteer(self):  # type: ignore[no-untyped-def]
        from eventwire.context.where import Gazetteer

        return Gazetteer.load()

    def locate(self, doc: Doc, token_index: int, date: str | None = None) -> Place | None:
        """The place of the event whose trigger is doc[token_index] (used to score "where" alone)."""
        tok = doc[token_index]
        story = Story(id="locate", text=doc.text, date=date)
        sentence = _SentenceCoder(
            self, story, doc, tok.sent, 0, parse_story_date(date), self.options, StoryContext(), None
        )
        return sentence.place_of(tok)

    def _discarded(self, span: Doc | Span, story_level: bool) -> bool:
        index = self._discards[story_level]
        if index.empty:
            return False
        keys = [token_keys(t) for t in span]
        return any(index.longest_at(keys, i, len(keys)) for i in range(len(keys)))


def _is_time_discard(words: Sequence[Word]) -> bool:
    return (len(words) == 1 and words[0].text.isdigit()) or (len(words) > 1 and words[-1].text in ("AGO", "LATER"))


def _dedupe(events: list[EventMention]) -> list[EventMention]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in events:
        key = (e.sentence_index, e.triple(), e.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _ents_by_sentence(doc: Doc, sents: Sequence[Span]) -> list[list[Span]]:
    """Each sentence's entities, in one pass over Doc.ents (linear in the story's length)."""
    out: list[list[Span]] = [[] for _ in sents]
    ents = list(doc.ents)
    i = 0
    for index, sent in enumerate(sents):
        while i < len(ents) and ents[i].start < sent.start:
            i += 1
        while i < len(ents) and ents[i].end <= sent.end:
            out[index].append(ents[i])
            i += 1
    return out


def _inside_any(q: QuoteSpan, sents: Sequence[Span], skip: set[int]) -> bool:
    return any(i in skip and s.start_char <= q.start < s.end_char for i, s in enumerate(sents))


def _sentence_speakers(sents: Sequence[Span], quotes: Sequence[QuoteSpan]) -> dict[int, Token]:
    """Sentences that lie mostly inside a quote, mapped to that quote's speaker token."""
    out: dict[int, Token] = {}
    for i, s in enumerate(sents):
        for q in quotes:
            overlap = min(s.end_char, q.end) - max(s.start_char, q.start)
            if q.speaker is not None and overlap > 0.5 * max(1, len(s.text.strip())):
                out[i] = q.speaker
                break
    return out


def _actor_ref(a: CodedActor) -> ActorRef:
    return ActorRef(a.code, a.text, a.start, a.end, " ".join(dict.fromkeys(a.origins)) or None)


def _quote_record(
    story: Story, doc: Doc, q: QuoteSpan, speaker_actors: dict[int, list[CodedActor]], day: dt.date | None
) -> Quote:
    actors = speaker_actors.get(q.speaker.i, []) if q.speaker is not None else []
    speaker = _actor_ref(actors[0]) if actors else None
    speaker_text = None
    if q.speaker is not None:
        # the speaker as named: the whole name ("De Hoop Scheffer"), not only the parse head
        words = entity_tokens(q.speaker) if q.speaker.ent_type_ else [q.speaker]
        words = [t for t in q.speaker.subtree if t.dep_ in ("compound", "flat") or t.i == q.speaker.i] or words
        if len(words) == 1 and q.speaker.ent_type_:
            words = entity_tokens(q.speaker)
        speaker_text = story.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    return Quote(
        doc_id=story.id,
        speaker=speaker,
        speaker_text=speaker_text,
        quote=story.text[q.start : q.end],
        start=q.start,
        end=q.end,
        date=day.isoformat() if day else None,
        rule=q.rule or "quote:no-speaker",
    )


def _is_purpose_clause(tok: Token) -> bool:
    """"... to help Iran" attached as an adverbial clause: the purpose of its governor."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 100:
        tok = tok.head
        d += 1
    return d


class _SentenceCoder:
    """Codes one sentence; holds the per-sentence lookups."""

    def __init__(
        self,
        coder: Coder,
        story: Story,
        doc: Doc,
        sent: Span,
        index: int,
        day: dt.date | None,
        opts: CodingOptions,
        ctx: StoryContext,
        speaker: Token | None,
        ents: list[Span] | None = None,
    ) -> None:
        self.coder, self.story, self.doc, self.sent, self.index = coder, story, doc, sent, index
        # Span.ents rebuilds Doc.ents on every access: code_doc passes each sentence's share
        self.ents = list(sent.ents) if ents is None else ents
        self.day, self.opts, self.ctx, self.speaker_tok = day, opts, ctx, speaker
        self.hits: list[Hit] = coder.actor_index.scan(list(sent))
        self.actor_starts = {h.start: h.end for h in self.hits if h.kind == "actor"}
        self.person_tokens = frozenset(t.i for t in sent if t.ent_type_ == "PERSON")
        self.in_quote = speaker is not None
        self._np_cache: dict[int, list[CodedActor]] = {}
        self._clause_cache: dict[int, list[Token]] = {}
        self.is_lead = False  # the first sentence of the story proper: a dateline may place it
        self.dateline: Dateline | None = None
        self.speaker: list[CodedActor] = []
        if speaker is not None:
            self.speaker = self._speaker_actors(speaker)

    # -- actors -----------------------------------------------------------

    def _speaker_actors(self, tok: Token) -> list[CodedActor]:
        if tok.doc is self.doc and self.sent.start <= tok.i < self.sent.end:
            return self.np_actors(tok)
        # The speaker was named in another sentence of the paragraph: code it there.
        other = _SentenceCoder(
            self.coder, self.story, self.doc, tok.sent, self.index, self.day, self.opts, self.ctx, None
        )
        return other.np_actors(tok)

    def np_actors(self, head: Token) -> list[CodedActor]:
        if head.i in self._np_cache:
            return self._np_cache[head.i]
        found = noun_phrase_actors(head, self.hits, self.day, person_tokens=self.person_tokens)
        if not found:
            found = self._from_context(head)
        if not found and head.lemma_ in DOCUMENT_NOUNS:
            found = self._document_origin(head)
        self._np_cache[head.i] = found
        return found

    def _document_origin(self, head: Token) -> list[CodedActor]:
        """"A report released in the Rwandan capital alleged...": a document speaks for the
        actor that issued it, named in the participle that modifies it."""
        for acl in (c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            for prep in (c for c in acl.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "from")):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    actors = noun_phrase_actors(pobj, self.hits, self.day, person_tokens=self.person_tokens)
                    if actors:
                        return [
                            CodedActor(a.code, a.start_token, a.end_token, a.start, a.end, a.text,
                                       ("context:document-origin",) + a.origins, a.is_person)
                            for a in actors
                        ]
        return []

    def _from_context(self, head: Token) -> list[CodedActor]:
        """In-story references for a noun phrase with no dictionary actor of its own."""
        low = head.lower_
        ref: CodedActor | None = None
        rule = ""
        governing = self._governing_subject(head) if low in CLAUSE_PRONOUNS else []
        if low in SPEAKER_PRONOUNS and self.in_quote and self.speaker:
            ref, rule = self.speaker[0], "context:quote-speaker"
        elif governing:
            # "Israel announced it would free...", "Obama and Putin said they will...": one actor per conjunct
            return [
                CodedActor(g.code, head.i, head.i + 1, head.idx, head.idx + len(head.text), head.text,
                           ("context:reported-subject",) + g.origins, g.is_person)
                for g in governing
            ]
        elif low in PERSON_PRONOUNS and self.ctx.last_person is not None:
            ref, rule = self.ctx.last_person, "context:pronoun"
        elif low in IGO_NOUNS and self.ctx.last_igo is not None and any(c.lower_ in ("the", "its") for c in head.children):
            ref, rule = self.ctx.last_igo, "context:definite-description"
        elif (head.ent_type_ == "PERSON" or head.pos_ == "PROPN") and low in self.ctx.surnames:
            ref, rule = self.ctx.surnames[low], "context:surname"
        if ref is None:
            return []
        return [
            CodedActor(
                code=ref.code,
                start_token=head.i,
                end_token=head.i + 1,
                start=head.idx,
                end=head.idx + len(head.text),
                text=head.text,
                origins=(rule,) + ref.origins,
                is_person=ref.is_person,
            )
        ]

    def _governing_subject(self, pronoun: Token) -> list[CodedActor]:
        """For a pronoun subject of a reported clause, the reporting verb's subject."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return []
        clause = pronoun.head
        if clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
            return []
        outer = clause.head
        subj = next((c for c in outer.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            return []
        found = noun_phrase_actors(subj, self.hits, self.day, person_tokens=self.person_tokens)
        if pronoun.lower_ in ("he", "she") and not any(a.is_person for a in found):
            return []
        if pronoun.lower_ == "it" and len(found) != 1:
            return []
        return found

    def remember_actors(self) -> None:
        """Feed the story context with the sentence's subjects and objects, in reading order."""
        for tok in self.sent:
            if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "appos", "conj") and tok.pos_ in ("PROPN", "NOUN", "PRON"):
                for actor in self.np_actors(tok):
                    person_words = tuple(
                        t.text for t in self.doc[actor.start_token : actor.end_token] if t.ent_type_ == "PERSON"
                    )
                    last = (person_words[-1],) if person_words else ()
                    self.ctx.remember(actor, last)

    # -- roles ------------------------------------------------------------

    def subjects(self, verb: Token, seen: int = 0) -> tuple[list[CodedActor], list[CodedActor]]:
        """(sources, targets-from-passive-subject) for a verb, walking up controlled clauses."""
        children = list(verb.children)
        subj = next((c for c in children if c.dep_ == "nsubj"), None)
        subjpass = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if subjpass is not None or (agent is not None and verb.tag_ == "VBN"):
            sources: list[CodedActor] = []
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                sources = self.np_actors(pobj) if pobj is not None else []
            targets = self.np_actors(subjpass) if subjpass is not None else []
            if subjpass is not None and not targets:
                # "Evidence against Russia was presented": the target sits in the subject's phrase
                for p in (c for c in subjpass.children if c.dep_ == "prep" and c.lower_ not in PLACE_PREPS):
                    for pobj in (g for g in p.children if g.dep_ == "pobj"):
                        targets = targets or self.np_actors(pobj)
            if subjpass is None and verb.dep_ == "acl":
                targets = self.np_actors(verb.head)
            return sources, targets
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return self.np_actors(verb.head), []
            return self.np_actors(subj), []
        if seen > 4 or verb.head.i == verb.i:
            return [], []
        head = verb.head
        if verb.dep_ in ("xcomp", "acomp") and head.pos_ not in ("VERB", "AUX"):
            return self.subjects(head, seen + 1)  # "Arnor is about to restore": about -> is
        if verb.dep_ == "xcomp":
            dobj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if dobj is not None and self.np_actors(dobj):
                return self.np_actors(dobj), []
            src, passive_subj = self.subjects(head, seen + 1)
            if not src and passive_subj and not any(c.dep_ == "agent" for c in head.children):
                return passive_subj, []  # "Obama is scheduled to attend": raised subject
            return src, []
        if verb.dep_ in ("conj", "advcl", "acomp"):
            return self.subjects(head, seen + 1)
        if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            return self.np_actors(head), []
        return [], []

    def objects(
        self, verb: Token, sources: Sequence[CodedActor], with_clause: bool = True, locatives: bool = True
    ) -> list[CodedActor]:
        """Targets, in order of preference: direct object; prepositional objects (locatives
        last); the objects' own prepositional phrases; a controlled verb's objects; a
        subordinate clause's subject."""
        src_codes = {s.code for s in sources}

        def usable(actors: list[CodedActor]) -> list[CodedActor]:
            return [a for a in actors if a.code not in src_codes]

        def pobjs(tok: Token, locative: bool) -> list[Token]:
            preps = [c for c in tok.children if c.dep_ in ("prep", "agent") and (c.lower_ in PLACE_PREPS) == locative]
            preps.sort(key=lambda p: TARGET_PREPS.index(p.lower_) if p.lower_ in TARGET_PREPS else 99)
            return [g for p in preps for g in p.children if g.dep_ == "pobj"]

        children = list(verb.children)
        direct = [c for c in children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
        level1 = direct + pobjs(verb, locative=False)
        # "the roads leading into Mordor": objects of a participle modifying the object
        acl_objs = [g for c in level1 for v in c.children if v.dep_ == "acl" for g in pobjs(v, locative=False)]
        level2 = [g for c in level1 for g in pobjs(c, locative=False)] + acl_objs
        level3 = [g for c in level2 for g in pobjs(c, locative=False)]
        tiers: list[list[Token]] = [direct, pobjs(verb, locative=False), level2, level3]
        for tier in tiers:
            for tok in tier:
                found = usable(self.np_actors(tok))
                if found:
                    return found
        for c in children:
            if c.dep_ == "xcomp":
                found = self.objects(c, sources, with_clause=False, locatives=locatives)
                if found:
                    return found
        for tok in (pobjs(verb, locative=True) + [g for c in direct for g in pobjs(c, locative=True)]) if locatives else []:
            found = usable(self.np_actors(tok))
            if found:
                return found
        # "claimed responsibility for an attack ... in Kenya's capital": the place where the attack
        # the verb speaks of happened is its victim, even for a statement
        for noun in (t for t in direct + level1 + level2 + level3 if t.lemma_ in ATTACK_NOUNS):
            for t in noun.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS:
                    found = usable(self.np_actors(t))
                    if found:
                        return found
        if with_clause and verb.lemma_ not in SAY_LEMMAS:
            for c in children:
                if c.dep_ == "ccomp":
                    subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None:
                        found = usable(self.np_actors(subj))
                        if found:
                            return found
        return []

    def actor_at(self, token_index: int | None) -> list[CodedActor]:
        if token_index is None:
            return []
        tok = self.doc[token_index]
        head = tok
        # climb to the noun phrase head the slot token belongs to
        while head.dep_ in ("compound", "amod", "poss", "nmod") and head.head.i != head.i:
            head = head.head
        return self.np_actors(head)

    # -- verbs ------------------------------------------------------------

    def clause_tokens(self, verb: Token) -> tuple[list[Token], list[Token]]:
        """Tokens of the verb's clause left and right of it, leaving out coordinated and embedded clauses."""
        skip: set[int] = set()
        for c in verb.children:
            if c.dep_ in ("conj", "relcl", "parataxis", "ccomp", "advcl", "csubj"):
                skip.update(t.i for t in c.subtree)
        toks = [t for t in verb.subtree if t.i not in skip and t.i != verb.i and not t.is_space]
        left = [t for t in toks if t.i < verb.i]
        # auxiliaries of a governing verb belong to the left context too ("will not ... wire tap")
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            left = [c for c in verb.head.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < verb.i] + left
            left.sort(key=lambda t: t.i)
        right = [t for t in toks if t.i > verb.i]
        subjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subjpass is not None:
            # the passive subject is the logical object: "Evidence ... was presented" matches "* EVIDENCE"
            # (it stays in the left context too, for patterns written on the surface order)
            right = right + [t for t in subjpass.subtree]
        return left, right

    def negated(self, verb: Token) -> bool:
        """Negated itself, or the complement of a negated verb ("did not come to request",
        "would not give permission to Russia to help")."""
        tok = verb
        for _ in range(5):
            if any(c.dep_ == "neg" for c in tok.children):
                return True
            head = tok.head
            if head.i == tok.i:
                break
            if tok.dep_ in ("xcomp", "conj") or _is_purpose_clause(tok):
                tok = head
            elif tok.dep_ == "acl" and head.dep_ in ("dobj", "pobj") and head.head.i != head.i:
                tok = head.head if head.dep_ == "dobj" else head.head.head
            else:
                break
        return False

    def modality(self, verb: Token) -> Modality:
        tok = verb
        for _ in range(4):
            auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
            if auxes & FUTURE_AUX or (tok.dep_ == "xcomp" and (tok.head.lemma_ in INTENT_HEADS or tok.head.lemma_ in INTENT_ADJECTIVES)):
                return "intended"
            if auxes & CONDITIONAL_AUX or any(c.dep_ == "mark" and c.lower_ == "if" for c in tok.children):
                return "conditional"
            purpose = _is_purpose_clause(tok)
            if (tok.dep_ == "xcomp" or purpose) and tok.head.i != tok.i:
                if tok.head.lemma_ == "be" and any(c.lower_ == "about" for c in tok.head.children):
                    return "intended"
                tok = tok.head
                continue
            break
        head = verb
        for _ in range(4):
            if head.dep_ in ("ccomp", "xcomp", "conj") and head.head.i != head.i:
                if head.head.lemma_ in SAY_LEMMAS:
                    return "reported"
                head = head.head
            else:
                break
        if self.in_quote:
            return "reported"
        return "asserted"

    def under_intent_code(self, verb: Token) -> bool:
        """The complement of a verb the dictionary itself codes as an intent (03x: "seek", "want"):
        "seeking to deepen a partnership" is CAMEO 031, in PETRARCH's convention too."""
        head = verb.head
        if verb.dep_ != "xcomp" or head.i == verb.i or head.pos_ != "VERB":
            return False
        governing = self.match(head)
        return governing is not None and governing.code.startswith("03")

    def states_intent(self, verb: Token) -> bool:
        """An explicit statement of intent: "will"/"shall", or a complement of "agree to",
        "pledge to", "ready to"... ("is about to" is imminent action, not intent)."""
        tok = verb
        for _ in range(4):
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children):
                return True
            if tok.dep_ in ("xcomp", "ccomp", "advcl") and tok.head.i != tok.i:
                if tok.head.lemma_ in INTENT_HEADS or tok.head.lemma_ in INTENT_ADJECTIVES:
                    return True
                tok = tok.head
                continue
            break
        return False

    def event_tokens(self, verb: Token) -> list[Token]:
        """The verb's own clause: its subtree without embedded clauses that have a subject of their own."""
        cached = self._clause_cache.get(verb.i)
        if cached is not None:
            return cached
        subtree = list(verb.subtree)
        skip: set[int] = set()
        for t in subtree:
            if t.i != verb.i and t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and t.i not in skip:
                skip.update(x.i for x in t.subtree)
        tokens = [t for t in subtree if t.i not in skip]
        self._clause_cache[verb.i] = tokens
        return tokens

    def time_of(self, verb: Token, future: bool) -> when.TimeRef | None:
        own = self.event_tokens(verb)
        refs = self._dates_in(own, future)
        if refs:
            return refs[0]
        # a controlled verb shares its governor's time ("agreed on April 2 to develop")
        head = verb
        for _ in range(3):
            if head.dep_ in ("xcomp", "conj", "acl", "advcl") and head.head.i != head.i:
                head = head.head
                refs = self._dates_in([t for t in self.event_tokens(head) if t.i < verb.i or t.head.i == head.i], future)
                if refs:
                    return refs[0]
            else:
                break
        return None

    def _dates_in(self, toks: Sequence[Token], future: bool) -> list[when.TimeRef]:
        idxs = {t.i for t in toks}
        out = []
        for ent in self.ents:
            if ent.start > 0 and self.doc[ent.start - 1].lower_ in DEADLINE_WORDS:
                continue  # "until the end of 2009" bounds the event; it does not date it
            if ent.label_ in ("DATE", "TIME") and all(i in idxs for i in range(ent.start, ent.end)):
                # include the preposition ("in 2003") for the historical test; resolve the entity text
                ref = when.resolve(ent.text, self.day, future=future)
                if ref is not None:
                    out.append(ref)
        return out

    def place_of(self, verb: Token, actor_countries: Sequence[str] = ()) -> Place | None:
        """The place named by a locative of the event's own clause, resolved in the gazetteer
        (ranked by the actors' countries); the dateline only for the lead sentence."""
        gazetteer = self.coder._gazetteer()

        def known(name: str) -> bool:
            return gazetteer.lookup(name, text_is_capitalised=name[:1].isupper()) is not None

        for span in locative_spans(verb, self.event_tokens, known, self.ents):
            return self.coder.resolve_place(span.text, span.start_char, span.end_char, actor_countries)
        if self.is_lead and self.dateline is not None:
            d = self.dateline
            place = self.coder.resolve_place(d.place, d.place_start, d.place_start + len(d.place), actor_countries)
            return replace(place, source="dateline")
        return None

    # -- assembly ---------------------------------------------------------

    def run(self) -> list[EventMention]:
        out: list[EventMention] = []
        consumed: set[int] = set()
        verbs = [t for t in self.sent if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ == "ROOT")]
        for verb in sorted(verbs, key=_depth):
            if verb.i in consumed:
                continue
            match = self.match(verb)
            if match is None or not match.code:
                continue
            if self.defers_to_complement(verb, match):
                continue  # "prepared to attend", "agreed to lift": the complement carries the event
            if self.negated(verb) and not match.negation_in_pattern:
                continue
            produced = self.events_for(verb, match)
            if produced:
                out.extend(produced)
                # the verb's controlled complements were part of its pattern, not events of their own
                for c in verb.children:
                    infinitive = c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                    # "bombarded the city, killing eight": the participle elaborates the same happening
                    participle = c.dep_ == "advcl" and c.tag_ == "VBG" and not any(g.dep_ in ("nsubj", "mark") for g in c.children)
                    if c.dep_ == "xcomp" or infinitive or participle or _is_purpose_clause(c):
                        consumed.update(t.i for t in c.subtree if t.pos_ == "VERB")
        self.remember_actors()
        return out

    def match(self, verb: Token) -> VerbMatch | None:
        left, right = self.clause_tokens(verb)
        return self.coder.verb_index.match(verb, left, right, self.actor_starts)

    def defers_to_complement(self, verb: Token, match: VerbMatch) -> bool:
        """An intent or generic-cooperation verb whose infinitive complement has a code of its own
        is coded through that complement (as PETRARCH2 does), which inherits its subject."""
        if match.pattern is not None and not match.code.startswith("03"):
            return False
        if not (verb.lemma_ in INTENT_HEADS or verb.lemma_ == "agree" or match.code.startswith("03")):
            return False
        if any(c.dep_ == "dobj" for c in verb.children):
            return False  # "wants Putin to attack": an appeal to someone, not an intent
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                inner = self.match(c)
                if inner is not None and inner.code:
                    return True
        return False

    def events_for(self, verb: Token, match: VerbMatch) -> list[EventMention]:
        sources, passive_targets = self.subjects(verb)
        if match.source_at is not None:
            sources = self.actor_at(match.source_at) or sources
        # a place is a target of deeds (visits, attacks), not of statements ("remarks in Doha")
        verbal = match.code[:2] in VERBAL_ROOTS
        targets = passive_targets or self.objects(verb, sources, locatives=not verbal)
        if match.target_at is not None:
            targets = self.actor_at(match.target_at) or targets
        src_codes = {s.code for s in sources}
        targets = [t for t in targets if t.code not in src_codes]
        if not sources:
            return []
        if match.code.startswith("01") and any(c.dep_ == "ccomp" for c in verb.children):
            return []  # "X said Y ...": the reported content is coded, not the saying
        context_target = False
        compound_dyad = False
        by_agent = any(c.dep_ == "agent" for c in verb.children)
        if not targets and not passive_targets and not by_agent and len({s.code for s in sources}) >= 2:
            # "Gondor and Osgiliath delayed their meeting": the members act on each other
            compound_dyad = True
        if not targets and not compound_dyad and self.opts.require_dyad and match.code[:2] in CONTEXT_TARGET_ROOTS:
            other = self.ctx.salient_other(src_codes)
            if other is not None:
                targets = [other]
                context_target = True
        if not targets and not compound_dyad and self.opts.require_dyad:
            return []
        modality = self.modality(verb)
        reverse = match.reverse_code if modality != "intended" else None  # a visit not yet made has no host yet
        code = match.code
        intent_rule = ""
        if (modality == "intended" and self.opts.intent_codes and self.states_intent(verb)) or self.under_intent_code(verb):
            # "will provide assistance": a statement of intent, CAMEO 033, not aid given (070)
            converted = cameo.intent_code(code)
            if converted is not None:
                code, intent_rule = converted, " +builtin:intent"
        time = self.time_of(verb, future=modality == "intended")
        if time is not None and when.is_historical(time, self.day):
            modality = "historical"
        place = self.place_of(verb, [a.code[:3] for a in list(sources) + list(targets) if len(a.code) >= 3])
        rule = match.origin + intent_rule + (" +context:salient-target" if context_target else "")
        if compound_dyad:
            rule += " +builtin:compound-dyad"
        events: list[EventMention] = []
        pairs: list[tuple[CodedActor, CodedActor | None, str]] = []
        for s in sources:
            partners = [o for o in sources if o.code != s.code] if compound_dyad else targets
            for t in partners or [None]:  # type: ignore[list-item]
                if t is not None and t.code == s.code:
                    continue
                pairs.append((s, t, code))
                if reverse and t is not None and not context_target and not compound_dyad:
                    pairs.append((t, s, reverse))
        for s, t, code in pairs:
            events.append(self._mention(verb, match, s, t, code, modality, time, place, rule))
        return events

    def _mention(
        self,
        verb: Token,
        match: VerbMatch,
        s: CodedActor,
        t: CodedActor | None,
        code: str,
        modality: Modality,
        time: when.TimeRef | None,
        place: Place | None,
        rule: str,
    ) -> EventMention:
        try:
            info: cameo.CameoCode | None = cameo.event_info(code)
            plover = cameo.plover_for(code)
        except ValueError:  # a code outside CAMEO (e.g. the WEIS codes of old test dictionaries)
            info, plover = None, None
        precision: str | None
        if time is not None:
            date, date_source, precision = time.date, "text", time.precision
        elif self.day is not None:
            date, date_source, precision = self.day.isoformat(), "publication", "day"
        else:
            date, date_source, precision = None, None, None
        verb_end = verb.idx + len(verb.text)
        if match.particle is not None:
            verb_end = max(verb_end, self.doc[match.particle].idx + len(self.doc[match.particle].text))
        sent_text = self.sent.text.rstrip()
        return EventMention(
            doc_id=self.story.id,
            sentence_index=self.index,
            sentence=sent_text,
            sentence_start=self.sent.start_char,
            source=_actor_ref(s),
            target=_actor_ref(t) if t is not None else None,
            code=code,
            evidence=Evidence(verb=self.story.text[verb.idx : verb_end], start=verb.idx, end=verb_end, rule=rule),
            modality=modality,
            date=date,
            date_source=date_source,  # type: ignore[arg-type]
            date_precision=precision,  # type: ignore[arg-type]
            date_end=time.end if time is not None else None,
            place=place,
            url=self.story.url,
            quad_class=info.quad_class if info else None,
            goldstein=info.goldstein if info else None,
            plover=plover,
        )
