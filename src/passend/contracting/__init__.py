"""Contracting (the pure core): what a region needs after its strategy, before it steers.

``tarief``: the reële-prijs tariff calculator (cost-price build-up per hour following the
AMvB elements of Besluit Jeugdwet art. 2.3 and Uitvoeringsbesluit Wmo 2015 art. 5.4), the
Contractstandaard indexation (forecast plus the correction of last year, wages and material
weighted) and the rounding to a tariff divisible by 60 cents (declaration per minute).

Like the other core packages it imports no Django and touches no files; the CLI and the web
call it.
"""
