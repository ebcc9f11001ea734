"""Realistic Chinese household-head names, ID numbers and phone numbers (all synthetic)."""

from __future__ import annotations

import random
from operator import mul

from fieldapp.core.idcard import id_check_char

from .draw import Weighted, choice, randint

# Common surnames with rough weights (national frequency order), a few regional ones added.
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
_SURNAME_WEIGHTS = [max(1.0, 60.0 / (i + 1) ** 0.8) for i in range(len(SURNAMES))]
GIVEN = (
    "建国建军建华建平国强国华国庆志强志刚志明志伟永强永刚永红海涛海燕红梅秀英秀兰桂英桂兰玉兰"
    "玉梅凤英淑珍丽华春华秋菊冬梅小平小红晓东晓燕文华文明卫东卫国爱国爱华德胜德明福生福林"
    "保国保华金山金花银花天明天福长青长生宝山宝林树林树根新民新华学军学文俊杰浩然子涵雨轩"
)
_GIVEN_2 = [GIVEN[i:i + 2] for i in range(0, len(GIVEN) - 1, 2)]
_GIVEN_1 = sorted(set(GIVEN))


_SURNAME = Weighted(SURNAMES, _SURNAME_WEIGHTS)
_MOBILE_PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152",
                    "155", "157", "158", "159", "166", "177", "180", "181", "183", "186", "187",
                    "188", "189", "191", "199")


def head_name(rng: random.Random) -> str:
    surname = _SURNAME(rng)
    if rng.random() < 0.78:
        return surname + choice(rng, _GIVEN_2)
    return surname + choice(rng, _GIVEN_1)


def id_number(rng: random.Random, region6: str) -> str:
    year = randint(rng, 1940, 2000)
    month = randint(rng, 1, 12)
    day = randint(rng, 1, 28)
    seq = randint(rng, 0, 999)
    first17 = f"{region6}{year:04d}{month:02d}{day:02d}{seq:03d}"
    return first17 + _check_char(first17)


def mobile(rng: random.Random) -> str:
    return choice(rng, _MOBILE_PREFIXES) + f"{randint(rng, 0, 99_999_999):08d}"


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _fast_check_char(first17: str) -> str:
    """GB 11643 check character, as core.idcard.id_check_char, for 17 ASCII digits."""
    return "10X98765432"[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


_check_char = _fast_check_char
if any(_fast_check_char(f"{n:017d}") != id_check_char(f"{n:017d}")
       for n in range(14082419400101000, 14082419400101000 + 10**15, 3 * 10**12 + 7)):
    _check_char = id_check_char  # pragma: no cover - the core rule changed: follow it
