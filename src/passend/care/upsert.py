"""Bulk writes: plain INSERTs without the ORM's per-value compilation (`voeg_in`,
`Kolommen`), and the upsert of register rows by their natural key for the writers of the
client-level registers (ZRM scores, clients' judgements).

Writing a row again with the same values writes nothing, so its change time (part of the
data version) stays; a changed value updates the row and its change time; a new key adds a
row. The last row of a key within one call wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

#: Rows per executemany.
RIJEN_PER_INSERT = 5000


def voeg_in(model: Any, velden: Sequence[str], rijen: Sequence[Sequence[Any]]) -> None:
    """INSERT `rijen` (values in the order of `velden`, as the database stores them).

    PostgreSQL takes them with COPY, SQLite with one executemany per block. The ORM's
    bulk_create compiles every value of every row, which took 40% of the write time of a
    large import; this is the same INSERT without that.
    """
    if not rijen:
        return
    naam = connection.ops.quote_name
    tabel = naam(model._meta.db_table)
    kolommen = ", ".join(naam(model._meta.get_field(v).column) for v in velden)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _kopieer(cursor, tabel, kolommen, rijen)
            return
        sql = f"INSERT INTO {tabel} ({kolommen}) VALUES ({', '.join(['%s'] * len(velden))})"
        _in_blokken(cursor, sql, rijen)


def _kopieer(cursor: Any, tabel: str, kolommen: str, rijen: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL: COPY `rijen` into `tabel`."""
    with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
        for rij in rijen:
            copy.write_row(rij)


def _in_blokken(cursor: Any, sql: str, rijen: Sequence[Sequence[Any]]) -> int:
    """One executemany of `sql` per block of :data:`RIJEN_PER_INSERT` rows; the rows the
    database says it changed."""
    aantal = 0
    for begin in range(0, len(rijen), RIJEN_PER_INSERT):
        cursor.executemany(sql, rijen[begin : begin + RIJEN_PER_INSERT])
        aantal += max(cursor.rowcount, 0)
    return aantal


def werk_bij(model: Any, rijen: Sequence[tuple[int, dict[str, Any]]]) -> None:
    """UPDATE each row (id, values by attribute name) with one executemany per set of
    columns: the ORM's ``filter(pk=...).update()`` compiles a query per row."""
    per_kolommen: dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]] = {}
    for pk, waarden in rijen:
        per_kolommen.setdefault(tuple(waarden), []).append((pk, waarden))
    naam = connection.ops.quote_name
    tabel = naam(model._meta.db_table)
    with connection.cursor() as cursor:
        for velden, groep in per_kolommen.items():
            kolommen = Kolommen(model, velden)
            toewijzing = ", ".join(f"{naam(v.column)} = %s" for v in kolommen.velden)
            sql = f"UPDATE {tabel} SET {toewijzing} WHERE {naam(model._meta.pk.column)} = %s"
            cursor.executemany(sql, [(*kolommen.rij(w), pk) for pk, w in groep])


#: Column types whose Python values the database driver takes as they are.
_ONGEWIJZIGD = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


class Kolommen:
    """The columns of a plain INSERT or UPDATE of `model` and how each value is stored.

    Decided once per column, where the ORM decides per value: rows are built from dicts keyed
    by attribute name (`client_id` for a foreign key); a missing key takes the field's default.
    """

    def __init__(self, model: Any, velden: Sequence[str] | None = None) -> None:
        meta = model._meta
        self.model = model
        self.velden = (
            [meta.get_field(v) for v in velden]
            if velden is not None
            else [f for f in meta.concrete_fields if not f.primary_key]
        )
        self.namen = tuple(f.attname for f in self.velden)
        self._kolommen = [(f.attname, f.get_default(), _omzetter(f)) for f in self.velden]

    def rij(self, waarden: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            [
                waarden.get(naam, standaard)
                if omzet is None
                else omzet(waarden.get(naam, standaard))
                for naam, standaard, omzet in self._kolommen
            ]
        )

    def voeg_in(self, rijen: Iterable[dict[str, Any]]) -> None:
        voeg_in(self.model, self.namen, [self.rij(w) for w in rijen])


def _omzetter(veld: Any) -> Any:
    soort = veld.get_internal_type()
    if soort in _ONGEWIJZIGD:
        return None
    # The thread's connection, looked up once: through the proxy every value paid for a
    # lookup of the connection handler (a tenth of writing the ledger).
    echt = connections[DEFAULT_DB_ALIAS]
    ops = echt.ops
    if soort == "DateField":
        return ops.adapt_datefield_value
    if soort == "TimeField":
        return ops.adapt_timefield_value
    if soort == "DateTimeField":  # the import's rows carry aware datetimes (timezone.now())
        return _laatste(ops.adapt_datetimefield_value)
    if soort == "JSONField":
        json_waarde, encoder = ops.adapt_json_value, veld.encoder
        return lambda waarde: None if waarde is None else json_waarde(waarde, encoder)
    return lambda waarde: veld.get_db_prep_save(waarde, echt)


