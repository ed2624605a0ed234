"""The public surface is ``sitrep.__all__``, and nothing public is left out of it (httpx's pattern)."""
from __future__ import annotations

import inspect

import sitrep


def public_members() -> set[str]:
    # Sub-packages become attributes once imported; they are reached by name, not exported.
    return {name for name, value in vars(sitrep).items()
            if not name.startswith("_") and not inspect.ismodule(value)}


def test_all_public_names_are_exported() -> None:
    assert set(sitrep.__all__) - {"__version__"} == public_members()


def test_exported_names_exist_once() -> None:
    assert len(sitrep.__all__) == len(set(sitrep.__all__))
    for name in sitrep.__all__:
        assert hasattr(sitrep, name), name
    assert "__version__" in sitrep.__all__ and isinstance(sitrep.__version__, str)
