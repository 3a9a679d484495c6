"""Meal phrasings with the calcium a published source gives for them, in English and Chinese.

Each case is (text, published calcium in mg, where the figure comes from). Sources:
- ODS: NIH Office of Dietary Supplements, calcium fact sheet, "Selected food sources of
  calcium" (2011 table, copies in ../shared/reference/domain-facts.md [S53]).
- DGA: Dietary Guidelines for Americans, food sources of calcium [S51].
- SR26: USDA National Nutrient Database for Standard Reference, Release 26: mg per 100 g
  (ABBREV.txt) × the grams of the stated measure (WEIGHT.txt).
- CFCT6: 中国食物成分表标准版 第6版 (China Food Composition Tables, Standard Edition, 6th ed.,
  Peking University Medical Press, 2018–2019): mg per 100 g edible portion, with its food code.
- CFCT2002: 中国食物成分表 2002, as quoted by secondary sources (code not seen).
- Milk by volume: SR26 weighs a cup (236.6 ml) of milk at 244 g, 1.031 g/ml; ODS 2 % milk gives
  293 mg per 8 fl oz, 1.238 mg/ml; CFCT6 101101x whole milk 107 mg/100 g, 1.103 mg/ml.
- Modifier portions are the ones issue #10 sets: "with milk" in coffee or tea 30–50 ml (40),
  a splash 30 ml, milk on cereal 125 ml. A latte holds 5–6 fl oz (≈170 ml) of milk and a
  cappuccino 85 ml (Istituto Nazionale Espresso Italiano recipe, both as quoted by coffee guides).
These figures were written down before the parser was changed; the test never tunes them.
"""

PublishedCase = tuple[str, float, str]

ENGLISH: tuple[PublishedCase, ...] = (
    ("8 oz plain low-fat yogurt", 415, "ODS yogurt, plain, low fat, 8 oz"),
    ("1.5 oz part-skim mozzarella", 333, "ODS mozzarella, part skim, 1.5 oz"),
    ("3 oz sardines canned in oil with bones", 325, "ODS sardines, canned in oil, with bones"),
    ("1.5 oz cheddar", 307, "ODS cheddar cheese, 1.5 oz"),
    ("a cup of skim milk", 299, "ODS milk, nonfat, 8 oz"),
    ("a cup of 2% milk", 293, "ODS milk, reduced-fat (2 %), 8 oz"),
    ("a cup of whole milk", 276, "ODS milk, whole, 8 oz"),
    ("a cup of calcium-fortified soy milk", 299, "ODS soymilk, calcium-fortified, 1 cup"),
    ("half a cup of tofu made with calcium sulfate", 434, "DGA tofu, raw, regular, CaSO4, ½ cup"),
    ("1/2 cup firm tofu set with calcium sulfate", 861, "SR26 16426 683 mg × ½ cup 126 g"),
    ("3 oz canned pink salmon with bones", 181, "ODS salmon, pink, canned, with bone, 3 oz"),
    ("1 cup 1 % cottage cheese", 138, "ODS cottage cheese, 1 % milk fat, 1 cup"),
    ("half a cup of vanilla ice cream", 84, "ODS ice cream, vanilla, ½ cup"),
    ("a slice of white bread", 73, "ODS bread, white, 1 slice (US)"),
    ("a slice of whole wheat bread", 30, "ODS bread, whole-wheat, 1 slice"),
    ("a cup of cooked kale", 94, "ODS kale, cooked, 1 cup"),
    ("a cup of shredded bok choy", 74, "ODS bok choi, raw, shredded, 1 cup"),
    ("half a cup of raw broccoli", 21, "ODS broccoli, raw, ½ cup"),
    ("1 tbsp cream cheese", 14, "ODS cheese, cream, 1 tbsp"),
    ("half a cup of cooked spinach", 120, "ODS spinach, cooked, ½ cup"),
    ("a glass of calcium-fortified orange juice", 349, "SR26 09211 140 mg × 1 cup 249 g"),
    ("a cup of buttermilk", 284, "ODS milk, buttermilk, lowfat, 8 oz"),
    ("1 tbsp sesame seeds", 88, "SR26 12023 975 mg × 1 tbsp 9 g"),
    ("2 tbsp tahini", 128, "SR26 12166 426 mg × 2 tbsp 30 g"),
    ("1 oz almonds", 76, "SR26 12061 269 mg × 28.35 g"),
    ("a cup of cooked collard greens", 268, "SR26 11162 141 mg × 1 cup 190 g"),
    ("a stalk of rhubarb", 44, "SR26 09307 86 mg × 1 stalk 51 g"),
    ("a cup of cooked swiss chard", 102, "SR26 11148 58 mg × 1 cup 175 g"),
    ("coffee with milk", 54, "SR26 coffee 1 cup 4.7 mg + 40 ml 2 % milk (ODS)"),
    ("tea with a splash of milk", 37, "SR26 tea 0 mg + 30 ml 2 % milk (ODS)"),
    ("two cups of coffee with milk", 108, "2 × (coffee 4.7 mg + 40 ml 2 % milk)"),
    ("coffee with half and half", 20, "SR26 coffee 4.7 mg + 01049 105 mg × 1 tbsp 15 g"),
    ("a bowl of cereal with milk", 157, "SR26 08020 corn flakes 28 g 2 mg + 125 ml 2 % milk"),
    ("oatmeal made with milk", 176, "SR26 08121 1 cup 21 mg + 125 ml 2 % milk"),
    ("a cup of oatmeal with milk", 176, "SR26 08121 1 cup 21 mg + 125 ml 2 % milk"),
    ("a bowl of cereal", 2, "SR26 08020 corn flakes, 1 cup 28 g (a plain cereal)"),
    ("black coffee", 5, "SR26 14209 2 mg × 1 cup 237 g"),
    ("a latte", 211, "170 ml 2 % milk (ODS) + espresso 0.6 mg"),
    ("a cappuccino", 106, "85 ml 2 % milk (ODS) + espresso 0.5 mg"),
    ("a can of salmon", 884, "SR26 15084 215 mg × 1 can 411 g"),
    ("yesterday I had 2 cups of milk", 586, "ODS milk, 2 %, 2 × 8 oz"),
    ("a cup of low fat milk", 305, "SR26 01082 125 mg × 1 cup 244 g"),
    ("a cup of fortified soy milk and an apple", 310, "ODS soymilk 299 + SR26 apple 182 g 11 mg"),
    ("3 oz sardines and a slice of whole wheat bread", 355, "ODS sardines 325 + bread 30"),
)

