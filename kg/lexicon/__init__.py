"""Trigger words, one module per family: `orders`, `offices`, `names` (of bodies, courts, outlets and sets of
jurisdictions), `stances`, `funding` and `statements`. Each rule family and mention finder reads its own, and
the one of another family it needs, by name.

These are general English and general US-government vocabulary, never names taken from one document.
"""
