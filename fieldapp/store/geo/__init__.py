"""Map data in the database: boundaries, positions, MBTiles basemaps."""
