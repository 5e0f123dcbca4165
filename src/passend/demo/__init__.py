"""Synthetic demo region for Passend: iJw 3.2 / iWmo 3.2 messages, population, aanbieders.

All generated data is synthetic and labelled as such (see :mod:`passend.demo.generator`).
Jeugd segment 7 (onderwijs-jeugdhulp) uses product codes with the prefix ``"OJ"`` in
productcategorie 45 and 50; the full segment mapping is in the generator's docstring.
"""

from passend.demo.generator import SCHALEN, DemoSamenvatting, genereer_demo

__all__ = ["SCHALEN", "DemoSamenvatting", "genereer_demo"]