def _laatste(omzet: Any) -> Any:
    """`omzet` remembering its last value: a round stamps every row with the same moment."""
    laatst: list[Any] = [object(), None]

    def onthoudend(waarde: Any) -> Any:
        if waarde is not laatst[0]:
            laatst[:] = [waarde, omzet(waarde)]
        return laatst[1]

    return onthoudend


def bewaar_op_sleutel(
    model: type[models.Model],
    sleutelvelden: Sequence[str],
    waardevelden: Sequence[str],
    rijen: Mapping[tuple[Any, ...], tuple[Any, ...]],
) -> int:
    """Upsert `rijen` (key tuple -> value tuple, in the order of the field lists) into
    `model`, whose unique constraint the key fields must be (none of them NULL: a NULL is
    never a conflict). A model with a `gewijzigd_op` gets it set on every new or changed
    row. Returns how many rows were new or changed.

    One INSERT ... ON CONFLICT DO UPDATE per block (PostgreSQL: from a COPY into a temporary
    table), whose WHERE leaves a row with equal values alone: reading the stored rows to
    compare them in Python was most of writing a large ZRM table.
    """
    if not rijen:
        return 0
    stempel = {"gewijzigd_op": timezone.now()} if _heeft_veld(model, "gewijzigd_op") else {}
    kolommen = Kolommen(model)
    waarden = [
        kolommen.rij(
            {
                **dict(zip(sleutelvelden, k, strict=True)),
                **dict(zip(waardevelden, w, strict=True)),
                **stempel,
            }
        )
        for k, w in rijen.items()
    ]
    opdracht = _Upsert(model, kolommen, sleutelvelden, [*waardevelden], [*stempel])
    with transaction.atomic(), connection.cursor() as cursor:
        return opdracht.voer_uit(cursor, waarden)


class _Upsert:
    """The INSERT ... ON CONFLICT of `bewaar_op_sleutel` in the database's dialect."""

    def __init__(
        self,
        model: type[models.Model],
        kolommen: Kolommen,
        sleutelvelden: Sequence[str],
        waardevelden: Sequence[str],
        stempelvelden: Sequence[str],
    ) -> None:
        naam, meta = connection.ops.quote_name, model._meta
        kolom = {f.attname: naam(f.column) for f in meta.concrete_fields}
        kolom.update({f.name: kolom[f.attname] for f in meta.concrete_fields})
        sleutel = [kolom[v] for v in sleutelvelden]
        velden = [meta.get_field(v) for v in sleutelvelden]
        if any(v.null for v in velden) or not _is_uniek(model, {v.column for v in velden}):
            raise ValueError(f"{meta.label}: {', '.join(sleutelvelden)} is geen unieke sleutel")
        self.tabel = naam(meta.db_table)
        self.kolommen = ", ".join(kolom[v] for v in kolommen.namen)
        anders = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
        gewijzigd = " OR ".join(
            f"{self.tabel}.{kolom[v]} {anders} excluded.{kolom[v]}" for v in waardevelden
        )
        zet = ", ".join(
            f"{kolom[v]} = excluded.{kolom[v]}" for v in (*waardevelden, *stempelvelden)
        )
        self.conflict = f"ON CONFLICT ({', '.join(sleutel)}) DO UPDATE SET {zet} WHERE {gewijzigd}"
        self.plaatsen = ", ".join(["%s"] * len(kolommen.namen))

    def voer_uit(self, cursor: Any, waarden: Sequence[tuple[Any, ...]]) -> int:
        if connection.vendor == "postgresql":
            return self._via_copy(cursor, waarden)
        sql = f"INSERT INTO {self.tabel} ({self.kolommen}) VALUES ({self.plaatsen}) {self.conflict}"
        return _in_blokken(cursor, sql, waarden)

    def _via_copy(self, cursor: Any, waarden: Sequence[tuple[Any, ...]]) -> int:
        tijdelijk = "passend_upsert"
        cursor.execute(  # the columns and their types, no constraints
            f"CREATE TEMPORARY TABLE {tijdelijk} AS SELECT {self.kolommen} FROM {self.tabel} "
            "WITH NO DATA"
        )
        _kopieer(cursor, tijdelijk, self.kolommen, waarden)
        cursor.execute(
            f"INSERT INTO {self.tabel} ({self.kolommen}) SELECT {self.kolommen} "
            f"FROM {tijdelijk} {self.conflict}"
        )
        aantal = max(cursor.rowcount, 0)
        cursor.execute(f"DROP TABLE {tijdelijk}")
        return aantal


def _is_uniek(model: type[models.Model], kolommen: set[str]) -> bool:
    """Whether a unique constraint of `model` covers exactly these columns (ON CONFLICT
    needs one)."""
    meta = model._meta
    velden = [
        tuple(c.fields)
        for c in meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.condition is None and c.fields
    ]
    velden += [tuple(u) for u in meta.unique_together]
    return any({meta.get_field(v).column for v in groep} == kolommen for groep in velden)


def _heeft_veld(model: type[models.Model], naam: str) -> bool:
    return any(f.name == naam for f in model._meta.concrete_fields)
