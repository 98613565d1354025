"""Date formats per language (FORMAT_MODULE_PATH; issue 16, point 14): English dates in one
format throughout, "1 January 2015" as in Swedish "1 januari 2015", never Django's American
"Jan. 1, 2015" beside a template's "15 December 2026". Short forms stay ISO, as the pages'
tables write them (Y-m-d)."""
