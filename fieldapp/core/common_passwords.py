"""Common passwords of 10 characters or more (shorter ones are refused by length already), as
people type them: the top of public leak lists (RockYou, CSDN, 12306 and others), keyboard walks,
number sequences, pinyin phrases and names of this programme. Compared after lower-casing and
removing spaces. A small list on purpose: it catches what a guesser tries first; the length rule
and the checks in passphrase_rule.py do the rest."""

from __future__ import annotations

_LIST = """
0123456789 1234567890 0987654321 9876543210 12345678910 12345678900 12345678901 1234567899
1234512345 1234554321 1122334455 1122334455667788 1357924680 2468013579 1472583690 3692581470
147258369147 3141592653 31415926535 1234567890123 12341234123 1231231231 1234567812345678
11223344556 1234567890q 1234567890a 123456789a 123456789q 123456789z 123456789abc a1234567890
a123456789 aa123456789 qq123456789 q123456789 z123456789 123456789aa 1234567890qw abc1234567
abcd123456 abcde12345 abcdef1234 abc123456789 abcdefghij abcdefghijk abcdefg123 a1b2c3d4e5
a1b2c3d4e5f6 abc123abc123 1a2b3c4d5e 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc
1qaz2wsx3edc4rfv 1qazxsw23edc zaq12wsxcde3 zaq1xsw2cde3 !qaz2wsx3edc !qaz@wsx#edc 1qaz!qaz2wsx
qwertyuiop qwertyuiop[] qwertyuiop123 qwerty1234 qwerty12345 qwerty123456 qwer123456
qwer1234qwer 1234qwerasdf qwert12345 12345qwert 12345qwerty 123qweasd 123qweasdzxc
qweasdzxc123 qweasdzxc1 qazwsxedc123 qazwsxedcrfv qazwsxedc1 asdfghjkl; asdfghjkl123
asdfghjkl1 asdf123456 asdf1234asdf asd123456789 zxcvbnm,./ zxcvbnm123 zxcvbnm1234
zxc123456789 1234zxcv 123456asdf 123456qwer 123456abcd 123456abc! 123456789! 1234567890!
password12 password123 password1234 password12345 password123456 password2020 password2021
password2022 password2023 password2024 password2025 password2026 password2027 password!!
passw0rd123 p@ssw0rd123 p@ssword123 p@ssw0rd12 passwordpassword password1! password123!
administrator admin12345 admin123456 admin1234567 admin2024 admin2025 admin2026 adminadmin
root123456 rootroot12 test123456 test12345678 testtest12 user123456 guest12345
iloveyou12 iloveyou123 iloveyou1314 iloveyou520 iloveyou1234 welcome123 welcome1234
letmein123 trustno1234 changeme123 computer123 internet123 starwars123 dragon1234
monkey12345 superman123 football123 baseball123 princess123 sunshine123 master1234
shadow1234 michael123 whatever12 qwerty@123 abc@123456 admin@1234 admin@12345
woaini1314 woaini123456 woaini1314520 woaini5201314 woaini520520 5201314520 5201314521
1314520520 1314521521 5211314521 52013145201314 woaiwojia123 woaizhongguo zhongguo123
zhongguo1234 china123456 china12345 china2024 beijing2008 beijing123 beijing1234
shanghai123 shanghai1234 zhangwei123 wangwei123 liuyang123 wangjing123 lijun123456
zhang123456 wang123456 li12345678 liu12345678 chen123456 yang123456 huang123456 zhao123456
nihao123456 aini1314520 wodemima123 mima123456 mimamima12 mima12345678 88888888888 66666666666
huhutong123 huhutong2026 cuncuntong huhutong cuncuntong123 cuncuntonghuhutong
fieldapp123 fieldapp1234 fieldapp2024 fieldapp2025 fieldapp2026 county12345 county2026
township123 township2026 laptop12345 rongmeiti123 rongmeiti2026 jishan123456 jishan2026
xiuzhou123456 xiuzhou2026 jiaxing123456 shanxi123456 zhejiang123 123456abcdef
"""

COMMON = frozenset(_LIST.split())

# Words people put a number or a year before or after ("password2026!", "woaini1314"): a
# passphrase that is one of these plus digits and symbols only is as weak as the word.
_WORDS = """
password passw0rd p@ssw0rd p@ssword pass iloveyou loveyou woaini woaiwojia aini admin
administrator root test user guest qwerty qwert qwer asdf asdfgh asdfghjkl zxcvbnm zxcv
qweasd qweasdzxc qazwsx qazwsxedc abc abcd abcde abcdef abcdefg welcome letmein trustno
changeme computer internet dragon monkey superman football baseball princess sunshine master
shadow michael china zhongguo beijing shanghai mima wodemima nihao huhutong cuncuntong
fieldapp county township laptop rongmeiti jishan xiuzhou jiaxing shanxi zhejiang
"""

WORDS = frozenset(_WORDS.split())
