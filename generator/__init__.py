"""Marsad: scraped Arabic news → bilingual briefing site and PDF briefings."""

__version__ = "0.1.0"
