"""Demo: the annual report of the latest full year for 广州市 and each of its districts."""

from core import demo
from core.models import Region
from reports.services import report_create


def build(world: demo.DemoWorld) -> None:
    year = world.today.year - 1
    city = Region.objects.get(code=demo.CITY_CODE)
    for region in [city, *city.children.order_by("code")]:
        report_create(actor=None, region=region, year=year)


demo.register(90, "reports", build)
