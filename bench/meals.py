"""Benchmark meal-text estimates against the built-in table and against all SR26 foods.

Run: .venv/bin/python bench/meals.py  (SR26 from CALCIBOT_SR_DIR or ../shared/data/usda-sr26)
The last line printed is one JSON object with the p50/p99 latencies in milliseconds.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from nutrition.foods import FoodMatcher, builtin_foods, estimate, load_sr_release

ITEMS = (
    "2 cups of skim milk", "100 g tofu", "a slice of cheddar", "an apple", "half a cup of yogurt",
    "a glass of milk", "two eggs", "3 scrambled eggs", "a bowl of rice", "2 slices of toast",
    "a cup of coffee", "a banana", "1 cup cooked bok choy", "a can of sardines", "3 oz salmon",
    "a cup of orange juice with calcium", "1 tbsp tahini", "a handful of almonds", "oatmeal",
    "1 cup of steamed broccoli", "a cup of kale", "a container of greek yogurt", "6 shrimp",
    "a chicken breast", "a cup of spaghetti", "2 slices of pizza", "a cheeseburger", "fries",
    "a cup of black beans", "a bagel with cream cheese", "a cup of soy milk", "1 tbsp honey",
    "a cup of strawberries", "10 grapes", "a baked potato", "green salad", "2 cookies",
    "a piece of chocolate cake", "a cup of tea", "a can of coke", "a glass of red wine",
    "calcium fortified soy milk", "150 g nigari tofu", "a stalk of celery", "1 cup brocolli",
    "一杯牛奶", "两片面包", "一盒酸奶", "一杯豆浆", "两个鸡蛋", "100克豆腐", "一碗米饭",
    "二两米饭", "一个苹果", "一根香蕉", "一盘西兰花", "一碗青菜", "100克虾", "一勺芝麻",
    "一把杏仁", "两片奶酪", "一碗面条", "一杯脱脂牛奶", "一杯高钙牛奶", "三文鱼100克",
    "一罐沙丁鱼", "十个饺子", "一碗馄饨", "半杯酸奶", "一杯咖啡", "一份炒饭", "一个鸡腿",
    "a few strawberries", "a cup and a half of milk", "1 1/2 cups milk", "a mug of hot cocoa",
)  # fmt: skip
SEPARATORS = (", ", " and ", "; ", "\n", " with ", "，", "、", "和")
MEALS = 2000


def meal_texts(count: int, seed: int = 26) -> list[str]:
    """Return `count` meal texts of one to four items, the same every run."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        items = rng.sample(ITEMS, rng.randint(1, 4))
        texts.append(rng.choice(SEPARATORS).join(items))
    return texts


def timings_ms(texts: Sequence[str], run: Callable[[str], object]) -> list[float]:
    """Time `run` on each text in milliseconds."""
    out = []
    for text in texts:
        start = time.perf_counter_ns()
        run(text)
        out.append((time.perf_counter_ns() - start) / 1e6)
    return out


def percentile(values: Sequence[float], fraction: float) -> float:
    """Return the nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(label: str, values: Sequence[float]) -> tuple[float, float]:
    """Print and return p50 and p99 of a timing list."""
    p50, p99 = percentile(values, 0.50), percentile(values, 0.99)
    mean = statistics.fmean(values)
    print(f"{label:<34} n={len(values):>5}  p50={p50:.3f} ms  p99={p99:.3f} ms  mean={mean:.3f} ms")
    return p50, p99


def bench(label: str, matcher: FoodMatcher, texts: Sequence[str]) -> tuple[float, float]:
    """Time estimates on a fresh matcher: the first pass fills its caches, the rest reuse them."""
    values = timings_ms(texts, lambda text: estimate(text, table=matcher))
    report(f"{label}, first {len(texts) // 10} (cold)", values[: len(texts) // 10])
    return report(f"{label}, all", values)


def main() -> None:
    """Run both benchmarks and print the JSON summary last."""
    texts = meal_texts(MEALS)
    print(f"{len(texts)} meal texts, {len(ITEMS)} item phrasings, 1-4 items each")
    p50, p99 = bench("built-in table", FoodMatcher(builtin_foods()), texts)
    sr_root = Path(os.environ.get("CALCIBOT_SR_DIR") or "../shared/data/usda-sr26")
    start = time.perf_counter()
    sr_rows = load_sr_release(sr_root)
    sr_matcher = FoodMatcher(builtin_foods()).with_rows(sr_rows)
    load_s = time.perf_counter() - start
    print(f"loaded {len(sr_rows)} SR26 foods and indexed them in {load_s:.2f} s")
    sr_p50, sr_p99 = bench("built-in + all SR26", sr_matcher, texts)
    summary = {"estimate_p50_ms": p50, "estimate_p99_ms": p99}
    summary |= {"sr_estimate_p50_ms": sr_p50, "sr_estimate_p99_ms": sr_p99}
    print(json.dumps({key: round(value, 3) for key, value in summary.items()}))


if __name__ == "__main__":
    main()
