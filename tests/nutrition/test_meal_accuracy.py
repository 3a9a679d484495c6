"""Top-1 accuracy of the meal parser over a table of English and Chinese meal phrasings."""

from __future__ import annotations

import pytest

from nutrition.foods import parse_meal

# Each phrasing lists its items: the SR26 NDB number meant (None: no food should be found) and
# the grams expected from the food's SR26 weights (WEIGHT.txt). An item counts as right when the
# parser's best food has that NDB and its grams are within GRAMS_TOLERANCE.
GRAMS_TOLERANCE = 0.05
REQUIRED_ACCURACY = 0.90

Expected = tuple[tuple[str | None, float], ...]
CASES: tuple[tuple[str, Expected], ...] = (
    # Milk and dairy
    ("2 cups of skim milk and 100 g tofu", (("01085", 490), ("16126", 100))),
    ("a slice of cheddar, an apple", (("01009", 28), ("09003", 182))),
    ("half a cup of yogurt", (("01116", 122.5),)),
    ("a glass of milk", (("01079", 244),)),
    ("1 cup whole milk", (("01077", 244),)),
    ("1 cup of 1% milk", (("01082", 244),)),
    ("8 fl oz skim milk", (("01085", 244.8),)),
    ("250 ml of milk", (("01079", 257.8),)),
    ("a cup of calcium fortified milk", (("42290", 247),)),
    ("a container of greek yogurt", (("01256", 170),)),
    ("6 oz yogurt", (("01116", 170.1),)),
    ("a cup of low fat yogurt", (("01117", 245),)),
    ("1 tbsp parmesan", (("01032", 5),)),
    ("2 slices of swiss cheese", (("01040", 56),)),
    ("an ounce of feta", (("01019", 28.35),)),
    ("1/2 cup cottage cheese", (("01012", 105),)),
    ("a scoop of vanilla ice cream", (("19095", 66),)),
    ("1½ cups of nonfat milk", (("01085", 367.5),)),
    ("milk 2 cups", (("01079", 488),)),
    ("two and a half cups of milk", (("01079", 610),)),
    ("a cup of chocolate milk", (("01102", 250),)),
    ("1 tbsp heavy cream", (("01053", 15),)),
    ("2 tbsp sour cream", (("01056", 24),)),
    ("a slice of american cheese", (("01042", 21),)),
    ("1 oz mozzarella", (("01026", 28.35),)),
    ("a cup of buttermilk", (("01088", 245),)),
    # Eggs
    ("two eggs", (("01123", 100),)),
    ("3 scrambled eggs", (("01132", 183),)),
    ("a hard boiled egg", (("01129", 50),)),
    ("2 fried eggs and toast", (("01128", 92), ("18070", 27))),
    ("an omelette", (("01130", 61),)),
    ("3 large eggs", (("01123", 150),)),
    ("a couple of eggs", (("01123", 100),)),
    ("eggs x2", (("01123", 100),)),
    # Soy
    ("1 cup soy milk", (("16120", 243),)),
    ("a glass of calcium fortified soy milk", (("16139", 243),)),
    ("half a block of tofu", (("16126", 162),)),
    ("100g calcium sulfate tofu", (("16426", 100),)),
    ("150 g nigari tofu", (("16159", 150),)),
    ("a cup of edamame", (("11212", 155),)),
    ("1 tbsp soy sauce", (("16123", 16),)),
    ("a cup of soymilk", (("16120", 243),)),
    # Fish and seafood
    ("a can of sardines", (("15088", 92),)),
    ("2 sardines", (("15088", 24),)),
    ("sardines in tomato sauce", (("15089", 38),)),
    ("3 oz canned salmon", (("15084", 85),)),
    ("a can of tuna", (("15121", 165),)),
    ("4 oz salmon", (("15086", 113.4),)),
    ("a fillet of tilapia", (("15262", 87),)),
    ("6 shrimp", (("15151", 33),)),
    ("shrimp", (("15151", 85),)),
    ("3 oz shrimp", (("15151", 85),)),
    ("6 oysters", (("15167", 84),)),
    ("canned salmon with bones", (("15084", 85),)),
    ("a cup of crab meat", (("15140", 118),)),
    # Vegetables
    ("1 cup of kale", (("11233", 67),)),
    ("a cup of cooked spinach", (("11458", 180),)),
    ("2 cups raw spinach", (("11457", 60),)),
    ("1 cup of steamed broccoli", (("11091", 156),)),
    ("a cup of chopped broccoli", (("11090", 91),)),
    ("bok choy", (("11116", 70),)),
    ("1 cup cooked bok choy", (("11117", 170),)),
    ("1 cup cooked collard greens", (("11162", 190),)),
    ("a medium carrot", (("11124", 61),)),
    ("a tomato", (("11529", 123),)),
    ("a stalk of celery", (("11143", 64),)),
    ("two cloves of garlic", (("11215", 6),)),
    ("a medium onion", (("11282", 110),)),
    ("half an onion", (("11282", 55),)),
    ("1 cup of sliced mushrooms", (("11260", 70),)),
    ("salad", (("21052", 104),)),
    ("a potato", (("11352", 213),)),
    ("a baked potato", (("11674", 173),)),
    ("mashed potatoes", (("11934", 210),)),
    ("a baked sweet potato", (("11508", 114),)),
    ("a cup of brocoli", (("11090", 91),)),
    ("1 cup of green beans", (("11052", 100),)),
    ("a cup of peas", (("11304", 145),)),
    ("an ear of corn", (("11167", 143),)),
    ("a cucumber", (("11205", 301),)),
    # Fruit and juice
    ("a banana", (("09040", 118),)),
    ("an orange", (("09200", 131),)),
    ("a cup of strawberries", (("09316", 152),)),
    ("a cup of orange juice", (("09206", 248),)),
    ("a glass of orange juice with calcium", (("09211", 249),)),
    ("orange juice with calcium and vitamin d", (("09210", 249),)),
    ("an avocado", (("09037", 201),)),
    ("1/2 avocado", (("09037", 100.5),)),
    ("a kiwi", (("09148", 69),)),
    ("a cup of grapes", (("09132", 151),)),
    ("10 grapes", (("09132", 49),)),
    ("a pear", (("09252", 178),)),
    ("a peach", (("09236", 150),)),
    ("a mango", (("09176", 336),)),
    ("a handful of raisins", (("09298", 43),)),
    ("a cup of blueberries", (("09050", 148),)),
    ("a cup of applesauce", (("09019", 244),)),
    ("a wedge of watermelon", (("09326", 286),)),
    ("an appel", (("09003", 182),)),
    # Nuts and seeds
    ("10 almonds", (("12061", 12),)),
    ("1 oz almonds", (("12061", 28.35),)),
    ("a handful of almonds", (("12061", 28.35),)),
    ("1 tbsp sesame seeds", (("12023", 9),)),
    ("2 tbsp chia seeds", (("12006", 29.6),)),
    ("2 tbsp tahini", (("12166", 30),)),
    ("1 tbsp peanut butter", (("16098", 16),)),
    ("an ounce of walnuts", (("12155", 28.35),)),
    # Grains, bread, cereal
    ("a cup of rice", (("20045", 158),)),
    ("a bowl of rice", (("20045", 158),)),
    ("1 cup brown rice", (("20037", 195),)),
    ("2 slices of bread", (("18069", 56),)),
    ("2 slices whole wheat bread", (("18075", 64),)),
    ("a bagel", (("18001", 105),)),
    ("a croissant", (("18239", 57),)),
    ("a cup of cooked oatmeal", (("08121", 234),)),
    ("a bowl of cheerios", (("08013", 28),)),
    ("1 cup of total cereal", (("08077", 40),)),
    ("a cup of spaghetti", (("20121", 140),)),
    ("a plate of pasta", (("20121", 140),)),
    ("2 cups of noodles", (("20110", 320),)),
    ("1 cup of cooked quinoa", (("20137", 185),)),
    ("3 pancakes", (("18293", 114),)),
    ("a waffle", (("18365", 35),)),
    ("a blueberry muffin", (("18274", 113),)),
    ("an english muffin with butter", (("18258", 57), ("01001", 14.2))),
    ("a bagel with cream cheese", (("18001", 105), ("01017", 14.5))),
    ("toast with peanut butter", (("18070", 27), ("16098", 32))),
    ("oatmeal with milk and a banana", (("08121", 234), ("01079", 244), ("09040", 118))),
    ("yogurt with blueberries", (("01116", 170), ("09050", 148))),
    # Meat, mixed dishes, fast food
    ("4 oz chicken breast", (("05064", 113.4),)),
    ("2 chicken breasts", (("05064", 344),)),
    ("a chicken thigh", (("05098", 116),)),
    ("3 oz steak", (("13236", 85),)),
    ("a hamburger", (("21108", 97),)),
    ("a cheeseburger and fries", (("21090", 127), ("21138", 117))),
    ("2 slices of pizza", (("21299", 214),)),
    ("a slice of pepperoni pizza", (("21302", 111),)),
    ("a hot dog", (("07023", 45),)),
    ("3 slices of bacon", (("10862", 34.5),)),
    ("a cup of fried rice", (("36602", 137),)),
    ("5 dumplings", (("32013", 145),)),
    ("2 egg rolls", (("36601", 178),)),
    ("a bowl of hot and sour soup", (("27001", 233),)),
    ("a bowl of chicken noodle soup", (("06419", 248),)),
    ("mac and cheese", (("22247", 244),)),
    ("1 cup of baked beans", (("16006", 254),)),
    ("half a cup of black beans", (("16015", 86),)),
    ("1 cup of lentils", (("16070", 198),)),
    ("2 tbsp hummus", (("16137", 30),)),
    # Drinks, sweets, snacks
    ("black coffee", (("14209", 237),)),
    ("a cup of tea", (("14355", 237),)),
    ("a can of coke", (("14148", 370),)),
    ("a beer", (("14003", 356),)),
    ("a glass of red wine", (("14096", 147),)),
    ("500 ml water", (("14411", 500),)),
    ("a cup of hot chocolate", (("01105", 250),)),
    ("a chocolate milkshake", (("01110", 300),)),
    ("a glass of almond milk", (("14016", 240),)),
    ("1 tbsp honey", (("19296", 21),)),
    ("1 tsp sugar", (("19335", 4.2),)),
    ("a tablespoon of olive oil", (("04053", 13.5),)),
    ("1 tbsp butter", (("01001", 14.2),)),
    ("2 tbsp cream cheese", (("01017", 29),)),
    ("a pat of butter", (("01001", 5),)),
    ("a piece of chocolate cake", (("18096", 138),)),
    ("2 cookies", (("18159", 25.8),)),
    ("a granola bar", (("19015", 21),)),
    ("1 oz potato chips", (("19411", 28.35),)),
    ("3 cups popcorn", (("19034", 24),)),
    ("a piece of cheesecake", (("18147", 80),)),
    ("a milk chocolate bar", (("19120", 44),)),
    # Filler words, lists and separators
    ("I had a banana for breakfast", (("09040", 118),)),
    ("breakfast: oatmeal, a banana and coffee", (("08121", 234), ("09040", 118), ("14209", 237))),
    ("- 2 eggs\n- toast", (("01123", 100), ("18070", 27))),
    ("milk; bread; an apple", (("01079", 244), ("18069", 28), ("09003", 182))),
    ("coffee plus a croissant", (("14209", 237), ("18239", 57))),
    ("a bowl of rice & 3 oz salmon", (("20045", 158), ("15086", 85))),
    ("2 cups of half and half", (("01049", 484),)),
    ("mantou", ((None, 0),)),
    ("asdf qwerty", ((None, 0),)),
    # Chinese
    ("一杯牛奶", (("01077", 244),)),
    ("两片面包", (("18069", 56),)),
    ("一杯牛奶，两片面包", (("01077", 244), ("18069", 56))),
    ("一盒酸奶", (("01116", 170),)),
    ("一杯豆浆", (("16120", 243),)),
    ("两个鸡蛋", (("01123", 100),)),
    ("一个煮鸡蛋", (("01129", 50),)),
    ("100克豆腐", (("16126", 100),)),
    ("半块豆腐", (("16126", 63),)),
    ("一碗米饭", (("20045", 158),)),
    ("二两米饭", (("20045", 100),)),
    ("一个苹果", (("09003", 182),)),
    ("一根香蕉", (("09040", 118),)),
    ("一个橙子", (("09200", 131),)),
    ("一盘西兰花", (("11090", 148),)),
    ("一碗青菜", (("11116", 70),)),
    ("100克虾", (("15151", 100),)),
    ("一勺芝麻", (("12023", 9),)),
    ("一把杏仁", (("12061", 28.35),)),
    ("两片奶酪", (("01009", 56),)),
    ("一碗面条", (("20110", 160),)),
    ("一杯脱脂牛奶", (("01085", 245),)),
    ("一杯高钙牛奶", (("42290", 247),)),
    ("一瓶可乐", (("14148", 370),)),
    ("三文鱼100克", (("15086", 100),)),
    ("一罐沙丁鱼", (("15088", 92),)),
    ("小白菜一碗", (("11116", 70),)),
    ("一杯橙汁", (("09206", 248),)),
    ("一杯加钙橙汁", (("09211", 249),)),
    ("两块饼干", (("18159", 25.8),)),
    ("一个鸡腿", (("05069", 105),)),
    ("一份炒饭", (("36602", 137),)),
    ("十个饺子", (("32013", 290),)),
    ("一碗馄饨", (("27002", 223),)),
    ("一个半苹果", (("09003", 273),)),
    ("半杯酸奶", (("01116", 122.5),)),
    ("一杯咖啡", (("14209", 237),)),
    ("一杯红茶", (("14355", 237),)),
    ("三个饺子和一碗米饭", (("32013", 87), ("20045", 158))),
    ("早餐：一杯牛奶、一个鸡蛋、两片面包", (("01077", 244), ("01123", 50), ("18069", 56))),
    ("我吃了一碗米饭和一盘炒青菜", (("20045", 158), ("11117", 170))),
    ("一杯全脂牛奶", (("01077", 244),)),
    ("一杯低脂牛奶", (("01082", 244),)),
    ("半斤虾", (("15151", 250),)),
    ("一个鸭蛋", (("01138", 70),)),
    ("五个鹌鹑蛋", (("01140", 45),)),
    ("一勺花生酱", (("16098", 16),)),
    ("一碗燕麦粥", (("08121", 234),)),
    ("一块北豆腐", (("16159", 455),)),
    ("一个猕猴桃", (("09148", 69),)),
    ("一根黄瓜", (("11205", 301),)),
    ("一个西红柿", (("11529", 123),)),
    ("一杯 skim milk", (("01085", 245),)),
    ("200ml牛奶", (("01077", 206.2),)),
    ("鸡蛋两个，牛奶一杯", (("01123", 100), ("01077", 244))),
    ("一个馒头", ((None, 0),)),
    ("喝了一杯豆浆还有两个鸡蛋", (("16120", 243), ("01123", 100))),
    # Misspellings, other word orders and phrasings
    ("a cup of yoghurt", (("01116", 245),)),
    ("1 cup brocolli", (("11090", 91),)),
    ("chedar cheese, 1 slice", (("01009", 28),)),
    ("skimmed milk 200ml", (("01085", 207.1),)),
    ("bananna", (("09040", 118),)),
    ("1 glass of OJ", (("09206", 248),)),
    ("Two Slices Of Toast", (("18070", 54),)),
    ("a tin of sardines", (("15088", 92),)),
    ("small apple", (("09003", 149),)),
    ("a large banana", (("09040", 136),)),
    ("1 cup of plain greek yogurt", (("01256", 236.6),)),
    ("some almonds", (("12061", 28.35),)),
    ("a few strawberries", (("09316", 36),)),
    ("about 2 cups of rice", (("20045", 316),)),
    ("120g of salmon", (("15086", 120),)),
    ("a mug of hot cocoa", (("01105", 250),)),
    ("a carton of soy milk", (("16120", 243),)),
    ("one cup of kale, cooked", (("11234", 130),)),
    ("two tablespoons of almond butter", (("12195", 32),)),
    ("a cup of cooked lentils", (("16070", 198),)),
    ("pizza slice", (("21299", 107),)),
    ("3 tofu puffs", (("16129", 39),)),
    ("一小碗米饭", (("20045", 158),)),
    ("一个大苹果", (("09003", 223),)),
    ("一杯酸奶和一根香蕉", (("01116", 245), ("09040", 118))),
    ("一份三文鱼", (("15086", 85),)),
    ("半个牛油果", (("09037", 100.5),)),
    ("两勺燕麦片", (("08120", 10.1),)),
    ("一杯奶茶", ((None, 0),)),
    ("一碗白粥", ((None, 0),)),
)


