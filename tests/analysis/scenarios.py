"""The handmade datasets. Expected figures are derived by hand in the test modules.

Every person is written as messages (see ``berichtenset``). Dates of 18th birthdays (B) and
the 365-day window [B-365, B-1] are given per person; 2024 is a leap year, so for a birthday
in 2024 after 28 February, B-365 is the same calendar day one year earlier plus one day.
"""

from __future__ import annotations

from datetime import date as d

from tests.analysis.berichtenset import (
    AANBIEDER_A,
    AANBIEDER_B,
    AANBIEDER_C,
    AANBIEDER_D,
    DORDRECHT,
    GORINCHEM,
    GRONINGEN,
    JEUGD,
    WMO,
    Berichtenset,
    Declaratieregel,
)

A, B, C, D = AANBIEDER_A, AANBIEDER_B, AANBIEDER_C, AANBIEDER_D


def transitie(s: Berichtenset) -> None:
    """Cohorts 2022, 2024 and 2025 and Wmo inflow (the letters are used in the tests).

    A  born 2006-03-10, B 2024-03-10. Jeugd 45 Dordrecht 2023-06-01..2024-09-30.
    B  born 2006-05-15, B 2024-05-15. Jeugd 44 (verblijf) Dordrecht 2022-01-01..2024-05-14.
       Wmo 02 Dordrecht: toewijzingsdatum 2024-05-01, levering from 2024-05-15 (open).
    C  born 2006-07-01, B 2024-07-01. Jeugd 45 Gorinchem 2023-01-01..2024-04-30.
       Wmo 02 Gorinchem: toewijzingsdatum 2024-06-01, levering from 2024-06-10.
    D  born 2006-09-20, B 2024-09-20. Jeugd 54 Dordrecht 2023-03-01..2024-09-19.
       Wmo 07 Dordrecht: toewijzingsdatum 2024-07-15, levering from 2024-08-01 (a Wmo start
       before the Jeugd end).
    E  born 2006-10-05, B 2024-10-05. Jeugd 45 Groningen 2024-01-10..2024-06-30. A Wmo
       toewijzing (2024-06-01, ingang 2024-07-01) and a Jeugd toewijzing (2024-11-01)
       WITHOUT levering: not care.
    F  born 2006-12-31, B 2024-12-31 (window from 2024-01-01). Jeugd 43 (verblijf) Dordrecht
       2023-05-01..2024-01-01. Wmo 02 Dordrecht from 2025-01-01 (E+365 = 2024-12-31).
    G  born 2006-01-01, B 2024-01-01 (window 2023-01-01..2023-12-31). Jeugd 45 Dordrecht
       from 2023-12-31, open-ended.
    H  born 2007-01-01, B 2025-01-01 (cohort 2025). Jeugd 45 Dordrecht 2024-03-01..12-31.
    I  born 2004-02-29, B 2022-03-01 (29 February: 1 March in 2022). Jeugd 45 Dordrecht
       2021-01-01..2022-02-28. Wmo 02 Dordrecht: toewijzingsdatum 2022-02-01, from
       2022-03-01.
    J  born 2006-04-20, B 2024-04-20 (window 2023-04-21..2024-04-19). Jeugd 45 Dordrecht
       2022-09-01..2023-03-31 (before the window); Jeugd 46 Dordrecht 2023-04-21..05-10;
       Jeugd 41 Gorinchem 2023-06-01..2024-02-29. Wmo 02 Gorinchem from 2025-02-28
       (toewijzingsdatum 2025-02-01).
    K  born 2006-08-08, B 2024-08-08 (window from 2023-08-09). Jeugd 45 Dordrecht
       2023-08-09..2023-12-31. Wmo 02 Dordrecht 2023-08-08..2023-09-30.
    L  born 2006-06-06, B 2024-06-06 (window from 2023-06-07). Jeugd 45 Dordrecht
       2022-01-01..2023-06-06: ends the day before the window.
    M  born 2006-11-11. Only a Jeugd toewijzing (2024-01-01), no levering.
    N  born 2006-02-02, B 2024-02-02. Jeugd 45 Dordrecht 2023-09-01..2024-01-31; Jeugd 44
       Dordrecht 2024-06-01..2024-12-31 (new care after 18). Wmo 02 Dordrecht from
       2024-03-01 (toewijzingsdatum 2024-02-15).
    O  born 2000-05-05. Wmo 07 Groningen from 2024-03-01.
    P  born 1997-01-01. Wmo 02 Dordrecht from 2024-02-01 (age 27).
    Q  born 2001-01-01. Wmo 02 Dordrecht 2023-05-01..2023-12-31 and again from 2024-05-01.
    R  born 2003-03-03. Wmo 02 Gorinchem from 2024-04-01; Jeugd 45 Gorinchem
       2024-06-01..2024-08-31 (after the Wmo start).
    S  born 2004-06-15, B 2022-06-15. Jeugd 44 Dordrecht 2021-01-01..2025-06-14 (to the day
       before the 21st birthday).
    """
    p = s.persoon
    a = p(d(2006, 3, 10))
    s.zorg(a, JEUGD, DORDRECHT, A, "45", "45A01", d(2023, 6, 1), d(2024, 9, 30))
    b = p(d(2006, 5, 15))
    s.zorg(b, JEUGD, DORDRECHT, A, "44", "44A01", d(2022, 1, 1), d(2024, 5, 14))
    s.zorg(b, WMO, DORDRECHT, B, "02", "02A01", d(2024, 5, 15), toegewezen=d(2024, 5, 1))
    c = p(d(2006, 7, 1))
    s.zorg(c, JEUGD, GORINCHEM, A, "45", "45A01", d(2023, 1, 1), d(2024, 4, 30))
    s.zorg(c, WMO, GORINCHEM, B, "02", "02A01", d(2024, 6, 10), toegewezen=d(2024, 6, 1))
    d_ = p(d(2006, 9, 20))
    s.zorg(d_, JEUGD, DORDRECHT, A, "54", "54A01", d(2023, 3, 1), d(2024, 9, 19))
    s.zorg(d_, WMO, DORDRECHT, B, "07", "07A01", d(2024, 8, 1), toegewezen=d(2024, 7, 15))
    e = p(d(2006, 10, 5))
    s.zorg(e, JEUGD, GRONINGEN, A, "45", "45A01", d(2024, 1, 10), d(2024, 6, 30))
    s.zorg(
        e, WMO, GRONINGEN, B, "02", "02A01", d(2024, 7, 1), toegewezen=d(2024, 6, 1), geleverd=False
    )
    s.zorg(e, JEUGD, GRONINGEN, A, "45", "45A01", d(2024, 11, 1), geleverd=False)
    f = p(d(2006, 12, 31))
    s.zorg(f, JEUGD, DORDRECHT, A, "43", "43A01", d(2023, 5, 1), d(2024, 1, 1))
    s.zorg(f, WMO, DORDRECHT, B, "02", "02A01", d(2025, 1, 1))
    g = p(d(2006, 1, 1))
    s.zorg(g, JEUGD, DORDRECHT, A, "45", "45A01", d(2023, 12, 31))
    h = p(d(2007, 1, 1))
    s.zorg(h, JEUGD, DORDRECHT, A, "45", "45A01", d(2024, 3, 1), d(2024, 12, 31))
    i = p(d(2004, 2, 29))
    s.zorg(i, JEUGD, DORDRECHT, A, "45", "45A01", d(2021, 1, 1), d(2022, 2, 28))
    s.zorg(i, WMO, DORDRECHT, B, "02", "02A01", d(2022, 3, 1), toegewezen=d(2022, 2, 1))
    j = p(d(2006, 4, 20))
    s.zorg(j, JEUGD, DORDRECHT, A, "45", "45A01", d(2022, 9, 1), d(2023, 3, 31))
    s.zorg(j, JEUGD, DORDRECHT, A, "46", "46A01", d(2023, 4, 21), d(2023, 5, 10))
    s.zorg(j, JEUGD, GORINCHEM, A, "41", "41A01", d(2023, 6, 1), d(2024, 2, 29))
    s.zorg(j, WMO, GORINCHEM, B, "02", "02A01", d(2025, 2, 28), toegewezen=d(2025, 2, 1))
    k = p(d(2006, 8, 8))
    s.zorg(k, JEUGD, DORDRECHT, A, "45", "45A01", d(2023, 8, 9), d(2023, 12, 31))
    s.zorg(k, WMO, DORDRECHT, B, "02", "02A01", d(2023, 8, 8), d(2023, 9, 30))
    l_ = p(d(2006, 6, 6))
    s.zorg(l_, JEUGD, DORDRECHT, A, "45", "45A01", d(2022, 1, 1), d(2023, 6, 6))
    m = p(d(2006, 11, 11))
    s.zorg(m, JEUGD, DORDRECHT, A, "45", "45A01", d(2024, 1, 1), geleverd=False)
    n = p(d(2006, 2, 2))
    s.zorg(n, JEUGD, DORDRECHT, A, "45", "45A01", d(2023, 9, 1), d(2024, 1, 31))
    s.zorg(n, JEUGD, DORDRECHT, A, "44", "44A01", d(2024, 6, 1), d(2024, 12, 31))
    s.zorg(n, WMO, DORDRECHT, B, "02", "02A01", d(2024, 3, 1), toegewezen=d(2024, 2, 15))
    o = p(d(2000, 5, 5))
    s.zorg(o, WMO, GRONINGEN, B, "07", "07A01", d(2024, 3, 1))
    p_ = p(d(1997, 1, 1))
    s.zorg(p_, WMO, DORDRECHT, B, "02", "02A01", d(2024, 2, 1))
    q = p(d(2001, 1, 1))
    s.zorg(q, WMO, DORDRECHT, B, "02", "02A01", d(2023, 5, 1), d(2023, 12, 31))
    s.zorg(q, WMO, DORDRECHT, B, "02", "02A01", d(2024, 5, 1))
    r = p(d(2003, 3, 3))
    s.zorg(r, WMO, GORINCHEM, B, "02", "02A01", d(2024, 4, 1))
    s.zorg(r, JEUGD, GORINCHEM, A, "45", "45A01", d(2024, 6, 1), d(2024, 8, 31))
    s_ = p(d(2004, 6, 15))
    s.zorg(s_, JEUGD, DORDRECHT, A, "44", "44A01", d(2021, 1, 1), d(2025, 6, 14))


