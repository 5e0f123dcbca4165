"""URL configuration. Every view declares its roles (see passend.web.toegang)."""

from django.contrib import admin
from django.urls import include, path, register_converter

from passend.web.converters import IdConverter
from passend.web.views import (
    account,
    algemeen,
    analyse,
    beheer,
    contracten,
    importeren,
    landschap,
    rapporten,
    selectie,
    tarieven,
    toekomstplannen,
)
from passend.web.views import planning_ambities as ambities
from passend.web.views import planning_scenarios as scenarios
from passend.web.views import planning_segmenten as segmenten
from passend.web.views import planning_strategie as strategie

register_converter(IdConverter, "id")

urlpatterns = [
    path("", algemeen.start, name="start"),
    path("gezond/", algemeen.gezond, name="gezond"),
    # account
    path("account/", account.account, name="account"),
    path("account/inloggen/", account.login, name="login"),
    path("account/uitloggen/", account.logout, name="logout"),
    path("account/wachtwoord/", account.wachtwoord, name="wachtwoord"),
    path(
        "account/wachtwoord/gewijzigd/", account.wachtwoord_gewijzigd, name="wachtwoord-gewijzigd"
    ),
    path("account/tweestaps/", account.mfa_instellen, name="mfa-instellen"),
    path("account/tweestaps/code/", account.mfa_verifieren, name="mfa-verifieren"),
    path("account/tweestaps/uit/", account.mfa_uitschakelen, name="mfa-uitschakelen"),
    path("account/api-sleutel/nieuw/", account.token_vernieuwen, name="token-vernieuwen"),
    path("account/api-sleutel/intrekken/", account.token_intrekken, name="token-intrekken"),
    path("i18n/setlang/", account.taal, name="set_language"),
    # import (beheerder)
    path("import/", importeren.upload, name="import"),
    path("import/taken/<uuid:taak_id>/", importeren.taak, name="import-taak"),
    path("import/taken/<uuid:taak_id>/status/", importeren.taak_status, name="import-taak-status"),
    path("import/batches/", importeren.batches, name="batches"),
    path("import/batches/<id:batch_id>/", importeren.batch, name="batch"),
    path("import/quarantaine/", importeren.quarantaine, name="quarantaine"),
    path(
        "import/quarantaine/<id:record_id>/",
        importeren.quarantaine_detail,
        name="quarantaine-record",
    ),
    # analyses
    path("analyse/kerncijfers/", analyse.kerncijfers, name="kerncijfers"),
    path("analyse/transitie/", analyse.transitie, name="transitie"),
    path("analyse/transitie/gevallen/", analyse.transitie_gevallen, name="transitie-gevallen"),
    path("analyse/wmo-instroom/", analyse.wmo_instroom, name="wmo-instroom"),
    path("analyse/markt/", analyse.markt, name="markt"),
    path("analyse/markt/aanbieder/<str:agb>/", analyse.aanbieder, name="aanbieder"),
    path("analyse/knelpunten/", analyse.knelpunten, name="knelpunten"),
    path("analyse/benchmark/", analyse.benchmark, name="benchmark"),
    path("analyse/toekomstplan/", analyse.toekomstplan, name="toekomstplan"),
    path("analyse/zelfredzaamheid/", analyse.zelfredzaamheid, name="zelfredzaamheid"),
    path(
        "analyse/toekomstplan/jongeren/",
        analyse.toekomstplan_jongeren,
        name="toekomstplan-jongeren",
    ),
    # planning: segment models, ambitions, strategy per segment, scenarios, documents
    path("planning/", segmenten.overzicht, name="planning"),
    path("planning/segmentmodellen/", segmenten.segmentmodellen, name="planning-segmentmodellen"),
    path(
        "planning/segmentmodellen/<id:model_id>/",
        segmenten.segmentmodel,
        name="planning-segmentmodel",
    ),
    path(
        "planning/segmentmodellen/<id:model_id>/activeren/",
        segmenten.segmentmodel_activeren,
        name="planning-segmentmodel-activeren",
    ),
    path("planning/ambities/", ambities.ambities, name="planning-ambities"),
    path(
        "planning/ambities/voorbeeld/",
        ambities.ambities_voorbeeld,
        name="planning-ambities-voorbeeld",
    ),
    path(
        "planning/ambities/<id:ambitie_id>/indicatoren/",
        ambities.indicatoren,
        name="planning-indicatoren",
    ),
    path(
        "planning/indicatoren/<id:indicator_id>/metingen/",
        ambities.metingen,
        name="planning-metingen",
    ),
    path("planning/monitor/", ambities.commitmentmonitor, name="planning-monitor"),
    path("planning/strategie/", strategie.strategie, name="planning-strategie"),
    path("planning/strategie/<str:segment>/", strategie.segment, name="planning-segment"),
    path(
        "planning/strategie/<str:segment>/afwijken/", strategie.afwijken, name="planning-afwijken"
    ),
    path("planning/scenarios/", scenarios.scenarios, name="planning-scenarios"),
    path("planning/scenarios/nieuw/", scenarios.scenario_nieuw, name="planning-scenario-nieuw"),
    path("planning/scenarios/budget/", scenarios.budget, name="planning-budget"),
    path(
        "planning/scenarios/document/",
        scenarios.scenarios_document,
        name="planning-scenarios-document",
    ),
    path("planning/scenarios/vergelijking/", scenarios.vergelijking, name="planning-vergelijking"),
    path("planning/scenarios/<id:scenario_id>/", scenarios.scenario, name="planning-scenario"),
    path(
        "planning/scenarios/<id:scenario_id>/doorrekenen/",
        scenarios.scenario_doorrekenen,
        name="planning-scenario-doorrekenen",
    ),
    path(
        "planning/document/inkoopstrategie.pdf",
        scenarios.document_pdf,
        name="planning-document-pdf",
    ),
    path(
        "planning/document/inkoopstrategie.xlsx",
        scenarios.document_excel,
        name="planning-document-excel",
    ),
    path("planning/document/ocds.json", scenarios.document_ocds, name="planning-document-ocds"),
    # published reports
    path("contracten/", contracten.register, name="contracten"),
    path("contracten/nieuw/", contracten.nieuw, name="contract-nieuw"),
    path("contracten/controle/", contracten.controle, name="contract-controle"),
    path(
        "contracten/bestedingsruimte/",
        contracten.bestedingsruimte,
        name="contract-bestedingsruimte",
    ),
    path("contracten/tarieven/", tarieven.tarieven, name="contract-tarieven"),
    path("contracten/landschap/", landschap.landschap, name="contract-landschap"),
    path("contracten/selectie/", selectie.selectie, name="contract-selectie"),
    path(
        "contracten/selectie/<int:aanbesteding_id>/",
        selectie.aanbesteding,
        name="contract-aanbesteding",
    ),
    path(
        "contracten/selectie/open-house/<int:toelating_id>/",
        selectie.toelating,
        name="contract-toelating",
    ),
    path("contracten/contract/<path:nummer>/", contracten.contract, name="contract"),
    path("toekomstplannen/", toekomstplannen.register, name="toekomstplannen"),
    path("toekomstplannen/nieuw/", toekomstplannen.nieuw, name="toekomstplan-nieuw"),
    path("toekomstplannen/plan/<id:plan_id>/", toekomstplannen.plan, name="toekomstplan-plan"),
    path("rapporten/", rapporten.lijst, name="rapporten"),
    path("rapporten/publiceren/", rapporten.publiceren, name="rapport-publiceren"),
    path("rapporten/raadsrapportage/", rapporten.raadsrapportage, name="rapport-raadsrapportage"),
    path("rapporten/<id:rapport_id>/", rapporten.detail, name="rapport"),
    # beheer
    path("beheer/gebruikers/", beheer.gebruikerslijst, name="gebruikers"),
    path("beheer/gebruikers/nieuw/", beheer.gebruiker_nieuw, name="gebruiker-nieuw"),
    path("beheer/gebruikers/<str:username>/", beheer.gebruiker_wijzigen, name="gebruiker"),
    path(
        "beheer/gebruikers/<str:username>/tweestaps-resetten/",
        beheer.gebruiker_mfa_resetten,
        name="gebruiker-mfa-resetten",
    ),
    path("beheer/audit/", beheer.auditlog, name="auditlog"),
    path("beheer/instellingen/", beheer.instellingen, name="instellingen"),
    path(
        "beheer/instellingen/blokkade-opheffen/", beheer.blokkade_opheffen, name="blokkade-opheffen"
    ),
    # REST API
    path("api/", include("passend.web.api.urls")),
    path("admin/", admin.site.urls),
]
