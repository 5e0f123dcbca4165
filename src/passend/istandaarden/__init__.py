"""iStandaarden (iJw / iWmo 3.2): message specifications and structural validation."""
