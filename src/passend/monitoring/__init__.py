"""Monitoring (the pure core): steering on contracts once they run.

``bestedingsruimte``: per contract and year, on a peildatum, how much of the room is used,
the 70% signal of the Contractstandaarden, and two year-end prognoses (lineair and by the
obligations of the running toewijzingen), with the verzilveringsgraad and the declaration
delay they rest on.

Like the other core packages it imports no Django and touches no files: it reads the
analysis relations plus the register relations (:mod:`passend.contracting.register`).
"""
