"""What the demo prints about TOTP, and only in demo mode."""

from motcua.backoffice.demo import totp_instructions


def test_demo_lists_the_officers_and_the_command(world, settings):
    settings.DEMO_MODE = True
    lines = totp_instructions(
        [world.intake.username, world.citizen.username], base_url="http://127.0.0.1:8123"
    )
    assert lines[0].startswith("Phân hệ cán bộ (Một cửa điện tử): http://127.0.0.1:8123/can-bo/")
    assert lines[-1] == f"    motcua staff_totp {world.intake.username} --code"
    assert not any(world.citizen.username in line for line in lines)


def test_nothing_outside_demo_mode(world, settings):
    settings.DEMO_MODE = False
    assert totp_instructions([world.intake.username]) == []
