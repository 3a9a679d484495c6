"""User-facing words live in bot/ only: the lower rings return statuses, values and codes."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOWER_RINGS = ("services", "scheduler", "storage", "nutrition")
# A sentence a user could read: a capital, then at least three words and a space-separated run.
SENTENCE = re.compile(r"^[A-Z][a-z']+( [a-z'’,]+){2,}")


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    raised = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise | ast.Call)
        and (
            isinstance(node, ast.Raise)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in _LOG_CALLS)
        )
        for sub in ast.walk(node)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and id(node) not in raised
    ]


_LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "add_argument"}


def test_no_user_facing_english_below_bot() -> None:
    """No string literal in services, scheduler, storage or nutrition reads as a sentence."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}"
        for ring in LOWER_RINGS
        for path in sorted((ROOT / ring).rglob("*.py"))
        if "migrations" not in path.parts
        for line, text in _strings(path)
        if SENTENCE.match(text)
    ]
    assert found == []
