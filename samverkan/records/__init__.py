"""Public records (issue 15): a person's register extract (GDPR art. 15), ending a person
within the Archives Act (art. 17), the cooperation's retention decisions, and a closed
network's archive package (FGS Paketstruktur / E-ARK SIP). It sits above every room whose
records it reads, and below the API and the demo."""
