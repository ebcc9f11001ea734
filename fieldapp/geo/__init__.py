"""Coordinates and geometry: CRS handling, GCJ-02, boundaries, spatial checks. No Qt."""
