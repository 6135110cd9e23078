import uuid

from django.db import migrations, models


def first_revision(apps, schema_editor):
    apps.get_model("catalog", "CatalogueRevision").objects.create(pk=1, token=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_requireddocument_replaced_by_population_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(first_revision, migrations.RunPython.noop),
    ]
