"""``python -m passend.demo OUTDIR [--schaal klein|normaal|groot|<getal>] [--seed N]``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from passend.demo.generator import SCHALEN, genereer_demo, schaalfactor


def _jaren(tekst: str) -> range:
    """``2021-2025`` (inclusive) or a single year."""
    begin, _, eind = tekst.partition("-")
    return range(int(begin), int(eind or begin) + 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m passend.demo",
        description="Schrijf een synthetische demoregio (iJw/iWmo-berichten). Alles is nep.",
    )
    parser.add_argument("doelmap", type=Path, help="lege map om in te schrijven")
    parser.add_argument(
        "--schaal",
        default="normaal",
        help=f"{', '.join(SCHALEN)} of een factor (1 = realistisch volume)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--jaren", type=_jaren, default=range(2021, 2026), help="bijvoorbeeld 2021-2025"
    )
    parser.add_argument("--zip", action="store_true", help="schrijf één zip-archief")
    args = parser.parse_args(argv)
    try:
        schaalfactor(args.schaal)
    except ValueError as fout:
        parser.error(str(fout))
    begin = time.perf_counter()
    samenvatting = genereer_demo(
        args.doelmap, seed=args.seed, schaal=args.schaal, jaren=args.jaren, zip_bestand=args.zip
    )
    print(samenvatting.tekst())
    print(f"klaar in {time.perf_counter() - begin:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
