"""Held-back phrasings with published calcium: written with the main set, never tuned against.

Same form and sources as tests/nutrition/meal_phrasings_calcium.py. The parser's words and
rules were developed against the main set only; this set checks that they carry over to
phrasings nobody looked at while changing the parser.
"""

from tests.nutrition.meal_phrasings_calcium import PublishedCase

HELD_BACK_ENGLISH: tuple[PublishedCase, ...] = (
    ("a cup of nonfat milk", 299, "ODS milk, nonfat, 8 oz"),
    ("1.5 ounces of cheddar cheese", 307, "ODS cheddar cheese, 1.5 oz"),
    ("an 8 oz container of low fat plain yogurt", 415, "ODS yogurt, plain, low fat, 8 oz"),
    ("a mug of tea with milk", 50, "SR26 tea 0 mg + 40 ml 2 % milk (ODS)"),
    ("coffee with a splash of milk", 42, "SR26 coffee 4.7 mg + 30 ml 2 % milk (ODS)"),
    ("cereal with milk", 157, "SR26 08020 corn flakes 28 g 2 mg + 125 ml 2 % milk"),
    ("porridge made with milk", 176, "SR26 08121 1 cup 21 mg + 125 ml 2 % milk"),
    ("1/2 cup of tofu prepared with calcium sulfate", 434, "DGA tofu, regular, CaSO4, ½ cup"),
    ("one cup of 1% cottage cheese", 138, "ODS cottage cheese, 1 % milk fat, 1 cup"),
    ("a tin of salmon", 884, "SR26 15084 215 mg × 1 can 411 g"),
    ("a cappuccino and a slice of whole wheat bread", 136, "85 ml 2 % milk + ODS bread 30"),
    ("two lattes", 422, "2 × (170 ml 2 % milk (ODS) + espresso)"),
    ("last night I ate 3 oz of canned sardines", 325, "ODS sardines, with bones, 3 oz"),
    ("one cup of cooked kale", 94, "ODS kale, cooked, 1 cup"),
    ("a cup of chopped raw spinach", 30, "SR26 11457 99 mg × 1 cup 30 g"),
)

HELD_BACK_CHINESE: tuple[PublishedCase, ...] = (
    ("北豆腐150克", 158, "CFCT6 031306 北豆腐 105 mg"),
    ("内酯豆腐100克", 17, "CFCT6 031304 内酯豆腐 17 mg"),
    ("虾皮5克", 50, "CFCT6 122205 虾皮 991 mg"),
    ("芝麻酱10克", 117, "CFCT2002 芝麻酱 1170 mg"),
    ("一两黑芝麻", 390, "CFCT6 072017 芝麻子（黑）780 mg × 50 g"),
    ("油菜200克", 296, "CFCT6 045125 油菜 148 mg"),
    ("芥蓝200克", 242, "CFCT6 045215 芥蓝 121 mg"),
    ("紫菜5克", 13, "CFCT6 052008 紫菜（干）264 mg"),
    ("馒头200克", 76, "CFCT6 011404x 馒头 38 mg"),
    ("咖啡里加了点牛奶", 38, "SR26 coffee 4.7 mg + 30 ml milk (CFCT6 107 mg/100 g)"),
    ("昨天吃了100克豆腐干", 447, "CFCT6 031510x 豆腐干 447 mg"),
    ("小白菜半斤", 293, "CFCT6 045120 小白菜 117 mg × 250 g"),
    ("牛奶300毫升", 331, "CFCT6 101101x 107 mg × 309.4 g"),
    ("菠菜200克", 132, "CFCT6 045301 菠菜 66 mg"),
    ("豆腐脑一碗（300克）", 54, "CFCT6 031305 豆腐脑 18 mg × 300 g"),
)
