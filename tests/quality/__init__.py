"""Quality gates of the fuzzy stages: one module per stage, each measured on labelled data.

Each module here defines

    FLOORS: dict[str, float]          # figure name -> the floor a test pins (never lowered silently)
    def measure() -> dict[str, float] # the figures, measured now on ../shared/corpus and the seeds

``make quality`` (scripts/quality.py) prints every module's figures beside their floors; the
tests named ``tests/test_quality_<stage>.py`` assert them. Gold labels written by reading the
articles live in ``tests/gold/``, each hard case with its reason.
"""
