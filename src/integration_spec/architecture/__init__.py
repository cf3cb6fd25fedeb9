"""Architecture readers: a tolerant markdown reader and an exact YAML one."""
