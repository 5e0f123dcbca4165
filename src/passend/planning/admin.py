"""Admin for beheerders: segment models, ambitions, strategy choices and scenarios.

Deviations (afwijkingen) are read-only: they are the record of why a choice differs from the
proposal.
"""

from __future__ import annotations

from django.contrib import admin

from passend.planning import models as m


class AmbitieInline(admin.StackedInline):
    model = m.Ambitie
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = m.Indicator
    extra = 0


class MetingInline(admin.TabularInline):
    model = m.Meting
    extra = 0


class OverschrijvingInline(admin.TabularInline):
    model = m.Overschrijving
    extra = 0
    can_delete = False
    readonly_fields = ("dimensie", "voorgesteld", "gekozen", "rationale", "door", "gebruiker", "op")

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(m.Segmentmodel)
class SegmentmodelAdmin(admin.ModelAdmin):
    list_display = ("naam", "gebied", "actief", "gewijzigd")
    list_filter = ("gebied", "actief")
    search_fields = ("naam",)


@admin.register(m.Ambitiekader)
class AmbitiekaderAdmin(admin.ModelAdmin):
    list_display = ("gebied", "visie", "gewijzigd")
    inlines = [AmbitieInline]


@admin.register(m.Ambitie)
class AmbitieAdmin(admin.ModelAdmin):
    list_display = ("titel", "doelgroep", "kader")
    list_filter = ("doelgroep",)
    inlines = [IndicatorInline]


@admin.register(m.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("naam", "bron", "basiswaarde", "streefwaarde", "streefdatum", "ambitie")
    list_filter = ("bron", "eenheid")
    inlines = [MetingInline]


@admin.register(m.Strategiekeuze)
class StrategiekeuzeAdmin(admin.ModelAdmin):
    list_display = (
        "segment",
        "segmentnaam",
        "segmentmodel",
        "procedure",
        "bekostiging",
        "schaal",
        "gewijzigd",
    )
    list_filter = ("segmentmodel", "procedure", "bekostiging")
    inlines = [OverschrijvingInline]


@admin.register(m.Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ("naam", "gebied", "runs", "berekend_op")
    list_filter = ("gebied",)
    readonly_fields = ("resultaat", "berekend_op")
