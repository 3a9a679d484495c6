"""Foods: the built-in table (USDA SR26 and the China Food Composition Tables), USDA import,
the meal-text parser and calcium estimates."""

from nutrition.foods.assumptions import Assumption, ModifierPortion
from nutrition.foods.estimate import estimate, search
from nutrition.foods.index import Candidate
from nutrition.foods.matcher import FoodMatcher, Match, default_matcher
from nutrition.foods.model import FoodRow, Portion, builtin_foods, custom_food
from nutrition.foods.parser import MealParser, ParsedItem, ParsedMeal, parse_meal
from nutrition.foods.sr import load_sr_release

__all__ = [
    "Assumption",
    "Candidate",
    "FoodMatcher",
    "FoodRow",
    "Match",
    "MealParser",
    "ModifierPortion",
    "ParsedItem",
    "ParsedMeal",
    "Portion",
    "builtin_foods",
    "custom_food",
    "default_matcher",
    "estimate",
    "load_sr_release",
    "parse_meal",
    "search",
]
