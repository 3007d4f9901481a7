"""Scoring against gold files (GOLD.md), and scoring under perturbations of the text."""
from .perturb import PERTURBATIONS
from .perturb_eval import REFERENCES, evaluate_perturbed
from .score import PRF, DocScore, Report, evaluate, find_gold, header_field_ok, score_document, score_records

__all__ = [
    "PERTURBATIONS", "PRF", "REFERENCES", "DocScore", "Report", "evaluate", "evaluate_perturbed", "find_gold",
    "header_field_ok", "score_document", "score_records",
]