def markt(s: Berichtenset) -> None:
    """Segments 4A (categorie 45), 2 (44) and 7 (45, product OJ001) in 2023 and 2024.

    Clients M1..M6 (born 2012, far from 18). Tarief 100 euro per hour (10000 cent) unless
    noted. Leveringen (toewijzing ingangsdatum -> levering begin .. einddatum):

    M1 A 4A  ingang 2023-01-01, begin 2023-01-11 .. 2024-03-31
    M2 A 4A  ingang 2024-01-01, begin 2024-01-01 .. 2024-02-29
    M2 A 2   ingang 2024-01-01, begin 2024-01-01 .. open
    M3 B 4A  ingang 2023-01-01, begin 2023-03-02 .. open
    M3 A 4A  ingang 2024-01-01, begin 2024-01-21 .. 2024-01-31
    M4 C 4A  ingang 2024-01-01, begin 2024-02-20 .. open
    M4 B 7   ingang 2024-01-01, begin 2024-01-01 .. 2024-06-30
    M5 D 4A  ingang 2024-01-01, begin 2024-01-01 .. 2024-01-10
    M6 A 4A  ingang 2023-12-01, begin 2023-12-28 .. 2024-01-03

    Prestaties (volume x tarief, D debet / C credit), ProductPeriode in brackets:
    2023: A M1 8h D [2023-03]; A M6 2h D [2023-12-28..2024-01-03]; B M3 10h D [2023-05]
    2024: A M1 10h D; A M2 5h D + 1h C; A M3 4h D; B M3 20h D; C M4 2h D; D M5 3h D + 3h C
          [all 2024-01]; A M2 31 etmalen x 20000 D (categorie 44) [2024-01];
          B M4 10h x 8000 D (OJ001) [2024-01]
    Aanbieder names: A "Zorg A", B "Zorg B" (C and D without a name).
    """
    p = s.persoon
    m1, m2, m3, m4, m5, m6 = (p(d(2012, 1, k)) for k in range(1, 7))
    g = DORDRECHT
    n1 = s.zorg(
        m1, JEUGD, g, A, "45", "45A01", d(2023, 1, 11), d(2024, 3, 31), ingang=d(2023, 1, 1)
    )
    n2 = s.zorg(m2, JEUGD, g, A, "45", "45A01", d(2024, 1, 1), d(2024, 2, 29))
    n2v = s.zorg(m2, JEUGD, g, A, "44", "44A01", d(2024, 1, 1))
    n3b = s.zorg(m3, JEUGD, g, B, "45", "45A01", d(2023, 3, 2), ingang=d(2023, 1, 1))
    n3a = s.zorg(
        m3, JEUGD, g, A, "45", "45A01", d(2024, 1, 21), d(2024, 1, 31), ingang=d(2024, 1, 1)
    )
    n4 = s.zorg(m4, JEUGD, g, C, "45", "45A01", d(2024, 2, 20), ingang=d(2024, 1, 1))
    n4o = s.zorg(m4, JEUGD, g, B, "45", "OJ001", d(2024, 1, 1), d(2024, 6, 30))
    n5 = s.zorg(m5, JEUGD, g, D, "45", "45A01", d(2024, 1, 1), d(2024, 1, 10))
    n6 = s.zorg(
        m6, JEUGD, g, A, "45", "45A01", d(2023, 12, 28), d(2024, 1, 3), ingang=d(2023, 12, 1)
    )
    jan, eind_jan = d(2024, 1, 1), d(2024, 1, 31)
    s.declaratie(
        JEUGD,
        g,
        A,
        [
            Declaratieregel(m1, n1, "45", "45A01", d(2023, 3, 1), d(2023, 3, 31), 8, 10000),
            Declaratieregel(m6, n6, "45", "45A01", d(2023, 12, 28), d(2024, 1, 3), 2, 10000),
        ],
    )
    s.declaratie(
        JEUGD,
        g,
        B,
        [
            Declaratieregel(m3, n3b, "45", "45A01", d(2023, 5, 1), d(2023, 5, 31), 10, 10000),
        ],
    )
    s.declaratie(
        JEUGD,
        g,
        A,
        [
            Declaratieregel(m1, n1, "45", "45A01", jan, eind_jan, 10, 10000),
            Declaratieregel(m2, n2, "45", "45A01", jan, eind_jan, 5, 10000),
            Declaratieregel(m3, n3a, "45", "45A01", jan, eind_jan, 4, 10000),
            Declaratieregel(m2, n2v, "44", "44A01", jan, eind_jan, 31, 20000, eenheid="14"),
        ],
    )
    s.declaratie(
        JEUGD, g, A, [Declaratieregel(m2, n2, "45", "45A01", jan, eind_jan, 1, 10000, "C")]
    )
    s.declaratie(
        JEUGD,
        g,
        B,
        [
            Declaratieregel(m3, n3b, "45", "45A01", jan, eind_jan, 20, 10000),
            Declaratieregel(m4, n4o, "45", "OJ001", jan, eind_jan, 10, 8000),
        ],
    )
    s.declaratie(JEUGD, g, C, [Declaratieregel(m4, n4, "45", "45A01", jan, eind_jan, 2, 10000)])
    s.declaratie(JEUGD, g, D, [Declaratieregel(m5, n5, "45", "45A01", jan, eind_jan, 3, 10000)])
    s.declaratie(
        JEUGD, g, D, [Declaratieregel(m5, n5, "45", "45A01", jan, eind_jan, 3, 10000, "C")]
    )
    s.tabel("aanbieders.csv", ["agb_code", "naam"], [(A, "Zorg A"), (B, "Zorg B")])


