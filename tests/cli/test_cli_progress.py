"""The command line's progress bar: items of a sized iterable are passed on as they come (the
PDF step's documents, converted in the background), and a ``Step`` shows its words."""

from __future__ import annotations

from reporter.cli import progress
from reporter.feedback import Step


class Page(Step):
    def __init__(self, pages: int):
        self.pages = pages

    def shown(self) -> str:
        return f"{self.pages} 页"


class Arriving:
    """Three items, each made only after the one before it was taken by whoever consumes the bar."""

    def __init__(self, taken: list[Page]):
        self.taken = taken

    def __len__(self) -> int:
        return 3

    def __iter__(self):
        for number in range(3):
            assert len(self.taken) == number, "the bar gathered the items before passing them on"
            yield Page(number + 1)


def test_items_of_a_sized_iterable_are_passed_on_as_they_come():
    taken: list[Page] = []
    for item in progress(Arriving(taken), "转换 PDF"):
        taken.append(item)
    assert [item.pages for item in taken] == [1, 2, 3]


def test_other_iterables_are_passed_on_whole():
    assert list(progress(iter(["甲", "乙"]), "生成")) == ["甲", "乙"]
    assert list(progress([], "生成")) == []
