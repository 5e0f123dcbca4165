"""Which iJw/iWmo elements hold personal data: one list for the validator (values never in a
melding) and the masking of fragments (values never in quarantine)."""

from __future__ import annotations

#: Elements whose content identifies a person (or is free text that might). The reader never
#: keeps their values (the BSN only to pseudonymise it at once).
PERSOONLIJKE_ELEMENTEN = frozenset(
    {
        "Achternaam",
        "Adres",
        "Bsn",
        "Commentaar",
        "Contact",
        "Contactgegevens",
        "Emailadres",
        "Geslachtsnaam",
        "Huis",
        "Huisletter",
        "Huisnummer",
        "HuisnummerToevoeging",
        "Landnummer",
        "Naam",
        "Organisatie",
        "Partnernaam",
        "Plaatsnaam",
        "Postcode",
        "Relatie",
        "Relaties",
        "Straatnaam",
        "Telefoon",
        "Telefoon01",
        "Telefoon02",
        "Telefoonnummer",
        "Voorletters",
        "Voornamen",
        "Voorvoegsel",
    }
)
