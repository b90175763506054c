"""Word lists per language (sv.json, en.json), read by okr_workshop.quality.text."""
