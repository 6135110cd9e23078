"""What the demo prints about TOTP, and only in demo mode; the demo officers come enrolled."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.backoffice.demo import enrol_demo_officers, totp_instructions

from .support import PASSWORD


def test_demo_lists_the_officers_and_the_command(world, settings):
    settings.DEMO_MODE = True
    lines = totp_instructions(
        [world.intake.username, world.citizen.username], base_url="http://127.0.0.1:8123"
    )
    assert lines[0].startswith("Phân hệ cán bộ (Một cửa điện tử): http://127.0.0.1:8123/can-bo/")
    # The command names the settings it needs: `motcua` alone would run on the production ones.
    command = f"DJANGO_SETTINGS_MODULE={settings.SETTINGS_MODULE} motcua"
    assert lines[-1] == f"    {command} staff_totp {world.intake.username} --code"
    assert not any(world.citizen.username in line for line in lines)


def test_nothing_outside_demo_mode(world, settings):
    settings.DEMO_MODE = False
    assert totp_instructions([world.intake.username]) == []


def test_the_demo_enrols_its_officers_so_that_no_enrolment_code_is_needed(world, settings, client):
    settings.DEMO_MODE = False
    assert enrol_demo_officers([world.intake.username]) == []
    settings.DEMO_MODE = True
    assert enrol_demo_officers([world.intake.username, world.citizen.username]) == [world.intake.username]

    assert TOTPDevice.objects.get(user=world.intake).confirmed
    assert not TOTPDevice.objects.filter(user=world.citizen).exists()
    response = client.post("/can-bo/dang-nhap/", {"username": world.intake.username, "password": PASSWORD})
    assert response["Location"].startswith("/can-bo/xac-thuc/")  # straight to the code, as the README says