def zorggebruik(s: Berichtenset) -> None:
    """Care in view in 2024 in Dordrecht and Gorinchem (both jeugdregio Zuid-Holland Zuid).

    Population 2024 (1 January): Dordrecht 100 per age 0-27, Gorinchem 60 per age 0-27.

    Z1 born 2012-03-01. Jeugd 45 Dordrecht 2023-06-01..2024-08-31.
    Z2 born 2008-07-15. Jeugd 44 (verblijf) Dordrecht from 2024-02-01 (open); Jeugd 45
       Gorinchem 2024-09-01..2024-10-31.
    Z3 born 2006-12-31. Jeugd 45 Dordrecht on 2024-12-31 only (the 18th birthday).
    Z4 born 1997-06-30. Wmo 02 Dordrecht 2024-01-01..2024-06-30.
    Z5 born 1997-01-01. Wmo 02 Dordrecht from 2024-03-01 (age 27).
    Z6 born 2000-01-01. Wmo 07 and Wmo 02 Gorinchem from 2024-07-01 (02 ends 2024-12-31).
    Z7 born 2011-01-01. Only a Jeugd toewijzing in Gorinchem (2024-02-01), no levering.
    Z8 born 2010-05-05. Jeugd 45 Dordrecht 2023-01-01..2023-12-31.
    Z9 born 2006-10-10, B 2024-10-10. Jeugd 45 Gorinchem 2024-01-01..2024-10-09.
    Declaratie: Jeugd 45 Dordrecht, Z1, 10 hours x 10000 cent in 2024-01 (100000 cent).
    """
    p = s.persoon
    g1, g2 = DORDRECHT, GORINCHEM
    z1 = p(d(2012, 3, 1))
    n1 = s.zorg(z1, JEUGD, g1, A, "45", "45A01", d(2023, 6, 1), d(2024, 8, 31))
    z2 = p(d(2008, 7, 15))
    s.zorg(z2, JEUGD, g1, A, "44", "44A01", d(2024, 2, 1))
    s.zorg(z2, JEUGD, g2, A, "45", "45A01", d(2024, 9, 1), d(2024, 10, 31))
    z3 = p(d(2006, 12, 31))
    s.zorg(z3, JEUGD, g1, A, "45", "45A01", d(2024, 12, 31), d(2024, 12, 31))
    z4 = p(d(1997, 6, 30))
    s.zorg(z4, WMO, g1, B, "02", "02A01", d(2024, 1, 1), d(2024, 6, 30))
    z5 = p(d(1997, 1, 1))
    s.zorg(z5, WMO, g1, B, "02", "02A01", d(2024, 3, 1))
    z6 = p(d(2000, 1, 1))
    s.zorg(z6, WMO, g2, B, "07", "07A01", d(2024, 7, 1))
    s.zorg(z6, WMO, g2, B, "02", "02A01", d(2024, 7, 1), d(2024, 12, 31))
    z7 = p(d(2011, 1, 1))
    s.zorg(z7, JEUGD, g2, A, "45", "45A01", d(2024, 2, 1), geleverd=False)
    z8 = p(d(2010, 5, 5))
    s.zorg(z8, JEUGD, g1, A, "45", "45A01", d(2023, 1, 1), d(2023, 12, 31))
    z9 = p(d(2006, 10, 10))
    s.zorg(z9, JEUGD, g2, A, "45", "45A01", d(2024, 1, 1), d(2024, 10, 9))
    s.declaratie(
        JEUGD,
        g1,
        A,
        [Declaratieregel(z1, n1, "45", "45A01", d(2024, 1, 1), d(2024, 1, 31), 10, 10000)],
    )
    rijen = [
        (gem, 2024, leeftijd, aantal)
        for gem, aantal in ((g1, 100), (g2, 60))
        for leeftijd in range(28)
    ]
    s.tabel("bevolking.csv", ["gemeente", "jaar", "leeftijd", "aantal"], rijen)


SCENARIOS = {"transitie": transitie, "markt": markt, "zorggebruik": zorggebruik}
