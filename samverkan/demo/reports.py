"""Demo data of issue 8's apps: costs, a closed survey round and the directors' group.
Called once from cooperation/demo.py, after agreements (cost sharing) and meetings."""

import datetime


def load(today: datetime.date) -> None:
    from samverkan.demo import costs as costs_demo
    from samverkan.demo import surveys as surveys_demo

    costs_demo.load(today)
    surveys_demo.load(today)
