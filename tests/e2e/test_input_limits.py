"""End to end: half tablets, unusually large label figures and adults only (issue 9 point 11)."""

from decimal import Decimal

from sqlmodel import select

from storage.models import Schedule, ScheduleKind
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import add_carbonate, onboard


async def test_one_and_a_half_tablets_are_scheduled(harness: Harness) -> None:
    """Typing "1.5" and then "½" as tablets per dose is accepted; the schedule keeps 1.5."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    confirmation = await add_carbonate(harness, user, compound_mg="750")  # 300 mg calcium
    await harness.tap(user, confirmation, "Save")
    await harness.fake.wait_for_message(user.id)  # how many tablets?
    times = await harness.say(user, "1.5")
    assert "time" in (times.text or "").lower()
    days = await harness.say(user, "08:00")
    summary = await harness.tap(user, days, "Every day")
    assert "1.5 tablets" in (summary.text or "")
    await harness.tap(user, summary, "Save")
    async with harness.db.session() as session:
        saved = (
            await session.exec(select(Schedule).where(Schedule.kind == ScheduleKind.DOSE))
        ).one()
    assert saved.units_per_dose == Decimal("1.5")


async def test_half_a_tablet_typed_as_a_fraction(harness: Harness) -> None:
    """ "½" is half a tablet, not an error."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    confirmation = await add_carbonate(harness, user)
    await harness.tap(user, confirmation, "Save")
    await harness.fake.wait_for_message(user.id)  # how many tablets?
    times = await harness.say(user, "½")
    assert "time" in (times.text or "").lower()


async def test_five_grams_of_calcium_per_tablet_asks_to_confirm(harness: Harness) -> None:
    """5,000 mg elemental calcium per tablet is questioned; "Type it again" asks the amount."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    listing = await harness.say(user, "/supplements")
    await harness.tap(user, listing, "Add")
    form = await harness.say(user, "Big calcium")
    basis = await harness.tap(user, form, "Calcium carbonate")
    await harness.tap(user, basis, "Elemental")
    check = await harness.say(user, "5000")
    assert "5,000 mg" in (check.text or "") and "per tablet" in (check.text or "")
    again = await harness.tap(user, check, "Type it again")
    assert "elemental calcium" in (again.text or "")
    check = await harness.say(user, "5000")
    vitamin_d = await harness.tap(user, check, "Yes")
    assert "Vitamin D" in (vitamin_d.text or "")


async def test_a_child_is_refused_kindly(harness: Harness, clock: OffsetClock) -> None:
    """A birth year giving an age under 18 is refused with an adults-only explanation."""
    user = harness.fake.add_user()
    await harness.fake.send_text(user, "/start")
    await harness.fake.wait_for_message(user.id)
    await harness.fake.wait_for_message(user.id)
    await harness.say(user, "Berlin")
    confirm = await harness.fake.wait_for_message(user.id)
    await harness.tap(user, confirm, "right")
    reply = await harness.say(user, str(clock().year - 12))
    assert "adults" in (reply.text or "") and "18" in (reply.text or "")
