"""Header stage: issuer, type, number and symbol, date, place, title, Kính gửi, signer, Nơi nhận."""
from .signer import is_person_name
from .stage import parse_header

__all__ = ["is_person_name", "parse_header"]
