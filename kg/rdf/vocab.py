"""kg's RDF vocabulary as closed namespaces.

``KG`` holds kg's own classes and properties; ``kg/rdf/kg.ttl`` is the published
ontology that defines them (labels, comments, domains, ranges, links to schema.org) and a
test checks that the two list the same terms. ``SCHEMA`` wraps the schema.org terms kg
uses: rdflib's ``SDO`` only warns on a misspelt term, these raise.

>>> KG.evaluatedOn
rdflib.term.URIRef('https://w3id.org/kg/vocab#evaluatedOn')
>>> KG.evaluatedIn
Traceback (most recent call last):
...
AttributeError: term 'evaluatedIn' not in namespace 'https://w3id.org/kg/vocab#'
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib import namespace as _namespace

__all__ = ["KG", "SCHEMA", "KG_NS", "ONTOLOGY_IRI", "PREFIXES", "terms", "name_key"]

KG_NS = "https://w3id.org/kg/vocab#"
#: the IRI of the ontology document itself (``owl:Ontology`` in kg.ttl)
ONTOLOGY_IRI = "https://w3id.org/kg/vocab"


class KG(_namespace.DefinedNamespace):
    """kg's own terms. Closed: an unknown name raises ``AttributeError``."""

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Method: URIRef  # a named technique, algorithm or training recipe
    Model: URIRef  # a trained model or model family
    Benchmark: URIRef  # a benchmark or evaluation data set
    Evidence: URIRef  # one extracted statement with its sentence, rule and confidence

    # paper -> thing
    proposes: URIRef
    usesMethod: URIRef
    usesModel: URIRef
    evaluatedOn: URIRef
    hasCode: URIRef
    hasProjectPage: URIRef
    aboutConcept: URIRef

    # papers
    arxivId: URIRef
    doi: URIRef
    upvotes: URIRef
    authorCount: URIRef
    venue: URIRef
    category: URIRef

    # entities and links
    nameKey: URIRef
    support: URIRef
    proposalCount: URIRef
    mergeRule: URIRef
    linkKind: URIRef

    # evidence
    rule: URIRef
    confidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    surfaceForm: URIRef
    mentionCount: URIRef
    sourceField: URIRef
    authorPosition: URIRef


class SCHEMA(_namespace.DefinedNamespace):
    """The schema.org terms kg uses (``https://schema.org/``, as rdflib's ``SDO``), closed."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    ScholarlyArticle: URIRef
    Person: URIRef
    Organization: URIRef
    SoftwareSourceCode: URIRef
    WebPage: URIRef
    Dataset: URIRef
    DefinedTerm: URIRef
    CreativeWork: URIRef
    name: URIRef
    alternateName: URIRef
    url: URIRef
    sameAs: URIRef
    codeRepository: URIRef
    publisher: URIRef
    affiliation: URIRef
    keywords: URIRef
    about: URIRef
    mentions: URIRef
    domainIncludes: URIRef
    rangeIncludes: URIRef


#: prefix -> namespace, in the order every writer declares them
PREFIXES = (
    ("dcterms", "http://purl.org/dc/terms/"),
    ("kg", KG_NS),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("schema", "https://schema.org/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
)


def terms(namespace=KG) -> list[str]:
    """The local names a closed namespace defines, sorted.

    >>> terms()[:3]
    ['Benchmark', 'Evidence', 'Method']
    """
    return sorted(namespace.__annotations__)


def name_key(text: str) -> str:
    """The ``kg:nameKey`` of a label, alias or name: lower case, single spaces.

    Queries find a resource by name with the triple pattern ``?x kg:nameKey ?key``, which a
    store answers from its index, instead of ``FILTER(LCASE(?label) = ...)`` over every
    label; ``kg query`` passes name parameters through this same function.

    >>> name_key("  Group Relative  Policy Optimization ")
    'group relative policy optimization'
    """
    return " ".join(text.lower().split())
