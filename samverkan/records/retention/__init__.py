"""Issue 15, §3: the cooperation's retention decisions (gallringsbeslut) and the daily job."""
