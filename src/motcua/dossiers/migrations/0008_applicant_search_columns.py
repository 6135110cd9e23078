"""Search by name without accents, phone and ID number (issue 9 item 8): the folded copies and indexes."""

from django.db import migrations, models


def fill_search_copies(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Existing dossiers get the same copies new ones get (dossiers.applicant.attributes)."""
    from motcua.dossiers.search import folded_applicant, phone_digits

    Dossier = apps.get_model("dossiers", "Dossier")
    rows = Dossier.objects.only("pk", "applicant_name", "organisation_name", "applicant_phone").order_by("pk")
    batch = []
    for dossier in rows.iterator(chunk_size=2000):
        dossier.applicant_folded = folded_applicant(dossier.applicant_name, dossier.organisation_name)
        dossier.applicant_phone_digits = phone_digits(dossier.applicant_phone)
        batch.append(dossier)
        if len(batch) >= 2000:
            Dossier.objects.bulk_update(batch, ["applicant_folded", "applicant_phone_digits"])
            batch = []
    if batch:
        Dossier.objects.bulk_update(batch, ["applicant_folded", "applicant_phone_digits"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0007_result_number_and_issue_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="applicant_folded",
            field=models.CharField(blank=True, editable=False, max_length=502),
        ),
        migrations.AddField(
            model_name="dossier",
            name="applicant_phone_digits",
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
        migrations.RunPython(fill_search_copies, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["applicant_phone_digits"], name="dossier_applicant_phone"),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["applicant_id_number"], name="dossier_applicant_id_number"),
        ),
    ]
