"""Adapters that feed the analyses: the Django database and a Parquet snapshot.

Both implement :class:`passend.analysis.bron.Gegevensbron`; the analyses themselves never
import Django or read files.
"""
