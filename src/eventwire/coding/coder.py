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
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from spacy.tokens import Doc, Span, Token

from eventwire import cameo
from eventwire.context import when
from eventwire.coding import constructions
from eventwire.coding.actors import (
    ActorIndex, CodedActor, Hit, PhraseIndex, conjuncts, entity_tokens, is_titled_name, noun_phrase_actors,
    resolve_code, token_keys,
)
from eventwire.coding.references import (
    CLAUSE_PRONOUNS, IGO_NOUNS, OBJECT_PRONOUNS, PERSON_PRONOUNS, SPEAKER_PRONOUNS, StoryContext, named_organisation,
)
from eventwire.dictionaries.model import DictionarySet, Word
from eventwire.coding.furniture import furniture_sentences
from eventwire.coding.lexicon import (
    CONDITIONAL_AUX, COOPERATIVE_ROOTS, COPULAS, COUNT_NOUNS, CRAFT_MOTION_LEMMAS, HOPE_WORDS, MEMBER_NOUNS, REGION_ACTORS, INTENT_ADJECTIVES, INTENT_HEADS, KIN_NOUNS, PERSON_ROLES,
)
from eventwire.coding.story_country import (
    ALLEGIANCE_WORDS,
    FORCE_ROOTS,
    located_country_names,
    own_country,
    sentence_places,
    with_owner_country,
    with_places_of_the_story,
    with_source_home,
    with_story_country,
)
from eventwire.coding.actors import SPEAKER_NOUNS
from eventwire.coding.passives import agentless_passive_source, attack_noun_source
from eventwire.context.locative import COMPASS_WORDS, NOT_PLACE_ENTS, locative_spans
from eventwire.context.where.places import core_place, dateline_fits, dateline_place
from eventwire.context.quotes import SAY_LEMMAS, QuoteSpan, find_quotes
from eventwire.context.places import Gazetteer
from eventwire.records import ActorRef, CodedStory, CodingOptions, Dateline, Evidence, EventMention, Modality, Place, Quote, Story
from eventwire.coding.verbs import VerbIndex, VerbMatch
from eventwire.nlp import SPLIT_CHARS, parse_in_parts, story_doc, tokenize_outside_zone
from eventwire.coding.trace import Candidate, CodingTrace, SentenceTrace, TracedActor, TracedHit, TracedVerb

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# Clauses whose content is not part of the verb's own event.
CLAUSE_DEPS = frozenset({"ccomp", "relcl", "advcl", "parataxis", "conj", "csubj"})
TARGET_PREPS = ("with", "to", "against", "on", "for", "at", "into", "toward", "towards", "from", "over", "about", "in", "of")
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# Relations and conflicts one is "in" with someone: an "in" phrase with these is no place.
DISPUTE_NOUNS = frozenset(
    {"dispute", "conflict", "war", "fighting", "standoff", "row", "feud", "confrontation", "talks", "negotiation",
     "negotiations", "dialogue", "clash", "clashes", "struggle", "rivalry", "quarrel",
     # contests with a side: "declared a ceasefire in their fight against the government"
     "fight", "battle", "campaign", "race", "contest", "stand-off", "showdown",
     # "in relation to", "in connection with", "in regard to": a compound preposition, no place
     "relation", "connection", "regard", "respect", "reference"}
)
ATTACK_NOUNS = frozenset(
    {"attack", "bombing", "assault", "strike", "raid", "killing", "massacre", "shelling", "explosion", "blast",
     "ambush", "offensive"}
)
# Things issued that speak for their issuer: "issued a statement condemning X".
DOCUMENT_NOUNS = frozenset({"report", "statement", "study", "letter", "document", "communique", "resolution", "declaration"})
#: entity types the small model gives a rare surname ("Lavrov met Blinken": GPE), read as a name
#: when the dictionary has exactly one person of that surname
SURNAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: consultations and diplomatic cooperation: a place in a locative phrase is only the venue...
VENUE_ROOTS = frozenset({"04", "05"})
#: ... except for a visit or an arrival, whose place is the host ("arrived in Monrovia": ARRIVE is 040)
VISIT_CODES = frozenset({"042"})
TRAVEL_LEMMAS = frozenset({"arrive", "land", "travel", "fly", "come", "go", "head", "return", "visit"})
#: a headline's name listed before the subject with a comma ("Japan, Philippines sign pact")
HEADLINE_LIST_RULE = "builtin:headline-list"
#: RELEASE's own code (084, unspecified) and the release of people (0841)
RELEASE_CODE, RELEASE_PERSON_CODE = "084", "0841"
# Statements, appeals, intents and verbal conflict: their places are not their targets.
VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
# Root codes for which a missing target is filled from the story's main counterpart.
CONTEXT_TARGET_ROOTS = frozenset({"02", "03", "04", "05", "06", "07", "08", "11", "13", "14"})
# Marks a one-sided event (`cameo.is_one_sided`) in its rule.
ONE_SIDED_RULE = "+builtin:one-sided"
#: an arrival or deployment with no place of its own is in the story's country
STORY_PLACE_RULE = "context:story-place"
ARRIVAL_VERBS = frozenset({"arrive", "land", "deploy"})
#: words that give a movement a destination of its own: "arrived here", "deployed to", "went home"
DESTINATION_WORDS = frozenset({"to", "into", "toward", "towards", "here", "there", "home", "abroad", "onto"})
#: a target found in the "of" phrase of a locative object ("fired at thousands of lawyers")
AIMED_AT_OF_RULE = "builtin:aimed-at-of"
#: a subject shared with a verb the parser hung a finite verb on as "dep" (", then flew to ...")
SEQUEL_RULE = "builtin:sequel-subject"
#: the purpose clause of a contact (04x: telephoned, visited, met) is addressed to the one contacted
CONTACT_ROOT = "04"
CONTACT_PURPOSE_RULE = "builtin:contact-purpose"
# Comments on a situation (declined comment, pessimism, optimism, ...: 011-017) are about it, not
# addressed to the one called; sympathy (018) is addressed ("to offer condolences").
COMMENT_CODES = frozenset({"011", "012", "013", "014", "015", "016", "017"})
# Summoning (114, "complain officially") or expelling (174) a foreign envoy happens in the host's capital.
ENVOY_CODES = ("114", "174")
ENVOY_NOUNS = frozenset({"ambassador", "diplomat", "envoy", "attache", "attaché", "chargé", "charge", "consul"})
# Verbs and object nouns that make the members of a plural subject each other's counterparts
# ("Chile and Peru agreed to a truce", "X and Y held talks"); other verbs never do ("X, Y and Z
# condemned the attack" is three statements, not six condemnations of each other).
RECIPROCAL_VERBS = frozenset(
    {"meet", "talk", "negotiate", "discuss", "confer", "consult", "sign", "agree", "cooperate", "collaborate",
     "clash", "reconcile", "ally", "exchange", "trade", "fight", "normalize", "normalise", "embrace", "shake"}
)
RECIPROCAL_NOUNS = frozenset(
    {"talk", "talks", "meeting", "negotiation", "agreement", "deal", "accord", "treaty", "pact", "truce",
     "ceasefire", "cease-fire", "summit", "consultation", "discussion", "alliance", "relation", "tie",
     "partnership", "dialogue", "clash", "handshake", "armistice", "cooperation",
     # "reached a consensus / an understanding / a compromise": agreed with each other
     "consensus", "understanding", "compromise"}
)
RECIPROCAL_PRONOUNS = (("each", "other"), ("one", "another"))
# "joint military exercises", "bilateral talks": an object done together is done with each other
RECIPROCAL_MODIFIERS = frozenset({"joint", "bilateral", "mutual", "reciprocal"})
# Verbs that perform the joint act their object names ("held talks", "signed a deal"); other verbs
# only speak of it ("welcomed the agreement" is not an agreement between the welcomers).
JOINT_ACT_VERBS = frozenset(
    {"hold", "have", "sign", "reach", "conclude", "strike", "seal", "begin", "start", "open", "resume", "conduct",
     "stage", "launch", "enter", "form", "forge", "establish", "restore", "renew", "continue", "wrap",
     # ... and verbs that change a relation both sides hold ("deepen a partnership", "improve ties")
     "deepen", "strengthen", "improve", "expand", "boost", "cement", "upgrade", "develop", "enhance", "broaden"}
)
# Statements, appeals and demands: addressed to "its"/"their" own people they have no counterpart.
OWN_PEOPLE_ROOTS = frozenset({"01", "02", "10"})
# Means, not participants: an actor named by one is never an inferred counterpart.
INSTRUMENT_NOUNS = frozenset(
    {"warplane", "jet", "plane", "aircraft", "helicopter", "drone", "tank", "armour", "armor", "missile",
     "rocket", "warship", "submarine", "artillery", "gunship", "bomber", "fighter-bomber", "vehicle", "ship"}
)
# Heads of noun phrases that name a place ("the Libyan capital", "a Georgian city").
PLACE_NOUNS = frozenset(
    {"city", "capital", "town", "village", "province", "region", "district", "area", "border", "airport",
     "port", "square", "camp", "street", "neighbourhood", "neighborhood", "island", "coast"}
)


# Verbs of a telephone call (CAMEO 041)
CALL_LEMMAS = frozenset({"call", "phone", "telephone", "ring"})
# Sites a story names and may name again with "the": "the park", "the city", "the square".
SITE_NOUNS = frozenset(
    {"city", "town", "village", "park", "square", "camp", "district", "neighbourhood", "neighborhood", "port",
     "airport", "base", "prison", "hospital", "embassy", "compound", "suburb", "province", "region"}
)


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
        gazetteer: Gazetteer | None = None,
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
        self._places = gazetteer  # None: the shipped GeoNames gazetteer, loaded on first use
        #: where a long story's parsing progress goes (a terminal line), None: nowhere
        self.progress: Callable[[str], None] | None = None

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        if self._nlp is None:
            from eventwire.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def code_story(
        self, story: Story, options: CodingOptions | None = None, trace: CodingTrace | None = None
    ) -> CodedStory:
        return self.code_doc(story, self.nlp(story_doc(self.nlp, story)), options, trace=trace)

    def code_stories(
        self, stories: Iterable[Story], options: CodingOptions | None = None, batch_size: int = 32
    ) -> Iterator[CodedStory]:
        """Parse and code `batch_size` stories at a time, each batch inside spaCy's `memory_zone`
        (the strings and lexemes a batch adds are freed after it: a long run's memory stays flat).
        A story longer than `nlp.SPLIT_CHARS` is parsed in paragraph groups (`parse_in_parts`)."""
        it = iter(stories)
        nlp = self.nlp
        while batch := list(islice(it, batch_size)):
            # tokenised before the zone while the process is young: spaCy's tokenizer caches nothing inside one
            docs = None
            if tokenize_outside_zone(nlp):
                docs = [story_doc(nlp, s) if len(s.text) <= SPLIT_CHARS else None for s in batch]
            with nlp.memory_zone():
                coded = list(self._code_batch(batch, options, batch_size, docs))
            yield from coded

    def _code_batch(
        self, batch: list[Story], options: CodingOptions | None, batch_size: int, docs: list[Doc | None] | None = None
    ) -> Iterator[CodedStory]:
        nlp = self.nlp
        made = docs if docs is not None else [None] * len(batch)
        short = (
            (made[i] if made[i] is not None else story_doc(nlp, s), i)
            for i, s in enumerate(batch) if len(s.text) <= SPLIT_CHARS
        )
        parsed = {i: doc for doc, i in nlp.pipe(short, as_tuples=True, batch_size=batch_size)}
        for i, story in enumerate(batch):
            doc = parsed.pop(i, None)
            if doc is None:
                doc = parse_in_parts(nlp, story, on_part=self._part_progress(story))
            yield self.code_doc(story, doc, options)

    def _part_progress(self, story: Story) -> Callable[[int, int], None] | None:
        if self.progress is None:
            return None
        show, size = self.progress, len(story.text)
        return lambda done, parts: show(
            f"story {story.id}: {size:,} characters, part {done} of {parts} parsed" + ("; coding" if done == parts else "")
        )

    # ------------------------------------------------------------------

    def code_doc(
        self, story: Story, doc: Doc, options: CodingOptions | None = None, trace: CodingTrace | None = None
    ) -> CodedStory:
        """Code one parsed story. `trace`, when given, collects every candidate event and why it was
        kept or dropped (`eventwire explain`); without it no tracing work is done."""
        opts = options or self.options
        day = parse_story_date(story.date)
        # every token's dictionary keys, once per Doc: the discard checks and the actor scan all need them
        keys = [token_keys(t) for t in doc]
        if self._discarded(keys, story_level=True):
            if trace is not None:
                trace.story_discarded = "discard: story-level phrase"
            return CodedStory(story=story, events=(), discarded="discard: story-level phrase")
        ctx = StoryContext()
        events: list[EventMention] = []
        sents = list(doc.sents)
        furniture = furniture_sentences(doc, sents)
        quote_spans = [q for q in find_quotes(doc, sents) if not _inside_any(q, sents, furniture)]
        speakers = _sentence_speakers(sents, quote_spans)
        ents = _ents_by_sentence(doc, sents)  # once per story: Span.ents rebuilds Doc.ents on every call
        speaker_actors: dict[int, list[CodedActor]] = {}
        dateline = story.dateline  # found once, by the reader
        clock = when.StoryClock(day)
        ctx.countries.dateline = self._dateline_country(dateline)
        lead = next((i for i, s in enumerate(sents) if i not in furniture and s.text.strip() and
                     (dateline is None or s.start_char >= dateline.end)), None)
        for index, sent in enumerate(sents):
            if index in furniture or not sent.text.strip():
                if trace is not None:
                    trace.begin(index, sent.start_char, sent.end_char, sent.text,
                                "furniture" if index in furniture else "empty")
                continue
            sent_keys = keys[sent.start : sent.end]
            coder = _SentenceCoder(
                self, story, doc, sent, index, day, opts, ctx, speakers.get(index), ents[index], keys
            )
            coder.is_lead, coder.dateline, coder.clock = index == lead, dateline, clock
            if trace is not None:
                coder.trace = trace.begin(index, sent.start_char, sent.end_char, sent.text)
            # resolve quote speakers named here now, while "he" still means who it means here
            for q in quote_spans:
                if q.speaker is not None and sent.start <= q.speaker.i < sent.end:
                    speaker_actors[q.speaker.i] = coder.np_actors(q.speaker)
            if self._discarded(sent_keys, story_level=False):
                coder.remember_actors()
                if coder.trace is not None:
                    coder.trace.status = "discard"
                    coder.trace_actors()
                continue
            produced = coder.run()
            events.extend(produced)
            clock.note(coder.ents, index)
            for e in produced:  # the story's countries, in order of first mention
                ctx.countries.note_event_actors(a.code for a in (e.source, e.target) if a is not None)
        quotes = tuple(_quote_record(story, doc, q, speaker_actors, day) for q in quote_spans)
        kept = _dedupe(events)
        if trace is not None:
            trace.mark_duplicates({(e.sentence_index, e.source.code, e.target.code if e.target else None, e.code,
                                    e.evidence.start) for e in kept})
        return CodedStory(story=story, events=tuple(kept), quotes=quotes)

    def resolve_place(self, name: str, start: int | None, end: int | None, countries: Sequence[str] = ()) -> Place:
        """A place as written, completed from the offline gazetteer when it knows the name."""
        gazetteer = self._gazetteer()
        if name[:4].lower() == "the " and name[4:5].isupper():
            # "in the Yellow Sea": the article is no part of a proper name ("the city" keeps it)
            name, start = name[4:], (start + 4 if start is not None else None)
        found = gazetteer.lookup(name, countries=tuple(countries)) if gazetteer is not None else None
        first, _, rest = name.partition(" ")
        if found is None and rest and first in COMPASS_WORDS and gazetteer is not None:
            found = gazetteer.lookup(rest, countries=tuple(countries))  # "southern Israel": Israel, as written
        if found is None:
            core = core_place(gazetteer, name, start, countries) if gazetteer is not None else None
            return core if core is not None else Place(name=name, start=start, end=end)
        return replace(found, name=name, start=start, end=end)

    def _dateline_country(self, dateline: Dateline | None) -> str | None:
        """The country of the dateline's place ("SANAA, Yemen"), None for none or several."""
        gazetteer = self._gazetteer()
        if dateline is None or gazetteer is None:
            return None
        found = dateline_place(gazetteer, dateline.place, dateline.place_start)
        return found.country if found is not None else None

    def _gazetteer(self) -> Gazetteer:
        if self._places is None:
            from eventwire.context.where import Gazetteer as GeoNames

            self._places = GeoNames.load()
        return self._places

    def locate(self, doc: Doc, token_index: int, date: str | None = None) -> Place | None:
        """The place of the event whose trigger is doc[token_index] (used to score "where" alone)."""
        tok = doc[token_index]
        story = Story(id="locate", text=doc.text, date=date)
        sentence = _SentenceCoder(
            self, story, doc, tok.sent, 0, parse_story_date(date), self.options, StoryContext(), None
        )
        return sentence.place_of(tok)

    def _discarded(self, keys: Sequence[tuple[str, ...]], story_level: bool) -> bool:
        """Whether a discard phrase occurs in the tokens whose token_keys are `keys`."""
        index = self._discards[story_level]
        if index.empty:
            return False
        return index.occurs_in(keys)


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


