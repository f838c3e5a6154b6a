"""Attribute dicts that share one table of keys: the graph's million edges, in less memory.

A plain ``dict`` holds its own table of keys. The attribute dicts of the graph's edges
all have one of a few key sets (a mention edge: ``relation``, ``evidence``, ``start``,
``end``, ``surface``, ``rule``, ``confidence``, ``mentions``), and CPython can keep such
dicts *split*: the keys in one table shared by all of them, each dict holding only its
values. That is how instance ``__dict__``s are stored, and ``dict.copy`` of a split dict
gives a split dict. On CPython 3.11 an 8-key edge dict then takes 152 bytes instead of
272, and the one-key dict networkx keeps per edge (``{relation: attributes}``) 88
instead of 184: a few hundred megabytes of a 100k-paper graph.

They remain ``dict`` objects with every behaviour of one (equality, order, mutation,
pickling, JSON): only their layout differs, and CPython turns one back into an ordinary
dict by itself when it has to (a key added out of the shared set, for instance).

networkx creates these dicts through the graph's factories (``edge_attr_dict_factory``,
``edge_key_dict_factory``, ``node_attr_dict_factory``): :func:`shared_factories` sets
them on one graph while it is built and gives the graph back with plain ``dict``
factories, so the graph the caller receives is an ordinary :class:`networkx.MultiDiGraph`.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterator

__all__ = ["dict_factory", "shared_factories", "FACTORIES"]

#: the graph attributes networkx calls to make the dicts :func:`dict_factory` replaces
FACTORIES = ("edge_attr_dict_factory", "edge_key_dict_factory", "node_attr_dict_factory")

#: instances a class makes before CPython sizes its shared table to the keys it holds
#: (CPython 3.11 gives each new instance room for one key fewer, down to one, and
#: copies of a split dict get the room its table has: 30 is the table's largest size)
_WARM_UP = 32


@lru_cache(maxsize=None)
def dict_factory(keys: tuple[str, ...]) -> Callable[[], dict]:
    """A function that returns a new dict holding ``keys`` in that order, each None,
    its key table shared with every other dict it returns.

    Give networkx such a factory only for dicts that then receive a value for every one
    of ``keys`` (it updates the new dict with the attributes it is given): the keys keep
    this order whatever the order of the update, so ``keys`` is the order the attributes
    are written in. The same ``keys`` give the same factory (one table per key set).

    >>> make = dict_factory(("relation", "rule"))
    >>> d = make()
    >>> d.update(rule="metadata", relation="authored_by")
    >>> d
    {'relation': 'authored_by', 'rule': 'metadata'}
    >>> type(d) is dict and dict_factory(("relation", "rule")) is make
    True
    """
    # a class of its own per key set: its instances' dicts share one key table, filled
    # here in the order of ``keys``
    holder = type("SharedKeys", (), {"__doc__": f"keys {keys!r}"})
    first = holder()
    for k in keys:
        setattr(first, k, None)
    for _ in range(_WARM_UP):
        holder()  # each instance shrinks the room for further keys (see _WARM_UP)
    template = first.__dict__  # a split dict: the values of ``first``, the class's keys
    return template.copy


@contextmanager
def shared_factories(g) -> Iterator:
    """Let the block set the dict factories of graph ``g`` (:data:`FACTORIES`); on leaving
    it, ``g`` gets back the factories of its class (``dict``), so that the graph handed on
    makes ordinary dicts and pickles as any other (a factory of this module would not)."""
    try:
        yield g
    finally:
        cls = type(g)
        for name in FACTORIES:
            setattr(g, name, getattr(cls, name))
