"""The Textual app. Widgets render state; they do not parse files or compute scores."""