def _traced(a: CodedActor | None) -> TracedActor | None:
    if a is None:
        return None
    return TracedActor(a.code, a.text, a.start, a.end, " ".join(dict.fromkeys(a.origins)))


def _phrasal_call(verb: Token, match: VerbMatch) -> bool:
    """"call in", "call off", "call up", "call for" matched only as the bare verb "call" (041 telephone)."""
    return (match.pattern is None and match.code.startswith("041") and verb.lemma_.lower() == "call"
            and any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "for") or _for_clause(c) for c in verb.children))


def _for_clause(tok: Token) -> bool:
    """"(called) for the result to be annulled": a clause opened by "for"."""
    return tok.dep_ in ("advcl", "ccomp", "xcomp") and any(g.dep_ == "mark" and g.lower_ == "for" for g in tok.children)


def _indirect_question(clause: Token) -> bool:
    """"(determine) how many civilians died", "(asked) whether the talks would resume": a question's
    subject is what is asked about, not the counterpart of the verb that asks it."""
    return any(t.tag_ in ("WRB", "WP", "WDT") or (t.dep_ == "mark" and t.lower_ in ("whether", "if"))
               for t in clause.subtree if t.i < clause.i)


def _is_audience(actor: CodedActor) -> bool:
    """Reporters or journalists of no named outlet ("told reporters"): the audience of a statement,
    never its counterpart. Their country, if any, is only the story's (`context:story-country`)."""
    own_country = not actor.code.startswith("---") and not any(o.startswith("context:") for o in actor.origins)
    return actor.code[3:] == "MED" and not own_country


def _open_target_slot(verb: Token, code: str) -> bool:
    """The verb heads a main clause (or its purpose: "came here to ask for training") and its
    counterpart's slot is empty, so the counterpart may be the story's ("Arnor met again"). A
    subordinate clause ("after the Islamists pulled out", "a vote authorising the operation") is
    background; a recipient that names no party ("give the truce a chance") fills the slot, and so
    does the object of an appeal, meeting or praise ("asked the judges", "toured the blast sites"),
    which is their counterpart's place. A gift's object is the thing given ("donated weapons"):
    its recipient may still be the story's."""
    tok = verb.head if _is_purpose_clause(verb) and verb.head.i != verb.i else verb
    if not _main_clause(tok) or any(c.dep_ == "dative" for c in verb.children):
        return False
    return code[:2] not in OBJECT_COUNTERPART_ROOTS or not any(c.dep_ == "dobj" for c in verb.children)


# Appeals, meetings and diplomatic cooperation: their direct object is their counterpart.
OBJECT_COUNTERPART_ROOTS = frozenset({"02", "04", "05"})


def _site_noun(tok: Token) -> str | None:
    """The site noun a place name belongs to: "Istanbul's Gezi Park" -> "park", "the city of
    Lahore" -> "city", "the embassy in Harare" -> "embassy"; None for a bare name."""
    for _ in range(3):
        if tok.lemma_.lower() in SITE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
            return tok.lemma_.lower()
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        elif (tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.lemma_.lower() in SITE_NOUNS
              and tok.head.head.pos_ == "NOUN"):
            return tok.head.head.lemma_.lower()  # "the Dutch embassy in Harare": "the embassy" is there
        elif tok.dep_ in ("poss", "compound") and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def _names_people(noun: Token) -> bool:
    """A noun that may name the actor its modifier names ("United Nations inspectors"), not a
    happening, document, place or instrument ("the Bali bombings", "the Malian town")."""
    lemma = noun.lemma_.lower()
    return not (lemma.endswith("ing") or lemma in ATTACK_NOUNS or lemma in DOCUMENT_NOUNS or lemma in PLACE_NOUNS
                or lemma in INSTRUMENT_NOUNS or lemma in RECIPROCAL_NOUNS)


COUNTED_GROUP_RULE = "context:counted-group"
OWNER_RULE = "context:owned-thing"
NAMED_ROLE_RULE = "context:named-role"
LOYAL_RULE = "context:loyal-to"
CRAFT_RULE = "context:craft-from"
THEM_RULE = "context:them-same-sentence"


def _bare_definite(head: Token, actor: CodedActor) -> bool:
    """"the court", "the court's": an agent-only phrase of the article and one common noun."""
    return (actor.code.startswith("---") and len(actor.code) > 3 and head.pos_ == "NOUN"
            and actor.end_token - actor.start_token <= 2 and head.i == actor.end_token - 1
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            and not any(c.dep_ in ("amod", "compound", "nmod") for c in head.children))


def _counted_as_two(head: Token) -> bool:
    """"the two leaders", "both sides", "both countries": a plural noun counted as a pair."""
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    kids = {c.lower_ for c in head.children if c.dep_ in ("nummod", "det", "predet", "preconj")}
    return "both" in kids or ("two" in kids and "the" in kids)


def _region_name(head: Token) -> list[CodedActor]:
    """"accused the West of ...": a capitalised region name with "the" that stands for a group of
    states (`REGION_ACTORS`); "the west of the country" (lower case) and "the West Bank" are not it."""
    code = REGION_ACTORS.get(head.text)
    if code is None or head.tag_ != "NNP" or any(c.dep_ == "compound" for c in head.children):
        return []
    if head.dep_ == "compound" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return []
    return [CodedActor(code, head.i, head.i + 1, head.idx, head.idx + len(head.text), head.text,
                       ("builtin:region-name",), False)]


