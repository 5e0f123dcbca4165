"""``passend gebruiker``: create and list users from the command line."""

from __future__ import annotations

import getpass

import click

from passend.cli.hoofd import main
from passend.opstart import start_django


def _vraag_wachtwoord() -> str:
    """Ask for the password twice without echo (getpass)."""
    eerste = getpass.getpass("Wachtwoord: ")
    tweede = getpass.getpass("Wachtwoord (nogmaals): ")
    if eerste != tweede:
        raise click.ClickException("De wachtwoorden zijn niet gelijk; er is niets aangemaakt.")
    return eerste


@main.group()
def gebruiker() -> None:
    """Gebruikers met een rol en een bereik (gemeenten of jeugdregio) beheren."""


@gebruiker.command("aanmaken")
@click.argument("username")
@click.option(
    "--rol",
    required=True,
    type=click.Choice(
        [
            "beheerder",
            "regio-analist",
            "gemeente-beleidsmedewerker",
            "contractmanager",
            "alleen-lezen",
        ]
    ),
    help="De rol van de gebruiker.",
)
@click.option(
    "--gemeente",
    "gemeenten",
    multiple=True,
    metavar="CODE",
    help="CBS-gemeentecode (herhaalbaar), bijv. 0505.",
)
@click.option("--regio", metavar="NAAM", help="Jeugdregio, bijv. 'Zuid-Holland Zuid'.")
@click.option(
    "--demo",
    is_flag=True,
    help="Demomodus: genereer het demowachtwoord in plaats van erom te vragen.",
)
def aanmaken(
    username: str, rol: str, gemeenten: tuple[str, ...], regio: str | None, demo: bool
) -> None:
    """Maak een gebruiker aan (of wijzig rol en bereik van een bestaande)."""
    if not gemeenten and not regio:
        raise click.UsageError("Geef --gemeente CODE of --regio NAAM op.")
    start_django()
    from django.core.exceptions import ValidationError

    from passend.accounts.beheer import OngeldigeScope, zet_gebruiker
    from passend.accounts.demo import zet_demo_gebruiker

    try:
        if demo:
            wachtwoord = zet_demo_gebruiker(username, rol, gemeenten, regio)
        else:
            zet_gebruiker(
                username, rol, gemeenten=gemeenten, regio=regio, wachtwoord=_vraag_wachtwoord()
            )
    except OngeldigeScope as fout:
        raise click.UsageError(str(fout)) from fout
    except ValidationError as fout:
        raise click.ClickException(" ".join(fout.messages)) from fout
    except ValueError as fout:  # a real user cannot become a demo user
        raise click.UsageError(str(fout)) from fout
    click.echo(f"Gebruiker {username} ({rol}) is opgeslagen.")
    if demo:
        click.echo(f"Demowachtwoord: {wachtwoord}")


@gebruiker.command("lijst")
def lijst() -> None:
    """Alle gebruikers met rol, bereik en of tweestapsverificatie aan staat."""
    start_django()
    from passend.accounts.beheer import gebruikers

    for regel in gebruikers():
        status = "" if regel.actief else " [inactief]"
        mfa = " [TOTP]" if regel.mfa else ""
        click.echo(f"{regel.username}\t{regel.rol}\t{regel.scope}{status}{mfa}")
