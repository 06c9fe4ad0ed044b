"""Rule data of the built-in frameworks (TOML), loaded by their plugins."""
