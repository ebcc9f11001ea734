from datetime import date

from fieldapp.core.export_names import export_name


def test_export_names_read_as_place_content_day():
    assert export_name("稷山县", "未覆盖户", "xlsx", date(2026, 12, 5)) == "稷山县_未覆盖户_2026-12-05.xlsx"
    assert export_name("", "同步包", ".fab", date(2026, 12, 5)) == "同步包_2026-12-05.fab"


def test_characters_windows_refuses_are_replaced():
    name = export_name('薛村/一组:"东"', "地图", "gpkg", date(2026, 1, 2))
    assert name == "薛村_一组_东__地图_2026-01-02.gpkg"