def _is_purpose_clause(tok: Token) -> bool:
    """"... to help Iran" attached as an adverbial clause: the purpose of its governor."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# Verbs of wishing: "wants X to do" asks X to do it (an appeal, CAMEO 02x), not an intent (030).
WISH_VERBS = frozenset({"want", "wish", "like"})
# Heads of an intent that is the subject's attitude alone ("wants to", "determined to"), unlike
# an arrangement both sides are party to ("will meet", "agreed to meet", "plans to meet").
WISH_HEADS = frozenset({"want", "wish", "hope", "seek", "aim", "try", "intend", "offer", "vow", "promise",
                        "pledge"}) | INTENT_ADJECTIVES


def _own_wish(verb: Token) -> bool:
    """The verb is what its subject wishes, vows or is ready to do ("determined to mend ties with
    Kigali"): a symmetric code's other side has said nothing, so it gets no reverse event."""
    tok = verb
    for _ in range(3):
        if tok.dep_ != "xcomp" or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in WISH_HEADS or tok.lower_ in WISH_HEADS:
            return True
    return False


def _main_clause(verb: Token) -> bool:
    """The verb heads its sentence's main clause, or is coordinated with, controlled by or reported
    by the verb that does ("X moved into Gori, officials said"); not a subordinate clause."""
    tok = verb
    for _ in range(6):
        if tok.dep_ == "ROOT" or tok.head.i == tok.i:
            return True
        if tok.dep_ == "pcomp" and (copula := constructions.culpable_predicate(tok)) is not None:
            tok = copula  # "the rebels are guilty of violating the truce": the finding is the clause's news
            continue
        # ("acomp": "the government is prepared to impose martial law", the main clause's predicate)
        if tok.dep_ not in ("conj", "xcomp", "ccomp", "acomp") and not (_is_purpose_clause(tok) and tok.head.lemma_ in INTENT_HEADS):
            return False
        tok = tok.head
    return False


def _misparsed_sequel(verb: Token) -> bool:
    """"won Medvedev's backing ..., then flew to Tbilisi": a finite verb without a subject that the
    parser hung on the verb before it as a bare "dep" is the next deed of the same subject."""
    head = verb.head
    return (verb.dep_ == "dep" and verb.tag_ in FINITE_TAGS and head.i < verb.i and head.pos_ in ("VERB", "AUX")
            and not any(c.dep_.startswith("nsubj") or c.dep_ == "expl" for c in verb.children))


#: words that name a part of what their "of" phrase names ("some of its restrictions")
PARTITIVE_WORDS = frozenset({"some", "all", "many", "most", "much", "part", "parts", "several", "any", "each",
                             "half", "rest", "none", "few", "one", "both", "either", "neither"})
#: prepositions of a recipient or counterpart, which a misparsed participle may leave bare
RECIPIENT_PREPS = frozenset({"to", "for", "against", "toward", "towards"})


def _prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition. "granted asylum to five officers holed up in the embassy": the
    parser makes the noun after a bare preposition the subject of the participle that follows it
    (a reduced relative read as a clause); that subject is the preposition's object."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    if objs or prep.i + 1 >= len(prep.doc) or prep.lower_ not in RECIPIENT_PREPS:
        return objs  # ("with two Palestinians killed" is an absolute phrase, no object)
    nxt = prep.doc[prep.i + 1]
    for noun in nxt.ancestors if nxt.dep_ != "nsubj" else [nxt]:
        if noun.dep_ == "nsubj":
            break
    else:
        return []
    clause = noun.head
    if noun.left_edge.i == prep.i + 1 and clause.i > noun.i and clause.tag_ in ("VBD", "VBN") and not any(
            c.dep_ in ("aux", "auxpass", "mark") for c in clause.children):
        return [noun]
    return []


def _of_objects(noun: Token) -> list[Token]:
    """The objects of a noun's own "of" phrase ("thousands of lawyers": lawyers)."""
    return [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def _locative_prep(prep: Token) -> bool:
    """"in"/"at"/"near" ... before a place; not before a dispute, talks or a war: "risen in the
    dispute with Osgiliath" names the counterpart in that phrase, no place."""
    if prep.lower_ not in PLACE_PREPS:
        return False
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return not (objs and all(o.lemma_.lower() in DISPUTE_NOUNS for o in objs))


#: governors of an attempt, which is the deed tried, not a stated intent ("tried to hack into")
ATTEMPT_HEADS = frozenset({"try", "attempt", "seek", "strive"})
#: dependencies that open a clause of its own inside a phrase ("a place to visit")
NESTED_CLAUSE_DEPS = CLAUSE_DEPS | {"acl", "xcomp"}


#: tags of a finite verb, which carries its own tense (and negation)
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _is_amount(tok: Token) -> bool:
    """A number or a counted unit of money: "$5 million", "10 million euros"."""
    return tok.tag_ == "CD" or any(c.dep_ in ("nummod", "quantmod") and c.tag_ in ("CD", "$") for c in tok.children)


def _coordinated(conj: Token) -> bool:
    """A conjunct verb really coordinated with its head: an "and"/"or"/"but" or a comma stands
    between them. The parser also hangs a verb it cannot place on an earlier verb as "conj"."""
    head = conj.head
    return any(c.dep_ in ("cc", "punct", "preconj") and head.i < c.i < conj.i for c in head.children) or any(
        c.dep_ == "cc" and c.i < conj.i for c in conj.children)


def _has_own_subject(clause: Token) -> bool:
    """A clause with a subject of its own: a noun's content clause ("accusations that the deal put
    dissidents at risk"), not a participle describing the noun ("the roads leading into Mordor")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _copular(clause: Token) -> bool:
    """A clause whose head is the copula with a predicate ("Mordor isn't a pleasant place"): no
    verb of its own to code."""
    return clause.lemma_ == "be" and any(c.dep_ in ("attr", "acomp") for c in clause.children)


def _place_only(actor: CodedActor) -> bool:
    """A target that is a place's country and no party named ("a ceasefire in Gao"): it does
    not act back."""
    return actor.origins[:1] in ((constructions.PLACED_DEED_RULE,), (constructions.ATTACKED_PLACE_RULE,),
                                 (STORY_PLACE_RULE,))


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
        doc_keys: Sequence[tuple[str, ...]] | None = None,
    ) -> None:
        self.coder, self.story, self.doc, self.sent, self.index = coder, story, doc, sent, index
        # Span.ents rebuilds Doc.ents on every access: code_doc passes each sentence's share
        self.ents = list(sent.ents) if ents is None else ents
        self.day, self.opts, self.ctx, self.speaker_tok = day, opts, ctx, speaker
        # the sentence's tokens, listed once: iterating a Span builds every Token again
        self.tokens = list(sent)
        # the token_keys of every token of the Doc, when code_doc has them (None: computed as needed)
        self.doc_keys = doc_keys
        sent_keys = doc_keys[sent.start : sent.end] if doc_keys is not None else None
        self.hits: list[Hit] = coder.actor_index.scan(self.tokens, sent_keys)
        self.actor_starts = {h.start: h.end for h in self.hits if h.kind == "actor"}
        self._match_cache: dict[int, VerbMatch | None] = {}
        # a person the story named in full before is an actor where a pattern's `+`/`$` slot looks
        # for one: "invited Kim to visit" after "North Korean leader Kim Jong Il" (`- * + TO VISIT`)
        for t in self.tokens:
            if t.pos_ == "PROPN" and t.ent_type_ == "PERSON" and t.lower_ in ctx.surnames and t.i not in self.actor_starts:
                self.actor_starts[t.i] = t.i + 1
        self.person_tokens = frozenset(t.i for t in self.tokens if t.ent_type_ == "PERSON")
        self._has_verb: bool | None = None  # is_participant asks for every mention: looked up once
        self.in_quote = speaker is not None
        self._np_cache: dict[int, list[CodedActor]] = {}
        self._contact_purpose: dict[int, int] = {}  # purpose-clause verb -> the contact verb it serves
        self._clause_cache: dict[int, list[Token]] = {}
        self._places: list[str] | None = None
        self.is_lead = False  # the first sentence of the story proper: a dateline may place it
        self.clock: when.StoryClock | None = None  # the day the story last named
        self.dateline: Dateline | None = None
        self.speaker: list[CodedActor] = []
        if speaker is not None:
            self.speaker = self._speaker_actors(speaker)
        self.trace: SentenceTrace | None = None  # set by code_doc when a CodingTrace is collecting
        self._last_pairs: list[tuple[CodedActor, CodedActor | None]] = []  # events_for's (source, target) pairs

    # -- trace (only when self.trace is set) ------------------------------

    def trace_verb(self, verb: Token, match: VerbMatch) -> None:
        assert self.trace is not None
        self.trace.verbs.append(TracedVerb(verb.text, verb.idx, match.block, match.code, match.reverse_code,
                                           match.origin, match.pattern is not None))

    def drop(
        self,
        verb: Token,
        match: VerbMatch | None,
        reason: str,
        sources: Sequence[CodedActor] = (),
        targets: Sequence[CodedActor | None] = (),
        detail: str = "",
    ) -> None:
        """Record dropped candidates, one per (source, target) pair; a no-op without a trace."""
        if self.trace is None:
            return
        code = match.code if match is not None else ""
        rule = match.origin if match is not None else ""
        if not sources and not targets and reason in ("negated", "deferred", "no-code", "complement", "fallback-contradicted"):
            sources = self.subjects(verb)[0]  # who would have acted: tracing only, no effect on coding
        for s in list(sources) or [None]:
            for t in list(targets) or [None]:
                self.trace.candidates.append(Candidate(verb.text, verb.idx, code, _traced(s), _traced(t), rule,
                                                       False, reason, detail))

    def trace_kept(self, verb: Token, event: EventMention) -> None:
        assert self.trace is not None
        s, t = event.source, event.target
        self.trace.candidates.append(Candidate(
            verb.text, verb.idx, event.code, TracedActor(s.code, s.text, s.start, s.end, s.rule or ""),
            TracedActor(t.code, t.text, t.start, t.end, t.rule or "") if t is not None else None,
            event.evidence.rule, True))

    def trace_actors(self) -> None:
        """The dictionary hits of the sentence and the noun-phrase actors the coder resolved."""
        assert self.trace is not None
        for h in self.hits:
            code = h.agent_code if h.kind == "agent" else "/".join(dict.fromkeys(c.code for c in h.codes))
            words = self.doc[h.start : h.end]
            self.trace.hits.append(TracedHit(words.text, words.start_char, h.kind, code, h.origin))
        seen: set[tuple[str, int]] = set()
        for actors in self._np_cache.values():
            for a in actors:
                if (a.code, a.start) not in seen:
                    seen.add((a.code, a.start))
                    self.trace.actors.append(_traced(a))  # type: ignore[arg-type]
        self.trace.actors.sort(key=lambda a: a.start)

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
        if found and all(is_titled_name(a) for a in found):
            found = self._from_context(head) or found  # the story named this person in full before
        if len(found) == 1 and _bare_definite(head, found[0]):
            # "the court" after "the International Criminal Court": that court, not the story country's
            found = [named_organisation(self.ctx, found[0], head.lemma_.lower()) or found[0]]
        self._np_cache[head.i] = found  # the owner's search may come back here: it gets this phrase as is
        found = with_owner_country(found, head, self.np_actors, lambda v: self.subjects(v)[0])
        found = with_story_country(found, self.ctx.countries, self._place_countries)
        found = with_places_of_the_story(found, self.hits, self.doc, self._lookup_in_story, self.ctx.countries.known())
        if all(a.code.startswith("---") for a in found):
            # "the two leaders", "the navies of the two sides"
            owner = next((g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                          for g in p.children if g.dep_ == "pobj" and _counted_as_two(g)), None)
            if _counted_as_two(head) or owner is not None:
                found = self._pair_reference(head, found) or found
        if not found:
            found = self._from_context(head)
        elif head.pos_ == "PROPN":
            found = found + self._unnamed_conjuncts(head, found)
        if not found:
            found = self._counted_group(head)
        if not found:
            found = self._owner_of(head)
        if not found:
            found = own_country(head, lambda v: self.subjects(v)[0])  # "Putin said his country will ..."
        if not found:
            found = self._loyal_to(head)
        if not found:
            found = self._craft_origin(head)
        if not found:
            found = _region_name(head)
        if not found and head.lemma_ in DOCUMENT_NOUNS:
            found = self._document_origin(head)
        self._np_cache[head.i] = found
        return found

    def _unnamed_conjuncts(self, head: Token, found: list[CodedActor]) -> list[CodedActor]:
        """"charged Samaha and General Ali Mamlouk, the head of Syria's bureau": a name in a list the
        dictionaries miss while another member has a code is the person the story named before."""
        out: list[CodedActor] = []
        for member in conjuncts(head):
            nested = {t.i for c in member.children if c.dep_ == "conj" for t in c.subtree}
            own = {t.i for t in member.subtree} - nested
            if member.pos_ != "PROPN" or any(a.start_token in own for a in found):
                continue
            out += self._from_context(member)
        return out

    def _loyal_to(self, head: Token) -> list[CodedActor]:
        """"forces loyal to President X", "militias allied with the government": armed men with no
        code of their own ("forces" is no agent) fight for the one they are loyal to."""
        if head.pos_ != "NOUN" or head.tag_ != "NNS":
            return []
        owners = [g for a in head.children if a.dep_ == "amod" and a.lower_ in ALLEGIANCE_WORDS
                  for p in a.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                  for g in p.children if g.dep_ == "pobj"]
        return [replace(a, origins=(LOYAL_RULE,) + a.origins) for o in owners[:1] for a in self.np_actors(o)
                if not a.code.startswith("---")]

    def _craft_origin(self, head: Token) -> list[CodedActor]:
        """"Rafale jets flying from France", "planes from Turkey": an aircraft, ship or vehicle with
        no code of its own acts for the country it came from (`context:craft-from`)."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in INSTRUMENT_NOUNS:
            return []
        froms = [p for p in head.children if p.dep_ == "prep" and p.lower_ == "from"]
        froms += [p for v in head.children if v.dep_ == "acl" and v.lemma_.lower() in CRAFT_MOTION_LEMMAS
                  for p in v.children if p.dep_ == "prep" and p.lower_ == "from"]
        for prep in froms:
            for origin in (g for g in prep.children if g.dep_ == "pobj"):
                found = [a for a in self.np_actors(origin) if not a.code.startswith("---") and not a.is_person]
                if found:
                    return [replace(a, origins=(CRAFT_RULE,) + a.origins) for a in found]
        return []

    def _owner_of(self, head: Token) -> list[CodedActor]:
        """"the governor's office", "the court's decision": a thing an actor named by a common noun
        owns stands for that actor (a named owner, "Sudan's decision", is in the phrase already)."""
        if head.pos_ != "NOUN" or head.lemma_.lower() in KIN_NOUNS:
            return []
        for owner in head.children:
            if owner.dep_ == "poss" and owner.pos_ == "NOUN":
                found = self.np_actors(owner)
            elif owner.dep_ in ("poss", "compound") and owner.pos_ == "PROPN" and owner.i < head.i:
                # "Tsvangirai's withdrawal", "gave Tsvangirai shelter" (parsed as a compound): a
                # person the story named in full before, by surname
                found = [a for a in self.np_actors(owner) if "context:surname" in a.origins]
            else:
                continue
            # an owner the story cannot place ("the courts' leaders" as ---JUD) says too little
            found = [replace(a, origins=(OWNER_RULE,) + a.origins) for a in found if not a.code.startswith("---")]
            if found:
                return found
        return []

    def _group_before(self, pronoun: Token) -> list[CodedActor]:
        """The latest plural group of people (or country, "Uzbeks") named before `pronoun` in its
        sentence, not the subject of the pronoun's own verb."""
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for tok in reversed(self.tokens[: pronoun.i - self.sent.start]):
            if tok.tag_ not in ("NNS", "NNPS") or not _names_people(tok):
                continue
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i:
                continue  # "authorities were giving them": not themselves
            found = [a for a in self.np_actors(tok) if not a.is_person]
            if found:
                return found
        return []

    def _counted_group(self, head: Token) -> list[CodedActor]:
        """"thousands of lawyers", "hundreds of them": a count of people is the people counted;
        "them" after a count is the latest group of people named before it in the sentence."""
        if head.lower_ not in COUNT_NOUNS and head.lower_ not in MEMBER_NOUNS and head.pos_ != "NUM":
            return []
        counted = next((g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj"), None)
        if counted is None:
            return []
        found = self.np_actors(counted)  # "hundreds of them": `_group_before` for "them"
        return [replace(a, origins=(COUNTED_GROUP_RULE,) + a.origins) for a in found if not a.is_person]

    def _lookup_in_story(self, name: str, first: Sequence[str] = ()) -> Place | None:
        """The place `name` means in this story; the countries in `first` rank before the story's."""
        known = self.ctx.countries.known()
        return self.coder._gazetteer().lookup(name, countries=tuple(dict.fromkeys([*first, *known])) if first else known)

    def _place_countries(self) -> list[str]:
        if self._places is None:
            known = self.ctx.countries.known()
            gazetteer = self.coder._gazetteer()
            actor_tokens = frozenset(i for h in self.hits if h.kind == "actor" for i in range(h.start, h.end))
            self._places = sentence_places(
                self.ents, lambda name: gazetteer.lookup(name, countries=known), actor_tokens
            ) + located_country_names(self.hits, self.doc, self.ents, lambda name: gazetteer.lookup(name, countries=known))
        return self._places

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
            # the pronoun's words hold its place in the parse; its text and offsets are the named
            # antecedent's, in the same sentence: the words that carried the code
            return [
                CodedActor(g.code, head.i, head.i + 1, g.start, g.end, g.text,
                           ("context:reported-subject",) + g.origins, g.is_person)
                for g in governing
            ]
        elif low == "them" and (group := self._group_before(head)):
            # "Uzbeks who fled ... where Kyrgyz authorities were giving them food": the group's own words
            return [replace(a, origins=(THEM_RULE,) + a.origins) for a in group]
        elif low in OBJECT_PRONOUNS and (same := self._object_before(head)) is not None:
            ref, rule = same, "context:pronoun-same-sentence"
        elif low in PERSON_PRONOUNS and (same := self._person_before(head)) is not None:
            ref, rule = same, "context:pronoun-same-sentence"
        elif low in PERSON_PRONOUNS and (person := self.ctx.person_for(low, head.dep_ in ("nsubj", "nsubjpass"))) is not None:
            ref, rule = person, "context:pronoun"
        elif low in IGO_NOUNS and self.ctx.last_igo is not None and any(c.lower_ in ("the", "its") for c in head.children):
            ref, rule = self.ctx.last_igo, "context:definite-description"
        elif (head.ent_type_ == "PERSON" or head.pos_ == "PROPN") and low in self.ctx.surnames:
            ref, rule = self.ctx.surnames[low], "context:surname"
        elif low in SPEAKER_NOUNS and self.ctx.last_speaker is not None:
            ref, rule = self.ctx.last_speaker, "context:same-spokesman"  # "the spokesman said" again
        elif (head.pos_ == "NOUN" and head.lemma_.lower() in self.ctx.described
              and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)):
            ref, rule = self.ctx.described[head.lemma_.lower()], "context:definite-description"
        if ref is None:
            return self._by_surname(head)
        same_sentence = rule == "context:pronoun-same-sentence"  # the antecedent's words are in this sentence
        return [
            CodedActor(
                code=ref.code,
                start_token=head.i,
                end_token=head.i + 1,
                start=ref.start if same_sentence else head.idx,
                end=ref.end if same_sentence else head.idx + len(head.text),
                text=ref.text if same_sentence else head.text,
                origins=(rule,) + ref.origins,
                is_person=ref.is_person,
            )
        ]

    def _by_surname(self, head: Token) -> list[CodedActor]:
        """"Kagame offered...": a name alone (one word the parser calls a person) that is the
        surname of exactly one dictionary person is that person, once the story has no other."""
        if head.ent_type_ not in SURNAME_ENTS or head.pos_ != "PROPN" or entity_tokens(head) != [head]:
            return []
        entry = self.coder.actor_index.surname(head.text)
        code = resolve_code(entry.codes, self.day) if entry is not None else None
        if entry is None or code is None:
            return []
        if head.ent_type_ != "PERSON" and self.coder._gazetteer().lookup(head.text, text_is_capitalised=True) is not None:
            return []  # the small model often tags a rare surname as a place; a real place it may be
        return [CodedActor(code, head.i, head.i + 1, head.idx, head.idx + len(head.text), head.text,
                           ("dictionary:unique-surname", entry.origin), True)]

    def _pair_reference(self, head: Token, agents: list[CodedActor]) -> list[CodedActor]:
        """"The two leaders held talks", "the navies of the two sides": the story's two main
        parties (`StoryContext.salient_pair`), each with the phrase's agent ("leaders": GOV)."""
        pair = self.ctx.salient_pair()
        if pair is None:
            return []
        agent = agents[0].code[3:] if agents else ""
        words = list(head.subtree)
        start, end = words[0], words[-1]
        return [
            CodedActor(ref.code[:3] + agent if not ref.code.startswith("IGO") else ref.code, start.i, end.i + 1,
                       start.idx, end.idx + len(end.text), self.doc[start.i : end.i + 1].text,
                       ("context:two-parties",) + ref.origins, False)
            for ref in pair
        ]

    def _object_before(self, pronoun: Token) -> CodedActor | None:
        """"arrested the prime minister and forced him to resign": an object pronoun of a verb
        coordinated with an earlier one is that verb's object, when it names one person."""
        verb = pronoun.head
        if pronoun.dep_ != "dobj" or verb.dep_ != "conj" or not _coordinated(verb):
            return None
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is None or obj.tag_ not in ("NN", "NNP"):
            return None
        found = [a for a in self.np_actors(obj) if not a.code.startswith("---")]
        return found[0] if len(found) == 1 else None

    def _person_before(self, pronoun: Token) -> CodedActor | None:
        """"Meles Zenawi said ... and he accused": a person who is the subject of an earlier clause of
        the same sentence, named in full there."""
        for tok in reversed(self.tokens[: pronoun.i - self.sent.start]):
            if tok.dep_ != "nsubj":
                continue
            if tok.pos_ != "PROPN":
                if tok.pos_ == "PRON" or self.np_actors(tok):
                    return None  # "its chief prosecutor announced she ...": a nearer person-like subject
                continue  # "the region was calm": no one
            found = [a for a in self.np_actors(tok) if not a.code.startswith("---")]
            if tok.ent_type_ == "PERSON" or any(a.is_person or "context:surname" in a.origins for a in found):
                return found[0] if len(found) == 1 else None
            # a country or organisation ("Russia was trying ...") is no "he": look further back
        return None

    def _governing_subject(self, pronoun: Token) -> list[CodedActor]:
        """For a pronoun subject of a reported clause, the reporting verb's subject."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return []
        clause = pronoun.head
        if (clause.dep_ == "conj" and clause.head.lemma_ in SAY_LEMMAS and clause.head.i < clause.i
                and pronoun.lower_ in ("they", "it")):
            # "Opposition groups say ..., and they blame ...": the sayers go on (`context:reported-subject`)
            clause = next((c for c in clause.head.children if c.dep_ == "ccomp"), clause)
        if clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
            return []
        outer = clause.head
        subj = next((c for c in outer.children if c.dep_ == "nsubj"), None)
        if subj is None and outer.dep_ == "conj" and outer.head.pos_ in ("VERB", "AUX"):
            # "China suspended ... and announced that it would ...": the coordinated verbs share a subject
            subj = next((c for c in outer.head.children if c.dep_ == "nsubj"), None)
        # "Roh told reporters before leaving Pyongyang that he had invited": the reporting verb may sit
        # above a subjectless participle the parser hung the clause on
        for _ in range(2):
            if subj is not None or outer.dep_ not in ("pcomp", "advcl", "xcomp") or outer.tag_ != "VBG":
                break
            outer = outer.head.head if outer.dep_ == "pcomp" else outer.head
            subj = next((c for c in outer.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            return []
        found = noun_phrase_actors(subj, self.hits, self.day, person_tokens=self.person_tokens)
        if found and any(a.code.startswith("---") for a in found):
            # "rebel fighters said they had pushed ...": the pronoun is the subject as the story codes it
            found = with_story_country(found, self.ctx.countries, self._place_countries)
        if not found and pronoun.lower_ in ("he", "she") and subj.pos_ == "PROPN":
            # a person the story named before ("Roh" for "Roh Moo-hyun")
            found = [a for a in self.np_actors(subj) if "context:surname" in a.origins]
            if found:
                return found
        # "he"/"she" stand for a person: one named, or one office holder ("Iran's foreign minister
        # said he hopes ..."), not an institution
        office = subj.tag_ == "NN" and subj.lemma_.lower() in PERSON_ROLES and len(found) == 1
        if pronoun.lower_ in ("he", "she") and not (office or any(a.is_person for a in found)):
            return []
        if pronoun.lower_ == "it" and len(found) != 1:
            return []
        return found

    def remember_actors(self) -> None:
        """Feed the story context with the sentence's subjects and objects, in reading order."""
        self.ctx.countries.note_places(self._place_countries())
        self.remember_sites()
        hit_tokens = {i for h in self.hits for i in range(h.start, h.end)}
        for tok in self.tokens:
            self._remember_named_role(tok)
            if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "appos", "conj") and tok.pos_ in ("PROPN", "NOUN", "PRON"):
                if (tok.pos_ == "NOUN" and tok.i not in self._np_cache
                        and hit_tokens.isdisjoint(range(tok.left_edge.i, tok.right_edge.i + 1))):
                    continue  # "in the area", "the talks": a noun phrase no verb asked about and naming no one is no mention
                for actor in self.np_actors(tok):
                    person_words = tuple(
                        t.text for t in self.doc[actor.start_token : actor.end_token] if t.ent_type_ == "PERSON"
                    )
                    self.ctx.remember(actor, tuple(w for w in person_words if w[:1].isupper() and len(w) > 1),
                                      subject=tok.dep_ in ("nsubj", "nsubjpass"))
                    if (tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "NN") and actor.start_token < tok.i < actor.end_token
                            and _names_people(tok) and not any(o.startswith("context:") for o in actor.origins)):
                        # "United Nations inspectors": "the inspectors" later are the same actor
                        self.ctx.described[tok.lemma_.lower()] = actor
                    last = self.doc[actor.end_token - 1]
                    if (last.pos_ == "PROPN" and not actor.is_person and len(actor.code) > 3
                            and not any(o.startswith("context:") for o in actor.origins)):
                        self.ctx.name_heads[last.lemma_.lower()] = actor
                    if self.is_participant(tok, actor):
                        self.ctx.note_counterpart(actor)

    def _remember_named_role(self, name: Token) -> None:
        """"Zimbabwe's opposition leader Thomas Moyo", "Thomas Moyo, the opposition leader": a person
        the dictionaries lack, named beside a role that has a code, is that role's actor; "Moyo"
        later stands for it (`context:named-role`, then `context:surname`)."""
        if name.dep_ != "appos" or name.pos_ != "PROPN" or self.np_actors(name):
            return
        role = name.head
        if role.pos_ != "NOUN":
            role, name = name, role  # the name first, the role in apposition
        words = [t for t in name.subtree if t.pos_ == "PROPN" and t.dep_ in ("compound", "appos", "flat") or t is name]
        if role.pos_ != "NOUN" or name.pos_ != "PROPN" or not all(t.text[:1].isupper() and t.is_alpha for t in words):
            return
        found = [a for a in self.np_actors(role) if not a.code.startswith("---") and not a.is_person]
        if len(found) != 1 or self.np_actors(name) or len(words) < 2:
            return
        actor = replace(found[0], origins=(NAMED_ROLE_RULE,) + found[0].origins, is_person=True)
        self.ctx.remember(actor, tuple(t.text for t in sorted(words, key=lambda t: t.i)),
                          subject=role.dep_ in ("nsubj", "nsubjpass"))

    def remember_sites(self) -> None:
        """Places the sentence names with a site noun ("the eastern city of Andijan", "Istanbul's
        Gezi Park"): a later "the city" or "the park" is there."""
        for ent in self.ents:
            # the tagger often labels a town NORP or PERSON; the site noun framing it says it is a place
            site = _site_noun(ent.root) if ent.label_ not in NOT_PLACE_ENTS else None
            if site is None:
                continue
            place = self.coder._gazetteer().lookup(ent.text, countries=self.ctx.countries.known())
            if place is not None and place.country and place.feature_type != "country":
                self.ctx.sites[site] = replace(place, name=ent.text, start=ent.start_char, end=ent.end_char)

    def is_participant(self, tok: Token, actor: CodedActor) -> bool:
        """A mention that names a party to the story's events: a subject or object of a verb in a
        sentence with a verb, not a place after "in"/"at", an instrument, or a reference."""
        if self._has_verb is None:
            self._has_verb = any(t.pos_ in ("VERB", "AUX") for t in self.tokens)
        if tok.dep_ == "ROOT" or not self._has_verb:
            return False  # a headline fragment, dateline or caption label
        node = tok
        while node.dep_ in ("conj", "appos") and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pobj" and node.head.lower_ in PLACE_PREPS:
            return False
        if tok.lemma_.lower() in INSTRUMENT_NOUNS | PLACE_NOUNS or any(o.startswith("context:") for o in actor.origins):
            return False
        if self.dateline is not None and actor.start < self.dateline.end:
            return False  # "ANKARA/BERLIN, June 21 (Reuters) -": where the story was filed
        return node.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")

    # -- roles ------------------------------------------------------------

    def subjects(self, verb: Token, seen: int = 0) -> tuple[list[CodedActor], list[CodedActor]]:
        """(sources, targets-from-passive-subject) for a verb, walking up controlled clauses."""
        children = list(verb.children)
        subj = next((c for c in children if c.dep_ == "nsubj"), None)
        subjpass = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if subjpass is not None and constructions.stative_participle(verb, agent):
            # "Israel is opposed to French mediation", "Japan was dismayed by the launch": a stance or
            # a feeling, not something done to the subject; the subject holds it
            return self.np_actors(subjpass), []
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
            elif subjpass is None and verb.dep_ == "conj" and verb.head.i != verb.i:
                # "Roh arrived ... and was greeted by Kim": the passive shares the first conjunct's subject
                # (only an actor of a known country: an anonymous "civilians" is too weak a link)
                first = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
                targets = self.np_actors(first) if first is not None else []
                if _coordinated(verb):
                    targets = [a for a in targets if not a.code.startswith("---")]
                # else "The civilians imprisoned for ... were released by Putin": no "and", so the
                # parser made a reduced relative ("imprisoned") the main verb, and its subject is
                # the passive's own, whatever it names
            return sources, targets
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return self.np_actors(verb.head), []
            # "Old foes Gondor and Osgiliath have renewed": the parser may give two subjects
            for other in (c for c in children if c.dep_ == "nsubj"):
                found = self.np_actors(other)
                if found:
                    return self._headline_list(verb, other) + found, []
            return [], []
        if seen > 4 or verb.head.i == verb.i:
            return [], []
        head = verb.head
        if verb.dep_ == "pcomp" and (held := constructions.culpable_predicate(verb)) is not None:
            # "the rebels are guilty of violating the ceasefire": the deed is the copula's subject's
            return self.subjects(held, seen + 1)
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
        if verb.dep_ == "ccomp" and head.lemma_ == "let" and not any(c.dep_ in ("aux", "mark") for c in children):
            return self.subjects(head, seen + 1)  # "the junta let free the activists": a bare complement
        if verb.dep_ == "conj" and not _coordinated(verb):
            return [], []  # "jailed a student for helping militants join a group": no "and", no shared subject
        if verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in children) and (
                verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in children)):  # "was tortured and killed": passive too
            undergoer = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if undergoer is not None and self.np_actors(undergoer):
                # "X was indicted by Y and will resign": the active verb shares the passive's subject, X
                return self.np_actors(undergoer), []
        if verb.dep_ in ("conj", "advcl", "acomp"):
            return self.subjects(head, seen + 1)
        if _misparsed_sequel(verb):
            shared = self.subjects(head, seen + 1)[0]
            return [replace(a, origins=(SEQUEL_RULE,) + a.origins) for a in shared], []
        if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and head.dep_ != "ROOT":
                # "10 soldiers killed in Ukraine": a passive participle's noun underwent the act (on
                # a noun that is the sentence's root, the "participle" is its misparsed main verb)
                return [], self.np_actors(head)
            found = self.np_actors(head)
            if not found and verb.dep_ == "acl" and head.lemma_.lower() in DOCUMENT_NOUNS and head.dep_ == "dobj":
                # "issued a declaration demanding that ...": the document's issuer demands
                return self.subjects(head.head, seen + 1)[0], []
            return found, []
        return [], []

    def _headline_list(self, verb: Token, subj: Token) -> list[CodedActor]:
        """"Japan, Philippines sign defence pact": a headline's comma stands for "and"; the parser
        hangs the first name on the verb. A name opening the sentence, then only a comma before the
        subject, is one more subject."""
        for other in verb.children:
            if other is subj or other.pos_ != "PROPN" or other.dep_ not in ("npadvmod", "dep", "nmod", "appos", "nsubj"):
                continue
            left, right = (other, subj) if other.i < subj.i else (subj, other)
            between = self.doc[left.right_edge.i + 1 : right.left_edge.i]
            if left.left_edge.i == self.sent.start and len(between) == 1 and between[0].text == ",":
                return [replace(a, origins=(HEADLINE_LIST_RULE,) + a.origins) for a in self.np_actors(other)]
        return []

    def objects(
        self, verb: Token, sources: Sequence[CodedActor], with_clause: bool = True, locatives: bool = True,
        purpose: bool = False, pattern_object: bool = False,
    ) -> list[CodedActor]:
        """Targets, in order of preference: direct object; prepositional objects (locatives
        last); the objects' own prepositional phrases; a controlled verb's objects (and, with
        `purpose`, a purpose clause's); a subordinate clause's subject."""
        src_codes = {s.code for s in sources}

        def usable(actors: list[CodedActor]) -> list[CodedActor]:
            return [a for a in actors if a.code not in src_codes]

        def pobjs(tok: Token, locative: bool) -> list[Token]:
            preps = [c for c in tok.children if c.dep_ in ("prep", "agent") and _locative_prep(c) == locative]
            preps.sort(key=lambda p: TARGET_PREPS.index(p.lower_) if p.lower_ in TARGET_PREPS else 99)
            return [g for p in preps for g in _prep_objects(p)]

        children = list(verb.children)
        direct = [c for c in children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
        # "offered condolences to the Kenyan government": the parser's dative "to" holds the recipient
        direct += [g for c in children if c.dep_ == "dative" and c.pos_ == "ADP" for g in _prep_objects(c)]
        # "sent vehicles and a team of paratroopers to Lebanon": every conjunct of an object is one
        direct += [c for d in list(direct) for c in d.conjuncts if c.i > d.i and c not in direct]
        if verb.lemma_ in COPULAS:
            # "is skeptical of Russia's announcement", "is critical of Y": the predicate adjective's phrase
            direct += [g for c in children if c.dep_ == "acomp" for g in pobjs(c, locative=False)]
        # "eased some of its restrictions on aid to North Korea": a part of something is that thing
        direct += [g for d in list(direct) if d.lower_ in PARTITIVE_WORDS or (d.tag_ == "CD" and d.dep_ == "dobj")
                   for g in _of_objects(d) if g not in direct]
        # a phrase of a preposition that names no counterpart ("regarding", "amid", "despite") ranks
        # after the object's own phrases: "shared evidence with their Pakistani counterparts regarding
        # the killing of the Afghan president"
        verb_pobjs = pobjs(verb, locative=False)
        aside = [g for g in verb_pobjs if g.head.lower_ not in TARGET_PREPS]
        level1 = direct + verb_pobjs
        # "the roads leading into Mordor", "the parade supporting Gondor": objects of a participle
        # modifying the object
        # (not a content clause with a subject of its own: in "rejected accusations that the deal put
        # dissidents at risk" the dissidents are in what was alleged)
        acl_objs = [g for c in level1 for v in c.children if v.dep_ == "acl"
                    and not _has_own_subject(v)
                    for g in pobjs(v, locative=False) + [o for o in v.children if o.dep_ == "dobj"]]
        # "contributed money back to Gondor": a phrase under an adverb of the verb
        adverbial = [g for c in children if c.dep_ in ("advmod", "npadvmod") for g in pobjs(c, locative=False)]
        # "provided 10 million euros in aid to Gaza": an amount's "in" phrase names what was given
        # (no place), and that phrase's own phrase the recipient
        given = [g for c in level1 if _is_amount(c) for p in c.children if p.dep_ == "prep" and p.lower_ == "in"
                 for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        # "launched an operation, Operation Rah-e-Nijat, against militants": the parser hangs the
        # phrase on the object's apposition (not its "of": "freed X, a critic of Mugabe")
        appositive = [g for c in direct for a in c.children if a.dep_ == "appos" for g in pobjs(a, locative=False)
                      if g.head.lower_ != "of"]
        level2 = [g for c in level1 for g in pobjs(c, locative=False)] + acl_objs + adverbial + given + appositive
        # "welcomed assurances on cultural issues sent from Bree": the parser hangs the participle on
        # the noun of the object's phrase; its phrase still comes last
        level3 = [g for c in level2 for g in pobjs(c, locative=False)] + [
            g for c in level2 if c not in acl_objs for v in c.children if v.dep_ == "acl" for g in pobjs(v, locative=False)]
        # "gave food to those displaced in Syria": "those" a participle describes are the people of
        # the place it names
        level3 += [g for c in level1 + level2 if c.lower_ == "those" for v in c.children if v.dep_ == "acl"
                   for g in pobjs(v, locative=True)]
        tiers: list[list[Token]] = [direct, [g for g in verb_pobjs if g not in aside], level2, aside, level3]
        for tier in tiers:
            for tok in tier:
                found = usable(self.np_actors(tok))
                if found:
                    return found
        for c in children:
            # a controlled verb; for cooperation, a purpose clause names whom it is for ("signed an
            # accord to supply Gondor", "sent planes to help France"); a conflict act's purpose is its
            # aim, not its victim ("shot into the air to disperse the crowd")
            if c.dep_ == "xcomp" or (purpose and _is_purpose_clause(c) and not any(g.dep_ == "nsubj" for g in c.children)):
                found = self.objects(c, sources, with_clause=False, locatives=locatives)
                if found:
                    return found
        for tok in (pobjs(verb, locative=True) + [g for c in direct for g in pobjs(c, locative=True)]) if locatives else []:
            found = usable(self.np_actors(tok))
            if not found:
                # "fired tear gas at thousands of lawyers", "at the home of the minister": a phrase
                # that names no party itself is aimed at the party its "of" phrase names
                found = usable([a for g in _of_objects(tok) for a in self.np_actors(g)])
                found = [replace(a, origins=(AIMED_AT_OF_RULE,) + a.origins) for a in found]
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
        # a hope's clause names what is hoped for, not whom the hope is addressed to ("hoped French
        # officials would be indicted" is no optimism toward them)
        if with_clause and verb.lemma_ not in SAY_LEMMAS and verb.lower_ not in HOPE_WORDS:
            # "expressed hopes that Osgiliath could be drawn in": when the pattern's own noun is the
            # object ("- * HOPES"), a "that" clause on it says what the event is about, like a
            # complement clause of the verb ("saw no proof that ..." is no such pattern)
            content = [g for c in direct if c.dep_ == "dobj" and pattern_object for g in c.children
                       if g.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
            for c in children + content:
                if c.dep_ == "ccomp" or c in content:
                    subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None:
                        found = usable(self.np_actors(subj))
                        if found and not _indirect_question(c):
                            return found
                        if found:
                            continue  # a question's subject is what is asked about, not the counterpart
                    if c.lemma_ in ("be", "have") and c not in content:
                        # "question whether he has a future with the Morgul Orcs": a stative
                        # clause codes nothing itself, so its objects are what the verb is about
                        found = self.objects(c, sources, with_clause=False, locatives=False)
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
                if c.dep_ == "ccomp" and _copular(c) and verb.lemma_ not in SAY_LEMMAS:
                    # "allowed that Mordor isn't a really pleasant place": a copular complement
                    # codes nothing itself, so its words are the governing verb's ("* REALLY_PLEASANT");
                    # a saying verb's complement is what was said ("said aid had been a major factor")
                    skip.difference_update(t.i for t in c.subtree)
                    skip.update(t.i for d in c.subtree if d.i != c.i and d.dep_ in NESTED_CLAUSE_DEPS for t in d.subtree)
        # a relative clause on a noun of the clause is a clause of its own: "support a resolution that
        # aims to tighten sanctions" is no "- * SANCTIONS" support; so is a noun's content clause with a
        # subject of its own ("issued a reminder that it must cooperate with inspectors ... weapons")
        skip.update(t.i for d in verb.subtree if d.i != verb.i and d.i not in skip and (
            d.dep_ == "relcl" or (d.dep_ == "acl" and _has_own_subject(d)))
            for t in d.subtree)
        toks = [t for t in verb.subtree if t.i not in skip and t.i != verb.i and not t.is_space]
        left = [t for t in toks if t.i < verb.i]
        # auxiliaries of a governing verb belong to the left context too ("will not ... wire tap")
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            left = [c for c in verb.head.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < verb.i] + left
            left.sort(key=lambda t: t.i)
        head = verb.head
        if head.i < verb.i and head.pos_ in ("VERB", "AUX") and (
            verb.dep_ == "xcomp" or (verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children))
        ):
            # a controlled or coordinated verb shares its governor's subject, and PETRARCH reads the
            # surface words before it: "police tried to disperse" matches "- POLICE * ...", "is
            # inching nearer to accord" "- INCHING &ACCORDSYN *"; a controlled verb also sees its
            # governor and the words between them (a coordinated one does not: "arrived and fired")
            gov_left, gov_right = self.clause_tokens(head)
            inner = {t.i for t in verb.subtree}
            extra = gov_left + ([head] + [t for t in gov_right if t.i < verb.i and t.i not in inner]
                                if verb.dep_ == "xcomp" else [])
            have = {t.i for t in left}
            left = sorted(left + [t for t in extra if t.i not in have], key=lambda t: t.i)
        # a complement clause's governing verb is its left context, as PETRARCH reads the surface
        # words: "- INDICATED * [123]" for "indicated it deplored", "- SAID WOULD NOT *"
        head = verb.head
        if verb.dep_ == "ccomp" and head.i < verb.i and head.pos_ in ("VERB", "AUX"):
            left = [head] + [c for c in head.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < verb.i] + left
            left.sort(key=lambda t: t.i)
        right = [t for t in toks if t.i > verb.i]
        subjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subjpass is not None:
            # the passive subject is the logical object, right after the verb as an object would be:
            # "Evidence ... was presented" matches "* EVIDENCE", "the ambassador was summoned to the
            # ministry" matches "- * &ENVOY" (it stays in the left context too, for surface-order patterns)
            right = [t for t in subjpass.subtree] + right
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            # the by-agent is the logical subject, read right before the verb as a subject would be:
            # "was demolished by a protestor" matches "- PROTESTOR * [145]", "freed by a court"
            # "- COURT * [0841]" (PETRARCH reads the active clause); it stays on the right too.
            # Only the agent noun and the words before it: "by the Commission for Refugees" is no
            # "- &REFUGEE *"
            have = {t.i for t in left}
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                left = left + [t for t in pobj.subtree if t.i <= pobj.i and t.i not in have]
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
            if tok.dep_ == "conj" and tok.tag_ in FINITE_TAGS and head.tag_ not in FINITE_TAGS:
                break  # "would not work and warned that ...": a finite conjunct is not under "would not"
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
            # the parser sometimes hangs an intent verb's infinitive as a purpose clause ("have
            # sworn to fight until ...": advcl); it is the same stated intent
            if auxes & FUTURE_AUX or ((tok.dep_ == "xcomp" or _is_purpose_clause(tok))
                                      and (tok.head.lemma_ in INTENT_HEADS or tok.head.lemma_ in INTENT_ADJECTIVES)):
                return "intended"
            if constructions.speaker_would(tok):  # "announced it would free": the future of the past
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
        # the verb's own code, not a pattern's: "agreed to lift" ("- * TO [030]") is the lifting
        return governing is not None and governing.pattern is None and governing.code.startswith("03")

    def states_intent(self, verb: Token) -> bool:
        """An explicit statement of intent: "will"/"shall", or a complement of "agree to",
        "pledge to", "ready to"... ("is about to" is imminent action, not intent)."""
        tok = verb
        for _ in range(4):
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children) or constructions.speaker_would(tok):
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
        """The event's time by the rules of `when.event_time`; "hours earlier" is the story clock's day."""
        anchor = self.clock.anchor if self.clock is not None else None
        return when.event_time(verb, self.event_tokens, self.ents, self.day, future=future, anchor=anchor)

    def place_of(
        self, verb: Token, actor_countries: Sequence[str] = (), *, verbal: bool = False,
        sources: Sequence[str] | None = None, counterparts: Sequence[int] = (),
    ) -> Place | None:
        """The place named by a locative of the event's own clause (a statement's: of the verb
        itself, `verbal`), resolved in the gazetteer (ranked by the actors' countries, then the
        story's); the dateline only for the lead's main clause and a source of its country."""
        gazetteer = self.coder._gazetteer()
        # the story's countries so far rank ambiguous places
        countries = list(actor_countries) + [c for c in self.ctx.countries.in_events if c not in actor_countries]

        def known(name: str) -> bool:
            return gazetteer.lookup(name, text_is_capitalised=name[:1].isupper()) is not None

        def is_country(name: str) -> bool:
            found = gazetteer.lookup(name)
            return found is not None and found.feature_type == "country"

        spans = locative_spans(verb, self.event_tokens, known, self.ents, verbal=verbal, is_country=is_country,
                               counterparts=counterparts)
        if spans:
            first, *others = [self.coder.resolve_place(sp.text, sp.start_char, sp.end_char, countries) for sp in spans[:4]]
            if sources is not None and len({c[:3] for c in sources}) > 1:
                # "France and Germany summoned Iran's ambassadors in Paris and Berlin": each where it is at home
                self._own_places = [first] + others
            return first
        clause = verb
        for _ in range(3) if not verbal else ():
            # "Police cleared the park itself", "attacked the city prison": a site the story placed
            # before, named again with "the" (in the event's clause or the clauses it elaborates:
            # "cleared the park, firing tear gas and detaining dozens")
            for tok in self.event_tokens(clause):
                if tok.dep_ not in ("dobj", "pobj", "conj", "nsubjpass") or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                    continue
                for word in [tok] + [c for c in tok.children if c.dep_ == "compound"]:
                    if word.lemma_.lower() in self.ctx.sites:
                        return replace(self.ctx.sites[word.lemma_.lower()], source="story")
            if clause.dep_ not in ("conj", "advcl", "xcomp") or clause.head.i == clause.i or clause.head.pos_ not in ("VERB", "AUX"):
                break
            clause = clause.head
        if self.is_lead and self.dateline is not None and _main_clause(verb):
            d = self.dateline
            place = dateline_place(gazetteer, d.place, d.place_start, countries)
            if place is not None and (sources is None or dateline_fits(place, sources, gazetteer)):
                return place
        return None

    # -- assembly ---------------------------------------------------------

    def run(self) -> list[EventMention]:
        out: list[EventMention] = []
        consumed: set[int] = set()
        verbs = [t for t in self.tokens if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ == "ROOT")
                 or (t.pos_ == "AUX" and constructions.attitude_predicate(t) is not None)]
        for verb in sorted(verbs, key=_depth):
            if verb.i in consumed:
                if self.trace is not None:
                    self.drop(verb, self.match(verb), "complement")
                continue
            match = self.match(verb)
            alleged = constructions.evidence_accusation(self, verb)
            if alleged is not None:  # "said files showed Y had paid the rebels": an accusation; no payment
                consumed.update(t.i for t in alleged[1].subtree if t.pos_ in ("VERB", "AUX"))
                if self.trace is not None:
                    self.trace_verb(verb, alleged[0])
                out.extend(self.events_for(verb, alleged[0]))
                continue
            if match is None or not match.code:
                # "said it is skeptical of the plan": an attitude predicate the dictionary has no verb for
                match = constructions.attitude_predicate(verb) or match
            forced = constructions.forced_yield(self, verb)
            if forced is not None:  # "forced him to resign": he yields to them, beside their coercion
                consumed.add(forced[0].i)
                out.extend(self.events_for(forced[0], forced[1], rule_suffix=constructions.FORCED_YIELD_RULE,
                                           modality=self.modality(verb)))
            if match is not None and match.code:
                # "is considering sending troops": a policy option (014), not a meeting (040)
                match = constructions.considered_option(verb, match, self.match) or match
                # "demanded support": a demand (102), not URGE's appeal (022); "pressured X to cancel": a demand
                match = constructions.demand_sense(verb, match) or match
                # "thousands of students protested the arrest": a demonstration (141), not a statement
                match = constructions.street_protest(verb, match) or match
                # "Croatia protested that ...": a protest in words is disapproval (110), not a demonstration
                match = constructions.verbal_protest(self, verb, match) or match
            if match is not None and self.trace is not None:
                self.trace_verb(verb, match)
            if match is not None and _phrasal_call(verb, match):
                # "called in the ambassador", "called in by German troops", "called off": no telephone call
                match = replace(match, code="", dropped="a phrasal 'call' is no telephone call")
            if match is None or not match.code:
                if match is not None:
                    # "called the move illegal" is no telephone call: the object or predicate contradicts the bare code
                    self.drop(verb, match, "fallback-contradicted" if match.dropped else "no-code", detail=match.dropped or "")
                continue
            for hoped in constructions.hoped_content(verb):  # "said it hoped X would lift ...": wished, not done
                consumed.update(t.i for t in hoped.subtree if t.pos_ in ("VERB", "AUX"))
            if match.code.startswith("016"):  # "denied that its troops had entered Gori": denied, not done
                consumed.update(t.i for c in verb.children if c.dep_ == "ccomp"
                                for t in c.subtree if t.pos_ in ("VERB", "AUX"))
            if any((m := self.match(d)) is not None and m.code for d in constructions.ordered_deeds(verb)):
                self.drop(verb, match, "deferred")
                continue  # "ordered the judge confined": the confinement is the event, the order its cause
            asked = self.requested_content(verb, match)
            if asked is not None:  # "demanded that X step down": X's stepping down is asked for, not done
                consumed.update(t.i for t in asked.subtree if t.pos_ in ("VERB", "AUX"))
            demand = constructions.deontic_demand(self, verb, match)
            if demand is not None:  # "said Sudan must return the helicopter": a demand; no return yet
                match, content = demand
                consumed.update(t.i for t in content.subtree if t.pos_ in ("VERB", "AUX"))
                out.extend(self.events_for(verb, match, rule_suffix=" +builtin:deontic-demand", modality=self.modality(verb)))
                continue
            if constructions.in_threat_condition(self, verb):
                self.drop(verb, match, "condition")
                continue  # "threatened to walk out if Gondor went ahead": the condition has not happened
            if self.defers_to_complement(verb, match):
                self.drop(verb, match, "deferred")
                continue  # "prepared to attend", "agreed to lift": the complement carries the event
            if self.negated(verb) and not match.negation_in_pattern:
                refused = constructions.refusal(self, verb, match)
                if refused is None:
                    self.drop(verb, match, "negated")
                    continue
                # "says it will not accept refugees": a refusal made now (12x), not a non-event
                out.extend(self.events_for(verb, refused[0], rule_suffix=" +builtin:refusal", modality=refused[1]))
                continue
            refused = constructions.refused_complement(self, verb, match)
            if refused is not None:
                if refused[0] is None:
                    self.drop(verb, match, "negated", detail="a refused deed")
                    continue  # "refused to attack": no attack happened, and no cooperation was refused
                # "refused to lift the sanctions": the refusal (1244), never the lifting (085)
                out.extend(self.events_for(verb, refused[0], rule_suffix=" +builtin:refused-complement", modality=refused[1]))
                continue
            produced = self.events_for(verb, match)
            for e, (s, t) in zip(produced, self._last_pairs):
                self.ctx.note_event(self.index, s, t, e.code)
            if produced:
                out.extend(produced)
                # the verb's controlled complements were part of its pattern, not events of their own
                for c in verb.children:
                    infinitive = c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                    # "bombarded the city, killing eight": the participle elaborates the same happening
                    participle = c.dep_ == "advcl" and c.tag_ == "VBG" and not any(g.dep_ in ("nsubj", "mark") for g in c.children)
                    # "would help Indonesia track down the men": a bare infinitive is what the help is for
                    bare = c.dep_ == "ccomp" and c.tag_ == "VB" and not any(g.dep_ in ("aux", "mark") for g in c.children)
                    if _is_purpose_clause(c) and match.code.startswith(CONTACT_ROOT):
                        # "telephoned Yudhoyono to offer condolences and promise help": what a call or
                        # visit was made for is said or given to the one met (the clause's verbs stay)
                        consumed.update(t.i for t in c.subtree if t.pos_ == "VERB" and t.i != c.i and t not in c.conjuncts)
                        self._contact_purpose.update({c.i: verb.i} | {k.i: verb.i for k in c.conjuncts})
                    elif c.dep_ == "xcomp" or infinitive or participle or bare or _is_purpose_clause(c):
                        consumed.update(t.i for t in c.subtree if t.pos_ == "VERB")
        out.extend(self.nominal_meeting_events(out))
        out.extend(self.occurring_events(out))
        for be, refused in constructions.no_talks(self):  # "said there could be no dialogue with X"
            out.extend(self.events_for(be, refused, modality=self.modality(be)))
        self.remember_actors()
        if self.trace is not None:
            self.trace_actors()
        return self.without_secondary_one_sided(out)

    def nominal_meeting_events(self, coded: Sequence[EventMention]) -> list[EventMention]:
        """"won Medvedev's backing at talks in the Kremlin": the meeting the clause took place at,
        between its subject and the other side (`constructions.nominal_meetings`), when the verb
        coded no meeting of its own between them; held, not planned or denied."""
        events: list[EventMention] = []
        for noun, host, code, others, seat in constructions.nominal_meetings(self):
            if self.negated(host) or self.modality(host) not in ("asserted", "reported"):
                continue
            sources = [s for s in self.subjects(host)[0] if not s.code.startswith("---")]
            # "held talks with Suleiman during a visit to Beirut": one happening, met once
            met = {(e.source.code[:3], e.target.code[:3]) for e in list(coded) + events
                   if e.target is not None and e.code.startswith(CONTACT_ROOT)}
            reverse = constructions.HOST_CODE if code == constructions.VISIT_CODE else code
            match = VerbMatch(block="MEETING", code=code, reverse_code=reverse, origin=constructions.NOMINAL_MEETING_RULE,
                              pattern=None, particle=None, source_at=None, target_at=None, negation_in_pattern=False)
            time = self.time_of(host, future=False)
            place = self.place_of(host, [a.code[:3] for a in list(sources) + others])
            if place is None and seat:  # "at talks in the Kremlin": in that government's capital
                capital = self.coder._gazetteer().capital(others[0].code[:3])
                place = replace(capital, source="capital") if capital is not None else None
            for s in sources:
                for t in others:
                    if cameo.country_of(t.code) == cameo.country_of(s.code) or {(s.code[:3], t.code[:3]), (t.code[:3], s.code[:3])} & met:
                        continue
                    for a, b, c in ((s, t, code), (t, s, reverse)):
                        events.append(self._mention(noun, match, a, b, c, self.modality(host), time, place, match.origin))
                        if self.trace is not None:
                            self.trace_kept(noun, events[-1])
        return events

    def occurring_events(self, coded: Sequence[EventMention]) -> list[EventMention]:
        """"Talks between Armenia and Azerbaijan resumed on Monday", "Putin's visit to North Korea
        began": an event noun its clause says took place (`constructions.occurring_events`), dated
        and placed by that clause; asserted or reported, never planned or denied, and not twice for
        a pair the sentence already coded in the same CAMEO root."""
        events: list[EventMention] = []
        for noun, host, code, doers, acted_on in constructions.occurring_events(self):
            if self.negated(host) or self.modality(host) not in ("asserted", "reported"):
                continue
            mutual = code in constructions.MUTUAL_CODES
            reverse = constructions.HOST_CODE if code == constructions.VISIT_CODE else code if mutual else None
            match = VerbMatch(block="EVENT_NOUN", code=code, reverse_code=reverse, origin=constructions.NOMINAL_EVENT_RULE,
                              pattern=None, particle=None, source_at=None, target_at=None, negation_in_pattern=False)
            done = {(e.source.code[:3], e.target.code[:3], e.code[:2]) for e in list(coded) + events if e.target is not None}
            time = self.time_of(host, future=False)
            place = self.place_of(host, [a.code[:3] for a in list(doers) + acted_on])
            for s in doers:
                for t in acted_on:
                    pairs = [(s, t, code)] + ([(t, s, reverse)] if reverse else [])
                    for a, b, c in pairs:
                        if (a.code[:3], b.code[:3], c[:2]) in done or a.code == b.code:
                            continue
                        events.append(self._mention(noun, match, a, b, c, self.modality(host), time, place, match.origin))
                        if self.trace is not None:
                            self.trace_kept(noun, events[-1])
        return events

    def without_secondary_one_sided(self, events: list[EventMention]) -> list[EventMention]:
        """A one-sided event stands only as its sentence's event: when the sentence codes an event
        with a target, that is what the sentence reports, and a one-sided act beside it ("poured
        into the streets ... and demanded that X step down") adds no dyad."""
        if not any(e.target is not None for e in events):
            return events
        if self.trace is not None:
            self.trace.candidates[:] = [
                replace(c, kept=False, reason="no-target", detail="one-sided, beside an event with a target")
                if c.kept and c.target is None and ONE_SIDED_RULE in c.rule else c
                for c in self.trace.candidates
            ]
        return [e for e in events if e.target is not None or ONE_SIDED_RULE not in e.evidence.rule]

    def match(self, verb: Token) -> VerbMatch | None:
        # the sentence's actors are fixed once it is read, so a verb's best pattern is too (the rules
        # ask again for a governing or complement verb)
        if verb.i not in self._match_cache:
            left, right = self.clause_tokens(verb)
            self._match_cache[verb.i] = self.coder.verb_index.match(verb, left, right, self.actor_starts, self.doc_keys)
        return self._match_cache[verb.i]

    def requested_content(self, verb: Token, match: VerbMatch) -> Token | None:
        """The clause an appeal or demand asks for: "demanded that X withdraw", "urged X to free",
        "wants Putin to attack" (a wish for another's act)."""
        has_object = any(c.dep_ == "dobj" for c in verb.children)
        wished = self._wished_of_another(verb, match)
        if wished is not None:
            return wished
        if match.code[:2] not in ("02", "10") or verb.lemma_.lower() in SAY_LEMMAS:
            return None  # a saying verb reports its clause, whatever its dictionary code: nothing is asked
        for c in verb.children:
            if c.pos_ not in ("VERB", "AUX"):
                continue
            # a mandative clause: bare verb or "should" ("demanded that he step down"), not a
            # reported fact ("said that he is", "noted that they had left")
            mandative = c.tag_ == "VB" or any(g.dep_ == "aux" and g.lower_ == "should" for g in c.children)
            if c.dep_ == "ccomp" and mandative and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                return c
            if c.dep_ == "xcomp" and has_object:
                return c
        return None

    @staticmethod
    def _wished_of_another(verb: Token, match: VerbMatch) -> Token | None:
        """"wants Putin to attack": a wish verb coded as an intent (WANT [030]) whose infinitive
        has a subject of its own wishes another's act, an appeal (02x). The infinitive, or None."""
        if match.pattern is not None or not match.code.startswith("03") or verb.lemma_.lower() not in WISH_VERBS:
            return None
        has_object = any(c.dep_ == "dobj" for c in verb.children)
        for c in verb.children:
            if c.pos_ != "VERB" or not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                continue
            # "wants Putin to attack": the parser makes Putin the object or the infinitive's subject
            if (c.dep_ == "xcomp" and has_object) or (c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children)):
                return c
        return None

    def requested_code(self, verb: Token, match: VerbMatch) -> tuple[str, str] | None:
        """A generic appeal or demand (020, 100) takes the specific code of what it asks for
        (cameo.request_code): "demanded that the president step down" is 1041. (code, rule).
        A wish for another's act is an appeal: 02x for what is asked, 021 for force (PETRARCH2's
        transformation "a (b . ATTACK) WANT = a b 021"), else 020."""
        if len(match.code) != 3 or not match.code.endswith("0"):
            return None  # a pattern already said what is asked ("* (FOR RESIGNATION)" 0241)
        asked = self.requested_content(verb, match)
        inner = self.match(asked) if asked is not None else None
        if asked is not None and self._wished_of_another(verb, match) is not None:
            coded = inner is not None and bool(inner.code)
            # a bare 04 is mostly motion ("want him to head back"), as for a demand below
            specific = coded and (inner.pattern is not None or inner.code[:2] in ("05", "06", "07", "08"))
            found = cameo.request_code(inner.code, "02") if specific else None
            if found is None:
                found = "021" if inner is not None and inner.code[:2] in ("19", "20") else "020"
            return found, " +builtin:wished-of-another" + (f"({inner.origin})" if coded else "")
        if inner is None or not inner.code:
            return None
        if inner.pattern is None and inner.code[:2] not in ("05", "06", "07", "08"):
            return None  # a bare 04 is mostly motion ("ordered him to leave the country"), no meeting
        code = cameo.request_code(inner.code, match.code[:2])
        return (code, f" +builtin:request-content({inner.origin})") if code else None

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

    def is_reciprocal(self, verb: Token) -> bool:
        """A verb whose plural subject's members act on each other: a reciprocal verb ("met",
        "agreed to halt"), an object naming a joint act ("held talks", "signed a deal"), or
        "each other" / "one another" in the clause."""
        # the verb, the verbs it complements ("agreed to halt") and its own complements
        # ("failed to reach agreement", "are seeking to deepen a partnership")
        chain = [verb]
        tok = verb
        for _ in range(4):
            if tok.dep_ != "xcomp" or tok.head.i == tok.i:
                break
            tok = tok.head
            chain.append(tok)
        frontier = [verb]
        for _ in range(3):
            frontier = [c for t in frontier for c in t.children if c.dep_ == "xcomp"]
            chain.extend(frontier)
        for tok in chain:
            if tok.lemma_.lower() in RECIPROCAL_VERBS or self._performs_joint_act(tok):
                return True
        words = [t.lower_ for t in self.event_tokens(verb)]
        return any(words[k : k + 2] == list(pair) for pair in RECIPROCAL_PRONOUNS for k in range(len(words) - 1))

    @staticmethod
    def _performs_joint_act(verb: Token) -> bool:
        """"held talks", "entered into talks", "began a round of joint exercises"."""
        if verb.lemma_.lower() not in JOINT_ACT_VERBS:
            return False
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        objs += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        objs += [g for o in list(objs) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
        return any(
            t.lemma_.lower() in RECIPROCAL_NOUNS or any(c.dep_ == "amod" and c.lower_ in RECIPROCAL_MODIFIERS for c in t.children)
            for t in objs
        )

    def without_co_members(
        self, verb: Token, match: VerbMatch, sources: Sequence[CodedActor], targets: list[CodedActor]
    ) -> list[CodedActor]:
        """Targets that are not the source's own words ("Deputy Foreign Minister Ali Karimi" is one
        person) nor a member of the source's own list ("the ministers of Turkey and Iran")."""
        if not sources or not targets:
            return targets
        lo = min(s.start_token for s in sources)
        hi = max(s.end_token for s in sources)
        kept = []
        for t in targets:
            overlaps = any(t.start_token < s.end_token and s.start_token < t.end_token for s in sources)
            inside = len(sources) > 1 and lo <= t.start_token and t.end_token <= hi
            # a place in the source's (or one list member's) own country is where they acted, not
            # their counterpart: "the ministers of Turkey and Iran met in Ankara", "lawyers protesting
            # in Lahore"; force used at home falls on that place's people, so it keeps the place
            at_home = match.code[:2] in FORCE_ROOTS or (
                match.code.startswith(constructions.PLACED_DEED_PREFIXES) and not t.code.startswith("---"))
            home = ((len({s.code for s in sources}) > 1 or not at_home)
                    and self._is_locative(t) and not self._places_a_happening(t) and not self._names_a_country(t)
                    and any(s.code[:3] == t.code[:3] for s in sources))
            if overlaps or inside or home:
                detail = "same words" if overlaps else "list member" if inside else "source's own country"
                self.drop(verb, match, "co-actor", sources, [t], detail)
            else:
                kept.append(t)
        return kept

    def without_own_possessions(
        self, verb: Token, match: VerbMatch, sources: Sequence[CodedActor], targets: list[CodedActor]
    ) -> list[CodedActor]:
        """"urged their citizens to leave", "told its people": an agent-only addressee of a statement,
        appeal or demand owned by a possessive pronoun is the subject's own people, not a
        counterpart (a deed on its own forces, "withdraw its troops", stays an event)."""
        kept = []
        for t in targets:
            head = self.doc[t.start_token]
            while head.head.i != head.i and t.start_token <= head.head.i < t.end_token:
                head = head.head
            owned = (match.code[:2] in OWN_PEOPLE_ROOTS
                     and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children))
            # (a country the story guessed for it, "citizens" as the Lebanese last named, does not
            # make the subject's own people someone else's)
            if owned and (t.code.startswith("---") or "context:story-country" in t.origins) and sources:
                self.drop(verb, match, "co-actor", sources, [t], "the subject's own")
            else:
                kept.append(t)
        return kept

    def each_others(self, verb: Token, sources: Sequence[CodedActor], targets: Sequence[CodedActor]) -> dict[str, list[CodedActor]] | None:
        """"Germany and Turkey summoned each other's ambassadors": each member's target is the
        other members' own (the object's agent with each other member's country)."""
        if len({s.code[:3] for s in sources}) < 2:
            return None
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            poss = next((c for c in obj.children if c.dep_ == "poss" and c.lower_ == "other"), None)
            if poss is None or not any(g.lower_ == "each" for g in poss.children):
                continue
            agent = next((t.code[3:] for t in targets if t.start_token <= obj.i < t.end_token), "")
            return {
                s.code: [replace(o, code=o.code[:3] + agent, origins=("context:each-other",) + o.origins)
                         for o in sources if o.code[:3] != s.code[:3]]
                for s in sources
            }
        return None

    def _pattern_names_object(self, verb: Token, match: VerbMatch) -> bool:
        """The matched pattern's words include the verb's direct object noun ("- * HOPES")."""
        dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if match.pattern is None or dobj is None:
            return False
        keys = set(self.doc_keys[dobj.i] if self.doc_keys is not None else token_keys(dobj))
        return any(e.kind in ("word", "prep") and e.text in keys for e in match.pattern.after)

    @staticmethod
    def _agentless_passive(verb: Token) -> bool:
        return any(c.dep_ == "nsubjpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)

    def _arrived_in_story_country(self, verb: Token, code: str, sources: Sequence[CodedActor]) -> CodedActor | None:
        """"Nigeria said its first troops would arrive within days" in a story about Mali: a foreign
        force's arrival or deployment that names no place is in the story's own country (its
        actors' and places' most mentioned, the dateline's counting once), the country first named."""
        if not (code.startswith("15") or verb.lemma_.lower() in ARRIVAL_VERBS) or not sources:
            return None
        if any(c.dep_ in ("prep", "dobj", "advmod") and (c.lower_ in PLACE_PREPS | DESTINATION_WORDS
                                                         or c.ent_type_ in ("GPE", "LOC", "FAC"))
               for c in verb.children):
            return None  # "arrived in Gao", "arrived here", "deployed to the border": a place of its own
        home = self.ctx.countries.story_country()
        if home is None or any(s.code[:3] in (home, "---") for s in sources):
            return None
        first = self.ctx.first_mention.get(home)
        if first is None:
            return None
        return replace(first, code=home, origins=(STORY_PLACE_RULE,) + first.origins)

    def _listed_apart(self, sources: Sequence[CodedActor]) -> bool:
        """The sources are separate coordinated noun phrases ("Brazil, Argentina and Chile"), not
        one phrase with coordinated modifiers ("the top U.S. and NATO commander")."""
        if len({s.code for s in sources}) < 2:
            return False
        spans = [range(s.start_token, s.end_token) for s in sources]
        for tok in (self.doc[i] for span in spans for i in span):
            # the first conjunct is the argument itself, not a modifier or an apposition that describes
            # one person ("McChrystal, the top U.S. and NATO commander")
            if tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
                if any(tok.head.i in other and tok.i not in other for other in spans):
                    return True
        return False

    def _host_capital(self, sources: Sequence[CodedActor], targets: Sequence[CodedActor], code: str) -> Place | None:
        """A foreign envoy summoned or expelled ("summoned Turkey's ambassador", "expelled two
        British diplomats") is received or sent off where he is posted: the host's capital, when
        the clause names no place. Each source country gets its own ("Germany and Turkey summoned
        each other's ambassadors")."""
        if not code.startswith(ENVOY_CODES) or not sources:
            return None
        homes = {s.code[:3] for s in sources}
        if not any(t.code[:3] not in homes and any(w.lemma_.lower() in ENVOY_NOUNS for w in self.doc[t.start_token : t.end_token])
                   for t in targets):
            return None
        gazetteer = self.coder._gazetteer()
        capitals = [c for c in (gazetteer.capital(h) for h in sorted(homes)) if c is not None]
        if not capitals:
            return None
        capitals = [replace(c, source="capital") for c in capitals]
        self._own_places = capitals
        return next((c for c in capitals if c.country == sources[0].code[:3]), capitals[0])

    def _places_a_happening(self, actor: CodedActor) -> bool:
        """The actor is the place of a happening the verb speaks of ("sorrow for the shootings in
        South Carolina", "the attack, which killed dozens in Kabul"): there, the place stands for
        the victims."""
        for tok in self.doc[actor.start_token : actor.end_token]:
            if not (actor.start_token <= tok.head.i < actor.end_token):
                for noun in list(tok.ancestors)[1:10]:  # from the word the place's phrase hangs on, upwards
                    lemma = noun.lemma_.lower()
                    if noun.pos_ == "NOUN" and (lemma in ATTACK_NOUNS or lemma.endswith("ing")):
                        return True
                    if noun.pos_ in ("VERB", "AUX") and noun.dep_ not in ("relcl", "acl", "conj"):
                        return False  # the event's own clause, or a clause no happening frames
                return False
        return False

    def _addressed(self, actor: CodedActor, verb: Token) -> bool:
        """The actor is spoken to by the verb: its object ("told reporters") or its "to" phrase."""
        for tok in self.doc[actor.start_token : actor.end_token]:
            if not (actor.start_token <= tok.head.i < actor.end_token):
                if tok.dep_ in ("dobj", "dative"):
                    return tok.head.i == verb.i
                return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.i == verb.i
        return False

    def _names_a_country(self, actor: CodedActor) -> bool:
        """The actor's words are a country's name ("in Colombia"), which may stand for its
        government or people; a city or region ("in Lahore") is only where something happened."""
        found = self.coder._gazetteer().lookup(actor.text)
        return found is not None and found.feature_type == "country"

    def _is_locative(self, actor: CodedActor) -> bool:
        """The actor's words are the object of "in"/"at"/"near"...: a place ("in Lahore", "in the
        eastern city of Lahore")."""
        for tok in self.doc[actor.start_token : actor.end_token]:
            if not (actor.start_token <= tok.head.i < actor.end_token):
                if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS:
                    tok = tok.head.head  # "the city of Lahore": the place noun's own role
                return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS and tok.head.lower_ != "at"
        return False

    def events_for(
        self, verb: Token, match: VerbMatch, rule_suffix: str = "", modality: Modality | None = None
    ) -> list[EventMention]:
        """The events of a matched verb; `rule_suffix` and `modality` (which then also fixes the
        code) come from a construction that recoded the match (a refusal, a deontic demand)."""
        sources, passive_targets = self.subjects(verb)
        ordered = constructions.ordered_deed(verb)
        if ordered is not None:
            # "ordered the judge confined": the orderer confines, the judge is confined
            sources, passive_targets = self.subjects(ordered[0])[0], self.np_actors(ordered[1])
            rule_suffix += constructions.ORDERED_DEED_RULE
        if not sources and passive_targets:
            sources = agentless_passive_source(verb, passive_targets, self.np_actors)
        if not sources and passive_targets and match.code[:2] in FORCE_ROOTS:
            sources = attack_noun_source(verb, passive_targets, self.np_actors, ATTACK_NOUNS)
        if not sources and match.code.startswith("08") and self._agentless_passive(verb):
            # "both were released": released by whoever the story last had holding them
            held = self.ctx.captor(self.index, {t.code for t in passive_targets})
            if held is not None:
                sources = [replace(held[0], origins=("context:captor",) + held[0].origins)]
                passive_targets = passive_targets or [replace(held[1], origins=("context:captive",) + held[1].origins)]
        if match.source_at is not None:
            sources = self.actor_at(match.source_at) or sources
        members = constructions.compound_members(self, match.compound_at)
        if members:  # a `%` pattern slot: "Gondor and Osgiliath agree that ..." act on each other
            sources, passive_targets = members, []
        # a place is a target of deeds (visits, attacks), not of statements ("remarks in Doha") nor
        # of meetings and agreements, whose place is only where they were held ("signed in Jeddah")
        verbal = match.code[:2] in VERBAL_ROOTS
        venue_only = (not self.opts.venue_targets and match.code[:2] in VENUE_ROOTS
                      and match.code[:3] not in VISIT_CODES and verb.lemma_ not in TRAVEL_LEMMAS)
        targets = passive_targets or self.objects(verb, sources, locatives=not (verbal or venue_only),
                                                  purpose=match.code[:2] in COOPERATIVE_ROOTS,
                                                  pattern_object=self._pattern_names_object(verb, match))
        if match.target_at is not None:
            targets = self.actor_at(match.target_at) or targets
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if (verb.dep_ == "ccomp" and subj is not None and match.source_at is None
                    and any(t.i == match.target_at for t in subj.subtree)):
                # "- NOTED + * [115]" on "X noted that Y regretted ...": the pattern makes the
                # complement's subject the target, so the act is the governing clause's subject's
                sources = self.subjects(verb.head)[0] or sources
        if verb.i in self._contact_purpose:
            # only what is given or said to the one contacted is an event of its own: a clause that
            # names its own party ("to discuss efforts to counter the militants"), is the meeting
            # itself (04x) or comments on a situation stays part of the contact
            if targets or match.code.startswith(CONTACT_ROOT) or match.code[:3] in COMMENT_CODES:
                self.drop(verb, match, "complement", sources, targets)
                return []
            targets = self.objects(self.doc[self._contact_purpose[verb.i]], sources, locatives=False)
            rule_suffix += " +" + CONTACT_PURPOSE_RULE
        targets = self.without_co_members(verb, match, sources, targets)
        audience = [t for t in targets if match.code[:2] == "01" and _is_audience(t) and self._addressed(t, verb)]
        if audience:
            # "told reporters", "said to journalists": the press is where a statement goes, not its
            # counterpart ("concern about the fate of a journalist" is about one: a counterpart)
            self.drop(verb, match, "no-target", sources, audience, "the press is the audience")
            targets = [t for t in targets if t not in audience]
        targets = self.without_own_possessions(verb, match, sources, targets)
        src_codes = {s.code for s in sources}
        same = [t for t in targets if t.code in src_codes] if self.trace is not None else []
        if same:
            self.drop(verb, match, "co-actor", [s for s in sources if s.code in {t.code for t in same}], same, "same code")
        targets = [t for t in targets if t.code not in src_codes]
        targets, construction_rule = constructions.refine_targets(
            self, verb, match, sources, targets, passive=bool(passive_targets)
        )
        if match.reverse_only:
            # `[:b]` ("received an invitation from X"): X acts on the subject
            sources, targets = list(targets), list(sources)
        if not sources:
            self.drop(verb, match, "no-source", (), targets)
            return []
        if (match.code.startswith("01") and any(c.dep_ == "ccomp" for c in verb.children)
                and not constructions.hoped_content(verb) and not cameo.is_one_sided(match.code)):
            self.drop(verb, match, "reported", sources, targets)
            return []  # "X said Y ...": the reported content is coded, not the saying
        context_target = False
        compound_dyad = False
        by_agent = any(c.dep_ == "agent" for c in verb.children)
        if members:
            compound_dyad, targets = True, []
        elif not targets and not passive_targets and not by_agent and len({s.code for s in sources}) >= 2:
            if self.is_reciprocal(verb):
                # "Gondor and Osgiliath delayed their meeting": the members act on each other
                compound_dyad = True
            else:
                for s in sources:
                    for o in (o for o in sources if o.code != s.code):
                        self.drop(verb, match, "co-actor", [s], [o], "list members, verb not reciprocal")
        if not targets and not compound_dyad and self.opts.require_dyad:
            arrived = self._arrived_in_story_country(verb, match.code, sources)
            if arrived is not None:
                targets = [arrived]
        if (not targets and not compound_dyad and self.opts.require_dyad and match.code[:2] in CONTEXT_TARGET_ROOTS
                and not _open_target_slot(verb, match.code)):
            if self.trace is not None and self.ctx.sole_counterpart(src_codes) is not None:
                self.drop(verb, match, "context-target", sources, [self.ctx.sole_counterpart(src_codes)],
                          "the verb's object or clause names no party to infer")
        elif not targets and not compound_dyad and self.opts.require_dyad and match.code[:2] in CONTEXT_TARGET_ROOTS:
            other = self.ctx.sole_counterpart(src_codes)
            if other is not None and self._listed_apart(sources):
                # "Brazil, Argentina and Chile called for calm": several parties speaking together
                # name no addressee; the story's counterpart is not theirs
                self.drop(verb, match, "context-target", sources, [other], "a list subject with no addressee")
                other = None
            if other is not None:
                targets = [other]
                context_target = True
            elif self.trace is not None and self.ctx.salient_other(src_codes) is not None:
                self.drop(verb, match, "context-target", sources, [self.ctx.salient_other(src_codes)],
                          "the story has no single unambiguous counterpart")
        one_sided = not targets and not compound_dyad and self.opts.require_dyad
        if one_sided and not self.opts.one_sided:
            self.drop(verb, match, "no-target", sources)
            return []
        fixed = modality is not None  # a construction already chose the code and modality
        modality = modality or self.modality(verb)
        reverse = match.reverse_code if modality != "intended" else None  # a visit not yet made has no host yet
        symmetric = match.reverse_code is not None and match.reverse_code == match.code
        if reverse and verb.lemma_.lower() in CALL_LEMMAS and any(c.dep_ == "dobj" for c in verb.children):
            # "X telephoned Y": a call has a caller; "X and Y talked by telephone" has none
            reverse, symmetric = None, False
        code = match.code
        if code == RELEASE_CODE and match.pattern is None and targets:
            code = RELEASE_PERSON_CODE  # "were released by Putin": an actor freed is people, 0841
        intent_rule = rule_suffix
        requested = self.requested_code(verb, match) if not fixed else None
        if requested is not None:
            code, intent_rule = requested
        if not fixed and (
            (modality == "intended" and self.opts.intent_codes and self.states_intent(verb)) or self.under_intent_code(verb)
        ):
            # "will provide assistance": a statement of intent, CAMEO 033, not aid given (070)
            converted = cameo.intent_code(code)
            if converted is not None:
                code, intent_rule = converted, " +builtin:intent"
        threat_rule = ""
        if not fixed:
            code, threat_rule = constructions.threat_code(self, verb, code, modality)
            if (not threat_rule and modality == "intended" and self.opts.intent_codes and self.states_intent(verb)
                    and not (verb.dep_ == "xcomp" and verb.head.lemma_ in ATTEMPT_HEADS)):
                # "said they would boycott all contact": a stated conflictual intent is CAMEO's threat
                # (13x), as a stated cooperative one is 03x ("will provide aid" 033)
                stated = constructions.stated_threat(code)
                if stated is not None:
                    code, threat_rule = stated, " +builtin:stated-threat"
            intent_rule += threat_rule
        # an intent code is the statement, and so is the threat a stated conflictual intent makes
        stated = modality in ("asserted", "reported", "historical") or code.startswith("03") or (
            bool(threat_rule) and code.startswith("13"))
        if one_sided and not (cameo.is_one_sided(code) and stated and _main_clause(verb)):
            # a one-sided act must be the sentence's own news and have happened: not an intention
            # ("pledged to speed up the deployment"), a hypothesis, or a background clause ("as
            # thousands streamed into the streets")
            self.drop(verb, match, "no-target", sources)
            return []
        if one_sided:
            intent_rule += " " + ONE_SIDED_RULE
        if symmetric and modality == "intended" and not _own_wish(verb):
            reverse = code  # "will meet" ([036:036]): a meeting both sides are to hold, in its final code
        time = self.time_of(verb, future=modality == "intended")
        if (time is None and self.clock is not None and modality != "intended"
                and any(s.origins[:1] == ("context:pronoun",) for s in sources)):
            # "Chavez said on Sunday ... He warned ...": the pronoun's sentence goes on with that day
            time = self.clock.continued(self.index)
        if time is not None and when.is_historical(time, self.day):
            modality = "historical"
        # verbal cooperation (praise, welcome, apologies; not a signing) is placed as a statement is:
        # "said in Beijing that China welcomed the declaration" was said, and welcomed, in Beijing
        stated = verbal or (code[:2] == "05" and not code.startswith("057"))
        self._own_places: list[Place] = []
        place = self.place_of(verb, [a.code[:3] for a in list(sources) + list(targets) if len(a.code) >= 3],
                              verbal=stated, sources=[s.code for s in sources],
                              counterparts=[t.start_token for t in targets])
        if place is None and any(s.origins[:1] in (("context:pronoun",), ("context:two-parties",), ("context:captor",))
                                 for s in sources):
            # "Bhutto, speaking in Karachi, called ... She threatened ...", "Roh arrived in Pyongyang ...
            # The two leaders held talks": the people a reference goes on about are where they just were
            # (and captors who free their captives, where they held them: "abducted 20 Syrians in Beirut
            # ... Four of the captives were freed")
            place = self.ctx.continued_place(self.index, sources)
        elif place is not None and place.source == "text":
            self.ctx.note_place(self.index, sources, place, holds=code[:2] in ("17", "18"))
        if place is None:
            place = self._host_capital(sources, targets, code)
        targets = with_source_home(targets, sources, code)
        rule = match.origin + intent_rule + construction_rule + (" +context:salient-target" if context_target else "")
        if compound_dyad:
            rule += " +builtin:compound-dyad"
        for actor_rule in (AIMED_AT_OF_RULE, SEQUEL_RULE, STORY_PLACE_RULE):  # rules that found an actor, not the code
            if any(a.origins[:1] == (actor_rule,) for a in list(sources) + list(targets)):
                rule += " +" + actor_rule
        events: list[EventMention] = []
        pairs: list[tuple[CodedActor, CodedActor | None, str]] = []
        mutual = self.each_others(verb, sources, targets)
        for s in sources:
            partners = [o for o in sources if o.code != s.code] if compound_dyad else targets
            if mutual is not None:
                partners = mutual[s.code]
            for t in partners or [None]:  # type: ignore[list-item]
                if t is not None and t.code == s.code:
                    self.drop(verb, match, "co-actor", [s], [t], "same code")
                    continue
                pairs.append((s, t, code))
                # a place the deed was done in does not act back ("declared a ceasefire in Kandahar")
                if (reverse and t is not None and not context_target and not compound_dyad and not _place_only(t)
                        and not (self._is_locative(t) and not self._names_a_country(t))):
                    pairs.append((t, s, reverse))
        self._last_pairs = [(s, t) for s, t, _ in pairs]
        for s, t, code in pairs:
            own = next((p for p in self._own_places if p.country == s.code[:3]), place) if place is not None else None
            events.append(self._mention(verb, match, s, t, code, modality, time, own, rule))
            if self.trace is not None:
                self.trace_kept(verb, events[-1])
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
