"""The page tree's rules (models/page_tree.py)."""

from __future__ import annotations

from models.page_tree import MAX_DEPTH, ancestors, depths, move_problem, reorder, tree_problems, walk


def test_a_valid_tree_walks_depth_first_with_siblings_in_order():
    parents = {"a": None, "b": "a", "c": "a", "d": "c", "e": None}
    order = {"a": 2, "e": 1, "b": 5, "c": 1, "d": 0}
    assert tree_problems(parents) == []
    assert walk(parents, order) == ["e", "a", "c", "d", "b"]
    assert depths(parents) == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 0}
    assert ancestors(parents, "d") == ["c", "a"]


def test_cycles_missing_parents_and_depth_are_named():
    problems = tree_problems({1: None, 2: 3, 3: 4, 4: 2, 5: 4, 6: 99}, names={2: "Ankommen", 6: "Anmeldung"})
    texts = [p.de for p in problems]
    assert any("Kreis" in t and "Ankommen" in t for t in texts)
    assert any("Anmeldung" in t and "99" in t and "gibt es nicht" in t for t in texts)
    assert len(problems) == 2  # page 5 hangs below the cycle: reported through it, not twice
    deep = {i: (i - 1 if i else None) for i in range(MAX_DEPTH + 3)}
    assert [p.en for p in tree_problems(deep)] == [f"Page “{MAX_DEPTH}” lies deeper than {MAX_DEPTH} levels."]


def test_moves_into_its_own_subtree_are_refused():
    parents = {1: None, 2: 1, 3: 2, 4: None}
    assert move_problem(parents, 1, 3) is not None
    assert move_problem(parents, 1, 1) is not None
    assert move_problem(parents, 2, 4) is None and move_problem(parents, 3, None) is None
    assert "does not exist" in move_problem(parents, 2, 77).en
    chain = {i: (i - 1 if i else None) for i in range(MAX_DEPTH)}
    chain["x"], chain["y"] = None, "x"
    assert "deeper" in move_problem(chain, "x", MAX_DEPTH - 1).en


def test_reorder_puts_a_page_at_its_new_place():
    assert reorder(["a", "b", "c"], "c", 0) == {"c": 0, "a": 1, "b": 2}
    assert reorder(["a", "b", "c"], "a", 99) == {"b": 0, "c": 1, "a": 2}
