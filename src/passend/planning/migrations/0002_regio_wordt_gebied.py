"""planning: the area key of a stored object is called ``gebied`` (a jeugdregio name or a
gemeente code), not ``regio`` (which elsewhere means a jeugdregio only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [
        migrations.AlterUniqueTogether(name="segmentmodel", unique_together=set()),
        migrations.AlterUniqueTogether(name="scenario", unique_together=set()),
        migrations.RenameField("segmentmodel", "regio", "gebied"),
        migrations.RenameField("ambitiekader", "regio", "gebied"),
        migrations.RenameField("scenario", "regio", "gebied"),
        migrations.AlterModelOptions(
            name="segmentmodel",
            options={"ordering": ["gebied", "naam"], "verbose_name": "segmentmodel",
                     "verbose_name_plural": "segmentmodellen"},
        ),
        migrations.AlterModelOptions(
            name="ambitiekader",
            options={"ordering": ["gebied"], "verbose_name": "ambitiekader",
                     "verbose_name_plural": "ambitiekaders"},
        ),
        migrations.AlterModelOptions(
            name="scenario",
            options={"ordering": ["gebied", "naam"], "verbose_name": "scenario",
                     "verbose_name_plural": "scenario's"},
        ),
        migrations.AlterField(
            model_name="segmentmodel", name="actief",
            field=models.BooleanField(default=False, help_text="Het model dat het gebied gebruikt"),
        ),
        migrations.AlterUniqueTogether(name="segmentmodel", unique_together={("gebied", "naam")}),
        migrations.AlterUniqueTogether(name="scenario", unique_together={("gebied", "naam")}),
    ]