def _right(got_ndb: str | None, got_grams: float, want_ndb: str | None, want_grams: float) -> bool:
    if got_ndb != want_ndb:
        return False
    return want_ndb is None or abs(got_grams - want_grams) <= GRAMS_TOLERANCE * want_grams


def test_table_has_enough_phrasings() -> None:
    """The accuracy table covers at least 150 phrasings, a third of them Chinese."""
    chinese = [text for text, _ in CASES if any("\u4e00" <= char <= "\u9fff" for char in text)]
    assert len(CASES) >= 150
    assert len(chinese) >= 50


def test_top1_accuracy() -> None:
    """At least 90 % of expected items get the right food (NDB) and weight on the first guess."""
    right = total = 0
    misses: list[str] = []
    for text, expected in CASES:
        items = parse_meal(text).items
        for index, (want_ndb, want_grams) in enumerate(expected):
            total += 1
            item = items[index] if index < len(items) else None
            got_ndb = item.food.ndb if item and item.food else None
            got_grams = item.grams if item else 0.0
            if item is not None and _right(got_ndb, got_grams, want_ndb, want_grams):
                right += 1
            else:
                misses.append(f"{text!r}[{index}]: want {want_ndb} {want_grams} g, got {got_ndb}")
        if len(items) > len(expected):
            misses.append(f"{text!r}: {len(items) - len(expected)} extra item(s)")
            total += len(items) - len(expected)
    accuracy = right / total
    report = f"\nmeal parser top-1 accuracy: {right}/{total} = {accuracy:.1%}\n" + "\n".join(misses)
    print(report)  # noqa: T201 - the issue asks this test to report its accuracy figure
    assert accuracy >= REQUIRED_ACCURACY


@pytest.mark.parametrize(("text", "expected"), [case for case in CASES if len(case[1]) > 1])
def test_multi_item_phrasings_split_into_their_items(text: str, expected: Expected) -> None:
    """A phrasing that names several foods yields exactly that many items."""
    assert len(parse_meal(text).items) == len(expected)
