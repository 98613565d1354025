from typing import Any

from django.core.management.base import BaseCommand

from samverkan.demo.build import database_has_other_data, demo_loaded, describe, load_demo


class Command(BaseCommand):
    help = (
        "Loads the demo data (Familjen Helsingborg, eleven municipalities, about 45 networks) "
        "into an empty database and prints the demo logins. Does nothing when they are loaded."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo_loaded() and database_has_other_data():
            self.stderr.write(
                "Databasen innehåller redan nätverk eller personer som inte är demodata; "
                "demodata läses bara in i en tom databas. Ingenting har ändrats."
            )
            return
        for line in describe(load_demo()):
            self.stdout.write(line)
