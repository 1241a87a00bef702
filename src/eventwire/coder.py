"""Story -> [EventMention]: the coding stages in order. (STUB: being written.)"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventwire.dictionaries.model import DictionarySet
from eventwire.records import CodedStory, CodingOptions, Story


class Coder:
    """Holds the loaded model and compiled dictionaries; load once per process."""

    def __init__(self, dictionaries: DictionarySet | None = None, options: CodingOptions | None = None) -> None:
        self.dictionaries = dictionaries
        self.options = options or CodingOptions()

    def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory:
        return CodedStory(story=story, events=())

    def code_stories(
        self, stories: Iterable[Story], options: CodingOptions | None = None, batch_size: int = 32
    ) -> Iterator[CodedStory]:
        for story in stories:
            yield self.code_story(story, options)
