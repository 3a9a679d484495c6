"""End to end: saving a schedule checks the planned supplements against the limit (point 4)."""

from tests.e2e.conftest import Harness
from tests.e2e.flows import add_carbonate, change_setting, onboard, schedule_at


async def test_schedule_reaching_the_doctors_limit_is_warned(harness: Harness) -> None:
    """A 1,500 mg doctor's limit and 1,500 mg a day of tablets: a warning with the figures."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await change_setting(harness, user, "calcium limit", "1500")
    await schedule_at(harness, user, await add_carbonate(harness, user), "08:00")  # 600 mg
    await schedule_at(
        harness, user, await add_carbonate(harness, user, compound_mg="2250"), "20:00"
    )
    warning = await harness.fake.wait_for_message(user.id)
    text = warning.text or ""
    assert "Over the limit" in text and "1,500 mg calcium" in text and "doctor's limit" in text
    assert any(label.startswith("✏️ Change") for label in warning.button_texts)


async def test_three_600_mg_schedules_near_a_2000_mg_limit(harness: Harness) -> None:
    """Three 600 mg schedules against a 2,000 mg limit get a note that food will pass it."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await change_setting(harness, user, "calcium limit", "2000")
    for at in ("08:00", "13:00"):
        await schedule_at(harness, user, await add_carbonate(harness, user), at)
    await schedule_at(harness, user, await add_carbonate(harness, user), "19:00")
    note = await harness.fake.wait_for_message(user.id)
    assert "Food will take it over" in (note.text or "") and "1,800 mg" in (note.text or "")


async def test_lowering_the_limit_checks_the_plan(harness: Harness) -> None:
    """Lowering the doctor's limit below the planned 1,200 mg a day warns at once."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await schedule_at(harness, user, await add_carbonate(harness, user), "08:00")
    await schedule_at(harness, user, await add_carbonate(harness, user), "20:00")
    await change_setting(harness, user, "calcium limit", "1000")
    warning = await harness.fake.wait_for_message(user.id)
    assert "Over the limit" in (warning.text or "") and "1,200 mg" in (warning.text or "")
