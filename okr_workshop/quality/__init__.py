"""Quality feedback on OKRs: a rule catalogue as data, checks, findings and a strength score."""

from __future__ import annotations

from .catalogue import Rule, catalogue
from .engine import check, check_text
from .findings import Finding
from .lint import run_jsonl
from .strength import strength

__all__ = ["Finding", "Rule", "catalogue", "check", "check_text", "run_jsonl", "strength"]