CHINESE: tuple[PublishedCase, ...] = (
    ("100克北豆腐", 105, "CFCT6 031306 北豆腐 105 mg"),
    ("100克南豆腐", 113, "CFCT6 031307 南豆腐 113 mg"),
    ("200克内酯豆腐", 34, "CFCT6 031304 内酯豆腐 17 mg"),
    ("豆腐脑250克", 45, "CFCT6 031305 豆腐脑 18 mg"),
    ("10克虾皮", 99, "CFCT6 122205 虾皮 991 mg"),
    ("一两虾皮", 496, "CFCT6 122205 虾皮 991 mg × 50 g"),
    ("20克芝麻酱", 234, "CFCT2002 芝麻酱 1170 mg"),
    ("一勺芝麻酱", 187, "CFCT2002 芝麻酱 1170 mg × SR26 12169 1 tbsp 16 g"),
    ("100克馒头", 38, "CFCT6 011404x 馒头 38 mg"),
    ("150克馒头", 57, "CFCT6 011404x 馒头 38 mg"),
    ("100克鲜海带", 46, "CFCT6 052002 海带（鲜）46 mg"),
    ("干海带20克", 70, "CFCT6 052003 海带 348 mg"),
    ("10克紫菜", 26, "CFCT6 052008 紫菜（干）264 mg"),
    ("一勺黑芝麻", 70, "CFCT6 072017 芝麻子（黑）780 mg × SR26 12023 1 tbsp 9 g"),
    ("20克黑芝麻", 156, "CFCT6 072017 芝麻子（黑）780 mg"),
    ("200克小白菜", 234, "CFCT6 045120 小白菜 117 mg"),
    ("半斤油菜", 370, "CFCT6 045125 油菜 148 mg × 250 g"),
    ("100克芥蓝", 121, "CFCT6 045215 芥蓝 121 mg"),
    ("一斤菠菜", 330, "CFCT6 045301 菠菜 66 mg × 500 g"),
    ("250毫升牛奶", 276, "CFCT6 101101x 纯牛奶 107 mg × 257.8 g"),
    ("300毫升豆浆", 15, "CFCT6 031405 豆浆 5 mg × 300 ml (SR26 soymilk 1.027 g/ml)"),
    ("咖啡加牛奶", 49, "SR26 coffee 4.7 mg + 40 ml milk (CFCT6 107 mg/100 g)"),
    ("红茶加一点牛奶", 33, "30 ml milk (CFCT6 107 mg/100 g)"),
    ("一杯拿铁", 188, "170 ml milk (CFCT6) + espresso 0.6 mg"),
    ("一杯卡布奇诺", 94, "85 ml milk (CFCT6) + espresso 0.5 mg"),
    ("昨天喝了500毫升牛奶", 552, "CFCT6 101101x 107 mg × 515.5 g"),
    ("100克豆腐干", 447, "CFCT6 031510x 豆腐干 447 mg"),
    ("50克千张", 157, "CFCT6 031509 千张 313 mg"),
    ("100克雪里蕻", 230, "CFCT6 045205 芥菜（鲜）[雪里红] 230 mg"),
    ("200克苋菜", 374, "CFCT6 045319 苋菜（绿）187 mg"),
    ("100克荠菜", 294, "CFCT6 045323 荠菜 294 mg"),
    ("200克空心菜", 230, "CFCT6 045337 蕹菜 115 mg"),
    ("200克大白菜", 114, "CFCT6 045101x 大白菜 57 mg"),
    ("二两北豆腐", 105, "CFCT6 031306 北豆腐 105 mg × 50 g × 2"),
    ("100克豆腐", 78, "CFCT6 031301x 豆腐（代表值）78 mg"),
    ("鲜牛奶200毫升", 221, "CFCT6 101101x 107 mg × 206.2 g"),
    ("两个鸡蛋", 56, "CFCT6 111101x 鸡蛋 56 mg × SR26 large egg 50 g × 2"),
    ("100克白芝麻", 620, "CFCT6 072016 芝麻子（白）620 mg"),
    ("一碗米饭和100克北豆腐", 121, "SR26 20045 rice 10 mg × 158 g + CFCT6 北豆腐 105 mg"),
    ("早餐：250毫升牛奶，一个鸡蛋", 304, "CFCT6 milk 276 + egg 28"),
)
