"""The words of the bone-health exercise plan and its safety notes (the plan: nutrition/)."""

from bot.i18n import translate_constants
from nutrition.exercise import ExerciseKind

# What each item of the default plan is called and how to do it; the minutes, days and
# sources are in nutrition/exercise.py.
PLAN_TEXTS: dict[ExerciseKind, tuple[str, str]] = {
    ExerciseKind.WEIGHT_BEARING: (
        "Brisk walk",
        (
            "Walk briskly, or use an elliptical or stair-step machine, or do low-impact "
            "aerobics. Thirty minutes at once or in 10-minute bouts is fine. Swimming and "
            "cycling are good for fitness but do not build bone, so keep some walking too."
        ),
    ),
    ExerciseKind.STRENGTH: (
        "Strength training",
        (
            "One exercise for each major muscle group, 2 sets of 8 to 12 repetitions, with "
            "weights, elastic bands, machines or your own body weight (for example rising "
            "from a chair or rising onto your toes). If 12 is easy, make it harder; if 8 is "
            "too hard, make it easier. Include back and shoulder muscles for posture."
        ),
    ),
    ExerciseKind.BALANCE: (
        "Balance practice",
        (
            "Tai Chi or other balance exercises, with a counter or a sturdy chair within "
            "reach. Posture and everyday-movement exercises count too."
        ),
    ),
}


# Movements to avoid or change because they raise the risk of a fracture [S47, S69], and the
# caution about high-impact exercise [S43].
SAFETY_NOTES: tuple[str, ...] = (
    "Don't bend forward from the waist with a rounded back: no sit-ups, crunches or toe "
    "touches, and no picking things up from the floor that way. Bend at the hips and knees.",
    "Don't twist your spine as far as it goes (twisting yoga or Pilates poses, rotation "
    "machines). Step round to turn instead.",
    "Don't lift heavy loads overhead or from the floor, and don't try maximal lifts. Hold "
    "loads close to your body.",
    "Don't stand on unstable stools or steps.",
    "Leave out high-impact exercise such as jumping, jogging or jump rope unless your doctor "
    "or physiotherapist says it suits you: with osteoporosis or after a fracture it may need "
    "to be avoided.",
    # After a vertebral fracture see a physical therapist [S44]; talk to a provider first with
    # osteoporosis [S46].
    "Talk to your doctor or a physiotherapist before you start, especially after a fracture "
    "of the spine.",
)


translate_constants(__name__)
