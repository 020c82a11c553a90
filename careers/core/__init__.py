"""The domain core: scoring, plans and chart geometry in plain Python.

Frozen dataclasses in, results out; no Django and nothing else of careers is imported here
(tests/test_layers.py reads every file of this folder), so the rules can be tested on their own.
"""
