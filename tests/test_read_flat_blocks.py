"""`BlockTable.mark` / `undo`: a page of column blocks that fits no construction leaves the table as
it was before the page, without a copy of the whole table per page (a copy per page cost the pages
before it again: quadratic in pages)."""
import copy

from pipeline.read.flat_blocks import BlockTable


def test_undo_takes_back_what_a_page_changed():
    t = BlockTable()
    t.cells.update({0: (0, 0), 1: (0, 1), 5: (1, 0)})
    t.known.update({"tt", "noidung"})
    t.aside.append(3)
    t.rows, t.time_col = 1, None
    before = copy.deepcopy(t)
    mark = t.mark()
    t.rows += 2
    t.ncols += 1
    t.time_col = 2
    t.put(t.cells, 7, (2, 0))          # a new line's cell
    t.put(t.cells, 5, (1, 1))          # a cell read again
    t.put(t.roles, 2, "time")
    t.add(t.known, "thoihan")
    t.add(t.known, "tt")               # already known: nothing to take back
    t.add(t.filled, (2, 1))
    t.aside.extend([9, 10])
    t.undo(mark)
    assert t == before and list(t.cells.items()) == list(before.cells.items())
    assert t.journal == []


def test_a_page_read_whole_is_kept_past_the_next_mark():
    t = BlockTable()
    mark = t.mark()
    t.put(t.cells, 4, (1, 0))
    t.add(t.filled, (1, 1))
    t.rows = 1
    mark = t.mark()                    # the page before was read: the next undo keeps it
    t.put(t.cells, 8, (2, 0))
    t.rows = 2
    t.undo(mark)
    assert t.cells == {4: (1, 0)} and t.filled == {(1, 1)} and t.rows == 1
