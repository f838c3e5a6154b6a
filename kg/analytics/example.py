"""A small hand-built graph that follows the schema, for examples, docs and tests."""
from __future__ import annotations

import networkx as nx

__all__ = ["example_graph"]

# (paper id, title, authors, [(relation, entity id)])
_PAPERS = [
    ("p1", "GRPO for Math Reasoning", ["Ann Lee", "Bob Ray"],
     [("proposes", "method:grpo"), ("evaluated_on", "benchmark:gsm8k"), ("evaluated_on", "benchmark:math500"),
      ("about", "concept:reinforcement-learning"), ("about", "concept:reasoning"),
      ("has_code", "repo:github.com/ann/grpo")]),
    ("p2", "Scaling PPO and GRPO", ["Bob Ray", "Cy Dee"],
     [("uses", "method:ppo"), ("uses", "method:grpo"), ("evaluated_on", "benchmark:gsm8k"),
      ("about", "concept:reinforcement-learning")]),
    ("p3", "VisBench: Agents that See", ["Dan Wu", "Eve Ng"],
     [("proposes", "benchmark:visbench"), ("uses", "model:llava"), ("about", "concept:agents")]),
    ("p4", "Training Web Agents with PPO", ["Dan Wu", "Eve Ng", "Ann Lee"],
     [("uses", "method:ppo"), ("uses", "model:llava"), ("evaluated_on", "benchmark:visbench"),
      ("about", "concept:agents"), ("about", "concept:reinforcement-learning")]),
]

# entity id -> (type, label, aliases)
_ENTITIES = {
    "method:grpo": ("Method", "GRPO", ["Group Relative Policy Optimization"]),
    "method:ppo": ("Method", "PPO", ["Proximal Policy Optimization"]),
    "model:llava": ("Model", "LLaVA", []),
    "benchmark:gsm8k": ("Benchmark", "GSM8K", []),
    "benchmark:math500": ("Benchmark", "MATH500", ["MATH-500"]),
    "benchmark:visbench": ("Benchmark", "VisBench", []),
    "concept:reinforcement-learning": ("Concept", "reinforcement learning", ["RL"]),
    "concept:reasoning": ("Concept", "reasoning", []),
    "concept:agents": ("Concept", "agents", ["agent"]),
}


def example_graph():
    """Four papers, five authors, two methods, a model, three benchmarks, a repository
    and three concepts, in two loosely joined groups (maths RL and visual agents).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph each call, built the way :func:`kg.graph.build_graph` builds one
        (nodes added in sorted order, edge key = relation).

    Examples
    --------
    >>> g = example_graph()
    >>> g.number_of_nodes(), g.number_of_edges()
    (19, 27)
    >>> sorted(g.successors("paper:p2"))
    ['author:bob-ray', 'author:cy-dee', 'benchmark:gsm8k', 'concept:reinforcement-learning', 'method:grpo', 'method:ppo']
    """
    g = nx.MultiDiGraph(name="example")
    support: dict[str, int] = {}
    for pid, title, _, links in _PAPERS:
        g.add_node(f"paper:{pid}", type="Paper", label=title, title=title, paper_id=pid)
        for _, target in links:
            support[target] = support.get(target, 0) + 1
    for pid, _, authors, _ in _PAPERS:
        for pos, name in enumerate(authors, 1):
            aid = "author:" + name.lower().replace(" ", "-")
            if aid not in g:
                g.add_node(aid, type="Author", label=name, name=name)
            g.add_edge(f"paper:{pid}", aid, key="authored_by", relation="authored_by", position=pos,
                       rule="metadata", provenance="authors")
    g.add_node("repo:github.com/ann/grpo", type="Repository", label="github.com/ann/grpo",
               url="https://github.com/ann/grpo", kind="github")
    for key in sorted(_ENTITIES):
        etype, label, aliases = _ENTITIES[key]
        g.add_node(key, type=etype, label=label, aliases=sorted(aliases), support=support[key])
    for pid, _, _, links in _PAPERS:
        for rel, target in links:
            g.add_edge(f"paper:{pid}", target, key=rel, relation=rel, rule="example", confidence=1.0)
    return g
