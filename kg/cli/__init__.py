"""The ``kg`` command: a thin shell over the Python API.

Each command lives in a module of its own in this package and registers itself on
:data:`main` (every module here is imported at start-up, in name order); commands parse arguments, call one API function, and turn
:class:`kg.errors.KgError` into a one-line message and exit code 2.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
import sys

import click

from ..errors import KgError

__all__ = ["main", "handle_errors"]



class KgClickError(click.ClickException):
    exit_code = 2


def handle_errors(fn):
    """Turn kg's domain errors into ``Error: ...`` on stderr and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KgError as exc:
            raise KgClickError(str(exc)) from None
        except BrokenPipeError:  # `kg extract ... | head`
            sys.stderr.close()
            sys.exit(0)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int):
    """kg: build a knowledge graph of papers, authors, methods, models,
    benchmarks, code and concepts from paper listings.

    \b
    Example:
        kg build ../shared/seeds -o exports/
    """
    import logging

    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="kg: %(levelname)s: %(message)s")


for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    importlib.import_module(f"{__name__}.{_info.name}")
